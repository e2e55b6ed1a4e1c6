// config_flags.h — the training flags shared by train, gradcheck and bench.
#pragma once

#include "app/cli/args.h"

#include "core/train/training_config.h"

#include <set>
#include <string>

namespace nnlab::cli {

// --net --activation --output --cost --init --eta --batch --epochs --lambda --l1 --momentum
// --dropout --train-size --seed --dataset --eta-schedule --early-stop
const std::set<std::string>& configFlags();

// --dataset (default MNIST) and --data DIR (default: the core's search order), for the commands
// that read data without training.
DatasetKind datasetFlag(const Args& args);
std::optional<std::filesystem::path> dataDirFlag(const Args& args);

// `base` with every flag present in args applied over it.
TrainConfig applyConfigFlags(const Args& args, TrainConfig base);

}  // namespace nnlab::cli
