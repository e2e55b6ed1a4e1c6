// adversarial.h — adversarial examples (chapter 6 mentions them): the fast gradient sign method
// moves every pixel by ε in the direction that raises the cost, x' = clip(x + ε·sgn(∂C/∂x), 0, 1),
// and a change a person barely sees can change what the network says.
#pragma once

#include "core/nn/network.h"

namespace nnlab {

struct AdversarialExample {
    Eigen::VectorXf image;           // x', pixels in [0, 1]
    Eigen::VectorXf outputs;         // a^L for x'
    Eigen::VectorXf originalOutputs; // a^L for x
};

// `net` is copied inside (backprop writes the layers' buffers), so the caller's stays untouched.
AdversarialExample fastGradientSign(const Network& net, const Eigen::VectorXf& image, int label, float epsilon);

}  // namespace nnlab
