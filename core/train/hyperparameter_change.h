// hyperparameter_change.h — η, λ or μ changed during a run: by the user between two mini-batches
// (the Train view's spin boxes), or by the η-halving schedule between two epochs. A run's record
// keeps every change, so that what it says about its η is what its mini-batches used.
#pragma once

#include "core/train/sgd.h"

#include <string>
#include <vector>

namespace nnlab {

enum class LiveHyperparameter { Eta, Lambda, Momentum };

struct HyperparameterChange {
    LiveHyperparameter parameter = LiveHyperparameter::Eta;
    float from = 0.0f;
    float to = 0.0f;
    // The first mini-batch that used `to` (both 1-based), of batchesPerEpoch in the epoch.
    int epoch = 1;
    int batch = 1;
    int batchesPerEpoch = 1;
    bool bySchedule = false;   // halved by the η schedule rather than set by hand

    // Where the change lies on the plots' epoch axis: the start of that mini-batch.
    double epochPosition() const { return (epoch - 1) + double(batch - 1) / batchesPerEpoch; }
};

// "η", "λ", "μ".
std::string symbol(LiveHyperparameter parameter);
float valueOf(const Hyperparameters& h, LiveHyperparameter parameter);

// The changes from `before` to `now`, made to take effect at mini-batch `batch` of `epoch`
// (empty when the two agree on η, λ and μ).
std::vector<HyperparameterChange> changesBetween(const Hyperparameters& before, const Hyperparameters& now,
                                                 int epoch, int batch, int batchesPerEpoch);

// A value as it started and as it was changed: "η = 3 → 0.5 (epoch 4) → 0.25 (epoch 7)", or
// "η = 3" when it never was.
std::string describeHistory(LiveHyperparameter parameter, float initial,
                            const std::vector<HyperparameterChange>& changes);

}  // namespace nnlab
