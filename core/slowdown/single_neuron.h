// single_neuron.h — chapter 3's learning-slowdown experiment: gradient descent on one sigmoid
// neuron with one input, trained to turn x = 1 into y = 0.
//
// The book's demo: from (w, b) = (0.6, 0.9) the neuron starts at a ≈ 0.82 and learns quickly with
// either cost; from (2, 2) it starts saturated at a ≈ 0.98, where σ'(z) is tiny, so the quadratic
// cost barely moves for the first ~150 epochs while cross-entropy (whose gradient has no σ'(z))
// learns at once. Plain doubles: one neuron, no matrices. Not the engine's trainer.
#pragma once

#include "core/nn/cost.h"

#include <vector>

namespace nnlab {

struct SingleNeuronSetup {
    double w = 0.6, b = 0.9;     // starting weight and bias
    double x = 1.0, y = 0.0;     // the one training input and its target
    Cost cost = Cost::Quadratic; // Quadratic or CrossEntropy
    double eta = 0.15;           // learning rate η
    int epochs = 300;
};

// The book's four runs: quadratic at η = 0.15, cross-entropy at η = 0.005, each from
// (0.6, 0.9) and from (2, 2).
SingleNeuronSetup bookSingleNeuronRun(Cost cost, bool saturatedStart);

// The neuron after `epoch` gradient-descent steps (epoch 0: the start).
struct SingleNeuronState {
    int epoch = 0;
    double w = 0.0, b = 0.0;
    double a = 0.0;   // output σ(wx + b)
    double cost = 0.0;
};

// C(a, y) for one neuron: ½(a − y)² (eq. 6) or −[y ln a + (1 − y) ln(1 − a)] (eq. 57).
double singleNeuronCost(Cost cost, double a, double y);

// (∂C/∂w, ∂C/∂b) at (w, b):
//   quadratic      (a − y)σ'(z)x, (a − y)σ'(z)   (eqs. 55, 56: the σ'(z) that slows learning)
//   cross-entropy  (a − y)x,      (a − y)        (eqs. 61, 62: σ' cancels)
struct SingleNeuronGradient {
    double w = 0.0, b = 0.0;
};
SingleNeuronGradient singleNeuronGradient(const SingleNeuronSetup& setup, double w, double b);

// Runs setup.epochs steps of w ← w − η ∂C/∂w, b ← b − η ∂C/∂b; returns epochs + 1 states,
// the start first.
std::vector<SingleNeuronState> trainSingleNeuron(const SingleNeuronSetup& setup);

// The first epoch whose output a is below `threshold`; −1 when none is.
int epochsToOutputBelow(const std::vector<SingleNeuronState>& run, double threshold);

}  // namespace nnlab
