// network.h — a stack of layers with a cost: the book's Network class, matrix form.
//
// One mini-batch is a matrix x (inputSize × m), one example per column, and its targets y
// (outputSize × m, one-hot). forward() and backprop() run the whole mini-batch through each
// layer with one matrix product, as chapter 2 asks in its "fully matrix-based approach".
#pragma once

#include "core/nn/cost.h"
#include "core/nn/initialisation.h"
#include "core/nn/layer.h"
#include "core/nn/network_spec.h"

#include <memory>
#include <random>
#include <vector>

namespace nnlab {

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
    bool isFullyConnected() const;         // every layer fully connected (network2.py's format)

    // Training passes. forward() keeps each layer's z and a; backprop() computes every
    // layer's nabla (summed over the mini-batch) and returns the mini-batch's total cost.
    const Eigen::MatrixXf& forward(const Eigen::MatrixXf& x, bool training, std::mt19937_64& rng);
    double backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng,
                    bool training = true);

    // The same passes in pieces, for DataParallelBackprop, which runs the convolutional layers
    // on each core's half of the mini-batch and the fully connected ones on all of it:
    // forwardLayers(from, to, a) runs layers from .. to-1 on a (their input) and returns the
    // last one's output; outputDelta(y) is BP1 for the last forward, returning the cost;
    // backwardLayers(top, bottom) runs BP2–BP4 from delta(top) down through layer bottom,
    // leaving ∂C/∂a^{bottom-1} in delta(bottom-1), and toDelta(l) turns delta(l) from ∂C/∂a^l
    // into δ^l (BP2's "⊙ σ'(z^l)"). backprop() is forward(), outputDelta(), backwardLayers(L, 0).
    const Eigen::MatrixXf& forwardLayers(int from, int to, const Eigen::MatrixXf& a, bool training,
                                         std::mt19937_64& rng);
    double outputDelta(const Eigen::MatrixXf& y);
    void backwardLayers(int top, int bottom);
    void toDelta(int l) { m_layers[l]->outputGradientToDelta(m_deltas[l]); }
    Eigen::MatrixXf& delta(int l)
    {
        m_deltas.resize(m_layers.size());
        return m_deltas[l];
    }

    // ∂C/∂x: how the cost changes with each input pixel (backprop carried one step further, to
    // the input layer). For adversarial examples (chapter 6's remark).
    Eigen::MatrixXf inputGradient(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y);

    // Output activations a^L for the columns of x; const and thread-safe.
    void infer(const Eigen::MatrixXf& x, Eigen::MatrixXf& output) const;
    Eigen::VectorXf feedforward(const Eigen::VectorXf& x) const;
    // The same pass keeping every layer's weighted input and activation, as network2.py's
    // backprop keeps `zs` and `activations`: zs[l] and activations[l] are z and a of layer l
    // (layer 0 the first after the input; activations.back() is what infer() returns).
    void inferLayers(const Eigen::MatrixXf& x, std::vector<Eigen::MatrixXf>& zs,
                     std::vector<Eigen::MatrixXf>& activations) const;
    void inferDouble(const Eigen::MatrixXd& x, Eigen::MatrixXd& output) const;

    std::vector<Parameter> parameters();
    bool allFinite() const;
    double sumOfSquaredWeights() const;   // Σ w², for the L2 term of the cost (eq. 85)
    double sumOfAbsoluteWeights() const;  // Σ |w|, for the L1 term (eq. 95)

private:
    std::vector<std::unique_ptr<Layer>> m_layers;
    Cost m_cost;
    // δ^l of each layer (n_l × m), kept between mini-batches so that no step allocates. The
    // same buffer first receives ∂C/∂a^l = (w^{l+1})ᵀ δ^{l+1} and is then turned into δ^l.
    std::vector<Eigen::MatrixXf> m_deltas;
};

// The network of a spec (network_spec.h), parameters initialised from rng.
Network makeNetwork(const NetworkSpec& spec, Initialisation init, std::mt19937_64& rng);

// Draws every weight and bias of the network afresh, layer by layer (Layer::initialise).
void initialise(Network& net, Initialisation init, std::mt19937_64& rng);

// One-hot target columns y for labels (outputSize × labels.size()).
void oneHot(const std::vector<int>& labels, int classes, Eigen::MatrixXf& y);

}  // namespace nnlab
