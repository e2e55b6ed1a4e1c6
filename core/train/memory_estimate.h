// memory_estimate.h — will a run fit in memory? Asked from the configuration alone, before
// anything is allocated for it, so that a network too large for this machine is one line
// ("784,conv4096x5,10 with m = 10 needs about 9.3 GB; only 4.2 GB is available") instead of
// an allocation failure minutes later, or the kernel's OOM killer.
//
// The estimate follows what core/nn and core/train allocate (network.h, conv_layer.h, trainer.h):
// each copy of a network holds its parameters, their gradients ∇, and for every layer its z, a
// and δ for the mini-batch (a convolution also its im2col patches, their gradient, and z and δ in
// the patches' order); the trainer keeps a second copy (the epoch's starting weights, should an
// update overflow); momentum adds a velocity per parameter; a convnet's second core adds a copy of
// the parameters; evaluation runs chunks of images on both cores. It is an upper estimate
// within some tens of megabytes, not an exact count.
#pragma once

#include "core/nn/network_limits.h"
#include "core/train/training_config.h"

#include <cstdint>
#include <string>

namespace nnlab {

// What a run holds besides its trainer.
struct RunMemory {
    long long imagesLoaded = 70'000;   // images the run still has to load (MNIST's and Fashion-MNIST's
                                       // 60,000 + 10,000); 0 when they are in memory already
    int networksKept = 1;              // trained networks copied out and kept (the best of --best-of,
                                       // an ensemble's members, the GUI's finished network)
    bool checkpoints = false;          // the run's state is copied and serialised each epoch
};

// Bytes a training run of `config` needs at its peak.
std::uint64_t trainingMemory(const TrainConfig& config, const RunMemory& run = {});
// Bytes `nnlab-cli gradcheck` needs for `spec` and a mini-batch of `samples` random examples.
std::uint64_t gradientCheckMemory(const NetworkSpec& spec, int samples);

// memoryProblem() for a training run: "784,conv4096x5,10 with m = 10 needs about …".
std::string trainingMemoryProblem(const TrainConfig& config, const RunMemory& run = {});

// Images per inference call in evaluation: big products, but scratch bounded to ~256 MB per core
// (100 images of a large convnet's patches could take gigabytes). At least 1.
int evaluationChunk(const NetworkSize& size);

// Empty when `bytes` fit in availableMemory() (core/util/available_memory.h); else one line:
// "<what> needs about 9.3 GB; only 4.2 GB is available" (and "under its ulimit -v" when that
// limit is what binds).
std::string memoryProblem(const std::string& what, std::uint64_t bytes);

// "9.3 GB", "640 MB", "12 kB": decimal units, two or three significant digits.
std::string formatBytes(std::uint64_t bytes);

}  // namespace nnlab
