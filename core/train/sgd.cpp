#include "train/sgd.h"

namespace nnlab {

void SgdOptimizer::step(const std::vector<Parameter>& parameters, int m, int n, const Hyperparameters& h)
{
    const float eta = h.eta;
    const float invM = 1.0f / float(m);
    const float l2 = h.lambda / float(n);
    const float l1 = h.l1 / float(n);
    const bool useMomentum = h.momentum != 0.0f;
    if (useMomentum && m_velocities.size() != parameters.size()) {
        m_velocities.clear();
        for (const Parameter& p : parameters)
            m_velocities.push_back(Eigen::ArrayXf::Zero(p.size));
    }
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const Parameter& p = parameters[i];
        Eigen::Map<Eigen::ArrayXf> w(p.value, p.size);
        Eigen::Map<const Eigen::ArrayXf> nabla(p.nabla, p.size);
        const float decay = p.isWeight ? l2 : 0.0f;
        const float shrink = p.isWeight ? l1 : 0.0f;
        if (useMomentum) {
            Eigen::ArrayXf& v = m_velocities[i];
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
}

}  // namespace nnlab
