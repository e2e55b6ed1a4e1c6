#include "core/backprop/gradient_timing.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace nnlab::backprop {

GradientTiming timeGradients(Network& net, const Eigen::VectorXf& x, const Eigen::VectorXf& y,
                             int backpropRepeats, const GradientCheckProgress& progress)
{
    using Clock = std::chrono::steady_clock;
    const Eigen::MatrixXf xm = x, ym = y;   // one example: one column
    std::mt19937_64 rng(1);                 // no dropout outside training: never drawn from

    GradientTiming timing;
    net.backprop(xm, ym, rng, /*training=*/false);   // warm-up: sizes the δ buffers
    std::vector<double> seconds;
    for (int r = 0; r < std::max(1, backpropRepeats); ++r) {
        const auto t0 = Clock::now();
        net.backprop(xm, ym, rng, /*training=*/false);
        seconds.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::nth_element(seconds.begin(), seconds.begin() + seconds.size() / 2, seconds.end());
    timing.backpropSeconds = seconds[seconds.size() / 2];

    for (const Parameter& p : net.parameters())
        timing.parameters += p.size;
    timing.forwardPasses = 2 * timing.parameters;

    const GradientCheck check =
        checkGradients(net, xm, ym, std::numeric_limits<int>::max(), rng, 1e-5f, progress);
    timing.complete = int(check.layers.size()) == net.layerCount();
    timing.layers = check.layers;
    timing.maxRelativeError = check.maxRelativeError;
    for (const LayerGradientCheck& layer : check.layers)
        timing.finiteDifferenceSeconds += layer.finiteDifferenceSeconds;
    return timing;
}

}  // namespace nnlab::backprop
