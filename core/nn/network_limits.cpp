#include "core/nn/network_limits.h"

#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"
#include "core/nn/network.h"

#include <cmath>
#include <stdexcept>

namespace nnlab {

namespace {

// 25000000 → "25,000,000": limits and sizes are easier to compare with their digits grouped.
std::string grouped(long long n)
{
    const std::string digits = std::to_string(n);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const std::size_t left = digits.size() - i;   // digits from here to the end
        if (i > 0 && digits[i - 1] != '-' && left % 3 == 0)
            text += ',';
        text += digits[i];
    }
    return text;
}

std::string named(const LayerSize& layer, long long position)
{
    return "layer " + std::to_string(position) + " (" + layerText(layer) + ")";
}

[[noreturn]] void refuse(const std::string& what)
{
    throw std::invalid_argument(what);
}

// "has 5,000 feature maps; at most 4,096", or for a number below 1, "needs at least one …".
void checkCount(long long value, long long max, const std::string& layer, const char* one, const char* many)
{
    if (value < 1)
        refuse(layer + " needs at least one " + one);
    if (value > max)
        refuse(layer + " has " + grouped(value) + " " + many + "; at most " + grouped(max));
}

void checkValues(long long values, const std::string& what)
{
    if (values > kMaxLayerValues)
        refuse(what + " " + grouped(values) + " values for one example; at most " + grouped(kMaxLayerValues));
}

// The walk itself; `check` is false for a network that exists already (its sizes only).
NetworkSize walk(ImageShape input, const std::vector<LayerSize>& layers, bool check)
{
    NetworkSize size;
    size.inputs = 1LL * input.channels * input.height * input.width;
    if (check) {
        checkInputValues(size.inputs);
        if (layers.empty())
            refuse("a network needs at least one layer after its input");
        if (static_cast<long long>(layers.size()) > kMaxLayers)
            refuse("the network has " + grouped(static_cast<long long>(layers.size())) + " layers; at most " +
                   grouped(kMaxLayers));
    }
    long long shapeC = input.channels, shapeH = input.height, shapeW = input.width;
    bool flat = false;   // after the first fully connected layer there are no maps any more
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const LayerSize& layer = layers[i];
        const long long position = static_cast<long long>(i) + 1;
        const std::string name = check ? named(layer, position) : std::string();
        if (check)
            checkLayerNumbers(layer, position);
        MeasuredLayer m;
        m.kind = layer.kind;
        switch (layer.kind) {
        case LayerSize::Kind::Convolution: {
            const long long k = layer.kernel;
            if (check && flat)
                refuse(name + ": convolutions must come before the fully connected layers");
            if (check && (k > shapeH || k > shapeW))   // the words ConvLayer uses
                refuse(name + ": a " + std::to_string(k) + "×" + std::to_string(k) + " convolution does not fit a " +
                       std::to_string(shapeH) + "×" + std::to_string(shapeW) + " input");
            const long long fanIn = shapeC * k * k;   // one filter's shared weights (eq. 125)
            const long long positions = (shapeH - k + 1) * (shapeW - k + 1);
            m.parameters = (fanIn + 1) * layer.size;
            m.patchValues = positions * fanIn;
            shapeC = layer.size;
            shapeH -= k - 1;
            shapeW -= k - 1;
            if (check) {
                checkValues(positions * layer.size, name + " is too large: its output holds");
                checkValues(m.patchValues, name + " is too large: its patches (output positions × inputs per filter) hold");
            }
            break;
        }
        case LayerSize::Kind::MaxPool: {
            const long long p = layer.size;
            if (check && flat)
                refuse(name + ": pooling must come before the fully connected layers");
            if (check && (shapeH % p != 0 || shapeW % p != 0))   // the words MaxPoolLayer uses
                refuse(name + ": " + std::to_string(p) + "×" + std::to_string(p) + " pooling does not divide " +
                       std::to_string(shapeH) + "×" + std::to_string(shapeW) + " maps");
            shapeH /= p;
            shapeW /= p;
            break;
        }
        case LayerSize::Kind::FullyConnected: {
            const long long inputs = shapeC * shapeH * shapeW;
            m.parameters = (inputs + 1) * layer.size;   // n_out × n_in weights, n_out biases
            shapeC = shapeH = 1;
            shapeW = layer.size;
            flat = true;
            break;
        }
        }
        // Each value is below kMaxLayerValues once checked, so an int holds it.
        m.output = {int(shapeC), int(shapeH), int(shapeW)};
        m.outputs = shapeC * shapeH * shapeW;
        size.parameters += m.parameters;
        size.layers.push_back(m);
    }
    if (check && layers.back().kind != LayerSize::Kind::FullyConnected)
        refuse("the network has no output layer: the last layer must be fully connected (layer " +
               std::to_string(layers.size()) + ", " + layerText(layers.back()) + ", is " +
               (layers.back().kind == LayerSize::Kind::Convolution ? "a convolution)" : "max-pooling)"));
    // No overflow on the way: each layer's numbers and values were checked above, so a layer has
    // at most ~5·10¹² parameters and kMaxLayers of them fit a long long.
    if (check && size.parameters > kMaxParameters)
        refuse("the network is too large: " + grouped(size.parameters) + " weights and biases; at most " +
               grouped(kMaxParameters));
    return size;
}

}  // namespace

std::string layerText(const LayerSize& layer)
{
    switch (layer.kind) {
    case LayerSize::Kind::Convolution: return "conv" + std::to_string(layer.size) + "x" + std::to_string(layer.kernel);
    case LayerSize::Kind::MaxPool: return "pool" + std::to_string(layer.size);
    case LayerSize::Kind::FullyConnected: break;
    }
    return std::to_string(layer.size);
}

void checkInputValues(long long values)
{
    if (values < 1)
        refuse("the input needs at least one value");
    if (values > kMaxLayerValues)
        refuse("the input has " + grouped(values) + " values for one example; at most " + grouped(kMaxLayerValues));
}

void checkLayerNumbers(const LayerSize& layer, long long position)
{
    const std::string name = named(layer, position);
    switch (layer.kind) {
    case LayerSize::Kind::Convolution:
        checkCount(layer.size, kMaxMaps, name, "feature map", "feature maps");
        if (layer.kernel < 1)
            refuse(name + " needs a kernel of at least 1×1");
        if (layer.kernel > kMaxKernel)
            refuse(name + " has a " + grouped(layer.kernel) + "×" + grouped(layer.kernel) + " kernel; at most " +
                   std::to_string(kMaxKernel) + "×" + std::to_string(kMaxKernel));
        return;
    case LayerSize::Kind::MaxPool:
        if (layer.size < 1)
            refuse(name + " needs a pooling block of at least 1×1");
        if (layer.size > kMaxPool)
            refuse(name + " pools " + grouped(layer.size) + "×" + grouped(layer.size) + " blocks; at most " +
                   std::to_string(kMaxPool) + "×" + std::to_string(kMaxPool));
        return;
    case LayerSize::Kind::FullyConnected:
        checkCount(layer.size, kMaxNeurons, name, "neuron", "neurons");
        return;
    }
}

int checkedSize(long long size, std::size_t index, long long position)
{
    if (index == 0)
        checkInputValues(size);
    else
        checkLayerNumbers({LayerSize::Kind::FullyConnected, size, 0}, position);
    return static_cast<int>(size);   // at most kMaxLayerValues now
}

NetworkSize measureNetwork(ImageShape input, const std::vector<LayerSize>& layers)
{
    return walk(input, layers, true);
}

NetworkSize measureNetwork(const NetworkSpec& spec)
{
    if (spec.sizes.size() < 2)
        refuse("a network needs at least an input and an output layer");
    ImageShape input{1, 1, spec.sizes.front()};
    if (!spec.features.empty()) {
        checkInputValues(spec.sizes.front());
        const int side = static_cast<int>(std::lround(std::sqrt(double(spec.sizes.front()))));
        if (side * side != spec.sizes.front())
            refuse("convolutions need a square image input; " + std::to_string(spec.sizes.front()) +
                   " is not a square number");
        input = {1, side, side};
    }
    std::vector<LayerSize> layers;
    for (const FeatureLayerSpec& f : spec.features)
        layers.push_back(f.kind == FeatureLayerSpec::Kind::Convolution
                             ? LayerSize{LayerSize::Kind::Convolution, f.maps, f.kernel}
                             : LayerSize{LayerSize::Kind::MaxPool, f.pool, 0});
    for (std::size_t l = 1; l < spec.sizes.size(); ++l)
        layers.push_back({LayerSize::Kind::FullyConnected, spec.sizes[l], 0});
    return walk(input, layers, true);
}

NetworkSize measureNetwork(const Network& net)
{
    ImageShape input{1, 1, net.inputSize()};
    std::vector<LayerSize> layers;
    for (int l = 0; l < net.layerCount(); ++l) {
        if (const auto* conv = dynamic_cast<const ConvLayer*>(&net.layer(l))) {
            if (l == 0)
                input = conv->input();
            layers.push_back({LayerSize::Kind::Convolution, conv->maps(), conv->kernel()});
        } else if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&net.layer(l))) {
            if (l == 0)
                input = pool->input();
            layers.push_back({LayerSize::Kind::MaxPool, pool->pool(), 0});
        } else {
            layers.push_back({LayerSize::Kind::FullyConnected, net.layer(l).outputSize(), 0});
        }
    }
    return walk(input, layers, false);
}

}  // namespace nnlab
