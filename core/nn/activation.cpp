#include "core/nn/activation.h"

#include <cassert>
#include <stdexcept>

namespace nnlab {

std::string activationName(Activation f)
{
    switch (f) {
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::ReLU: return "relu";
    case Activation::Softmax: return "softmax";
    }
    return "?";
}

std::optional<Activation> parseActivation(const std::string& name)
{
    for (Activation f : {Activation::Sigmoid, Activation::Tanh, Activation::ReLU, Activation::Softmax})
        if (activationName(f) == name)
            return f;
    return std::nullopt;
}

void multiplyByDerivative(Activation f, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                          Eigen::MatrixXf& dA)
{
    switch (f) {
    case Activation::Sigmoid:
        dA.array() *= a.array() * (1.0f - a.array());  // σ'(z) = σ(z)(1 − σ(z))
        break;
    case Activation::Tanh:
        dA.array() *= 1.0f - a.array().square();       // tanh'(z) = 1 − tanh²(z)
        break;
    case Activation::ReLU:
        dA.array() *= (z.array() > 0.0f).cast<float>();
        break;
    case Activation::Softmax:
        throw std::logic_error("softmax is an output activation; its δ comes from the cost");
    }
}

}  // namespace nnlab
