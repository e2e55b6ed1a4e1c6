#include "core/nn/cost.h"

#include "core/util/enum_names.h"

#include <cmath>
#include <stdexcept>

namespace nnlab {

namespace {
constexpr EnumName<Cost> kNames[] = {
    {Cost::Quadratic, "quadratic"},
    {Cost::CrossEntropy, "cross-entropy"},
    {Cost::LogLikelihood, "log-likelihood"},
};
}  // namespace

std::string costName(Cost cost) { return enumName(kNames, cost); }

std::optional<Cost> parseCost(const std::string& name) { return parseEnum(kNames, name); }

bool costSupportsOutput(Cost cost, Activation output)
{
    switch (cost) {
    case Cost::Quadratic: return output != Activation::Softmax;
    case Cost::CrossEntropy: return output == Activation::Sigmoid;
    case Cost::LogLikelihood: return output == Activation::Softmax;
    }
    return false;
}

double costValue(Cost cost, const Eigen::MatrixXf& a, const Eigen::MatrixXf& y)
{
    return costValue(cost, Eigen::MatrixXd(a.cast<double>()), Eigen::MatrixXd(y.cast<double>()));
}

double costValue(Cost cost, const Eigen::MatrixXd& a, const Eigen::MatrixXd& y)
{
    const auto ad = a.array();
    const auto yd = y.array();
    switch (cost) {
    case Cost::Quadratic:
        return 0.5 * (ad - yd).square().sum();
    case Cost::CrossEntropy: {
        // network2.py wraps this in nan_to_num: 0·ln 0 counts as 0, and ln 0 as a large finite
        // number. Clamping a away from 0 and 1 by the smallest double does the same.
        const double tiny = 1e-300;
        const Eigen::ArrayXXd lnA = ad.max(tiny).log();
        const Eigen::ArrayXXd ln1mA = (1.0 - ad).max(tiny).log();
        return -(yd * lnA + (1.0 - yd) * ln1mA).sum();
    }
    case Cost::LogLikelihood:
        // y is one-hot, so Σ_j y_j ln a_j picks out ln a_y.
        return -(yd * ad.max(1e-300).log()).sum();
    }
    return 0.0;
}

void outputDelta(Cost cost, Activation output, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                 const Eigen::MatrixXf& y, Eigen::MatrixXf& delta)
{
    if (!costSupportsOutput(cost, output))
        throw std::invalid_argument(costName(cost) + " cost is not defined here for a " +
                                    activationName(output) + " output layer");
    delta.noalias() = a - y;  // ∇_a C for quadratic cost; the whole of δ^L for the other two
    if (cost == Cost::Quadratic)
        multiplyByDerivative(output, z, a, delta);  // BP1: δ^L = ∇_a C ⊙ σ'(z^L)
}

}  // namespace nnlab
