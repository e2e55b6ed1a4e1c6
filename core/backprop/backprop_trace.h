// backprop_trace.h — backpropagation for one example, written down step by step (chapter 2).
//
// The engine's Network::backprop does the whole pass at once over a mini-batch. This file does
// the same sums for a single example x, in the book's order, and keeps every intermediate value
// so that a view can walk through them: the forward pass layer by layer, then the output error
// (BP1), the error of each earlier layer (BP2), and the gradients (BP3, BP4). It uses the
// engine's own activation and cost code, so its numbers are the engine's numbers.
//
// Layers are numbered as in the book: layer 1 is the input, layer L the output, and w^l, b^l
// belong to the connections into layer l. Per-layer vectors below are indexed by that l
// (entries 0 and, except for a, 1 are empty).
#pragma once

#include "core/nn/network.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace nnlab::backprop {

enum class Equation {
    Forward,   // z^l = w^l a^{l-1} + b^l, a^l = σ(z^l)   (eqs. 23, 25)
    BP1,       // δ^L = ∇_a C ⊙ σ'(z^L)
    BP2,       // δ^l = ((w^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l)
    BP3,       // ∂C/∂b^l = δ^l
    BP4,       // ∂C/∂w^l = δ^l (a^{l-1})ᵀ
};

// "forward", "BP1", … for labels.
std::string equationLabel(Equation equation);
// The equation in general form, in Unicode maths: "δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)".
std::string equationFormula(Equation equation);
// "²", "¹⁰": a number as superscript digits, for layer indices written after a symbol.
std::string superscript(int n);

// One value a step produced, e.g. {"δ²", 3×1 column} or {"∂C/∂w³", 2×3 matrix}.
struct NamedValue {
    std::string name;
    Eigen::MatrixXf value;
};

struct TraceStep {
    Equation equation = Equation::Forward;
    int layer = 0;                 // l, the book's numbering (2..L)
    std::string text;              // the equation with this layer's numbers: "δ² = ((w³)ᵀ δ³) ⊙ σ′(z²)"
    std::vector<NamedValue> values;   // what it computed, the result last
};

struct BackpropTrace {
    std::vector<int> sizes;   // [n_1 (input), n_2, …, n_L]
    Cost cost = Cost::Quadratic;
    Activation hidden = Activation::Sigmoid;
    Activation output = Activation::Sigmoid;
    Eigen::VectorXf x, y;
    double costValue = 0.0;   // C(a^L, y) for this example

    // Indexed by the layer l (1..L); a[1] = x.
    std::vector<Eigen::VectorXf> z, a, delta, nablaB;
    std::vector<Eigen::MatrixXf> nablaW;

    // Forward for l = 2..L, BP1, BP2 for l = L−1..2, then BP3 and BP4 for l = L..2.
    std::vector<TraceStep> steps;

    int L() const { return static_cast<int>(sizes.size()); }   // the number of layers, input included
};

// What the first `done` steps of a trace have computed, per layer l (indexed 0..L like the
// trace's vectors): a^l (and z^l), δ^l, ∂C/∂w^l and ∂C/∂b^l. a¹ = x is always known.
struct Known {
    std::vector<bool> a, delta, nablaB, nablaW;
};
Known knownAfter(const BackpropTrace& trace, int done);

// Traces backpropagation of the cost of (x, y) through a fully connected network (every layer a
// DenseLayer; throws std::invalid_argument otherwise, or when x or y has the wrong size). The
// network is not changed.
BackpropTrace traceBackprop(const Network& net, const Eigen::VectorXf& x, const Eigen::VectorXf& y);

}  // namespace nnlab::backprop
