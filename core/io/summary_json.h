// summary_json.h — a run's summary figures as JSON (epochs, training time, the accuracies and
// their epochs): one writer and one reader, used by checkpoints and by nnlab-cli's
// {"summary": ...} line, so the two can't name or drop a figure differently.
#pragma once

#include "core/io/json_reader.h"
#include "core/train/training_observer.h"

#include <nlohmann/json.hpp>

namespace nnlab {

// The figures at full precision, in a fixed order. Not the stop reason: a checkpoint's summary is
// of a run still going.
nlohmann::ordered_json summaryFiguresJson(const TrainSummary& summary);
// Fails through the reader (one line naming the file) when a figure is missing or invalid.
TrainSummary parseSummaryFigures(const nlohmann::json& object, const JsonReader& reader);

}  // namespace nnlab
