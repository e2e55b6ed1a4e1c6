#include "core/train/sgd.h"

namespace nnlab {

void SgdOptimizer::step(const std::vector<Parameter>& parameters, int m, int n, const Hyperparameters& h)
{
    prepare(parameters, h);
    for (std::size_t i = 0; i < parameters.size(); ++i)
        update(parameters[i], i, 0, parameters[i].size, m, n, h);
}

void SgdOptimizer::prepare(const std::vector<Parameter>& parameters, const Hyperparameters& h)
{
    if (h.momentum != 0.0f && m_velocities.size() != parameters.size()) {
        m_velocities.clear();
        for (const Parameter& p : parameters)
            m_velocities.push_back(Eigen::ArrayXf::Zero(p.size));
    }
}

void SgdOptimizer::update(const Parameter& p, std::size_t index, Eigen::Index from, Eigen::Index to, int m, int n,
                          const Hyperparameters& h)
{
    const float eta = h.eta;
    const float invM = 1.0f / float(m);
    const float decay = p.isWeight ? h.lambda / float(n) : 0.0f;
    const float shrink = p.isWeight ? h.l1 / float(n) : 0.0f;
    Eigen::Map<Eigen::ArrayXf> w(p.value + from, to - from);
    Eigen::Map<const Eigen::ArrayXf> nabla(p.nabla + from, to - from);
    if (h.momentum != 0.0f) {
        auto v = m_velocities[index].segment(from, to - from);
        if (shrink != 0.0f)
            v = h.momentum * v - eta * (invM * nabla + decay * w + shrink * w.sign());
        else
            v = h.momentum * v - eta * (invM * nabla + decay * w);
        w += v;
    } else if (shrink != 0.0f) {
        w = (1.0f - eta * decay) * w - (eta * shrink) * w.sign() - (eta * invM) * nabla;
    } else {
        w = (1.0f - eta * decay) * w - (eta * invM) * nabla;   // eq. 93 (decay 0 for biases: eq. 94)
    }
}

}  // namespace nnlab
