// network_fit.h — "can this network read this data?", asked in one place with one answer.
//
// Every dataset here is 28×28 greyscale images of ten classes (MNIST's digits, Fashion-MNIST's
// garments): a network fits when it has one input per pixel and one output per class. The CLI,
// the trainer and every view that takes a network from somewhere (a file, the Train view, a
// built-in model) ask this before they use it, and show its message as it is.
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/training_config.h"

#include <string>

namespace nnlab {

constexpr int kClasses = 10;

// Why a network of `inputs` inputs and `outputs` outputs can't read images of `pixels` pixels
// into kClasses classes; empty when it can. One line, e.g. "the network maps 100 inputs to 10
// outputs; these images need 784 inputs (28×28 pixels) and 10 outputs (one per class)".
std::string fitProblem(int inputs, int outputs, int pixels = 784);
std::string fitProblem(const Network& net, const Dataset& data);

// Why `config` can't be trained on `data`; empty when it can: validate(config), the network
// fitting the data, and n no larger than the training set. Without data, the network is
// checked against 28×28 images and n is not.
std::string trainingProblem(const TrainConfig& config, const DataSplit* data = nullptr);

}  // namespace nnlab
