// training_state.h — everything a training run needs to carry on exactly where it stopped.
//
// The trainer hands one out after every epoch and when it is stopped (for a checkpoint file),
// and takes one back before run() to resume. Resuming from a state gives bit-for-bit the
// weights an uninterrupted run with the same seed would have: the random streams (shuffling,
// dropout on both cores) and the shuffled order are part of the state.
#pragma once

#include "core/train/sgd.h"
#include "core/train/training_observer.h"

#include "core/nn/layer.h"

#include <Eigen/Core>

#include <random>
#include <string>
#include <vector>

namespace nnlab {

struct TrainingState {
    // The epoch in progress (1-based) and how many of its mini-batches are done. After a whole
    // epoch k this is (k + 1, 0); a run stopped mid-epoch k after b mini-batches gives (k, b).
    int epoch = 1;
    int batchesDone = 0;
    std::vector<Eigen::ArrayXf> parameters;   // in Network::parameters() order
    std::vector<Eigen::ArrayXf> velocities;   // momentum's v, same order (empty without μ)
    Hyperparameters hyper;                    // η, λ, μ as they are now (changed live, or by the schedule)
    std::string rng;                          // std::mt19937_64's text form: shuffling, dropout
    std::string replicaRng;                   // the second core's dropout stream (convnets)
    std::vector<int> order;                   // the current shuffled order of the training set
    // Within a half-done epoch: its training seconds and gradient-norm sums so far.
    double epochSeconds = 0.0;
    std::vector<double> epochBiasNormSums, epochWeightNormSums;
    // Progress through the epochs so far.
    TrainSummary summary;
    int epochsSinceBest = 0;
    int epochsSinceBestOrHalving = 0;
    std::vector<EpochReport> history;         // one report per finished epoch, for the plots
};

// Throws std::invalid_argument saying why `state` can't continue a run of this network with n
// training examples in batchesPerEpoch mini-batches (a damaged or foreign checkpoint): the
// parameter shapes, the place in the run, and the order — it indexes the training set on every
// step, so it must be a permutation of 0..n−1.
void checkStateFits(const TrainingState& state, const std::vector<Parameter>& parameters, int layers, int n,
                    int batchesPerEpoch);

// A random stream's state as text and back (std::mt19937_64's own format); invalid_argument for
// text that isn't one.
std::string rngAsText(const std::mt19937_64& rng);
void setRngFromText(std::mt19937_64& rng, const std::string& text);

}  // namespace nnlab
