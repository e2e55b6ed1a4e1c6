#include "core/nn/network.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"

#include <cmath>
#include <stdexcept>

namespace nnlab {

std::string initialisationName(Initialisation init)
{
    switch (init) {
    case Initialisation::Large: return "large";
    case Initialisation::Scaled: return "scaled";
    case Initialisation::Network3: return "network3";
    }
    return "large";
}

std::optional<Initialisation> parseInitialisation(const std::string& name)
{
    if (name == "large")
        return Initialisation::Large;
    if (name == "scaled")
        return Initialisation::Scaled;
    if (name == "network3")
        return Initialisation::Network3;
    return std::nullopt;
}

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
        if (auto* dense = dynamic_cast<DenseLayer*>(m_layers[l].get()))
            dense->setInputDropout(m_layers[l - 1]->dropout());
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
        if (!dynamic_cast<const DenseLayer*>(layer.get()))
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

namespace {

// network3.py's n_out for a conv layer: its maps times the kernel's k² outputs per input, divided
// by the pooling that follows (p², when layer l + 1 pools).
float convFanOut(const Network& net, int l, const ConvLayer& conv)
{
    float pooling = 1.0f;
    if (l + 1 < net.layerCount())
        if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&net.layer(l + 1)))
            pooling = float(pool->pool() * pool->pool());
    return float(conv.maps() * conv.kernel() * conv.kernel()) / pooling;
}

}  // namespace

void initialise(Network& net, Initialisation init, std::mt19937_64& rng)
{
    std::normal_distribution<float> gaussian(0.0f, 1.0f);
    for (int l = 0; l < net.layerCount(); ++l) {
        // Weights and biases of a dense or convolutional layer; pooling has none. A weight
        // row's length is the neuron's fan-in n_in (a conv filter's C·k·k).
        Eigen::MatrixXf* weights = nullptr;
        Eigen::VectorXf* biases = nullptr;
        float halving = 1.0f;   // behind a dropout: the book's initial weights, halved (dropout.h)
        float fanOut = 0.0f;    // network3.py's n_out
        if (auto* dense = dynamic_cast<DenseLayer*>(&net.layer(l))) {
            weights = &dense->weights();
            biases = &dense->biases();
            halving = 1.0f - dense->inputDropout();
            fanOut = float(dense->outputSize());
            if (init == Initialisation::Network3 && dense->activation() == Activation::Softmax) {
                weights->setZero();   // network3.py's SoftmaxLayer starts from zero
                biases->setZero();
                continue;
            }
        } else if (auto* conv = dynamic_cast<ConvLayer*>(&net.layer(l))) {
            weights = &conv->weights();
            biases = &conv->biases();
            fanOut = convFanOut(net, l, *conv);
        } else {
            continue;
        }
        // Scaled: standard deviation 1/√n_in keeps z = Σ w x + b from saturating the neuron.
        float sd = 1.0f;
        if (init == Initialisation::Scaled)
            sd = 1.0f / std::sqrt(float(weights->cols()));
        else if (init == Initialisation::Network3)
            sd = 1.0f / std::sqrt(fanOut);
        sd *= halving;
        for (Eigen::Index i = 0; i < weights->size(); ++i)
            weights->data()[i] = sd * gaussian(rng);
        for (Eigen::Index i = 0; i < biases->size(); ++i)
            (*biases)[i] = gaussian(rng);
    }
}

void oneHot(const std::vector<int>& labels, int classes, Eigen::MatrixXf& y)
{
    y.setZero(classes, static_cast<Eigen::Index>(labels.size()));
    for (std::size_t j = 0; j < labels.size(); ++j)
        y(labels[j], static_cast<Eigen::Index>(j)) = 1.0f;
}

}  // namespace nnlab
