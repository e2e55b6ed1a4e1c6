// chance.h — whether a run has learned anything at all. A classifier that guesses is right 1/k
// of the time with k classes (10% for MNIST's digits); a run whose test accuracy stays near that
// after whole epochs is not learning, and says so instead of finishing quietly. The Train view
// and nnlab-cli's summary both ask here.
#pragma once

#include "core/train/training_observer.h"

#include <string>

namespace nnlab {

// 1/k: the accuracy of guessing among k classes.
double chanceAccuracy(int classes);

// At chance: below 1.5/k (15% for 10 classes), a margin wide enough for the few points a
// network that learned nothing gains by always answering the most common class, and far below
// the 80–90% any of the book's networks reaches in one epoch.
bool isAtChance(double accuracy, int classes);

// The run after its last finished epoch: at least one epoch, and its test accuracy at chance.
bool isAtChance(const TrainSummary& summary, int classes);

// One line for a person: "accuracy at chance (9.80%, guessing among 10 classes gives 10%) after
// 5 epochs: η = 500 may be too large"; empty when the run is not at chance. `eta` is the η of
// its last epoch.
std::string atChanceHint(const TrainSummary& summary, int classes, float eta);

}  // namespace nnlab
