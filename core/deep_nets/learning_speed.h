// learning_speed.h — chapter 5's measurement of how fast each layer learns: ‖δ^l‖ = ‖∂C/∂b^l‖
// of every hidden layer, epoch by epoch, while full-batch gradient descent trains a deep network.
//
// Not the Trainer: the book's experiment needs only the gradient of each step, not an evaluation
// of 20,000 validation and test images per epoch, so a run of 500 epochs takes seconds.
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/training_config.h"

#include <Eigen/Core>

#include <random>
#include <vector>

namespace nnlab::deep {

// ∂C/∂b^l for every layer l = 1..L (the output layer last) over the whole of `data`: the mean of
// ∂C_x/∂b^l, i.e. each DenseLayer's nablaB() / n after one backprop() of all n images. For a
// chapter 5 network these are the δ^l of the book's bar charts ("the first six neurons").
std::vector<Eigen::VectorXf> fullBatchBiasGradients(Network& net, const Dataset& data);

// ‖v‖ of each vector.
std::vector<double> norms(const std::vector<Eigen::VectorXf>& gradients);

// ‖δ^1‖ / ‖δ^h‖: the first hidden layer's speed of learning over the last hidden layer's
// (`hiddenNorms` holds hidden layers only). The book's four-layer network starts near 0.01.
double firstToLastRatio(const std::vector<double>& hiddenNorms);

// Full-batch gradient descent on the first config.trainingSize training images, as in the book's
// experiment: m = n, w → (1 − ηλ/n) w − η ∂C/∂w, b → b − η ∂C/∂b (eqs. 93, 94).
class LearningSpeedRun {
public:
    // Builds the network config.net from config.seed with config.init. The data must outlive
    // the run. Throws std::invalid_argument when the network is not fully connected or n is 0.
    LearningSpeedRun(const TrainConfig& config, const Dataset& training);

    // One epoch (one gradient step): returns ‖∂C/∂b^l‖ of each hidden layer for the gradient
    // this step used, i.e. at the start of the epoch.
    std::vector<double> step();

    int epoch() const { return m_epoch; }          // steps taken
    int hiddenLayers() const { return m_network.layerCount() - 1; }
    const Network& network() const { return m_network; }

private:
    TrainConfig m_config;
    Dataset m_training;
    std::mt19937_64 m_rng;
    Network m_network;
    int m_epoch = 0;
};

}  // namespace nnlab::deep
