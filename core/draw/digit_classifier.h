// digit_classifier.h — one 28×28 input through a network, read as ten class probabilities.
//
// A softmax output layer already gives probabilities (eq. 78). Sigmoid outputs don't sum to 1;
// for them we show each output divided by the sum of the outputs, and say so (`normalised`).
#pragma once

#include "core/nn/network.h"

#include <vector>

namespace nnlab {

struct Classification {
    std::vector<float> probabilities;   // one per class, summing to 1
    int predicted = -1;                 // argmax of the output layer
    float confidence = 0.0f;            // probabilities[predicted]
    bool normalised = false;            // true: outputs ÷ their sum (not a softmax layer)
};

// `pixels` are net.inputSize() values in MNIST's convention (0 = background, 1 = ink).
// Throws std::invalid_argument when the sizes don't match.
Classification classify(const Network& net, const std::vector<float>& pixels);

// The probabilities of one output column, as classify() reads them.
Classification readOutput(const Eigen::VectorXf& output, Activation outputActivation);

}  // namespace nnlab
