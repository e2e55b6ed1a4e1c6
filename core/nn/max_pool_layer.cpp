#include "core/nn/max_pool_layer.h"

#include <stdexcept>

namespace nnlab {

MaxPoolLayer::MaxPoolLayer(ImageShape input, int pool) : m_input(input), m_pool(pool)
{
    if (pool < 1 || input.height % pool != 0 || input.width % pool != 0)
        throw std::invalid_argument(std::to_string(pool) + "×" + std::to_string(pool) + " pooling does not divide " +
                                    std::to_string(input.height) + "×" + std::to_string(input.width) + " maps");
}

std::string MaxPoolLayer::describe() const
{
    const ImageShape out = output();
    return std::to_string(m_pool) + "×" + std::to_string(m_pool) + " max-pool → " + std::to_string(out.channels) +
           "×" + std::to_string(out.height) + "×" + std::to_string(out.width) + m_dropout.describe();
}

template <typename Scalar>
void MaxPoolLayer::pool(const Eigen::Matrix<Scalar, -1, -1>& aPrev, Eigen::Matrix<Scalar, -1, -1>& a,
                        std::vector<std::int32_t>* winners) const
{
    const ImageShape out = output();
    const Eigen::Index examples = aPrev.cols();
    a.resize(out.size(), examples);
    if (winners)
        winners->resize(std::size_t(out.size()) * examples);
    for (Eigen::Index s = 0; s < examples; ++s) {
        const Scalar* in = aPrev.col(s).data();
        Scalar* result = a.col(s).data();
        std::int32_t* won = winners ? winners->data() + s * out.size() : nullptr;
        int o = 0;
        for (int c = 0; c < out.channels; ++c)
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x, ++o) {
                    int best = (c * m_input.height + y * m_pool) * m_input.width + x * m_pool;
                    for (int py = 0; py < m_pool; ++py)
                        for (int px = 0; px < m_pool; ++px) {
                            const int i = (c * m_input.height + y * m_pool + py) * m_input.width + x * m_pool + px;
                            if (in[i] > in[best])
                                best = i;
                        }
                    result[o] = in[best];
                    if (won)
                        won[o] = best;
                }
    }
}

const Eigen::MatrixXf& MaxPoolLayer::forward(const Eigen::MatrixXf& aPrev, bool training, std::mt19937_64& rng)
{
    pool(aPrev, m_a, &m_winners);
    m_z = m_a;   // no weighted input of its own; kept so z() reads like other layers
    return m_dropout.apply(m_a, training, rng);
}

void MaxPoolLayer::infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const { pool(aPrev, a, nullptr); }

void MaxPoolLayer::inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const { pool(aPrev, a, nullptr); }

void MaxPoolLayer::outputGradientToDelta(Eigen::MatrixXf& dA) const
{
    // Pooling has no σ: ∂C/∂a of its output, less what dropout removed, is the "δ" it routes down.
    m_dropout.maskGradient(dA);
}

void MaxPoolLayer::backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev)
{
    if (!dAPrev)
        return;
    const Eigen::Index outSize = output().size();
    dAPrev->setZero(m_input.size(), delta.cols());
    for (Eigen::Index s = 0; s < delta.cols(); ++s)
        for (Eigen::Index o = 0; o < outSize; ++o)
            (*dAPrev)(m_winners[s * outSize + o], s) += delta(o, s);
}

}  // namespace nnlab
