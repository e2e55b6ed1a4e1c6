// training_state.h — everything a training run needs to carry on exactly where it stopped.
//
// The trainer hands one out after every epoch and when it is stopped (for a checkpoint file),
// and takes one back before run() to resume. Resuming from a state gives bit-for-bit the
// weights an uninterrupted run with the same seed would have: the random streams (shuffling,
// dropout on both cores) and the shuffled order are part of the state.
#pragma once

#include "train/sgd.h"
#include "train/training_observer.h"

#include <Eigen/Core>

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

}  // namespace nnlab
