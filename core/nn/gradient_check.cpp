#include "core/nn/gradient_check.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// The cost in double precision (the parameters themselves stay float32).
double totalCost(const Network& net, const Eigen::MatrixXd& x, const Eigen::MatrixXd& y)
{
    Eigen::MatrixXd output;
    net.inferDouble(x, output);
    return costValue(net.cost(), output, y);
}

}  // namespace

GradientCheck checkGradients(Network& net, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                             int maxPerLayer, std::mt19937_64& rng, float epsilon,
                             const GradientCheckProgress& progress)
{
    GradientCheck result;
    long long total = 0, done = 0;
    for (int l = 0; l < net.layerCount(); ++l) {
        long long size = 0;
        for (const Parameter& p : net.layer(l).parameters())
            size += p.size;
        total += std::min<long long>(size, maxPerLayer);
    }
    const auto t0 = Clock::now();
    net.backprop(x, y, rng, /*training=*/false);
    const double backpropSeconds = seconds(t0);
    const Eigen::MatrixXd xd = x.cast<double>(), yd = y.cast<double>();

    for (int l = 0; l < net.layerCount(); ++l) {
        // Every (parameter array, element) of this layer, then a random subset of them.
        const std::vector<Parameter> params = net.layer(l).parameters();
        std::vector<std::pair<int, Eigen::Index>> candidates;
        for (int p = 0; p < int(params.size()); ++p)
            for (Eigen::Index i = 0; i < params[p].size; ++i)
                candidates.emplace_back(p, i);
        std::shuffle(candidates.begin(), candidates.end(), rng);
        if (int(candidates.size()) > maxPerLayer)
            candidates.resize(maxPerLayer);

        LayerGradientCheck check;
        check.layer = l + 1;
        check.checked = int(candidates.size());
        check.backpropSeconds = backpropSeconds;
        double diff2 = 0.0, bp2 = 0.0, fd2 = 0.0;
        const auto t1 = Clock::now();
        bool stopped = false;
        for (const auto& [p, i] : candidates) {
            if (progress && ++done % 256 == 0 && !progress(done, total)) {
                stopped = true;
                break;
            }
            float& value = params[p].value[i];
            const float original = value;
            // Divide by the step float really took: original ± ε is rounded to float32.
            const float up = original + epsilon, down = original - epsilon;
            value = up;
            const double plus = totalCost(net, xd, yd);
            value = down;
            const double minus = totalCost(net, xd, yd);
            value = original;
            const double fd = (plus - minus) / (double(up) - double(down));
            const double bp = params[p].nabla[i];
            diff2 += (bp - fd) * (bp - fd);
            bp2 += bp * bp;
            fd2 += fd * fd;
        }
        check.finiteDifferenceSeconds = seconds(t1);
        if (stopped)
            return result;
        const double scale = std::sqrt(bp2) + std::sqrt(fd2);
        check.relativeError = scale > 0.0 ? std::sqrt(diff2) / scale : 0.0;
        result.maxRelativeError = std::max(result.maxRelativeError, check.relativeError);
        result.layers.push_back(check);
    }
    if (progress)
        progress(total, total);
    return result;
}

}  // namespace nnlab
