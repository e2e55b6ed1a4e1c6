#include "nn/dense_layer.h"

#include <stdexcept>

namespace nnlab {

DenseLayer::DenseLayer(int inputSize, int outputSize, Activation activation, float dropout)
    : m_activation(activation), m_dropout(dropout),
      m_weights(Eigen::MatrixXf::Zero(outputSize, inputSize)),
      m_biases(Eigen::VectorXf::Zero(outputSize)),
      m_nablaW(Eigen::MatrixXf::Zero(outputSize, inputSize)),
      m_nablaB(Eigen::VectorXf::Zero(outputSize))
{
    if (inputSize <= 0 || outputSize <= 0)
        throw std::invalid_argument("a layer needs at least one input and one neuron");
    if (!(dropout >= 0.0f && dropout < 1.0f))
        throw std::invalid_argument("dropout probability must be in [0, 1)");
}

std::string DenseLayer::describe() const
{
    std::string s = std::to_string(outputSize()) + " " + activationName(m_activation);
    if (m_dropout > 0.0f)
        s += " (dropout " + std::to_string(m_dropout).substr(0, 4) + ")";
    return s;
}

const Eigen::MatrixXf& DenseLayer::forward(const Eigen::MatrixXf& aPrev, bool training,
                                           std::mt19937_64& rng)
{
    m_aPrev = &aPrev;
    m_z.noalias() = m_weights * aPrev;        // z^l = w^l a^{l-1} + b^l   (eq. 25)
    m_z.colwise() += m_biases;
    activate(m_activation, m_z, m_a);         // a^l = σ(z^l)
    m_droppedLastForward = training && m_dropout > 0.0f;
    if (m_droppedLastForward) {
        std::bernoulli_distribution keep(1.0 - m_dropout);
        const float scale = 1.0f / (1.0f - m_dropout);
        m_keep.resize(m_a.rows(), m_a.cols());
        for (Eigen::Index i = 0; i < m_keep.size(); ++i)
            m_keep.data()[i] = keep(rng) ? scale : 0.0f;
        m_aDropped.array() = m_a.array() * m_keep.array();
        return m_aDropped;
    }
    return m_a;
}

void DenseLayer::infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const
{
    Eigen::MatrixXf z(m_weights.rows(), aPrev.cols());
    z.noalias() = m_weights * aPrev;
    z.colwise() += m_biases;
    activate(m_activation, z, a);
}

void DenseLayer::inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const
{
    Eigen::MatrixXd z = m_weights.cast<double>() * aPrev;
    z.colwise() += m_biases.cast<double>();
    activate(m_activation, z, a);
}

void DenseLayer::outputGradientToDelta(Eigen::MatrixXf& dA) const
{
    if (m_droppedLastForward)
        dA.array() *= m_keep.array();         // dropped neurons pass no gradient back
    multiplyByDerivative(m_activation, m_z, m_a, dA);   // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l)
}

void DenseLayer::backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev)
{
    m_nablaB.noalias() = delta.rowwise().sum();                  // BP3: ∂C/∂b^l_j = δ^l_j
    m_nablaW.noalias() = delta * m_aPrev->transpose();           // BP4: ∂C/∂w^l_jk = a^{l-1}_k δ^l_j
    if (dAPrev)
        dAPrev->noalias() = m_weights.transpose() * delta;       // (w^l)ᵀ δ^l, for BP2 below
}

std::vector<Parameter> DenseLayer::parameters()
{
    return {{m_weights.data(), m_nablaW.data(), m_weights.size(), true},
            {m_biases.data(), m_nablaB.data(), m_biases.size(), false}};
}

}  // namespace nnlab
