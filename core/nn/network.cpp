#include "nn/network.h"

#include "nn/dense_layer.h"

#include <cmath>
#include <stdexcept>

namespace nnlab {

std::string initialisationName(Initialisation init)
{
    return init == Initialisation::Large ? "large" : "scaled";
}

std::optional<Initialisation> parseInitialisation(const std::string& name)
{
    if (name == "large")
        return Initialisation::Large;
    if (name == "scaled")
        return Initialisation::Scaled;
    return std::nullopt;
}

void validate(const NetworkSpec& spec)
{
    if (spec.sizes.size() < 2)
        throw std::invalid_argument("a network needs at least an input and an output layer");
    for (int n : spec.sizes)
        if (n <= 0 || n > 100000)
            throw std::invalid_argument("layer size " + std::to_string(n) + " is out of range 1..100000");
    if (spec.hidden == Activation::Softmax)
        throw std::invalid_argument("softmax is an output activation, not a hidden one");
    if (spec.output != Activation::Sigmoid && spec.output != Activation::Softmax)
        throw std::invalid_argument("the output layer is sigmoid or softmax");
    if (!costSupportsOutput(spec.cost, spec.output))
        throw std::invalid_argument(costName(spec.cost) + " cost does not go with a " +
                                    activationName(spec.output) +
                                    " output layer (use softmax with log-likelihood)");
    if (!(spec.dropout >= 0.0f && spec.dropout < 1.0f))
        throw std::invalid_argument("dropout must be in [0, 1)");
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
    const Eigen::MatrixXf* a = &x;
    for (std::size_t l = 0; l < m_layers.size(); ++l) {
        // The output layer never drops neurons; DenseLayer only drops when built with p > 0.
        a = &m_layers[l]->forward(*a, training, rng);
    }
    return *a;
}

double Network::backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng,
                         bool training)
{
    const Eigen::MatrixXf& output = forward(x, training, rng);
    Layer& last = *m_layers.back();
    outputDelta(m_cost, last.activation(), last.z(), output, y, m_delta);   // BP1
    for (int l = layerCount() - 1; l >= 0; --l) {
        m_layers[l]->backward(m_delta, l > 0 ? &m_dA : nullptr);           // BP3, BP4, (w^l)ᵀδ^l
        if (l > 0) {
            m_layers[l - 1]->outputGradientToDelta(m_dA);                   // BP2: ⊙ σ'(z^{l-1})
            m_delta.swap(m_dA);
        }
    }
    return costValue(m_cost, output, y);
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
    validate(spec);
    std::vector<std::unique_ptr<Layer>> layers;
    for (std::size_t l = 1; l < spec.sizes.size(); ++l) {
        const bool isOutput = l + 1 == spec.sizes.size();
        layers.push_back(std::make_unique<DenseLayer>(spec.sizes[l - 1], spec.sizes[l],
                                                      isOutput ? spec.output : spec.hidden,
                                                      isOutput ? 0.0f : spec.dropout));
    }
    Network net(std::move(layers), spec.cost);
    initialise(net, init, rng);
    return net;
}

void initialise(Network& net, Initialisation init, std::mt19937_64& rng)
{
    std::normal_distribution<float> gaussian(0.0f, 1.0f);
    for (int l = 0; l < net.layerCount(); ++l) {
        auto* dense = dynamic_cast<DenseLayer*>(&net.layer(l));
        if (!dense)
            continue;
        // Scaled: standard deviation 1/√n_in keeps z = Σ w x + b from saturating the neuron.
        const float sd = init == Initialisation::Large ? 1.0f : 1.0f / std::sqrt(float(dense->inputSize()));
        for (Eigen::Index i = 0; i < dense->weights().size(); ++i)
            dense->weights().data()[i] = sd * gaussian(rng);
        for (Eigen::Index i = 0; i < dense->biases().size(); ++i)
            dense->biases()[i] = gaussian(rng);
    }
}

void oneHot(const std::vector<int>& labels, int classes, Eigen::MatrixXf& y)
{
    y.setZero(classes, static_cast<Eigen::Index>(labels.size()));
    for (std::size_t j = 0; j < labels.size(); ++j)
        y(labels[j], static_cast<Eigen::Index>(j)) = 1.0f;
}

}  // namespace nnlab
