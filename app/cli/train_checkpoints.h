// train_checkpoints.h — nnlab-cli train's --checkpoint FILE and --resume FILE, for one run or
// for the K runs of --ensemble K / --best-of K (one file per member: FILE-member1.ckpt, ...).
#pragma once

#include "app/cli/config_flags.h"

#include "core/io/checkpoint_file.h"
#include "core/train/training_config.h"

#include <filesystem>
#include <optional>

namespace nnlab::cli {

// FILE itself for a single run; for run k (from 1) of several, FILE's stem + "-member<k>" + its
// extension beside it — the naming --save uses for an ensemble's members.
std::filesystem::path memberPath(const std::filesystem::path& file, int k, int runs);

// --resume FILE: the checkpoint of the first of `runs` runs (FILE itself, or FILE-member1...),
// with --epochs (the only configuration flag that may change) applied. UsageError when other
// configuration flags (or a preset) are given; FileError for a bad file.
Checkpoint resumeFrom(const std::string& file, const ConfigFlags& flags, bool presetGiven, int runs);

// Run k's own checkpoint when resuming several runs: nullopt if that member had not started;
// FileError when the file is damaged or belongs to another run than `config` describes.
std::optional<Checkpoint> memberCheckpoint(const std::filesystem::path& path, const TrainConfig& config);

}  // namespace nnlab::cli
