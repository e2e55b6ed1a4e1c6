#include "core/io/network2_format.h"

#include "core/nn/dense_layer.h"
#include "core/nn/network_limits.h"

#include <stdexcept>

namespace nnlab {

namespace {

std::string network2CostName(Cost cost)
{
    // network2.py knows these two classes; a softmax/log-likelihood net is read there as
    // cross-entropy, which classifies identically (argmax of σ(z) = argmax of softmax(z)).
    return cost == Cost::Quadratic ? "QuadraticCost" : "CrossEntropyCost";
}

Cost readCost(const ModelJson& root, const ModelReader& reader)
{
    if (root.contains("nnlab_cost"))
        return reader.cost(root["nnlab_cost"], "\"nnlab_cost\"");
    if (!root.contains("cost"))
        return Cost::CrossEntropy;
    const ModelJson& c = root["cost"];
    if (c == "QuadraticCost")
        return Cost::Quadratic;
    if (c == "CrossEntropyCost")
        return Cost::CrossEntropy;
    reader.fail("unknown \"cost\" (network2.py writes QuadraticCost or CrossEntropyCost)");
}

NetworkSpec readSpec(const ModelJson& root, const ModelReader& reader)
{
    NetworkSpec spec;
    const ModelJson& sizes = root["sizes"];
    if (!sizes.is_array() || sizes.size() < 2)
        reader.fail("\"sizes\" must be a list of at least two layer sizes, like [784, 30, 10]");
    // Held to network_limits.h as --net's numbers are, in the same words.
    for (const ModelJson& s : sizes) {
        const long long n = reader.wholeNumber(s, "each of \"sizes\"");
        try {
            spec.sizes.push_back(checkedSize(n, spec.sizes.size(), static_cast<long long>(spec.sizes.size())));
        } catch (const std::invalid_argument& e) {
            reader.fail(e.what());
        }
    }
    spec.cost = readCost(root, reader);
    // network2.py's only activation is the sigmoid.
    spec.hidden = root.contains("activation") ? reader.activation(root["activation"], "\"activation\"")
                                              : Activation::Sigmoid;
    spec.output = root.contains("output_activation")
                      ? reader.activation(root["output_activation"], "\"output_activation\"")
                      : Activation::Sigmoid;
    try {
        validate(spec);
    } catch (const std::invalid_argument& e) {
        reader.fail(e.what());
    }
    return spec;
}

// The weights' and biases' list shapes, checked before any layer is allocated: a file can claim
// a large network in a few bytes, and its memory must stay bounded by what it really holds.
void checkShapes(const ModelJson& w, const ModelJson& b, std::size_t l, int rows, int cols, const ModelReader& reader)
{
    const std::string weightsName = "weights of layer " + std::to_string(l);
    if (!w.is_array() || w.size() != std::size_t(rows))
        reader.fail(weightsName + " must have " + std::to_string(rows) + " rows (one per neuron)");
    for (int j = 0; j < rows; ++j)
        if (!w[j].is_array() || w[j].size() != std::size_t(cols))
            reader.fail(weightsName + ", row " + std::to_string(j) + " must have " + std::to_string(cols) +
                        " entries (one per input)");
    if (!b.is_array() || b.size() != std::size_t(rows))
        reader.fail("biases of layer " + std::to_string(l) + " must have " + std::to_string(rows) +
                    " entries (one per neuron)");
}

void readWeights(const ModelJson& w, std::size_t l, Eigen::MatrixXf& weights, const ModelReader& reader)
{
    const std::string name = "weights of layer " + std::to_string(l);
    for (Eigen::Index j = 0; j < weights.rows(); ++j)
        for (Eigen::Index k = 0; k < weights.cols(); ++k)
            weights(j, k) = reader.fastNumber(w[j][k], [&] {
                return name + " [" + std::to_string(j) + "][" + std::to_string(k) + "]";
            });
}

void readBiases(const ModelJson& b, std::size_t l, Eigen::VectorXf& biases, const ModelReader& reader)
{
    const std::string name = "biases of layer " + std::to_string(l);
    for (Eigen::Index j = 0; j < biases.size(); ++j) {
        // network2.py stores each bias vector as a column: [[b_0], [b_1], ...].
        const ModelJson& entry = b[j].is_array() && b[j].size() == 1 ? b[j][0] : b[j];
        biases[j] = reader.number(entry, name + " [" + std::to_string(j) + "]");
    }
}

}  // namespace

bool looksLikeNetwork2(const ModelJson& root)
{
    return root.is_object() && root.contains("sizes");
}

Network parseNetwork2(const ModelJson& root, const ModelReader& reader)
{
    for (const char* key : {"sizes", "weights", "biases"})
        if (!root.contains(key))
            reader.fail(std::string("not a model file: the key \"") + key + "\" is missing");
    const NetworkSpec spec = readSpec(root, reader);
    const ModelJson& weights = root["weights"];
    const ModelJson& biases = root["biases"];
    const std::size_t layerCount = spec.sizes.size() - 1;
    if (!weights.is_array() || weights.size() != layerCount)
        reader.fail("\"weights\" must hold " + std::to_string(layerCount) + " matrices, one per layer after the input");
    if (!biases.is_array() || biases.size() != layerCount)
        reader.fail("\"biases\" must hold " + std::to_string(layerCount) + " vectors, one per layer after the input");
    for (std::size_t l = 0; l < layerCount; ++l)
        checkShapes(weights[l], biases[l], l + 1, spec.sizes[l + 1], spec.sizes[l], reader);
    std::vector<std::unique_ptr<Layer>> layers;
    for (std::size_t l = 0; l < layerCount; ++l) {
        const bool isOutput = l + 1 == layerCount;
        auto layer = std::make_unique<DenseLayer>(spec.sizes[l], spec.sizes[l + 1], isOutput ? spec.output : spec.hidden);
        readWeights(weights[l], l + 1, layer->weights(), reader);
        readBiases(biases[l], l + 1, layer->biases(), reader);
        layers.push_back(std::move(layer));
    }
    return Network(std::move(layers), spec.cost);
}

ModelJson network2Json(const Network& net)
{
    ModelJson root;
    root["sizes"] = net.sizes();
    ModelJson weights = ModelJson::array(), biases = ModelJson::array();
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto& dense = static_cast<const DenseLayer&>(net.layer(l));
        ModelJson w = ModelJson::array();
        for (Eigen::Index j = 0; j < dense.weights().rows(); ++j) {
            ModelJson row = ModelJson::array();
            for (Eigen::Index k = 0; k < dense.weights().cols(); ++k)
                row.push_back(dense.weights()(j, k));
            w.push_back(std::move(row));
        }
        ModelJson b = ModelJson::array();
        for (Eigen::Index j = 0; j < dense.biases().size(); ++j)
            b.push_back(ModelJson::array({dense.biases()[j]}));
        weights.push_back(std::move(w));
        biases.push_back(std::move(b));
    }
    root["weights"] = std::move(weights);
    root["biases"] = std::move(biases);
    root["cost"] = network2CostName(net.cost());
    root["activation"] = activationName(net.hiddenActivation());
    root["output_activation"] = activationName(net.outputActivation());
    root["nnlab_cost"] = costName(net.cost());
    root["format"] = "nnlab network2-compatible 1";
    return root;
}

}  // namespace nnlab
