// config_json.h — a training configuration as JSON, for checkpoints (the run to resume).
#pragma once

#include "core/io/json_reader.h"
#include "core/train/training_config.h"

namespace nnlab {

nlohmann::json trainConfigJson(const TrainConfig& config);
// Fails through the reader (one line naming the file) when a field is missing or invalid.
TrainConfig parseTrainConfig(const nlohmann::json& object, const JsonReader& reader);

}  // namespace nnlab
