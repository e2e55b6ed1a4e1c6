// neuron_chain.h — chapter 5's chain of single neurons, x → σ → σ → … → a^L, one neuron per layer:
// ∂C/∂b_1 = σ'(z_1) · w_2 σ'(z_2) · … · w_L σ'(z_L) · ∂C/∂a_L (the book's eq. 122). Each layer
// multiplies the gradient by |w_j σ'(z_j)|: below 1 it vanishes toward the input, above 1 it
// explodes. The book's exploding example: w = 100 and b_j = −100·a_{j−1}, so z_j = 0 and
// σ'(z_j) = 1/4, a factor of 25 per layer.
#pragma once

#include "core/nn/activation.h"

#include <vector>

namespace nnlab::deep {

struct NeuronChain {
    std::vector<double> weights;   // w_1..w_L (w_1 multiplies the input x)
    std::vector<double> biases;    // b_1..b_L
    Activation activation = Activation::Sigmoid;   // sigmoid or ReLU
};

// The book's exploding chain of `length` neurons: every w_j = w, every b_j = −w·a_{j−1}, so that
// every z_j = 0 (sigmoid: σ'(0) = 1/4, a_j = 1/2). With ReLU, b_j = 0 and z_j = w·a_{j−1}.
NeuronChain balancedChain(int length, double w, double x, Activation activation = Activation::Sigmoid);

struct ChainGradients {
    std::vector<double> z;              // z_j
    std::vector<double> a;              // a_j
    std::vector<double> biasGradients;  // ∂C/∂b_j = δ_j
};

// Forward pass from input x, then backpropagation of the quadratic cost C = ½(a_L − y)².
ChainGradients chainGradients(const NeuronChain& chain, double x, double y);

}  // namespace nnlab::deep
