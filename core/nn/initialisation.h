// initialisation.h — how a network's weights and biases start: chapter 1's N(0, 1), chapter 3's
// N(0, 1/n_in), and network3.py's N(0, 1/n_out) of chapter 6.
//
// Each layer draws its own parameters (Layer::initialise), since it knows its n_in and n_out;
// the rules themselves live here, once, for every kind of layer.
#pragma once

#include "core/nn/activation.h"

#include <Eigen/Core>

#include <optional>
#include <random>
#include <string>

namespace nnlab {

enum class Initialisation {
    Large,   // weights and biases ~ N(0, 1)                    (chapter 1)
    Scaled,  // weights ~ N(0, 1/n_in), biases ~ N(0, 1)        (chapter 3, "improving ... initialization")
    Network3,   // as the book's network3.py (chapter 6): weights ~ N(0, 1/n_out), where a conv
                // layer's n_out = maps·k²/p² (p: the pooling after it), biases ~ N(0, 1); a
                // softmax output layer starts at zero
};
std::string initialisationName(Initialisation init);                   // "large", "scaled", ...
std::optional<Initialisation> parseInitialisation(const std::string& name);

// The N(0, 1) numbers that a network's parameters are drawn from, layer after layer. One
// distribution serves the whole network: it keeps the spare of each pair of numbers it makes,
// so starting a fresh one per layer would change the weights a seed gives.
class NormalStream {
public:
    explicit NormalStream(std::mt19937_64& rng) : m_rng(rng) {}
    float operator()() { return m_normal(m_rng); }

private:
    std::mt19937_64& m_rng;
    std::normal_distribution<float> m_normal{0.0f, 1.0f};
};

// A layer's n_in, the inputs of one neuron (a row of its weights: a dense layer's inputs, a conv
// filter's C·k²), and its n_out as network3.py counts it (a dense layer's neurons, a conv
// layer's maps·k²/p²).
struct FanInOut {
    float in = 1.0f;
    float out = 1.0f;
};

// Draws weights (in storage order) and then biases:
//   large     w ~ N(0, 1)         b ~ N(0, 1)
//   scaled    w ~ N(0, 1/n_in)    b ~ N(0, 1): z = Σ w x + b then starts unsaturated
//   network3  w ~ N(0, 1/n_out)   b ~ N(0, 1); a softmax layer w = b = 0, drawing nothing
// `keep` = 1 − p of a dropout on the layer's inputs: there the weights start × (1 − p), the
// book's halving (dropout.h).
void initialiseParameters(Initialisation init, FanInOut fan, Activation activation, float keep,
                          Eigen::MatrixXf& weights, Eigen::VectorXf& biases, NormalStream& normal);

}  // namespace nnlab
