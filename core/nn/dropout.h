// dropout.h — dropping a layer's outputs at random while training (chapter 3).
//
// Inverted dropout: each output survives with probability 1 − p and survivors are scaled by
// 1/(1 − p), so evaluation uses the weights unchanged: they are the book's weights after its
// halving ("we halve the weights outgoing from the hidden neurons", chapter 3). Any layer whose
// outputs feed a fully connected layer can carry one: the hidden fully connected layers, and (as
// network3.py does in chapter 6) the last convolution or pooling layer, whose outputs are the
// first fully connected layer's inputs.
//
// The book (network3.py) instead trains the unhalved weights w_book = w/(1 − p), dropping
// without rescaling. Written for our w, its SGD step on the data term is (1 − p)² times ours
// (∂C/∂w_book = (1 − p) ∂C/∂w, and w moves (1 − p) times as far as w_book), its L2 decay is the
// same, and it starts from (1 − p) × the initial weights. So the layer after a dropout takes
// BP4's gradient × (1 − p)² and starts halved (DenseLayer::setInputDropout, DenseLayer::initialise): η
// then means what it means in the book. Plain inverted dropout with the book's η = 0.03 would
// train those layers as η = 0.12 does in the book.
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
