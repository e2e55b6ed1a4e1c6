// neuron_function.h — the scalar activation functions chapter 4 builds its steps from.
//
// Chapter 4 works with one number at a time (x in [0, 1], one neuron's z), so these are plain
// double functions, not the engine's matrix activations in nn/activation.h.
#pragma once

#include <string>

namespace nnlab::universality {

enum class NeuronFunction {
    Sigmoid,      // σ(z) = 1/(1 + e^{−z})                                   (eq. 3)
    SigmoidLike,  // the book's s(z) = σ(z) + 0.2·sin(10z)·e^{−|z|}: wobbly, but still 0 → 1
    ReLU,         // max(0, z): a ramp, not a step; steps are built from pairs of ramps
    Linear,       // z: sums of these stay linear, so no step can be built (the counter-example)
};

std::string neuronFunctionName(NeuronFunction f);  // "sigmoid", "s(z)", "ReLU", "linear"

double sigmoid(double z);
// σ⁻¹(a) = ln(a/(1 − a)); a is first clamped into [1e−6, 1 − 1e−6] so the result is finite.
double inverseSigmoid(double a);
double neuronOutput(NeuronFunction f, double z);

}  // namespace nnlab::universality
