#include "core/io/layer_stack_format.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"
#include "core/nn/network_limits.h"

#include <limits>

namespace nnlab {

namespace {

// A weight matrix stored row by row (row j = neuron or filter j).
Eigen::MatrixXf readRows(const ModelJson& j, Eigen::Index rows, Eigen::Index cols, const std::string& where,
                         const ModelReader& reader)
{
    Eigen::Matrix<float, -1, -1, Eigen::RowMajor> w(rows, cols);
    reader.floats(reader.member(j, "weights", where), w.size(), w.data(), where + " weights");
    return w;
}

float readDropout(const ModelJson& j, const std::string& where, const ModelReader& reader)
{
    const float dropout = j.contains("dropout") ? reader.number(j["dropout"], where + " dropout") : 0.0f;
    if (!(dropout >= 0.0f && dropout < 1.0f))
        reader.fail(where + " dropout must be in [0, 1)");
    return dropout;
}

// A layer's kind and numbers, before anything is allocated for it: the whole stack is measured
// against network_limits.h first, as --net and the Train view's layers are.
LayerSize readLayerSize(const ModelJson& j, const std::string& where, const ModelReader& reader)
{
    const ModelJson& type = reader.member(j, "type", where);
    if (type == "pool")
        return {LayerSize::Kind::MaxPool, reader.wholeNumber(reader.member(j, "size", where), where + " size"), 0};
    if (type == "conv")
        return {LayerSize::Kind::Convolution, reader.wholeNumber(reader.member(j, "maps", where), where + " maps"),
                reader.wholeNumber(reader.member(j, "kernel", where), where + " kernel")};
    if (type == "dense")
        return {LayerSize::Kind::FullyConnected, reader.wholeNumber(reader.member(j, "neurons", where), where + " neurons"),
                0};
    reader.fail(where + ": unknown layer type " + type.dump() + " (expected conv, pool or dense)");
}

// One layer of a stack measureNetwork() has accepted: its lists are counted before it is built,
// so memory stays bounded by what the file really holds.
std::unique_ptr<Layer> readLayer(const ModelJson& j, const LayerSize& size, ImageShape& shape, int& flatSize,
                                 bool isOutput, const std::string& where, const ModelReader& reader)
{
    if (size.kind == LayerSize::Kind::MaxPool) {
        auto pool = std::make_unique<MaxPoolLayer>(shape, int(size.size));
        pool->setDropout(readDropout(j, where, reader));
        shape = pool->output();
        flatSize = shape.size();
        return pool;
    }
    const Activation f = reader.activation(reader.member(j, "activation", where), where + " activation");
    if (f == Activation::Softmax && !isOutput)
        reader.fail(where + ": softmax is an output activation; only the last layer may be softmax");
    if (size.kind == LayerSize::Kind::Convolution) {
        const long long fanIn = 1LL * shape.channels * size.kernel * size.kernel;
        reader.requireList(reader.member(j, "weights", where), size.size * fanIn, where + " weights");
        reader.requireList(reader.member(j, "biases", where), size.size, where + " biases");
        auto conv = std::make_unique<ConvLayer>(shape, int(size.size), int(size.kernel), f);
        conv->setDropout(readDropout(j, where, reader));
        conv->weights() = readRows(j, conv->weights().rows(), conv->weights().cols(), where, reader);
        reader.floats(reader.member(j, "biases", where), conv->biases().size(), conv->biases().data(), where + " biases");
        shape = conv->output();
        flatSize = shape.size();
        return conv;
    }
    const int neurons = int(size.size);
    const float dropout = readDropout(j, where, reader);
    reader.requireList(reader.member(j, "weights", where), 1LL * neurons * flatSize, where + " weights");
    reader.requireList(reader.member(j, "biases", where), neurons, where + " biases");
    auto dense = std::make_unique<DenseLayer>(flatSize, neurons, f, dropout);
    dense->weights() = readRows(j, neurons, flatSize, where, reader);
    reader.floats(reader.member(j, "biases", where), dense->biases().size(), dense->biases().data(), where + " biases");
    flatSize = neurons;
    return dense;
}

ModelJson floatList(const float* values, Eigen::Index count)
{
    ModelJson list = ModelJson::array();
    for (Eigen::Index i = 0; i < count; ++i)
        list.push_back(values[i]);
    return list;
}

}  // namespace

bool looksLikeLayerStack(const ModelJson& root)
{
    return root.is_object() && root.contains("format") && root["format"] == "nnlab-model";
}

Network parseLayerStack(const ModelJson& root, const ModelReader& reader)
{
    const ModelJson& version = reader.member(root, "version", "the model");
    if (!version.is_number_integer() || version.get<long long>() != kLayerStackVersion)
        reader.fail("model format version " + version.dump() + " is not one this nnlab reads (it reads version " +
                    std::to_string(kLayerStackVersion) + "); a newer nnlab may have written it");
    const ModelJson& input = reader.member(root, "input", "the model");
    constexpr int kAny = std::numeric_limits<int>::max();   // the limits check the product
    ImageShape shape{reader.integer(reader.member(input, "channels", "input"), 1, kAny, "input channels"),
                     reader.integer(reader.member(input, "height", "input"), 1, kAny, "input height"),
                     reader.integer(reader.member(input, "width", "input"), 1, kAny, "input width")};
    const Cost cost = reader.cost(reader.member(root, "cost", "the model"), "\"cost\"");
    const ModelJson& list = reader.member(root, "layers", "the model");
    if (!list.is_array() || list.empty())
        reader.fail("\"layers\" must be a non-empty list");
    std::vector<LayerSize> sizes;
    for (std::size_t l = 0; l < list.size(); ++l)
        sizes.push_back(readLayerSize(list[l], "layer " + std::to_string(l + 1), reader));
    try {
        measureNetwork(shape, sizes);   // every limit, each kernel and pool fitting, an output layer
    } catch (const std::invalid_argument& e) {
        reader.fail(e.what());
    }
    std::vector<std::unique_ptr<Layer>> layers;
    int flatSize = shape.size();
    try {
        for (std::size_t l = 0; l < list.size(); ++l) {
            auto layer = readLayer(list[l], sizes[l], shape, flatSize, l + 1 == list.size(),
                                   "layer " + std::to_string(l + 1), reader);
            if (auto* pool = dynamic_cast<MaxPoolLayer*>(layer.get()); pool && !layers.empty())
                pool->setPassThrough(layers.back()->activation());
            layers.push_back(std::move(layer));
        }
    } catch (const std::invalid_argument& e) {   // e.g. a softmax convolution
        reader.fail(e.what());
    }
    if (!costSupportsOutput(cost, layers.back()->activation()))
        reader.fail(costName(cost) + " cost does not go with a " + activationName(layers.back()->activation()) +
                    " output layer");
    return Network(std::move(layers), cost);
}

ModelJson layerStackJson(const Network& net)
{
    ModelJson root;
    root["format"] = "nnlab-model";
    root["version"] = kLayerStackVersion;
    ImageShape input{1, 1, net.inputSize()};   // maps only where the first layer has them
    if (const auto* conv = dynamic_cast<const ConvLayer*>(&net.layer(0)))
        input = conv->input();
    else if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&net.layer(0)))
        input = pool->input();
    root["input"] = {{"channels", input.channels}, {"height", input.height}, {"width", input.width}};
    root["cost"] = costName(net.cost());
    ModelJson layers = ModelJson::array();
    for (int l = 0; l < net.layerCount(); ++l) {
        ModelJson j;
        if (const auto* conv = dynamic_cast<const ConvLayer*>(&net.layer(l))) {
            j = {{"type", "conv"}, {"maps", conv->maps()}, {"kernel", conv->kernel()},
                 {"activation", activationName(conv->activation())}};
            if (conv->dropout() > 0.0f)
                j["dropout"] = conv->dropout();
            const Eigen::Matrix<float, -1, -1, Eigen::RowMajor> rows = conv->weights();
            j["weights"] = floatList(rows.data(), rows.size());
            j["biases"] = floatList(conv->biases().data(), conv->biases().size());
        } else if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&net.layer(l))) {
            j = {{"type", "pool"}, {"size", pool->pool()}};
            if (pool->dropout() > 0.0f)
                j["dropout"] = pool->dropout();
        } else {
            const auto& dense = static_cast<const DenseLayer&>(net.layer(l));
            j = {{"type", "dense"}, {"neurons", dense.outputSize()}, {"activation", activationName(dense.activation())}};
            if (dense.dropout() > 0.0f)
                j["dropout"] = dense.dropout();
            const Eigen::Matrix<float, -1, -1, Eigen::RowMajor> rows = dense.weights();
            j["weights"] = floatList(rows.data(), rows.size());
            j["biases"] = floatList(dense.biases().data(), dense.biases().size());
        }
        layers.push_back(std::move(j));
    }
    root["layers"] = std::move(layers);
    return root;
}

}  // namespace nnlab
