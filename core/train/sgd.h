// sgd.h — the update rule of mini-batch stochastic gradient descent, with the chapter 3
// additions: L2 and L1 regularisation and momentum.
#pragma once

#include "core/nn/layer.h"

#include <Eigen/Core>

#include <vector>

namespace nnlab {

struct Hyperparameters {
    float eta = 3.0f;        // η, the learning rate
    float lambda = 0.0f;     // λ, L2 regularisation
    float l1 = 0.0f;         // λ of L1 regularisation
    float momentum = 0.0f;   // μ, the momentum co-efficient ("friction" is 1 − μ)
};

class SgdOptimizer {
public:
    // One step for a mini-batch of m examples out of a training set of n. nabla holds
    // ∂C_x/∂w summed over the mini-batch; for weights:
    //   g = nabla/m + (λ/n) w + (λ₁/n) sgn(w)      (gradients of eqs. 87 and 95)
    //   v ← μ v − η g,  w ← w + v                   (eqs. 107, 108)
    // With μ = 0 this is exactly eq. 93's w → (1 − ηλ/n) w − (η/m) Σ ∂C_x/∂w, and eq. 97 for L1.
    // Biases are not regularised: b → b − (η/m) Σ ∂C_x/∂b (eq. 94).
    void step(const std::vector<Parameter>& parameters, int m, int n, const Hyperparameters& h);

    // The same step in pieces, so that two cores can share it: prepare() once, then update()
    // over ranges [from, to) that together cover each parameter array exactly once.
    void prepare(const std::vector<Parameter>& parameters, const Hyperparameters& h);
    void update(const Parameter& p, std::size_t index, Eigen::Index from, Eigen::Index to, int m, int n,
                const Hyperparameters& h);

    // Velocities of each parameter (empty until momentum is first used): optimiser state.
    std::vector<Eigen::ArrayXf>& velocities() { return m_velocities; }

private:
    std::vector<Eigen::ArrayXf> m_velocities;
};

}  // namespace nnlab
