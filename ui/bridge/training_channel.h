// training_channel.h — what passes between a Trainer on its own thread and the GUI thread.
//
// Trainer → GUI: the channel is the trainer's observer. Mini-batch reports (thousands a second)
// are summed on the trainer thread into blocks; a finished block is appended to a buffer under
// a mutex held for a push_back, and the GUI drains the buffer on its own clock (drain()). Epoch
// and pause reports go through the callbacks, which post them to the GUI's event loop.
//
// GUI → trainer: pause/resume/stop and η, λ, μ. The Trainer is built on its own thread (copying
// the training set takes a while), so a request made before it exists is remembered and applied
// by attach(); after detach() requests are ignored: the trainer is being destroyed.
#pragma once

#include "ui/train/run_record.h"

#include "core/train/trainer.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class TrainingChannel final : public nnlab::TrainingObserver {
public:
    // `epochs` sizes the blocks: about 100 points per epoch for short runs, fewer for long ones,
    // so that a whole run stays a few thousand points.
    explicit TrainingChannel(int epochs);

    // Called on the trainer thread; they must not block (they post to the GUI and return).
    std::function<void(const nnlab::EpochReport&)> onEpoch;
    std::function<void(bool paused)> onPaused;

    // ---- GUI thread
    struct Drained {
        std::vector<MiniBatchSample> samples;
        std::optional<TrainingProgress> progress;   // set when a mini-batch ran since the last drain
    };
    Drained drain();   // never blocks: empty when the trainer holds the buffer this instant

    void pause();
    void resume();
    void stop();
    void setEta(float eta);
    void setLambda(float lambda);
    void setMomentum(float momentum);
    // A copy of the network as it is between two mini-batches (null before the trainer exists
    // or after it finished). Holds the trainer only for the copy.
    std::shared_ptr<const nnlab::Network> snapshot();

    // ---- trainer thread
    void attach(nnlab::Trainer* trainer);
    void detach();

    void miniBatchFinished(const nnlab::MiniBatchReport& report) override;
    void epochFinished(const nnlab::EpochReport& report) override;
    void pausedChanged(bool paused) override;

private:
    void flushBlock(const nnlab::MiniBatchReport& last);

    // Requests, and the trainer they go to once it exists.
    std::mutex m_controlMutex;
    nnlab::Trainer* m_trainer = nullptr;
    bool m_stop = false;
    bool m_pause = false;
    std::optional<float> m_eta, m_lambda, m_momentum;

    // The block being summed: trainer thread only.
    const int m_epochs;
    int m_blockSize = 0;
    int m_blockCount = 0;
    double m_costSum = 0.0;
    std::vector<double> m_gradientSums;

    // What the GUI has not drained yet.
    std::mutex m_bufferMutex;
    std::vector<MiniBatchSample> m_buffer;
    TrainingProgress m_progress;
    bool m_progressChanged = false;
};
