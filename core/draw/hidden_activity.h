// hidden_activity.h — one digit's trip through every layer of a network, for the Draw view's
// hidden-layer panel: what each hidden neuron computes (z = w·a + b, a = σ(z), eq. 25), how
// strongly it fires, the weights it reads and the strongest ones it sends on. No Qt.
//
// The pass itself is the network's own (Network::inferLayers): this file only keeps what it
// returns and reads facts off it and off the weights.
#pragma once

#include "core/draw/digit_classifier.h"
#include "core/nn/conv_layer.h"
#include "core/nn/network.h"

#include <Eigen/Core>

#include <optional>
#include <vector>

namespace nnlab {

// Every layer's z and a for one input (network2.py's `zs` and `activations`, less the input).
struct NetworkActivity {
    std::vector<Eigen::VectorXf> zs;            // zs[l]: weighted inputs z of layer l
    std::vector<Eigen::VectorXf> activations;   // activations[l]: a = σ(z) of layer l
    Classification classification;              // the output layer, read as classify() reads it
};

// One forward pass of `pixels` (net.inputSize() values, MNIST's convention: ink = 1) keeping
// every layer. Throws std::invalid_argument when the sizes don't match, as classify() does.
NetworkActivity traceActivity(const Network& net, const std::vector<float>& pixels);

// The feature maps a convolutional or pooling layer's outputs make (channels maps of
// height×width); nullopt for a fully connected layer, whose outputs are single neurons.
std::optional<ImageShape> featureMapShape(const Layer& layer);

// A convolutional or pooling layer's activations a (`shape.size()` values) as its maps, one
// height×width matrix per channel (each map is stored row by row, maps one after another).
std::vector<Eigen::MatrixXf> featureMaps(const Eigen::VectorXf& a, ImageShape shape);

// How strongly each neuron fires, from 0 (not at all) to 1 (as much as it can), for tinting:
// a itself for sigmoid, (a + 1)/2 for tanh, a over the layer's largest a for ReLU (no ceiling;
// all 0 when none fires) and softmax.
Eigen::VectorXf firingLevels(Activation f, const Eigen::VectorXf& a);

// The incoming weights w_j· of neuron j of fully connected layer l laid out as a picture of what
// it reads: 28×28 when it reads the digit's pixels (pixel (y, x) is input y·28 + x); the maps of
// a convolutional or pooling layer before it, each H×W, in a near-square grid of maps one cell
// apart; a near-square grid of the neurons of a fully connected layer before it, row by row.
// Cells that are no input (the gaps, the grid's tail) are NaN. Throws std::invalid_argument
// when layer l isn't fully connected.
Eigen::MatrixXf weightImage(const Network& net, int l, int j);

// One weight from a neuron into the next layer: w^{l+1}_{to, j}.
struct Connection {
    int to = 0;
    float weight = 0.0f;
};

// The `count` connections of largest |w| from neuron j of layer l into layer l + 1, largest
// first (ties: lower index first); empty when layer l + 1 isn't fully connected or l is the last.
std::vector<Connection> strongestConnections(const Network& net, int l, int j, int count);

// What the detail panel says about neuron j of layer l.
struct NeuronFacts {
    int layer = 0;
    int neuron = 0;
    Activation activation = Activation::Sigmoid;
    float bias = 0.0f;
    std::optional<float> z;                // for the current input; none while nothing is drawn
    std::optional<float> a;
    bool intoOutput = false;               // the connections lead into the output layer (digits)
    std::vector<Connection> strongest;     // strongestConnections(net, layer, neuron, count)
};

// `activity` may be null (nothing drawn): then z and a are absent.
NeuronFacts neuronFacts(const Network& net, const NetworkActivity* activity, int l, int j, int connections = 3);

}  // namespace nnlab
