// mistakes.h — the test digits a network gets wrong, each with its two most likely classes.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace nnlab {

struct Mistake {
    int index = 0;          // in the data set
    int label = 0;          // the true class y
    int predicted = 0;      // the network's answer: the largest output
    float predictedProbability = 0.0f;
    int runnerUp = 0;       // the second largest output
    float runnerUpProbability = 0.0f;
};

// The examples whose largest output is not the label, in index order. Probabilities are the
// outputs themselves for a softmax layer; other output layers' activations are scaled to sum to
// 1 (their share of the output), since sigmoid outputs need not sum to 1.
std::vector<Mistake> findMistakes(const Eigen::MatrixXf& outputs, const std::vector<std::uint8_t>& labels, bool softmax);

}  // namespace nnlab
