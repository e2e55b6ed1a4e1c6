// gradient_timing.h — the book's point about backpropagation's speed, measured (chapter 2,
// "In what sense is backpropagation a fast algorithm?").
//
// Estimating every ∂C/∂w by centred differences, (C(w + ε) − C(w − ε)) / 2ε, costs two forward
// passes per parameter: about 48,000 for the 784-30-10 network. Backpropagation gets all of them
// from one forward and one backward pass. This runs both on one example — the comparison and the
// relative errors come from the engine's gradient check (nn/gradient_check.h) over every
// parameter — and times one backprop pass on its own.
#pragma once

#include "core/nn/gradient_check.h"
#include "core/nn/network.h"

#include <Eigen/Core>

#include <vector>

namespace nnlab::backprop {

struct GradientTiming {
    // Per layer, 1-based as w^l of the engine (layer 1 = the first weights, the book's w²):
    // relative error ‖∇_bp − ∇_fd‖ / (‖∇_bp‖ + ‖∇_fd‖) over all its weights and biases, and the
    // seconds its finite differences took.
    std::vector<LayerGradientCheck> layers;
    long long parameters = 0;          // weights and biases
    long long forwardPasses = 0;       // the finite differences' forward passes: 2 per parameter
    double backpropSeconds = 0.0;      // one forward + backward pass: all the gradients
    double finiteDifferenceSeconds = 0.0;
    double maxRelativeError = 0.0;
    bool complete = false;             // false when progress() stopped it

    double ratio() const { return backpropSeconds > 0.0 ? finiteDifferenceSeconds / backpropSeconds : 0.0; }
};

// Times backprop (the median of `backpropRepeats` passes, after one to warm the buffers: a single
// pass of a small net takes microseconds, too short to time once) and checks every parameter
// against finite differences. The network's parameters are unchanged afterwards; its gradient
// buffers hold backprop's ∂C/∂w, ∂C/∂b for (x, y).
GradientTiming timeGradients(Network& net, const Eigen::VectorXf& x, const Eigen::VectorXf& y,
                             int backpropRepeats = 51, const GradientCheckProgress& progress = {});

}  // namespace nnlab::backprop
