// checkpoint_file.h — a training run on disk, so that a crash or power cut loses at most the
// epoch in progress:
//   {"format": "nnlab-checkpoint", "version": 1, "finished": false,
//    "config": {...the run's configuration...}, "epoch": 7, "batches_done": 0, ...,
//    "parameters": ["<float32 little-endian, base64>", ...], "history": [{per-epoch figures}]}
// Parameters are stored as raw float32 (base64) so that a resumed run continues from exactly
// the same weights; everything else is plain JSON a person can read.
#pragma once

#include "core/io/atomic_file.h"
#include "core/train/training_config.h"
#include "core/train/training_state.h"

#include <filesystem>
#include <string>

namespace nnlab {

constexpr int kCheckpointVersion = 1;

struct Checkpoint {
    TrainConfig config;
    TrainingState state;
    // true once the run has ended of itself (completed, early-stopped, η schedule finished) or
    // was stopped by its user: nothing to offer to resume after a restart.
    bool finished = false;
};

std::string serialiseCheckpoint(const Checkpoint& checkpoint);
// Atomic (temp + rename): a crash while writing leaves the previous checkpoint whole.
void saveCheckpoint(const std::filesystem::path& path, const Checkpoint& checkpoint);

// Throws FileError "<file>: <what is wrong>" for anything that is not a whole, valid checkpoint.
Checkpoint parseCheckpoint(const std::string& text, const std::string& nameForErrors);
Checkpoint loadCheckpoint(const std::filesystem::path& path);

}  // namespace nnlab
