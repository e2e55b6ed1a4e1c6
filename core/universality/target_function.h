// target_function.h — the functions the network is asked to approximate.
//
// The book's f(x) = 0.2 + 0.4x² + 0.3x·sin(15x) + 0.05·cos(50x); a formula the person types
// (a small, safe parser: numbers, x and y, + − * / ^, parentheses, sin cos tan exp log sqrt abs
// tanh, pi, e; never executes anything, never throws on bad input); and a curve drawn with the
// mouse, kept as samples on a uniform grid over [0, 1].
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace nnlab::universality {

using Function1D = std::function<double(double x)>;
using Function2D = std::function<double(double x, double y)>;

double bookFunction(double x);  // chapter 4's f(x)

struct FormulaNode;

// A parsed formula in x (and y, when allowed). Copies share the parsed tree, which is immutable.
class Formula {
public:
    struct Result;
    // Parses `text`; on failure the Result holds a message and the column (1-based) it refers to.
    static Result parse(const std::string& text, bool allowY = false);

    double operator()(double x, double y = 0.0) const;
    const std::string& text() const { return m_text; }

private:
    Formula(std::shared_ptr<const FormulaNode> root, std::string text);
    std::shared_ptr<const FormulaNode> m_root;
    std::string m_text;
};

struct Formula::Result {
    std::shared_ptr<const Formula> formula;  // null on failure
    std::string error;                       // empty on success
    int column = 0;                          // where the error is, 1-based; 0 when none
    bool ok() const { return formula != nullptr; }
};

// A curve over [0, 1] drawn by hand: `count` samples at x_i = i/(count − 1), read back by linear
// interpolation. Drawing a stroke from (x0, y0) to (x1, y1) sets every sample it passes over.
class SampledCurve {
public:
    explicit SampledCurve(int count = 201, const Function1D& initial = {});

    double operator()(double x) const;
    void drawSegment(double x0, double y0, double x1, double y1);
    int count() const { return static_cast<int>(m_values.size()); }
    const std::vector<double>& values() const { return m_values; }

private:
    std::vector<double> m_values;
};

}  // namespace nnlab::universality
