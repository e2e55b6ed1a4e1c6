// neuron_edit.h — changing a trained network's first layer by hand (issue 20, "manipulate
// weights on real networks"): silence a neuron, scale or negate its incoming weights, paint on its
// weight image, then run the changed copy to see what the neuron was doing.
//
// The "neurons" are the first layer's: the hidden neurons j of a fully connected layer
// (z_j = Σ_k w_jk x_k + b_j, its weights one 28 × 28 image), or the filters j of a first
// convolution (chapter 6: one k × k kernel of shared weights per feature map). The trained network
// is never touched: apply() returns a copy with every change made, so views keep showing and
// evaluating immutable snapshots.
#pragma once

#include "core/nn/network.h"

#include <Eigen/Core>

#include <map>
#include <memory>
#include <vector>

namespace nnlab {

// What has been done to neuron j. Its incoming weights in the edited network are
//   w'_j = ±scale · w_j + Δ_j        (− when negated; w_j the trained weights)
// so scale and negate act on what the network learnt, and strokes painted on the weight image (Δ_j)
// sit on top, as the user drew them. Its bias b_j is never changed.
struct NeuronChange {
    bool silenced = false;    // nothing downstream reads its output (see NeuronEdits::setSilenced)
    float scale = 1.0f;
    bool negated = false;
    Eigen::VectorXf painted;  // Δ_j, one entry per weight; empty until something is painted

    bool isNone() const;      // the neuron is as trained
};

class NeuronEdits {
public:
    // Throws std::invalid_argument when the first layer is neither fully connected nor a convolution.
    explicit NeuronEdits(std::shared_ptr<const Network> trained);

    const std::shared_ptr<const Network>& trained() const { return m_trained; }
    int neuronCount() const { return int(m_trainedWeights.rows()); }   // n_out, or the maps of a conv
    int weightCount() const { return int(m_trainedWeights.cols()); }   // n_in, or C·k·k of a conv
    bool isConvolution() const { return m_convolution; }
    // The weights w_j drawn as an image, row after row: 28 × 28 for MNIST's pixels (a layer whose
    // n_in is no square: one row), a filter's k × k kernel (C kernels stacked for C channels).
    int imageRows() const { return m_imageRows; }
    int imageCols() const { return m_imageCols; }
    // Whether a later layer reads the first layer's outputs through weights (not so in a
    // one-layer net, where these neurons are the outputs): silencing needs one.
    bool canSilence() const { return m_reader >= 0; }

    // Silencing zeroes neuron j's outgoing weights — the reading layer's weights w^{l+1}_{ij} for
    // every i (a conv filter: every weight that reads its feature map, through pooling). The
    // neuron still computes its a_j, but every z downstream is what it would be with a_j = 0, so
    // the network computes exactly what it would with the neuron removed; unlike a mask inside the
    // layer, this is a plain network that the model files can hold. Throws std::logic_error when
    // !canSilence().
    void setSilenced(int j, bool silenced);
    // w'_j = ±factor · w_j + Δ_j: the factor replaces the earlier one (a slider, not a product).
    void setScale(int j, float factor);
    void setNegated(int j, bool negated);
    // Adds `delta` to w'_jk for each pixel k of the weight image within `radius` pixels of (row,
    // col) — a disc; radius 0 is that pixel alone — and returns how many weights that is (pixels
    // off the image are skipped).
    int paint(int j, int row, int col, int radius, float delta);
    // Makes w'_jk exactly `value` (through Δ_jk).
    void setWeight(int j, int k, float value);
    void reset(int j);
    void resetAll();

    // The neuron's change (the default NeuronChange when it has none).
    const NeuronChange& change(int j) const;
    std::vector<int> changedNeurons() const;   // ascending
    bool isEdited() const { return !m_changes.empty(); }

    Eigen::VectorXf weights(int j) const;          // w'_j, as the edited network holds it
    Eigen::VectorXf trainedWeights(int j) const;   // w_j
    // w'_j as an imageRows() × imageCols() image, weight k at row k / cols, column k % cols.
    Eigen::MatrixXf weightImage(int j) const;
    // The trained network with every change made.
    Network apply() const;

private:
    NeuronChange& changeFor(int j);   // creates one
    void dropIfNone(int j);
    void check(int j) const;

    std::shared_ptr<const Network> m_trained;
    Eigen::MatrixXf m_trainedWeights;   // w of the first layer, one row per neuron
    bool m_convolution = false;
    int m_imageRows = 1;
    int m_imageCols = 1;
    int m_reader = -1;          // the layer whose weights read the neurons' outputs, or -1
    int m_readerColumns = 0;    // columns of its weights per neuron: [j·m_readerColumns, (j+1)·…)
    std::map<int, NeuronChange> m_changes;
};

}  // namespace nnlab
