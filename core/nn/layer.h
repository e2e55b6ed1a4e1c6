// layer.h — one layer of a network: the unit that forward and backward passes step through.
//
// Examples are columns: a layer maps a^{l-1} (inputSize × m) to a^l (outputSize × m) for a
// whole mini-batch at once (chapter 2's matrix form). Fully connected layers are one kind;
// chapter 6's convolution and pooling layers are others, with the same two passes.
#pragma once

#include "core/nn/activation.h"
#include "core/nn/dropout.h"
#include "core/nn/initialisation.h"

#include <Eigen/Core>

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace nnlab {

// A trainable array of a layer and its gradient, viewed as flat float arrays so that one
// optimiser handles weights and biases of every kind of layer alike.
struct Parameter {
    float* value = nullptr;
    float* nabla = nullptr;   // ∂C/∂value summed over the mini-batch
    Eigen::Index size = 0;
    bool isWeight = false;    // weights are regularised (L1/L2), biases are not
};

class Layer {
public:
    virtual ~Layer() = default;

    virtual int inputSize() const = 0;
    virtual int outputSize() const = 0;
    virtual Activation activation() const = 0;
    virtual std::string describe() const = 0;   // e.g. "30 sigmoid"
    virtual std::unique_ptr<Layer> clone() const = 0;
    // A fully connected layer: every neuron reads every input through weights of its own
    // (network2.py's file format holds networks of nothing else).
    virtual bool isFullyConnected() const { return false; }

    // Draws the layer's weights and biases afresh by the rule `init` (initialisation.h), from
    // `normal`. The layer knows its own n_in and n_out; `poolingAfter` is the poolingArea() of the
    // layer after it, which network3.py counts in a convolution's n_out. Pooling draws nothing.
    virtual void initialise(Initialisation init, NormalStream& normal, int poolingAfter) = 0;
    // How many inputs each output summarises without weights: p² for p×p max-pooling, else 1.
    virtual int poolingArea() const { return 1; }

    // Dropout probability p of this layer's outputs while training (dropout.h): a hidden fully
    // connected layer's, or a convnet's last conv/pool layer's; 0 for the rest.
    float dropout() const { return m_dropout.probability(); }
    void setDropout(float p) { m_dropout = Dropout(p); }
    // The dropout of this layer's inputs, the layer before's outputs (Network tells each layer).
    // A fully connected layer behind a dropout learns and starts as dropout.h explains; the other
    // kinds never sit behind one in the book's nets and take no notice.
    virtual void setInputDropout(float /*p*/) {}

    // Training forward pass: keeps z and a (and the dropout mask) for backward().
    virtual const Eigen::MatrixXf& forward(const Eigen::MatrixXf& aPrev, bool training,
                                           std::mt19937_64& rng) = 0;

    // Stateless forward pass for evaluation and inference: safe to call from several threads
    // at once, and while another thread trains a copy.
    virtual void infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const = 0;
    // The same pass keeping the weighted input z as well (for showing one input's trip through
    // the network: the Draw view's hidden neurons). A layer without a σ of its own (pooling)
    // has z = a, as its forward() keeps it.
    virtual void inferWithZ(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& z, Eigen::MatrixXf& a) const
    {
        infer(aPrev, a);
        z = a;
    }

    // The same in double precision, for finite-difference gradient checks: a float32 cost
    // can't resolve C(w + ε) − C(w − ε) for the small gradients of a deep net's early layers.
    virtual void inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const = 0;

    // Given ∂C/∂a^l of the last forward(), makes it δ^l = ∂C/∂z^l in place: BP2's "⊙ σ'(z^l)"
    // (and the dropout mask, when training dropped neurons).
    virtual void outputGradientToDelta(Eigen::MatrixXf& dA) const = 0;

    // Given δ^l, accumulates this layer's gradients (BP3, BP4, summed over the mini-batch) and,
    // when dAPrev is not null, writes ∂C/∂a^{l-1} = (w^l)ᵀ δ^l, the first half of BP2.
    virtual void backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev) = 0;

    virtual std::vector<Parameter> parameters() = 0;

    const Eigen::MatrixXf& z() const { return m_z; }
    const Eigen::MatrixXf& a() const { return m_a; }

protected:
    explicit Layer(float dropout = 0.0f) : m_dropout(dropout) {}

    Dropout m_dropout;    // of this layer's outputs, while training
    Eigen::MatrixXf m_z;  // weighted inputs z^l of the last forward()   (outputSize × m)
    Eigen::MatrixXf m_a;  // activations a^l of the last forward()       (outputSize × m)
};

}  // namespace nnlab
