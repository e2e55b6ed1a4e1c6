// dropout.h — dropping a layer's outputs at random while training (chapter 3).
//
// Inverted dropout: each output survives with probability 1 − p and survivors are scaled by
// 1/(1 − p), so evaluation uses the weights unchanged — equivalent to the book's halving of the
// outgoing weights at test time. Any layer whose outputs feed a fully connected layer can carry
// one: the hidden fully connected layers, and (as network3.py does in chapter 6) the last
// convolution or pooling layer, whose outputs are the first fully connected layer's inputs.
#pragma once

#include <Eigen/Core>

#include <random>
#include <string>

namespace nnlab {

class Dropout {
public:
    explicit Dropout(float p = 0.0f);   // throws std::invalid_argument unless 0 ≤ p < 1

    float probability() const { return m_p; }
    // " (dropout 0.50)" for a layer's description; empty when p = 0.
    std::string describe() const;

    // While training with p > 0: draws a new mask and returns a ⊙ mask. Otherwise returns a.
    const Eigen::MatrixXf& apply(const Eigen::MatrixXf& a, bool training, std::mt19937_64& rng);
    // Turns ∂C/∂(a ⊙ mask) into ∂C/∂a: dropped outputs pass no gradient back.
    void maskGradient(Eigen::MatrixXf& dA) const;

private:
    float m_p;
    bool m_droppedLastForward = false;
    Eigen::MatrixXf m_keep;      // mask scaled by 1/(1 − p), as large as a
    Eigen::MatrixXf m_dropped;   // a ⊙ mask: what the next layer sees while training
};

}  // namespace nnlab
