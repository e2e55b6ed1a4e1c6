#include "nn/dropout.h"

#include <cstdio>
#include <stdexcept>

namespace nnlab {

Dropout::Dropout(float p) : m_p(p)
{
    if (!(p >= 0.0f && p < 1.0f))
        throw std::invalid_argument("dropout probability must be in [0, 1)");
}

std::string Dropout::describe() const
{
    if (m_p == 0.0f)
        return {};
    char text[32];
    std::snprintf(text, sizeof text, " (dropout %.2f)", double(m_p));
    return text;
}

const Eigen::MatrixXf& Dropout::apply(const Eigen::MatrixXf& a, bool training, std::mt19937_64& rng)
{
    m_droppedLastForward = training && m_p > 0.0f;
    if (!m_droppedLastForward)
        return a;
    std::bernoulli_distribution keep(1.0 - m_p);
    const float scale = 1.0f / (1.0f - m_p);
    m_keep.resize(a.rows(), a.cols());
    for (Eigen::Index i = 0; i < m_keep.size(); ++i)
        m_keep.data()[i] = keep(rng) ? scale : 0.0f;
    m_dropped.array() = a.array() * m_keep.array();
    return m_dropped;
}

void Dropout::maskGradient(Eigen::MatrixXf& dA) const
{
    if (m_droppedLastForward)
        dA.array() *= m_keep.array();
}

}  // namespace nnlab
