#include "core/io/layer_stack_format.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"

#include <algorithm>

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

// Refuses a layer that would need more than kMaxLayerValues values for one example.
void checkLayerValues(long long values, const std::string& what, const ModelReader& reader)
{
    if (values > kMaxLayerValues)
        reader.fail(what + " is too large (" + std::to_string(values) + " values for one example; at most " +
                    std::to_string(kMaxLayerValues) + ")");
}

float readDropout(const ModelJson& j, const std::string& where, const ModelReader& reader)
{
    const float dropout = j.contains("dropout") ? reader.number(j["dropout"], where + " dropout") : 0.0f;
    if (!(dropout >= 0.0f && dropout < 1.0f))
        reader.fail(where + " dropout must be in [0, 1)");
    return dropout;
}

std::unique_ptr<Layer> readLayer(const ModelJson& j, ImageShape& shape, int& flatSize, long long& parameters,
                                 const std::string& where, const ModelReader& reader)
{
    const ModelJson& type = reader.member(j, "type", where);
    if (type == "pool") {
        if (flatSize != shape.size())
            reader.fail(where + ": pooling must come before the fully connected layers");
        auto pool = std::make_unique<MaxPoolLayer>(shape, reader.integer(reader.member(j, "size", where), 1, 64, where + " size"));
        pool->setDropout(readDropout(j, where, reader));
        shape = pool->output();
        flatSize = shape.size();
        return pool;
    }
    if (type != "conv" && type != "dense")
        reader.fail(where + ": unknown layer type " + type.dump() + " (expected conv, pool or dense)");
    const Activation f = reader.activation(reader.member(j, "activation", where), where + " activation");
    if (type == "conv") {
        if (flatSize != shape.size())
            reader.fail(where + ": convolutions must come before the fully connected layers");
        const int maps = reader.integer(reader.member(j, "maps", where), 1, 4096, where + " maps");
        const int kernel = reader.integer(reader.member(j, "kernel", where), 1, 64, where + " kernel");
        const long long fanIn = 1LL * shape.channels * kernel * kernel;
        parameters += (1 + fanIn) * maps;
        if (parameters > kMaxModelParameters)
            reader.fail("the network is too large");
        // Output positions (none when the kernel doesn't fit: ConvLayer says so below).
        const long long positions = std::max(0LL, 1LL + shape.height - kernel) * std::max(0LL, 1LL + shape.width - kernel);
        checkLayerValues(positions * maps, where + " output", reader);
        checkLayerValues(positions * fanIn, where + " (its patches: positions × inputs per filter)", reader);
        if (positions > 0) {   // else ConvLayer refuses the kernel, before allocating
            reader.requireList(reader.member(j, "weights", where), maps * fanIn, where + " weights");
            reader.requireList(reader.member(j, "biases", where), maps, where + " biases");
        }
        auto conv = std::make_unique<ConvLayer>(shape, maps, kernel, f);
        conv->setDropout(readDropout(j, where, reader));
        conv->weights() = readRows(j, conv->weights().rows(), conv->weights().cols(), where, reader);
        reader.floats(reader.member(j, "biases", where), conv->biases().size(), conv->biases().data(), where + " biases");
        shape = conv->output();
        flatSize = shape.size();
        return conv;
    }
    if (type == "dense") {
        const int neurons = reader.integer(reader.member(j, "neurons", where), 1, 100000, where + " neurons");
        parameters += (1LL + flatSize) * neurons;
        if (parameters > kMaxModelParameters)
            reader.fail("the network is too large");
        const float dropout = readDropout(j, where, reader);
        reader.requireList(reader.member(j, "weights", where), 1LL * neurons * flatSize, where + " weights");
        reader.requireList(reader.member(j, "biases", where), neurons, where + " biases");
        auto dense = std::make_unique<DenseLayer>(flatSize, neurons, f, dropout);
        dense->weights() = readRows(j, neurons, flatSize, where, reader);
        reader.floats(reader.member(j, "biases", where), dense->biases().size(), dense->biases().data(), where + " biases");
        flatSize = neurons;
        return dense;
    }
    reader.fail(where + ": unknown layer type");
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
    ImageShape shape{reader.integer(reader.member(input, "channels", "input"), 1, 4096, "input channels"),
                     reader.integer(reader.member(input, "height", "input"), 1, 4096, "input height"),
                     reader.integer(reader.member(input, "width", "input"), 1, 4096, "input width")};
    checkLayerValues(1LL * shape.channels * shape.height * shape.width, "the input", reader);
    const Cost cost = reader.cost(reader.member(root, "cost", "the model"), "\"cost\"");
    const ModelJson& list = reader.member(root, "layers", "the model");
    if (!list.is_array() || list.empty())
        reader.fail("\"layers\" must be a non-empty list");
    std::vector<std::unique_ptr<Layer>> layers;
    int flatSize = shape.size();
    long long parameters = 0;
    try {
        for (std::size_t l = 0; l < list.size(); ++l) {
            auto layer = readLayer(list[l], shape, flatSize, parameters, "layer " + std::to_string(l + 1), reader);
            if (auto* pool = dynamic_cast<MaxPoolLayer*>(layer.get()); pool && !layers.empty())
                pool->setPassThrough(layers.back()->activation());
            layers.push_back(std::move(layer));
        }
    } catch (const std::invalid_argument& e) {   // a kernel or pool that doesn't fit its maps
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
    ImageShape input{1, 1, net.inputSize()};
    if (const auto* conv = dynamic_cast<const ConvLayer*>(&net.layer(0)))
        input = conv->input();
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
