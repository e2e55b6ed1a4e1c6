// ensemble_report.h — how nnlab-cli shows an ensemble's vote (core/train/ensemble.h): one JSON
// object, or lines for a person; `train --ensemble K` and `evaluate --ensemble` both use it.
#pragma once

#include "core/train/ensemble.h"

#include <nlohmann/json.hpp>

namespace nnlab::cli {

// {"size", "vote", "validation_accuracy", "test_accuracy", "correct", "total", "plurality": {...},
//  "test_missed_by": [...]}
nlohmann::ordered_json ensembleJson(const EnsembleResult& ensemble);

// The averaged vote's test and validation accuracy, the plurality vote's, and how many test
// images 1, 2, ... members miss.
void printEnsemble(const EnsembleResult& ensemble);

}  // namespace nnlab::cli
