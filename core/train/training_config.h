// training_config.h — everything that defines a training run, in the book's terms.
#pragma once

#include "core/data/augmentation.h"
#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/hyperparameter_change.h"
#include "core/train/sgd.h"

#include <cstdint>
#include <string>

namespace nnlab {

struct TrainConfig {
    NetworkSpec net{{784, 30, 10}};
    // N(0, 1/n_in), network2.py's default: it suits any network. The chapter 1 presets name
    // `large` (N(0, 1)) themselves; as a default it made a typed-out ReLU convnet explode.
    Initialisation init = Initialisation::Scaled;
    Hyperparameters hyper;           // η, λ, λ₁, μ
    int miniBatchSize = 10;          // m
    int epochs = 30;
    int trainingSize = 50000;        // n: the first n images of the 50,000 training images
    Expansion expansion;             // chapter 6's expanded training data (shifted copies)
    DatasetKind dataset = DatasetKind::Mnist;
    // "Halve η each time the validation accuracy hasn't improved for this many epochs; stop when
    // η has fallen to η/128" (chapter 3, learning-rate schedules). 0 turns it off.
    int etaHalvingPatience = 0;
    // "No improvement in n epochs": stop when the validation accuracy hasn't improved for this
    // many epochs (chapter 3, early stopping). 0 turns it off.
    int earlyStoppingPatience = 0;
    std::uint64_t seed = 1;
    // Threads for backpropagation: 0 chooses (both cores for convnets, one for dense nets),
    // 1 forces one. Results depend on the choice (dropout streams, summation order), not on timing.
    int threads = 0;
};

// Throws std::invalid_argument with a readable reason for a configuration that can't run: a
// network that isn't one, or a field out of its range (config_fields.h).
void validate(const TrainConfig& config);

// One line in the book's style: "[784, 30, 10] sigmoid, quadratic, η = 3.0, m = 10, ...".
std::string describe(const TrainConfig& config);
// The same with η, λ and μ as they went during the run: "..., η = 3 → 0.5 (epoch 4), m = 10, ...";
// λ and μ appear once they are non-zero or changed.
std::string describe(const TrainConfig& config, const std::vector<HyperparameterChange>& changes);

}  // namespace nnlab
