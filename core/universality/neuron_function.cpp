#include "core/universality/neuron_function.h"

#include <algorithm>
#include <cmath>

namespace nnlab::universality {

std::string neuronFunctionName(NeuronFunction f)
{
    switch (f) {
    case NeuronFunction::Sigmoid: return "sigmoid";
    case NeuronFunction::SigmoidLike: return "s(z)";
    case NeuronFunction::ReLU: return "ReLU";
    case NeuronFunction::Linear: return "linear";
    }
    return "?";
}

double sigmoid(double z)
{
    // Far from 0 skip exp, which is most of the cost of a network of sharp steps: σ(z) rounds to
    // exactly 1 in double for z > 40, and is below 4.3e−18 for z < −40.
    if (z > 40.0)
        return 1.0;
    if (z < -40.0)
        return 0.0;
    return 1.0 / (1.0 + std::exp(-z));
}

double inverseSigmoid(double a)
{
    const double clamped = std::clamp(a, 1e-6, 1.0 - 1e-6);
    return std::log(clamped / (1.0 - clamped));
}

double neuronOutput(NeuronFunction f, double z)
{
    switch (f) {
    case NeuronFunction::Sigmoid: return sigmoid(z);
    case NeuronFunction::SigmoidLike:  // the wobble is below 1e−18 for |z| > 40
        return std::abs(z) > 40.0 ? sigmoid(z) : sigmoid(z) + 0.2 * std::sin(10.0 * z) * std::exp(-std::abs(z));
    case NeuronFunction::ReLU: return std::max(0.0, z);
    case NeuronFunction::Linear: return z;
    }
    return 0.0;
}

}  // namespace nnlab::universality
