// network_limits.h — how large a network nnlab builds: one set of limits, asked by every way a
// network comes in (nnlab-cli's --net, the Train view's layer editor, the model-file loaders), so
// that a network that can be trained and saved can always be loaded again.
//
// measureNetwork() walks the layers as numbers — output shapes, values per example, parameters —
// and refuses one that passes a limit before anything is allocated for it: a few characters of
// --net or a few bytes of a model file could otherwise ask for terabytes.
#pragma once

#include "core/nn/conv_layer.h"

#include <string>
#include <vector>

namespace nnlab {

class Network;
struct NetworkSpec;

// Layers after the input. The book's deepest network has five.
constexpr long long kMaxLayers = 1000;
// Neurons of one fully connected layer.
constexpr long long kMaxNeurons = 100'000;
// A convolution's feature maps, its k×k kernel, and p×p max-pooling.
constexpr long long kMaxMaps = 4096;
constexpr long long kMaxKernel = 64;
constexpr long long kMaxPool = 64;
// Values one example needs in any layer: the input, a layer's output, a convolution's patches
// (its output positions × the C·k·k inputs of each filter, chapter 6's local receptive fields).
constexpr long long kMaxLayerValues = 50'000'000;
// Weights and biases in all. A model file writes each as at most 18 characters ("[-1.23456789e-05],"
// for a bias), so the largest network's file stays under the loader's 512 MB (model_file.cpp).
constexpr long long kMaxParameters = 25'000'000;

// One layer as far as its size goes, with the numbers as given: long long, because a command
// line or a file can say anything, and each is checked here before it is narrowed to an int.
struct LayerSize {
    enum class Kind { Convolution, MaxPool, FullyConnected };
    Kind kind = Kind::FullyConnected;
    long long size = 0;     // feature maps, p of p×p pooling, or neurons
    long long kernel = 0;   // k of a k×k convolution
};

// "conv20x5", "pool2", "100": the layer as --net writes it.
std::string layerText(const LayerSize& layer);

// A network's sizes for one example, layer by layer.
struct MeasuredLayer {
    LayerSize::Kind kind = LayerSize::Kind::FullyConnected;
    ImageShape output;            // maps × height × width; 1 × 1 × n for a fully connected layer
    long long outputs = 0;        // output.size(): the layer's a (and z, and δ) per example
    long long patchValues = 0;    // a convolution's im2col patches: positions × C·k·k (else 0)
    long long parameters = 0;     // its weights and biases
};

struct NetworkSize {
    long long inputs = 0;
    std::vector<MeasuredLayer> layers;
    long long parameters = 0;     // of all layers
};

// The sizes of a network whose input is `input` (channels × height × width; 1 × 1 × n for a flat
// input) and whose layers are `layers`, in order. Throws std::invalid_argument with one line
// naming what passes a limit above, or a convolution or pooling that doesn't fit the maps it
// meets, or a network whose last layer is not fully connected, e.g.
// "layer 2 (conv5000x5) has 5,000 feature maps; at most 4,096".
NetworkSize measureNetwork(ImageShape input, const std::vector<LayerSize>& layers);
// The same for a spec (validate() in network_spec.h asks this).
NetworkSize measureNetwork(const NetworkSpec& spec);
// The sizes of a network already built (within the limits, as everything that builds one checks).
NetworkSize measureNetwork(const Network& net);

// The checks of one layer's own numbers and of the input's size, for a parser that wants to
// refuse a number before narrowing it to an int: throws as measureNetwork. `position` counts
// the layers after the input from 1.
void checkLayerNumbers(const LayerSize& layer, long long position);
void checkInputValues(long long values);
// Entry `index` of a list of sizes as the book writes them (network2.py's "sizes", --net's
// numbers): the input's at 0, then each fully connected layer's, which is layer `position`.
// Checked as above, then an int.
int checkedSize(long long size, std::size_t index, long long position);

}  // namespace nnlab
