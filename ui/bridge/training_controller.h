// training_controller.h — runs a Trainer on a thread of its own and reports to the GUI thread.
//
// The controller lives on the GUI thread; each run is a job (runHandedOver) on the controller's own
// one-thread pool, whose thread is joined when the run ends. The trainer's reports reach the GUI
// as queued calls (epochs) and through a buffer that a ~30 Hz timer drains (mini-batches), so a
// burst of thousands of mini-batches a second costs the event loop at most one signal per tick:
// miniBatchesArrived, then refreshDue.
//
// Pause, resume, step and stop act between two mini-batches: a pause asked for during the epoch's
// evaluation (seconds, for chapter 6's nets) takes hold after it; trainerWaiting() says when it has.
// A stop is asynchronous: the state is Stopping until the thread has ended (at most one
// mini-batch or one epoch evaluation later), then runFinished and Idle. The destructor stops and
// joins a run still going.
#pragma once

#include "ui/train/run_record.h"

#include "core/data/dataset.h"
#include "core/train/training_config.h"
#include "core/train/training_state.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

template <typename T>
class QFutureWatcher;

class TrainingController : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    static constexpr int refreshIntervalMs = 33;   // ~30 Hz

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // Starts a run; false (with the reason in *error) while another is active or for a
    // configuration nnlab::trainingProblem() rejects. The data is shared with the run until it ends.
    // With `resumeFrom`, the run continues from that checkpointed state (a state that doesn't fit
    // ends the run at once with the reason in its summary).
    bool start(const nnlab::TrainConfig& config, std::shared_ptr<const nnlab::DataSplit> data,
               QString* error = nullptr, std::shared_ptr<const nnlab::TrainingState> resumeFrom = nullptr);

    // Crash safety: every run writes its state to this file after each epoch and when stopped
    // (empty: no checkpoints). A run that ends of itself or by Stop marks the file finished; one
    // cut short by closing the window (stopAndWait) or by a crash leaves it for resuming.
    void setCheckpointFile(const QString& path) { m_checkpointFile = path; }
    QString checkpointFile() const { return m_checkpointFile; }
    void pause();
    void resume();
    void togglePause();
    // Step one mini-batch: the run does exactly one more mini-batch of itself, reports it, and
    // waits again (Paused); from Running it pauses after the next one. Nothing when idle.
    void step();
    void stop();
    // Stops and joins the thread now (closing the window). Emits runFinished if a run was active.
    void stopAndWait();

    // Take effect at the next mini-batch of the running run (and are ignored when idle).
    void setEta(float eta);
    void setLambda(float lambda);
    void setMomentum(float momentum);

    // The network being trained, as of the last mini-batch (null when no run is active).
    std::shared_ptr<const nnlab::Network> currentNetwork() const;

    State state() const { return m_state; }
    // Paused, and the trainer has reached its pause: no mini-batch is running, and every sample
    // it made (a block of mini-batches, not one partly filled) has been delivered.
    bool trainerWaiting() const { return m_trainerWaiting; }
    bool isActive() const { return m_state != State::Idle; }
    int runId() const { return m_runId; }   // of the current or last run; 0 before the first

    // Worker threads alive in the whole process (for tests: 0 once every run is joined).
    static int liveWorkers() { return s_liveWorkers.load(); }

signals:
    void stateChanged(TrainingController::State state);
    void trainerWaitingChanged(bool waiting);
    void runStarted(int runId);
    void miniBatchesArrived(const std::vector<nnlab::MiniBatchSample>& samples, const nnlab::TrainingProgress& progress);
    void epochFinished(const nnlab::EpochReport& report);
    void refreshDue();   // once per timer tick with news: the moment to replot
    void runFinished(const nnlab::TrainSummary& summary, std::shared_ptr<const nnlab::Network> network);

private:
    struct Outcome;
    void setState(State state);
    void drain();
    void tick();
    void finishRun(int runId);
    void setTrainerWaiting(bool waiting);

    State m_state = State::Idle;
    int m_runId = 0;
    bool m_news = false;   // something arrived since the last refreshDue
    bool m_trainerWaiting = false;
    int m_steps = 0;   // step() calls in this run: pause reports that predate the last are stale
    // The trainer's thread: a pool of its own, since the trainer lowers its thread's priority and
    // a pooled thread keeps that for whatever job it runs next. Emptied (joined) as each run ends.
    QThreadPool m_trainerPool;
    QFutureWatcher<void>* m_trainerJob = nullptr;   // the run's job; null when no run is active
    std::shared_ptr<nnlab::TrainingChannel> m_channel;
    std::shared_ptr<Outcome> m_outcome;
    QString m_checkpointFile;
    QTimer m_refreshTimer;

    static std::atomic<int> s_liveWorkers;
};
