// evaluation.h — how well a network does on a labelled set: accuracy and cost.
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"

#include <vector>

namespace nnlab {

struct Evaluation {
    double cost = 0.0;       // mean C over the set, plus the regularisation term
    double accuracy = 0.0;   // fraction of examples whose largest output is the label
    int correct = 0;
    int total = 0;
};

struct Regularisation {
    float lambda = 0.0f;     // L2: adds ½(λ/n) Σ w² (eq. 85)
    float l1 = 0.0f;         // L1: adds (λ₁/n) Σ |w| (eq. 95)
    int n = 1;               // the training-set size. network2.py divides by the size of the set
                             // being evaluated; we use the training set's n for every set, so the
                             // validation cost is the same function the training minimises.
};

// Runs the set through the network in chunks, on both cores (inference is thread-safe).
Evaluation evaluate(const Network& net, const Dataset& data, const Regularisation& reg = {});

// How an ensemble's members vote (chapter 6: "taking a vote amongst our five networks").
enum class Vote {
    AveragedOutputs,   // the class with the largest average output activation wins
    Plurality,         // each member names its class; the most named wins, ties going to the
                       // tied class with the larger average output
};

// Each member's output activations a^L on the set (output size × set size): computed once, so
// that every way of voting, and each member's own accuracy, reads the same numbers.
std::vector<Eigen::MatrixXf> memberOutputs(const std::vector<Network>& members, const Dataset& data);

// An ensemble's accuracy on the set from its members' outputs. Cost is C of their averaged
// output. One member's outputs give that network's accuracy.
Evaluation voteOnOutputs(const std::vector<Eigen::MatrixXf>& outputs, const Dataset& data, Cost cost,
                         Vote vote = Vote::AveragedOutputs);

// memberOutputs + voteOnOutputs.
Evaluation evaluateEnsemble(const std::vector<Network>& members, const Dataset& data,
                            Vote vote = Vote::AveragedOutputs);

// How far an ensemble's members agree in their mistakes, from their outputs (memberOutputs):
// element k is the number of examples exactly k of the members classify wrongly (k = 0..members).
// No vote can rescue an example most members miss, so this says how much an ensemble can gain.
std::vector<int> missedByCounts(const std::vector<Eigen::MatrixXf>& outputs, const Dataset& data);

// The output activations a^L of every example (output size × set size), on both cores.
Eigen::MatrixXf outputActivations(const Network& net, const Dataset& data);

// The predicted class of every example (argmax of the output layer).
std::vector<int> predictClasses(const Network& net, const Dataset& data);

}  // namespace nnlab
