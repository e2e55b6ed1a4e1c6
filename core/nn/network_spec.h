// network_spec.h — a network's shape as the book writes it, as text, and the layers it makes.
//
// "784,conv20x5,pool2,conv40x5,pool2,100,10": the input size, chapter 6's convolution and
// pooling layers, then the fully connected layers. makeNetwork() (network.h) builds one.
#pragma once

#include "core/nn/cost.h"
#include "core/nn/layer.h"

#include <memory>
#include <string>
#include <vector>

namespace nnlab {

// A convolution or max-pooling layer of chapter 6, applied to the input image before the
// fully connected layers (the book's convnets put all of them first).
struct FeatureLayerSpec {
    enum class Kind { Convolution, MaxPool };
    Kind kind = Kind::Convolution;
    int maps = 20;      // convolution: feature maps
    int kernel = 5;     // convolution: k×k local receptive field
    int pool = 2;       // max-pool: p×p blocks
};

// A network as the book writes it: sizes = [784, 30, 10] — the input, then the fully connected
// layers. A convnet adds its convolution/pooling layers between the input and the first fully
// connected layer: "784,conv20x5,pool2,100,10" is sizes [784, 100, 10] with two features.
struct NetworkSpec {
    std::vector<int> sizes;
    Activation hidden = Activation::Sigmoid;   // of every hidden layer, convolutions included
    Activation output = Activation::Sigmoid;
    Cost cost = Cost::Quadratic;
    float dropout = 0.0f;    // while training: hidden neurons, and a convnet's last conv/pool outputs
    std::vector<FeatureLayerSpec> features;   // empty for fully connected networks
};

// Throws std::invalid_argument with a readable reason when the spec can't be built.
void validate(const NetworkSpec& spec);

// "784,conv20x5,pool2,conv40x5,pool2,100,10" ↔ sizes and features (input must be a square
// image for convolutions: 784 = 28×28). Parsing throws std::invalid_argument on bad text.
void parseArchitecture(const std::string& text, NetworkSpec& spec);
std::string formatArchitecture(const NetworkSpec& spec);

// The layers of a spec, parameters zero, dropout where the spec puts it; throws as validate().
std::vector<std::unique_ptr<Layer>> buildLayers(const NetworkSpec& spec);

}  // namespace nnlab
