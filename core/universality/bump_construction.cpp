#include "core/universality/bump_construction.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nnlab::universality {

namespace {

void addStep(OneInputNetwork& network, NeuronFunction hidden, double w, double s, double v)
{
    if (hidden == NeuronFunction::ReLU) {
        // Two ramps whose difference climbs from 0 to 1 across [s − 1/(2w), s + 1/(2w)].
        network.addNeuron({w, biasForStep(w, s) + 0.5, v});
        network.addNeuron({w, biasForStep(w, s) - 0.5, -v});
    } else {
        network.addNeuron({w, biasForStep(w, s), v});
    }
}

}  // namespace

OneInputNetwork buildNetwork(const BumpConstruction& c)
{
    OneInputNetwork network(c.hidden, c.output);
    for (const Bump& bump : c.bumps) {
        addStep(network, c.hidden, c.w, bump.s1, bump.h);
        addStep(network, c.hidden, c.w, bump.s2, -bump.h);
    }
    network.setOutputBias(0.0);
    return network;
}

namespace {

// The median of goal(x) over the book's grid points x in [from, to); the midpoint's goal if none.
double medianGoal(const Function1D& goal, double from, double to)
{
    std::vector<double> values;
    for (double x : bookGrid())
        if (x >= from - 1e-12 && x < to - 1e-12)
            values.push_back(goal(x));
    if (values.empty())
        return goal(std::clamp(0.5 * (from + to), 0.0, 1.0));
    std::sort(values.begin(), values.end());
    const size_t m = values.size() / 2;
    return values.size() % 2 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}

}  // namespace

std::vector<Bump> equalBumps(const Function1D& f, int n, OutputKind output, int copies, HeightRule rule)
{
    const Function1D goal = output == OutputKind::Sigmoid
                                ? Function1D([&f](double x) { return inverseSigmoid(f(x)); })
                                : f;
    n = std::max(n, 1);
    copies = std::max(copies, 1);
    std::vector<Bump> bumps;
    const double width = 1.0 / n;
    for (int m = 0; m < copies; ++m) {
        const double shift = width * m / copies;
        for (int k = (m == 0 ? 0 : -1); k < n; ++k) {
            Bump bump;
            bump.s1 = shift + k * width;
            bump.s2 = shift + (k + 1) * width;
            const double mid = std::clamp(0.5 * (bump.s1 + bump.s2), 0.0, 1.0);
            const double height = rule == HeightRule::Median ? medianGoal(goal, bump.s1, bump.s2) : goal(mid);
            bump.h = height / copies;
            bumps.push_back(bump);
        }
    }
    return bumps;
}

void randomiseHeights(std::vector<Bump>& bumps, std::mt19937& rng, double lo, double hi)
{
    std::uniform_real_distribution<double> height(lo, hi);
    for (Bump& bump : bumps)
        bump.h = height(rng);
}

double windowHalfWidth(NeuronFunction hidden, double w)
{
    const double steep = std::abs(w);
    if (hidden == NeuronFunction::Linear || steep == 0.0)
        return std::numeric_limits<double>::infinity();
    switch (hidden) {
    case NeuronFunction::Sigmoid: return std::log(99.0) / steep;       // σ(±4.6) = 0.99, 0.01
    case NeuronFunction::SigmoidLike: return std::log(120.0) / steep;  // (1 + 0.2)e^{−|z|} < 0.01
    case NeuronFunction::ReLU: return 0.5 / steep;
    case NeuronFunction::Linear: break;
    }
    return std::numeric_limits<double>::infinity();
}

std::vector<double> stepPositions(const BumpConstruction& c)
{
    std::vector<double> s;
    for (const Bump& bump : c.bumps) {
        s.push_back(bump.s1);
        s.push_back(bump.s2);
    }
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end(), [](double a, double b) { return std::abs(a - b) < 1e-12; }),
            s.end());
    return s;
}

std::vector<Interval> windowsOfFailure(const BumpConstruction& c)
{
    const double half = windowHalfWidth(c.hidden, c.w);
    std::vector<Interval> windows;
    for (double s : stepPositions(c)) {
        Interval window{std::max(0.0, s - half), std::min(1.0, s + half)};
        if (window.from > window.to)
            continue;  // the step and its window lie outside [0, 1]
        if (!windows.empty() && window.from <= windows.back().to)
            windows.back().to = std::max(windows.back().to, window.to);
        else
            windows.push_back(window);
    }
    return windows;
}

std::vector<double> bookGrid()
{
    return uniformGrid(100);
}

std::vector<double> uniformGrid(int count)
{
    std::vector<double> xs(static_cast<size_t>(std::max(count, 1)));
    for (size_t i = 0; i < xs.size(); ++i)
        xs[i] = static_cast<double>(i) / static_cast<double>(xs.size());
    return xs;
}

std::vector<double> plotPoints(const BumpConstruction& c, int uniformCount)
{
    std::vector<double> xs;
    for (int i = 0; i <= uniformCount; ++i)
        xs.push_back(static_cast<double>(i) / uniformCount);
    const double half = windowHalfWidth(c.hidden, c.w);
    if (std::isfinite(half) && half * uniformCount < 4.0) {  // steps narrower than the grid
        for (double s : stepPositions(c))
            for (int k = -12; k <= 12; ++k) {
                const double x = s + half * k / 6.0;
                if (x > 0.0 && x < 1.0)
                    xs.push_back(x);
            }
        std::sort(xs.begin(), xs.end());
    }
    return xs;
}

double challengeDeviation(const OneInputNetwork& network, const Function1D& f)
{
    const bool sigmoidOutput = network.outputKind() == OutputKind::Sigmoid;
    const std::vector<double> xs = bookGrid();
    const std::vector<double> z = network.weightedOutput(xs);
    double sum = 0.0;
    for (size_t i = 0; i < xs.size(); ++i) {
        const double goal = sigmoidOutput ? inverseSigmoid(f(xs[i])) : f(xs[i]);
        sum += std::abs(goal - z[i]);
    }
    return sum / static_cast<double>(xs.size());
}

double meanDeviation(const OneInputNetwork& network, const Function1D& f, const std::vector<double>& xs)
{
    const std::vector<double> a = network.output(xs);
    double sum = 0.0;
    for (size_t i = 0; i < xs.size(); ++i)
        sum += std::abs(f(xs[i]) - a[i]);
    return xs.empty() ? 0.0 : sum / static_cast<double>(xs.size());
}

PointDeviation worstDeviation(const OneInputNetwork& network, const Function1D& f,
                              const std::vector<double>& xs)
{
    const std::vector<double> a = network.output(xs);
    PointDeviation worst;
    for (size_t i = 0; i < xs.size(); ++i) {
        const double d = std::abs(f(xs[i]) - a[i]);
        if (d > worst.deviation)
            worst = {xs[i], d};
    }
    return worst;
}

}  // namespace nnlab::universality
