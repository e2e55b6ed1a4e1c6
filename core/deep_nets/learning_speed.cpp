#include "core/deep_nets/learning_speed.h"

#include "core/nn/dense_layer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace nnlab::deep {

std::vector<Eigen::VectorXf> fullBatchBiasGradients(Network& net, const Dataset& data)
{
    if (data.size() == 0)
        throw std::invalid_argument("no training images");
    Eigen::MatrixXf y;   // 10 × n, one-hot
    oneHot(std::vector<int>(data.labels.begin(), data.labels.end()), net.outputSize(), y);
    std::mt19937_64 rng(0);   // unused without dropout
    net.backprop(data.images, y, rng, /*training=*/true);
    std::vector<Eigen::VectorXf> gradients;
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto* dense = dynamic_cast<const DenseLayer*>(&net.layer(l));
        if (!dense)
            throw std::invalid_argument("chapter 5's experiment needs a fully connected network");
        // nablaB is Σ_x ∂C_x/∂b^l; the cost is the mean over the n images.
        gradients.push_back(dense->nablaB() / float(data.size()));
    }
    return gradients;
}

std::vector<double> norms(const std::vector<Eigen::VectorXf>& gradients)
{
    std::vector<double> result;
    for (const Eigen::VectorXf& g : gradients)
        result.push_back(g.cast<double>().norm());
    return result;
}

double firstToLastRatio(const std::vector<double>& hiddenNorms)
{
    if (hiddenNorms.empty() || hiddenNorms.back() == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return hiddenNorms.front() / hiddenNorms.back();
}

LearningSpeedRun::LearningSpeedRun(const TrainConfig& config, const Dataset& training)
    : m_config(config),
      m_training(training.slice(0, std::min(config.trainingSize, training.size()))),
      m_rng(config.seed),
      m_network(makeNetwork(config.net, config.init, m_rng))
{
    if (m_training.size() == 0)
        throw std::invalid_argument("no training images");
    if (!m_network.isFullyConnected())
        throw std::invalid_argument("chapter 5's experiment needs a fully connected network");
}

std::vector<double> LearningSpeedRun::step()
{
    const float n = float(m_training.size());
    std::vector<double> hidden = norms(fullBatchBiasGradients(m_network, m_training));
    hidden.pop_back();   // the output layer's entry
    const float eta = m_config.hyper.eta;
    const float decay = 1.0f - eta * m_config.hyper.lambda / n;
    for (int l = 0; l < m_network.layerCount(); ++l) {
        auto& dense = static_cast<DenseLayer&>(m_network.layer(l));
        dense.weights() = decay * dense.weights() - (eta / n) * dense.nablaW();   // eq. 93, m = n
        dense.biases() -= (eta / n) * dense.nablaB();                             // eq. 94
    }
    ++m_epoch;
    return hidden;
}

}  // namespace nnlab::deep
