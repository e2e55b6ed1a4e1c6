// training_observer.h — what a training run reports, and the interface it reports through.
//
// The trainer calls the observer on its own thread, between mini-batches. An observer must
// return quickly and never block (the GUI's posts a copy to its event loop and returns).
#pragma once

#include "core/train/evaluation.h"
#include "core/train/hyperparameter_change.h"

#include <string>
#include <vector>

namespace nnlab {

struct MiniBatchReport {
    int epoch = 0;                 // 1-based
    int batch = 0;                 // 1-based within the epoch
    int batchesPerEpoch = 0;
    double cost = 0.0;             // mean C₀ over the mini-batch (before its update): the data's cost
                                   // alone, without the regularisation term the epoch's costs include
    float eta = 0.0f;
    // η, λ or μ that this mini-batch is the first to use (set live, or by the schedule); usually none.
    std::vector<HyperparameterChange> changes;
    // Per layer l = 1..L: ‖∂C/∂b^l‖ and ‖∂C/∂w^l‖ of the mini-batch's mean gradient — the
    // "speed of learning" of each layer in chapter 5.
    std::vector<double> biasGradientNorms;
    std::vector<double> weightGradientNorms;
};

struct EpochReport {
    int epoch = 0;
    double seconds = 0.0;          // the epoch's training steps alone, evaluation and pauses excluded
    float eta = 0.0f;              // η used during the epoch
    Evaluation training;
    Evaluation validation;
    Evaluation test;
    std::vector<double> biasGradientNorms;    // mean over the epoch's mini-batches
    std::vector<double> weightGradientNorms;
};

// Failed: an error ended the run (out of memory, say), which its message names.
enum class StopReason { Completed, Stopped, Diverged, EtaScheduleFinished, EarlyStopped, Failed };
std::string stopReasonName(StopReason reason);   // "completed", "stopped", ...

struct TrainSummary {
    StopReason reason = StopReason::Completed;
    std::string message;           // one line for a person
    int epochs = 0;                // complete epochs run
    double trainingSeconds = 0.0;  // sum of the epochs' seconds (pauses excluded)
    double finalTestAccuracy = 0.0;
    double bestTestAccuracy = 0.0;            // the book quotes the peak test accuracy
    int bestTestEpoch = 0;
    double bestValidationAccuracy = 0.0;
    int bestValidationEpoch = 0;
    double testAccuracyAtBestValidation = 0.0;
};

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void miniBatchFinished(const MiniBatchReport&) {}
    virtual void epochFinished(const EpochReport&) {}
    virtual void pausedChanged(bool /*paused*/) {}
    virtual void trainingFinished(const TrainSummary&) {}
};

}  // namespace nnlab
