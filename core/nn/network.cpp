#include "core/nn/network.h"

#include <stdexcept>

namespace nnlab {

Network::Network(std::vector<std::unique_ptr<Layer>> layers, Cost cost)
    : m_layers(std::move(layers)), m_cost(cost)
{
    if (m_layers.empty())
        throw std::invalid_argument("a network needs at least one layer");
    for (std::size_t l = 1; l < m_layers.size(); ++l)
        if (m_layers[l]->inputSize() != m_layers[l - 1]->outputSize())
            throw std::invalid_argument("layer " + std::to_string(l) + " expects " +
                                        std::to_string(m_layers[l]->inputSize()) +
                                        " inputs but the layer before has " +
                                        std::to_string(m_layers[l - 1]->outputSize()) + " outputs");
    for (std::size_t l = 1; l < m_layers.size(); ++l)
        m_layers[l]->setInputDropout(m_layers[l - 1]->dropout());
}

Network::Network(const Network& other) : m_cost(other.m_cost)
{
    for (const auto& layer : other.m_layers)
        m_layers.push_back(layer->clone());
}

Network& Network::operator=(const Network& other)
{
    if (this != &other)
        *this = Network(other);
    return *this;
}

std::vector<int> Network::sizes() const
{
    std::vector<int> sizes{inputSize()};
    for (const auto& layer : m_layers)
        sizes.push_back(layer->outputSize());
    return sizes;
}

bool Network::isFullyConnected() const
{
    for (const auto& layer : m_layers)
        if (!layer->isFullyConnected())
            return false;
    return true;
}

const Eigen::MatrixXf& Network::forward(const Eigen::MatrixXf& x, bool training, std::mt19937_64& rng)
{
    return forwardLayers(0, layerCount(), x, training, rng);
}

const Eigen::MatrixXf& Network::forwardLayers(int from, int to, const Eigen::MatrixXf& a, bool training,
                                              std::mt19937_64& rng)
{
    const Eigen::MatrixXf* out = &a;
    for (int l = from; l < to; ++l) {
        // The output layer never drops neurons; DenseLayer only drops when built with p > 0.
        out = &m_layers[l]->forward(*out, training, rng);
    }
    return *out;
}

double Network::outputDelta(const Eigen::MatrixXf& y)
{
    const Layer& last = *m_layers.back();
    m_deltas.resize(m_layers.size());
    nnlab::outputDelta(m_cost, last.activation(), last.z(), last.a(), y, m_deltas.back());   // BP1
    return costValue(m_cost, last.a(), y);
}

void Network::backwardLayers(int top, int bottom)
{
    for (int l = top; l >= bottom; --l) {
        m_layers[l]->backward(m_deltas[l], l > 0 ? &m_deltas[l - 1] : nullptr);  // BP3, BP4, (w^l)ᵀδ^l
        if (l > bottom)
            toDelta(l - 1);                                                      // BP2: ⊙ σ'(z^{l-1})
    }
}

Eigen::MatrixXf Network::inputGradient(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y)
{
    std::mt19937_64 unused(0);   // no dropout outside training
    backprop(x, y, unused, /*training=*/false);
    Eigen::MatrixXf dx;
    m_layers.front()->backward(m_deltas.front(), &dx);   // (w^1)ᵀ δ^1 = ∂C/∂x
    return dx;
}

double Network::backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng,
                         bool training)
{
    forward(x, training, rng);
    const double cost = outputDelta(y);
    backwardLayers(layerCount() - 1, 0);
    return cost;
}

void Network::infer(const Eigen::MatrixXf& x, Eigen::MatrixXf& output) const
{
    // Two buffers in turn: each layer reads the previous layer's output and writes the other.
    Eigen::MatrixXf buffers[2];
    const Eigen::MatrixXf* a = &x;
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        m_layers[l]->infer(*a, buffers[l % 2]);
        a = &buffers[l % 2];
    }
    output.swap(buffers[(m_layers.size() - 1) % 2]);
}

void Network::inferDouble(const Eigen::MatrixXd& x, Eigen::MatrixXd& output) const
{
    output = x;
    Eigen::MatrixXd next;
    for (const auto& layer : m_layers) {
        layer->inferDouble(output, next);
        output.swap(next);
    }
}

void Network::inferLayers(const Eigen::MatrixXf& x, std::vector<Eigen::MatrixXf>& zs,
                          std::vector<Eigen::MatrixXf>& activations) const
{
    zs.resize(m_layers.size());
    activations.resize(m_layers.size());
    const Eigen::MatrixXf* a = &x;
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        m_layers[l]->inferWithZ(*a, zs[l], activations[l]);
        a = &activations[l];
    }
}

Eigen::VectorXf Network::feedforward(const Eigen::VectorXf& x) const
{
    Eigen::MatrixXf output;
    infer(x, output);
    return output.col(0);
}

std::vector<Parameter> Network::parameters()
{
    std::vector<Parameter> all;
    for (auto& layer : m_layers)
        for (const Parameter& p : layer->parameters())
            all.push_back(p);
    return all;
}

// Parameter views are mutable by design (the optimiser writes through them); these read-only
// walks borrow them without writing.
template <typename Visit>
static void forEachParameter(const std::vector<std::unique_ptr<Layer>>& layers, Visit visit)
{
    for (const auto& layer : layers)
        for (const Parameter& p : const_cast<Layer&>(*layer).parameters())
            visit(p, Eigen::Map<const Eigen::ArrayXf>(p.value, p.size));
}

bool Network::allFinite() const
{
    bool finite = true;
    forEachParameter(m_layers, [&](const Parameter&, const auto& values) {
        finite = finite && values.isFinite().all();
    });
    return finite;
}

double Network::sumOfSquaredWeights() const
{
    double sum = 0.0;
    forEachParameter(m_layers, [&](const Parameter& p, const auto& values) {
        if (p.isWeight)
            sum += values.template cast<double>().square().sum();
    });
    return sum;
}

double Network::sumOfAbsoluteWeights() const
{
    double sum = 0.0;
    forEachParameter(m_layers, [&](const Parameter& p, const auto& values) {
        if (p.isWeight)
            sum += values.template cast<double>().abs().sum();
    });
    return sum;
}

Network makeNetwork(const NetworkSpec& spec, Initialisation init, std::mt19937_64& rng)
{
    Network net(buildLayers(spec), spec.cost);
    initialise(net, init, rng);
    return net;
}

void initialise(Network& net, Initialisation init, std::mt19937_64& rng)
{
    NormalStream normal(rng);   // one for all layers, as the same seed must give the same weights
    for (int l = 0; l < net.layerCount(); ++l) {
        const int poolingAfter = l + 1 < net.layerCount() ? net.layer(l + 1).poolingArea() : 1;
        net.layer(l).initialise(init, normal, poolingAfter);
    }
}

void oneHot(const std::vector<int>& labels, int classes, Eigen::MatrixXf& y)
{
    y.setZero(classes, static_cast<Eigen::Index>(labels.size()));
    for (std::size_t j = 0; j < labels.size(); ++j)
        y(labels[j], static_cast<Eigen::Index>(j)) = 1.0f;
}

}  // namespace nnlab
