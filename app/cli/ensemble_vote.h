// ensemble_vote.h — an ensemble's accuracy (chapter 6), by both ways its members can vote, as
// `train --ensemble K` and `evaluate --ensemble` report it.
#pragma once

#include "core/data/dataset.h"
#include "core/train/evaluation.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace nnlab::cli {

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

EnsembleResult voteOn(const std::vector<Network>& members, const DataSplit& data);

// {"size", "vote", "validation_accuracy", "test_accuracy", "correct", "total", "plurality": {...},
//  "test_missed_by": [...]}
nlohmann::ordered_json ensembleJson(const EnsembleResult& ensemble);

// The averaged vote's test and validation accuracy, the plurality vote's, and how many test
// images 1, 2, ... members miss.
void printEnsemble(const EnsembleResult& ensemble);

}  // namespace nnlab::cli
