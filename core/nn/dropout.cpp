#include "core/nn/dropout.h"

#include <cmath>
#include <cstdint>
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
    // Each 64-bit draw gives two 32-bit uniforms u; an output is kept when u < (1 − p)·2³².
    // (std::bernoulli_distribution draws one 64-bit number per output, through a double: a
    // dropout net's 20,000 masked outputs per mini-batch cost 5% of its step that way.)
    const auto threshold = static_cast<std::uint64_t>(std::ldexp(1.0 - double(m_p), 32));
    const float scale = 1.0f / (1.0f - m_p);
    m_keep.resize(a.rows(), a.cols());
    float* keep = m_keep.data();
    const Eigen::Index size = m_keep.size();
    for (Eigen::Index i = 0; i < size; i += 2) {
        const std::uint64_t bits = rng();
        keep[i] = (bits & 0xffffffffu) < threshold ? scale : 0.0f;
        if (i + 1 < size)
            keep[i + 1] = (bits >> 32) < threshold ? scale : 0.0f;
    }
    m_dropped.array() = a.array() * m_keep.array();
    return m_dropped;
}

void Dropout::maskGradient(Eigen::MatrixXf& dA) const
{
    if (m_droppedLastForward)
        dA.array() *= m_keep.array();
}

}  // namespace nnlab
