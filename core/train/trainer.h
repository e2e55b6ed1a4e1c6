// trainer.h — mini-batch stochastic gradient descent over epochs (network2.py's SGD()).
//
// run() blocks; call it on a thread of your own to keep a GUI responsive. Every other public
// member may be called from any thread while run() executes: pause/resume/stop/step act between
// mini-batches, and η, λ, μ changes take effect at the next mini-batch.
#pragma once

#include "core/data/dataset.h"
#include "core/train/training_config.h"
#include "core/train/training_observer.h"
#include "core/train/training_state.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>

namespace nnlab {

class DataParallelBackprop;

class Trainer {
public:
    // The data must outlive the trainer. The network is built (and initialised from the seed)
    // here, so network() is available before run(). Throws std::invalid_argument for a bad
    // configuration or data that doesn't fit the network.
    Trainer(const TrainConfig& config, const DataSplit& data);

    void setObserver(TrainingObserver* observer) { m_observer = observer; }
    TrainSummary run();

    // Crash-safe runs: the writer is called on the training thread with the run's whole state
    // after every epoch and when the run is stopped (it should save it atomically and return).
    using CheckpointWriter = std::function<void(const TrainingState&)>;
    void setCheckpointWriter(CheckpointWriter writer) { m_checkpointWriter = std::move(writer); }
    // Before run(): continue from a state a run with this same configuration wrote (the epoch
    // count may be larger). Throws std::invalid_argument when the state doesn't fit.
    void restore(const TrainingState& state);

    void pause();
    void resume();
    void stop();
    // Pauses after exactly one more mini-batch: while paused, the next mini-batch runs and the
    // trainer waits again (after the epoch's evaluation, when it was an epoch's last); while
    // running, the mini-batch after the current one is the last before the pause. Each call
    // adds one; resume() forgets those not yet taken.
    void step();
    // step() calls so far: a pause report (pausedChanged(true)) made while this was lower than
    // the caller's own count came before the caller's last step.
    int stepsRequested() const { return m_stepsRequested.load(); }
    bool isPaused() const { return m_pauseRequested.load(); }
    void setEta(float eta) { m_eta.store(eta); }
    void setLambda(float lambda) { m_lambda.store(lambda); }
    void setMomentum(float momentum) { m_momentum.store(momentum); }
    Hyperparameters hyperparameters() const;

    const TrainConfig& config() const { return m_config; }
    // The network itself: read it only while run() is not executing, or from observer calls.
    const Network& network() const { return m_network; }
    // A copy of the network, consistent between two mini-batches: safe from any thread.
    Network snapshot() const;

private:
    // False when stopped while waiting; adds the seconds it waited to *pausedSeconds, which an
    // epoch's training time leaves out.
    bool waitWhilePaused(double* pausedSeconds);
    // squaredNorms: ‖nabla‖² of each of m_network.parameters() when already known, else null.
    void recordGradientNorms(MiniBatchReport& report, int m, const std::vector<double>* squaredNorms);
    EpochReport evaluateEpoch(int epoch, double seconds, float eta) const;
    void writeCheckpoint(DataParallelBackprop* parallel);
    // The root-mean-square of all the network's weights (explosion.h).
    double weightRms() const;
    // "diverged: ...; <the likely cause>": the message of a run stopped by a NaN or an explosion.
    std::string divergedMessage(const std::string& what) const;
    // Empty, or the message that stops an exploded run (explosion.h): its weights after
    // mini-batch `batch` of `epoch`, its cost after an epoch.
    std::string weightsExplosion(int epoch, int batch) const;
    std::string costExplosion(const EpochReport& report) const;
    // λ, λ₁ as they are now, with the n of the L2 term.
    Regularisation regularisation() const;
    int examplesPerEpoch() const { return m_training.size() * m_config.expansion.variantsPerImage(); }

    TrainConfig m_config;
    const DataSplit& m_data;
    Dataset m_training;            // the first n training images
    std::mt19937_64 m_rng;         // before m_network: the initial weights are drawn from it
    Network m_network;
    SgdOptimizer m_optimizer;
    TrainingObserver* m_observer = nullptr;
    CheckpointWriter m_checkpointWriter;
    // The run's bookkeeping (epoch, order, summary, history); parameters and random streams
    // live in the network and generators and are copied in only for a checkpoint.
    TrainingState m_progress;
    std::size_t m_weightCount = 0;
    double m_initialWeightRms = 0.0;   // as initialised from the seed: where explosions are measured from
    Hyperparameters m_lastUsed;    // η, λ, μ of the last mini-batch (or the run's start): changes are
                                   // reported against them

    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_pauseRequested{false};
    int m_stepsAllowed = 0;                 // mini-batches to run while paused (under m_pauseMutex)
    std::atomic<int> m_stepsRequested{0};
    std::atomic<float> m_eta;
    std::atomic<float> m_lambda;
    std::atomic<float> m_momentum;
    std::mutex m_pauseMutex;
    std::condition_variable m_pauseChanged;
    mutable std::mutex m_networkMutex;   // held while the parameters change
};

}  // namespace nnlab
