// ensemble.h — several networks voting on each example (chapter 6: "taking a vote amongst our
// five networks"), and how far their mistakes overlap.
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/evaluation.h"

#include <vector>

namespace nnlab {

// How an ensemble's members vote.
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

// An ensemble on the book's split, as `nnlab-cli train --ensemble K` and `evaluate --ensemble`
// report it: each member alone, both votes on validation and test data, and the overlap.
struct SetVote {
    Evaluation validation;
    Evaluation test;
};

struct EnsembleResult {
    std::size_t size = 0;
    std::vector<Evaluation> members;   // each member alone, on the test set
    SetVote averaged;    // by averaged output activations: nnlab's vote, the one its tables show
    SetVote plurality;   // each member names a class, the most named wins
    std::vector<int> missedBy;   // test images missed by exactly 0, 1, ..., size members
};

// Each member runs over each set once; the votes and counts all read those outputs.
EnsembleResult voteOn(const std::vector<Network>& members, const DataSplit& data);

}  // namespace nnlab
