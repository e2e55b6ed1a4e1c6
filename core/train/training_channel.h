// training_channel.h — what passes between a Trainer on its own thread and the thread that shows
// it (the GUI's). Plain C++: the GUI's bridge (ui/bridge/training_controller.h) wraps it in Qt.
//
// Trainer → GUI: the channel is the trainer's observer. Mini-batch reports (thousands a second)
// are summed on the trainer thread into blocks; a finished block is appended to a buffer under
// a mutex held for a push_back, and the GUI drains the buffer on its own clock (drain()). Epoch
// and pause reports go through the callbacks, which post them to the GUI's event loop.
//
// GUI → trainer: pause/resume/stop/step and η, λ, μ. The Trainer is built on its own thread (copying
// the training set takes a while), so a request made before it exists is remembered and applied
// by attach(); after detach() requests are ignored: the trainer is being destroyed.
#pragma once

#include "core/train/trainer.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace nnlab {

// The trainer runs thousands of mini-batches a second; the plots draw a point per block of
// consecutive mini-batches, averaged: this is the "smoothed per-mini-batch" series.
struct MiniBatchSample {
    double epochPosition = 0.0;            // (epoch − 1) + batch / batchesPerEpoch: the plots' x
    double cost = 0.0;                     // mean mini-batch cost C over the block
    float eta = 0.0f;                      // η of the block's last mini-batch
    int batches = 0;                       // mini-batches in the block
    std::vector<double> biasGradientNorms; // mean ‖∂C/∂b^l‖ over the block, l = 1..L
    std::vector<HyperparameterChange> changes;   // η, λ, μ changes first used in the block
};

// Where a run is: the last mini-batch the channel has heard of.
struct TrainingProgress {
    int epoch = 0;            // 1-based
    int batch = 0;            // 1-based within the epoch
    int batchesPerEpoch = 0;
    float eta = 0.0f;
};

class TrainingChannel final : public TrainingObserver {
public:
    // `epochs` sizes the blocks: about 100 points per epoch for short runs, fewer for long ones,
    // so that a whole run stays a few thousand points.
    explicit TrainingChannel(int epochs);

    // Called on the trainer thread; they must not block (they post to the GUI and return).
    std::function<void(const EpochReport&)> onEpoch;
    // `steps`: the trainer's stepsRequested() when it reported; a pause report with fewer steps
    // than were asked for came before the last step, which is still to run.
    std::function<void(bool paused, int steps)> onPaused;

    // ---- the GUI (or any other) thread
    struct Drained {
        std::vector<MiniBatchSample> samples;
        std::optional<TrainingProgress> progress;   // set when a mini-batch ran since the last drain
    };
    Drained drain();   // never blocks: empty when the trainer holds the buffer this instant

    void pause();
    void resume();
    void stop();
    void step();   // one more mini-batch, then paused (Trainer::step)
    void setEta(float eta);
    void setLambda(float lambda);
    void setMomentum(float momentum);
    // A copy of the network as it is between two mini-batches (null before the trainer exists
    // or after it finished). Holds the trainer only for the copy.
    std::shared_ptr<const Network> snapshot();

    // ---- trainer thread
    void attach(Trainer* trainer);
    void detach();

    void miniBatchFinished(const MiniBatchReport& report) override;
    void epochFinished(const EpochReport& report) override;
    void pausedChanged(bool paused) override;
    // The mini-batches of a block cut short by the end of the run (a stop) are delivered too.
    void trainingFinished(const TrainSummary& summary) override;

private:
    void flushBlock();

    // Requests, and the trainer they go to once it exists.
    std::mutex m_controlMutex;
    Trainer* m_trainer = nullptr;
    bool m_stop = false;
    bool m_pause = false;
    int m_steps = 0;   // asked for before the trainer existed
    std::optional<float> m_eta, m_lambda, m_momentum;

    // The block being summed: trainer thread only.
    const int m_epochs;
    int m_blockSize = 0;
    int m_blockCount = 0;
    double m_costSum = 0.0;
    TrainingProgress m_lastBatch;   // where the block's last mini-batch was
    std::vector<double> m_gradientSums;
    std::vector<HyperparameterChange> m_blockChanges;

    // What the GUI has not drained yet.
    std::mutex m_bufferMutex;
    std::vector<MiniBatchSample> m_buffer;
    TrainingProgress m_progress;
    bool m_progressChanged = false;
};

}  // namespace nnlab
