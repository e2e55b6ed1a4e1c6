#include "core/nn/activation.h"

#include "core/util/enum_names.h"

#include <cassert>
#include <stdexcept>

namespace nnlab {

namespace {
constexpr EnumName<Activation> kNames[] = {
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Tanh, "tanh"},
    {Activation::ReLU, "relu"},
    {Activation::Softmax, "softmax"},
};
}  // namespace

std::string activationName(Activation f) { return enumName(kNames, f); }

std::optional<Activation> parseActivation(const std::string& name) { return parseEnum(kNames, name); }

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
