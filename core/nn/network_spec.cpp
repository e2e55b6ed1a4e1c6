#include "core/nn/network_spec.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace nnlab {

namespace {

// What can be checked without building a layer.
void validateBasics(const NetworkSpec& spec)
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

// The convolution and pooling layers of a spec; returns the size of what they output. Their
// constructors check that every kernel and pool fits the maps it meets.
int addFeatureLayers(const NetworkSpec& spec, std::vector<std::unique_ptr<Layer>>& layers)
{
    if (spec.features.empty())
        return spec.sizes.front();
    const int side = static_cast<int>(std::lround(std::sqrt(double(spec.sizes.front()))));
    if (side * side != spec.sizes.front())
        throw std::invalid_argument("convolutions need a square image input; " + std::to_string(spec.sizes.front()) +
                                    " is not a square number");
    ImageShape shape{1, side, side};
    for (const FeatureLayerSpec& f : spec.features) {
        if (f.kind == FeatureLayerSpec::Kind::Convolution) {
            auto conv = std::make_unique<ConvLayer>(shape, f.maps, f.kernel, spec.hidden);
            shape = conv->output();
            layers.push_back(std::move(conv));
        } else {
            auto pool = std::make_unique<MaxPoolLayer>(shape, f.pool);
            pool->setPassThrough(spec.hidden);
            shape = pool->output();
            layers.push_back(std::move(pool));
        }
    }
    return shape.size();
}

}  // namespace

void validate(const NetworkSpec& spec)
{
    validateBasics(spec);
    // Only the feature layers: fully connected ones of valid sizes always build (and may be large).
    std::vector<std::unique_ptr<Layer>> probe;
    addFeatureLayers(spec, probe);
}

void parseArchitecture(const std::string& text, NetworkSpec& spec)
{
    NetworkSpec parsed = spec;
    parsed.sizes.clear();
    parsed.features.clear();
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        int a = 0, b = 0;
        char tail = 0;
        if (std::sscanf(item.c_str(), "conv%dx%d%c", &a, &b, &tail) == 2) {
            if (parsed.sizes.size() != 1)
                throw std::invalid_argument("'" + item + "': convolutions come right after the input size");
            parsed.features.push_back({FeatureLayerSpec::Kind::Convolution, a, b, 0});
        } else if (std::sscanf(item.c_str(), "pool%d%c", &a, &tail) == 1) {
            if (parsed.sizes.size() != 1)
                throw std::invalid_argument("'" + item + "': pooling comes right after the input size");
            parsed.features.push_back({FeatureLayerSpec::Kind::MaxPool, 0, 0, a});
        } else if (std::sscanf(item.c_str(), "%d%c", &a, &tail) == 1 && a > 0) {
            parsed.sizes.push_back(a);
        } else {
            throw std::invalid_argument("'" + item + "' is not a layer (sizes like 30, conv20x5, pool2)");
        }
    }
    if (parsed.sizes.size() < 2)
        throw std::invalid_argument("a network needs an input size and at least one layer, like 784,30,10");
    spec = parsed;
}

std::string formatArchitecture(const NetworkSpec& spec)
{
    std::string text;
    for (std::size_t i = 0; i < spec.sizes.size(); ++i) {
        if (i)
            text += ',';
        text += std::to_string(spec.sizes[i]);
        if (i == 0)
            for (const FeatureLayerSpec& f : spec.features)
                text += f.kind == FeatureLayerSpec::Kind::Convolution
                            ? ",conv" + std::to_string(f.maps) + "x" + std::to_string(f.kernel)
                            : ",pool" + std::to_string(f.pool);
    }
    return text;
}

std::vector<std::unique_ptr<Layer>> buildLayers(const NetworkSpec& spec)
{
    validateBasics(spec);
    std::vector<std::unique_ptr<Layer>> layers;
    int inputs = addFeatureLayers(spec, layers);
    // Dropout acts on the fully connected section's inputs, as network3.py's layers apply it
    // (chapter 6): so the convolutional section's outputs are dropped too, not only hidden neurons.
    if (!layers.empty())
        layers.back()->setDropout(spec.dropout);
    for (std::size_t l = 1; l < spec.sizes.size(); ++l) {
        const bool isOutput = l + 1 == spec.sizes.size();
        layers.push_back(std::make_unique<DenseLayer>(inputs, spec.sizes[l], isOutput ? spec.output : spec.hidden,
                                                      isOutput ? 0.0f : spec.dropout));
        inputs = spec.sizes[l];
    }
    return layers;
}

}  // namespace nnlab
