// network.h — a stack of layers with a cost: the book's Network class, matrix form.
//
// One mini-batch is a matrix x (inputSize × m), one example per column, and its targets y
// (outputSize × m, one-hot). forward() and backprop() run the whole mini-batch through each
// layer with one matrix product, as chapter 2 asks in its "fully matrix-based approach".
#pragma once

#include "nn/cost.h"
#include "nn/layer.h"

#include <memory>
#include <random>
#include <vector>

namespace nnlab {

class DenseLayer;

enum class Initialisation {
    Large,   // weights and biases ~ N(0, 1)                    (chapter 1)
    Scaled,  // weights ~ N(0, 1/n_in), biases ~ N(0, 1)        (chapter 3, "improving ... initialization")
};
std::string initialisationName(Initialisation init);
std::optional<Initialisation> parseInitialisation(const std::string& name);

// A fully connected network as the book writes it: sizes = [784, 30, 10].
struct NetworkSpec {
    std::vector<int> sizes;
    Activation hidden = Activation::Sigmoid;
    Activation output = Activation::Sigmoid;
    Cost cost = Cost::Quadratic;
    float dropout = 0.0f;    // on hidden layers while training
};

// Throws std::invalid_argument with a readable reason when the spec can't be built.
void validate(const NetworkSpec& spec);

class Network {
public:
    Network(std::vector<std::unique_ptr<Layer>> layers, Cost cost);
    Network(const Network& other);
    Network& operator=(const Network& other);
    Network(Network&&) noexcept = default;
    Network& operator=(Network&&) noexcept = default;

    int inputSize() const { return m_layers.front()->inputSize(); }
    int outputSize() const { return m_layers.back()->outputSize(); }
    int layerCount() const { return static_cast<int>(m_layers.size()); }
    Layer& layer(int l) { return *m_layers[l]; }
    const Layer& layer(int l) const { return *m_layers[l]; }
    Cost cost() const { return m_cost; }
    Activation outputActivation() const { return m_layers.back()->activation(); }
    Activation hiddenActivation() const { return m_layers.front()->activation(); }
    std::vector<int> sizes() const;        // [inputSize, layer outputs...]
    bool isFullyConnected() const;         // every layer a DenseLayer (network2.py's format)

    // Training passes. forward() keeps each layer's z and a; backprop() computes every
    // layer's nabla (summed over the mini-batch) and returns the mini-batch's total cost.
    const Eigen::MatrixXf& forward(const Eigen::MatrixXf& x, bool training, std::mt19937_64& rng);
    double backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng,
                    bool training = true);

    // Output activations a^L for the columns of x; const and thread-safe.
    void infer(const Eigen::MatrixXf& x, Eigen::MatrixXf& output) const;
    Eigen::VectorXf feedforward(const Eigen::VectorXf& x) const;
    void inferDouble(const Eigen::MatrixXd& x, Eigen::MatrixXd& output) const;

    std::vector<Parameter> parameters();
    bool allFinite() const;
    double sumOfSquaredWeights() const;   // Σ w², for the L2 term of the cost (eq. 85)
    double sumOfAbsoluteWeights() const;  // Σ |w|, for the L1 term (eq. 95)

private:
    std::vector<std::unique_ptr<Layer>> m_layers;
    Cost m_cost;
    Eigen::MatrixXf m_delta;   // δ^l of the layer being back-propagated   (n_l × m)
    Eigen::MatrixXf m_dA;      // ∂C/∂a^{l-1} = (w^l)ᵀ δ^l                  (n_{l-1} × m)
};

// A fully connected network from a spec, parameters initialised from rng.
Network makeNetwork(const NetworkSpec& spec, Initialisation init, std::mt19937_64& rng);

// Draws every weight and bias of the network afresh.
void initialise(Network& net, Initialisation init, std::mt19937_64& rng);

// One-hot target columns y for labels (outputSize × labels.size()).
void oneHot(const std::vector<int>& labels, int classes, Eigen::MatrixXf& y);

}  // namespace nnlab
