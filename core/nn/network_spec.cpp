#include "core/nn/network_spec.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"
#include "core/nn/network_limits.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace nnlab {

namespace {

// What can be checked without building a layer.
void validateBasics(const NetworkSpec& spec)
{
    if (spec.sizes.size() < 2)
        throw std::invalid_argument("a network needs at least an input and an output layer");
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

// The convolution and pooling layers of a validated spec; returns the size of what they output.
int addFeatureLayers(const NetworkSpec& spec, std::vector<std::unique_ptr<Layer>>& layers)
{
    if (spec.features.empty())
        return spec.sizes.front();
    const int side = static_cast<int>(std::lround(std::sqrt(double(spec.sizes.front()))));   // a square: validated
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
    // Every size limit, and that each convolution and pooling fits its maps, without building a layer.
    measureNetwork(spec);
}

namespace {

// A whole number that fits a long long (the limits then say whether it is too large), or nullopt.
std::optional<long long> wholeNumber(std::string_view text)
{
    long long n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return n;
}

}  // namespace

void parseArchitecture(const std::string& text, NetworkSpec& spec)
{
    NetworkSpec parsed = spec;
    parsed.sizes.clear();
    parsed.features.clear();
    std::size_t start = 0;
    long long position = 0;   // of the layer after the input, from 1, as network_limits.h counts
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        start = comma == std::string::npos ? text.size() + 1 : comma + 1;
        item.erase(0, item.find_first_not_of(" \t"));   // "784, 30, 10" as well
        item.erase(item.find_last_not_of(" \t") + 1);
        const std::string_view view(item);
        const std::size_t x = view.find('x');
        // Each number is checked against the limits while it is still a long long, then kept as an int.
        if (view.starts_with("conv") && x != std::string_view::npos) {
            const auto maps = wholeNumber(view.substr(4, x - 4)), kernel = wholeNumber(view.substr(x + 1));
            if (!maps || !kernel)
                throw std::invalid_argument("'" + item + "' is not a layer (sizes like 30, conv20x5, pool2)");
            if (parsed.sizes.size() != 1)
                throw std::invalid_argument("'" + item + "': convolutions come right after the input size");
            checkLayerNumbers({LayerSize::Kind::Convolution, *maps, *kernel}, ++position);
            parsed.features.push_back({FeatureLayerSpec::Kind::Convolution, int(*maps), int(*kernel), 0});
        } else if (view.starts_with("pool")) {
            const auto pool = wholeNumber(view.substr(4));
            if (!pool)
                throw std::invalid_argument("'" + item + "' is not a layer (sizes like 30, conv20x5, pool2)");
            if (parsed.sizes.size() != 1)
                throw std::invalid_argument("'" + item + "': pooling comes right after the input size");
            checkLayerNumbers({LayerSize::Kind::MaxPool, *pool, 0}, ++position);
            parsed.features.push_back({FeatureLayerSpec::Kind::MaxPool, 0, 0, int(*pool)});
        } else if (const auto n = wholeNumber(view)) {
            const long long at = parsed.sizes.empty() ? position : ++position;
            parsed.sizes.push_back(checkedSize(*n, parsed.sizes.size(), at));
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
    validate(spec);   // before allocating anything: the limits
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
