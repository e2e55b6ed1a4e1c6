// checkpoint_file.h — a training run on disk, so that a crash or power cut loses at most the
// epoch in progress. The file is CBOR (RFC 8949, JSON's data model in binary) holding
//   {"format": "nnlab-checkpoint", "version": 2, "finished": false,
//    "config": {...the run's configuration...}, "epoch": 7, "batches_done": 0, ...,
//    "parameters": [<float32 little-endian bytes>, ...], "history": [{per-epoch figures}]}
// Parameters are stored as raw float32 so that a resumed run continues from exactly the same
// weights: as CBOR byte strings they take 4 bytes a number and need no encoding. Version 1 (JSON
// text, the floats in base64) is still read; its files were ~1.5× the size and took 2-4× as long
// to save and load (784-100-10: 720 KB, 8.6 ms to save and 11 ms to load against 475 KB, 3.7 ms
// and 5.2 ms).
#pragma once

#include "core/io/atomic_file.h"
#include "core/train/training_config.h"
#include "core/train/training_state.h"

#include <filesystem>
#include <string>

namespace nnlab {

constexpr int kCheckpointVersion = 2;   // the version written

struct Checkpoint {
    TrainConfig config;
    TrainingState state;
    // true once the run has ended of itself (completed, early-stopped, η schedule finished) or
    // was stopped by its user: nothing to offer to resume after a restart.
    bool finished = false;
};

// The file's bytes.
std::string serialiseCheckpoint(const Checkpoint& checkpoint);
// Atomic (temp + rename): a crash while writing leaves the previous checkpoint whole.
void saveCheckpoint(const std::filesystem::path& path, const Checkpoint& checkpoint);

// Reads version 2 (CBOR) and version 1 (JSON text). Throws FileError "<file>: <what is wrong>"
// for anything that is not a whole, valid checkpoint.
Checkpoint parseCheckpoint(const std::string& bytes, const std::string& nameForErrors);
Checkpoint loadCheckpoint(const std::filesystem::path& path);

}  // namespace nnlab
