// gradient_check.h — backpropagation against centred finite differences (chapter 2).
//
// ∂C/∂w ≈ (C(w + ε) − C(w − ε)) / 2ε costs two forward passes per weight; backprop gets every
// ∂C/∂w from one forward and one backward pass. The check compares them layer by layer.
#pragma once

#include "core/nn/network.h"

#include <functional>
#include <random>
#include <vector>

namespace nnlab {

struct LayerGradientCheck {
    int layer = 0;                 // 1-based, as w^l
    int checked = 0;               // parameters compared
    double relativeError = 0.0;    // ‖g_bp − g_fd‖ / (‖g_bp‖ + ‖g_fd‖) over those parameters
    double backpropSeconds = 0.0;  // one forward + backward pass for all parameters
    double finiteDifferenceSeconds = 0.0;
};

struct GradientCheck {
    std::vector<LayerGradientCheck> layers;
    double maxRelativeError = 0.0;
};

// Checks up to maxPerLayer parameters of each layer (chosen at random; all if fewer), on the
// examples x with targets y. The network's parameters are restored afterwards. Dropout must be
// off (it makes the cost random). `progress(done, total)`, when given, is called every 256
// parameters and at the end; returning false stops the check (the layers checked so far are
// returned, the parameters restored).
using GradientCheckProgress = std::function<bool(long long done, long long total)>;
GradientCheck checkGradients(Network& net, const Eigen::MatrixXf& x, const Eigen::MatrixXf& y,
                             int maxPerLayer, std::mt19937_64& rng, float epsilon = 1e-5f,
                             const GradientCheckProgress& progress = {});

}  // namespace nnlab
