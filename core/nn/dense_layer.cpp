#include "core/nn/core_split.h"
#include "core/nn/dense_layer.h"
#include "core/nn/small_batch_products.h"

#include <stdexcept>

namespace nnlab {

DenseLayer::DenseLayer(int inputSize, int outputSize, Activation activation, float dropout)
    : Layer(dropout), m_activation(activation),
      m_weights(Eigen::MatrixXf::Zero(outputSize, inputSize)),
      m_biases(Eigen::VectorXf::Zero(outputSize)),
      m_nablaW(Eigen::MatrixXf::Zero(outputSize, inputSize)),
      m_nablaB(Eigen::VectorXf::Zero(outputSize))
{
    if (inputSize <= 0 || outputSize <= 0)
        throw std::invalid_argument("a layer needs at least one input and one neuron");
}

std::string DenseLayer::describe() const
{
    return std::to_string(outputSize()) + " " + activationName(m_activation) + m_dropout.describe();
}

void DenseLayer::initialise(Initialisation init, NormalStream& normal, int /*poolingAfter*/)
{
    initialiseParameters(init, {float(inputSize()), float(outputSize())}, m_activation, 1.0f - m_inputDropout,
                         m_weights, m_biases, normal);
}

const Eigen::MatrixXf& DenseLayer::forward(const Eigen::MatrixXf& aPrev, bool training,
                                           std::mt19937_64& rng)
{
    m_aPrev = &aPrev;
    // z^l = w^l a^{l-1} + b^l   (eq. 25)
    if (CoreSplit* split = CoreSplit::forWeights(m_weights)) {
        m_z.resize(m_weights.rows(), aPrev.cols());
        split->onBothCores([&](int core) {    // each core: its half of the neurons j (rows of w)
            const auto [j0, count] = halfOf(m_weights.rows(), core);
            weightedInput(m_weights, aPrev, m_z, j0, count);
        });
    } else if (preferSmallBatchProducts(m_weights, aPrev.cols())) {
        weightedInput(m_weights, aPrev, m_z);
    } else {
        m_z.noalias() = m_weights * aPrev;
    }
    m_z.colwise() += m_biases;
    activate(m_activation, m_z, m_a);         // a^l = σ(z^l)
    return m_dropout.apply(m_a, training, rng);
}

void DenseLayer::infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const
{
    Eigen::MatrixXf z;
    inferWithZ(aPrev, z, a);
}

void DenseLayer::inferWithZ(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& z, Eigen::MatrixXf& a) const
{
    z.resize(m_weights.rows(), aPrev.cols());
    z.noalias() = m_weights * aPrev;   // z = w·a + b (eq. 25)
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
    m_dropout.maskGradient(dA);               // dropped neurons pass no gradient back
    multiplyByDerivative(m_activation, m_z, m_a, dA);   // BP2: δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l)
}

void DenseLayer::backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev)
{
    m_nablaB.noalias() = delta.rowwise().sum();                  // BP3: ∂C/∂b^l_j = δ^l_j
    const Eigen::MatrixXf* deltaForW = &delta;
    if (m_inputDropout > 0.0f) {   // the book's pace for weights behind a dropout (dropout.h)
        const float keep = 1.0f - m_inputDropout;
        m_deltaForW = delta * (keep * keep);
        deltaForW = &m_deltaForW;
    }
    if (CoreSplit* split = CoreSplit::forWeights(m_weights)) {
        if (dAPrev)
            dAPrev->resize(m_weights.cols(), delta.cols());
        double squaredNorms[2] = {0.0, 0.0};
        split->onBothCores([&](int core) {   // each core: its half of the inputs k (columns of w)
            const auto [k0, count] = halfOf(m_weights.cols(), core);
            squaredNorms[core] = weightGradient(*deltaForW, *m_aPrev, m_nablaW, k0, count);   // BP4
            if (dAPrev)
                backpropagatedError(m_weights, delta, *dAPrev, k0, count);   // (w^l)ᵀ δ^l, rows k
        });
        m_splitNablaWSquaredNorm = squaredNorms[0] + squaredNorms[1];
        return;
    }
    if (preferSmallBatchProducts(m_weights, delta.cols())) {     // the same products, see there
        weightGradient(*deltaForW, *m_aPrev, m_nablaW);
        if (dAPrev)
            backpropagatedError(m_weights, delta, *dAPrev);
        return;
    }
    m_nablaW.noalias() = *deltaForW * m_aPrev->transpose();      // BP4: ∂C/∂w^l_jk = a^{l-1}_k δ^l_j
    if (dAPrev)
        dAPrev->noalias() = m_weights.transpose() * delta;       // (w^l)ᵀ δ^l, for BP2 below
}

std::vector<Parameter> DenseLayer::parameters()
{
    return {{m_weights.data(), m_nablaW.data(), m_weights.size(), true},
            {m_biases.data(), m_nablaB.data(), m_biases.size(), false}};
}

}  // namespace nnlab
