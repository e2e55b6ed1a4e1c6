#include "core/draw/hidden_activity.h"

#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace nnlab {

namespace {

const DenseLayer& denseLayer(const Network& net, int l)
{
    if (l < 0 || l >= net.layerCount())
        throw std::invalid_argument("no layer " + std::to_string(l));
    const auto* dense = dynamic_cast<const DenseLayer*>(&net.layer(l));
    if (!dense)
        throw std::invalid_argument("layer " + std::to_string(l) + " is not fully connected");
    return *dense;
}

// Columns of a near-square grid holding n cells.
int gridColumns(int n)
{
    return std::max(1, int(std::ceil(std::sqrt(double(n)))));
}

}  // namespace

NetworkActivity traceActivity(const Network& net, const std::vector<float>& pixels)
{
    if (int(pixels.size()) != net.inputSize())
        throw std::invalid_argument("the network takes " + std::to_string(net.inputSize()) +
                                    " inputs, the image has " + std::to_string(pixels.size()));
    const Eigen::Map<const Eigen::VectorXf> x(pixels.data(), Eigen::Index(pixels.size()));
    std::vector<Eigen::MatrixXf> zs, activations;
    net.inferLayers(x, zs, activations);
    NetworkActivity activity;
    activity.zs.reserve(zs.size());
    activity.activations.reserve(activations.size());
    for (std::size_t l = 0; l < zs.size(); ++l) {
        activity.zs.emplace_back(zs[l].col(0));
        activity.activations.emplace_back(activations[l].col(0));
    }
    activity.classification = readOutput(activity.activations.back(), net.outputActivation());
    return activity;
}

std::optional<ImageShape> featureMapShape(const Layer& layer)
{
    if (const auto* conv = dynamic_cast<const ConvLayer*>(&layer))
        return conv->output();
    if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&layer))
        return pool->output();
    return std::nullopt;
}

std::vector<Eigen::MatrixXf> featureMaps(const Eigen::VectorXf& a, ImageShape shape)
{
    if (a.size() != shape.size())
        throw std::invalid_argument(std::to_string(a.size()) + " activations are not " +
                                    std::to_string(shape.channels) + " maps of " + std::to_string(shape.height) +
                                    "×" + std::to_string(shape.width));
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    std::vector<Eigen::MatrixXf> maps;
    const std::ptrdiff_t mapSize = std::ptrdiff_t(shape.height) * shape.width;
    for (int c = 0; c < shape.channels; ++c)
        maps.emplace_back(Eigen::Map<const RowMajor>(a.data() + c * mapSize, shape.height, shape.width));
    return maps;
}

Eigen::VectorXf firingLevels(Activation f, const Eigen::VectorXf& a)
{
    switch (f) {
    case Activation::Sigmoid:   // σ(z) ∈ (0, 1) already
        return a.cwiseMax(0.0f).cwiseMin(1.0f);
    case Activation::Tanh:      // tanh(z) ∈ (−1, 1): −1 is "off"
        return ((a.array() + 1.0f) / 2.0f).max(0.0f).min(1.0f).matrix();
    case Activation::ReLU:
    case Activation::Softmax: {
        const float top = a.size() ? a.maxCoeff() : 0.0f;
        if (top <= 0.0f)
            return Eigen::VectorXf::Zero(a.size());
        return (a / top).cwiseMax(0.0f);
    }
    }
    return a;
}

Eigen::MatrixXf weightImage(const Network& net, int l, int j)
{
    const DenseLayer& dense = denseLayer(net, l);
    if (j < 0 || j >= dense.outputSize())
        throw std::invalid_argument("layer " + std::to_string(l) + " has no neuron " + std::to_string(j));
    const Eigen::VectorXf w = dense.weights().row(j).transpose();
    constexpr float none = std::numeric_limits<float>::quiet_NaN();

    // The first layer of a network on MNIST's digits reads 28×28 pixels, row by row.
    constexpr int side = 28;
    if (l == 0 && w.size() == side * side) {
        Eigen::MatrixXf image(side, side);
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x)
                image(y, x) = w(y * side + x);
        return image;
    }
    // After feature maps: the weights on each map, as that map, in a grid of maps.
    ImageShape maps{1, 1, int(w.size())};
    if (l > 0)
        if (const auto shape = featureMapShape(net.layer(l - 1)))
            maps = *shape;
    if (maps.channels > 1 || maps.height > 1) {
        const int columns = gridColumns(maps.channels), rows = (maps.channels + columns - 1) / columns;
        Eigen::MatrixXf image = Eigen::MatrixXf::Constant(rows * (maps.height + 1) - 1,
                                                          columns * (maps.width + 1) - 1, none);
        for (int c = 0; c < maps.channels; ++c)
            for (int y = 0; y < maps.height; ++y)
                for (int x = 0; x < maps.width; ++x)
                    image((c / columns) * (maps.height + 1) + y, (c % columns) * (maps.width + 1) + x) =
                        w((c * maps.height + y) * maps.width + x);   // inputs are map-major (conv_layer.h)
        return image;
    }
    // After single neurons: one cell each, row by row.
    const int n = int(w.size()), columns = gridColumns(n), rows = (n + columns - 1) / columns;
    Eigen::MatrixXf image = Eigen::MatrixXf::Constant(rows, columns, none);
    for (int k = 0; k < n; ++k)
        image(k / columns, k % columns) = w(k);
    return image;
}

std::vector<Connection> strongestConnections(const Network& net, int l, int j, int count)
{
    if (l < 0 || l + 1 >= net.layerCount())
        return {};
    const auto* next = dynamic_cast<const DenseLayer*>(&net.layer(l + 1));
    if (!next || j < 0 || j >= next->inputSize())
        return {};
    // Column j of w^{l+1}: the weights from neuron j into every neuron of the next layer.
    const Eigen::VectorXf column = next->weights().col(j);
    std::vector<int> order(std::size_t(column.size()));
    std::iota(order.begin(), order.end(), 0);
    const int kept = std::clamp(count, 0, int(order.size()));
    std::partial_sort(order.begin(), order.begin() + kept, order.end(), [&](int p, int q) {
        const float wp = std::abs(column(p)), wq = std::abs(column(q));
        return wp != wq ? wp > wq : p < q;
    });
    std::vector<Connection> strongest;
    for (int k = 0; k < kept; ++k)
        strongest.push_back({order[k], column(order[k])});
    return strongest;
}

NeuronFacts neuronFacts(const Network& net, const NetworkActivity* activity, int l, int j, int connections)
{
    const DenseLayer& dense = denseLayer(net, l);
    if (j < 0 || j >= dense.outputSize())
        throw std::invalid_argument("layer " + std::to_string(l) + " has no neuron " + std::to_string(j));
    NeuronFacts facts;
    facts.layer = l;
    facts.neuron = j;
    facts.activation = dense.activation();
    facts.bias = dense.biases()(j);
    if (activity && l < int(activity->zs.size()) && j < activity->zs[l].size()) {
        facts.z = activity->zs[l](j);
        facts.a = activity->activations[l](j);
    }
    facts.intoOutput = l + 2 == net.layerCount();
    facts.strongest = strongestConnections(net, l, j, connections);
    return facts;
}

}  // namespace nnlab
