// train_checkpoints.h — nnlab-cli train's --checkpoint FILE and --resume FILE.
#pragma once

#include "args.h"

#include "io/checkpoint_file.h"
#include "train/trainer.h"

#include <filesystem>
#include <optional>

namespace nnlab::cli {

// --resume FILE: the checkpoint to continue, with --epochs (the only configuration flag that may
// change) applied. UsageError when other configuration flags are given; FileError for a bad file.
std::optional<Checkpoint> resumeFlag(const Args& args);

// Writes the run's state to FILE after every epoch and when it is stopped (atomically), and
// marks the file finished when the run ends of itself (not when interrupted). A checkpoint that can't be written is
// reported on stderr in one line and training goes on.
class CheckpointSaver {
public:
    CheckpointSaver(std::filesystem::path path, const TrainConfig& config) : m_path(std::move(path)), m_config(config) {}
    void attach(Trainer& trainer);
    void runEnded(const TrainSummary& summary);

private:
    void save(bool finished);

    std::filesystem::path m_path;
    TrainConfig m_config;
    TrainingState m_last;
    bool m_haveState = false;
};

}  // namespace nnlab::cli
