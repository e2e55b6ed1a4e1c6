// activation.h — the neurons' activation functions σ and their derivatives σ'.
#pragma once

#include <Eigen/Core>

#include <optional>
#include <string>

namespace nnlab {

enum class Activation { Sigmoid, Tanh, ReLU, Softmax };

std::string activationName(Activation f);                       // "sigmoid", "tanh", ...
std::optional<Activation> parseActivation(const std::string& name);

// a = σ(z), column by column (softmax normalises each column: eq. 78). Float for training;
// double for the finite-difference gradient check, whose differences float can't resolve.
template <typename Scalar>
void activate(Activation f, const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& z,
              Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& a)
{
    a.resize(z.rows(), z.cols());
    switch (f) {
    case Activation::Sigmoid:
        // σ(z) = 1/(1 + e^{-z}) (eq. 3). exp overflows to inf for very negative z, giving exactly 0.
        a.array() = Scalar(1) / (Scalar(1) + (-z.array()).exp());
        break;
    case Activation::Tanh:
        a.array() = z.array().tanh();
        break;
    case Activation::ReLU:
        a.array() = z.array().max(Scalar(0));
        break;
    case Activation::Softmax:
        // a_j = e^{z_j} / Σ_k e^{z_k} (eq. 78); subtracting the column's max keeps exp finite.
        for (Eigen::Index c = 0; c < z.cols(); ++c) {
            const Scalar zMax = z.col(c).maxCoeff();
            a.col(c).array() = (z.col(c).array() - zMax).exp();
            a.col(c) /= a.col(c).sum();
        }
        break;
    }
}

// dA ⊙= σ'(z): turns ∂C/∂a into δ = ∂C/∂z, the "⊙ σ'(z^l)" of BP1 and BP2. σ' is computed from
// the activations a where that is cheaper (σ' = a(1 − a), tanh' = 1 − a²). Softmax has no
// elementwise derivative: it is only used as an output layer, where the cost gives δ^L directly.
void multiplyByDerivative(Activation f, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                          Eigen::MatrixXf& dA);

}  // namespace nnlab
