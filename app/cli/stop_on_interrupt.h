// stop_on_interrupt.h — Ctrl-C (SIGINT) or SIGTERM during `nnlab-cli train` stops the run the
// way the GUI's Stop button does instead of killing it: the trainer finishes the mini-batch in
// progress, writes its checkpoint (so --resume continues it), and the command still prints its
// summary and saves what --save asks for. A second Ctrl-C quits at once — once a file being
// written is complete (atomic_file.h), so that nothing is left half-written.
//
// The command's stop points — before the data loads, before a run's first mini-batch, at an
// epoch's evaluation, at its checkpoint, before --save, between the runs of an ensemble — each
// end in exit 130 and a summary of what was done. A test hook makes them reachable on purpose:
// with NNLAB_TEST_PAUSE_AT=POINT in its environment the command stops at that point, says
// "nnlab-cli: paused at POINT" on stderr, and waits (a minute at most) until a signal comes, so
// that a test can signal it exactly there. POINT is one of loading, first-batch, evaluation,
// checkpoint, save, next-member.
#pragma once

#include "core/train/trainer.h"

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>

namespace nnlab::cli {

class StopOnInterrupt {
public:
    // Construct before any other thread starts: the signals are blocked in this thread and in
    // every thread started after it, and a thread of its own waits for them (sigwait), so the
    // trainer is stopped from an ordinary thread rather than from a signal handler.
    StopOnInterrupt();
    ~StopOnInterrupt();
    StopOnInterrupt(const StopOnInterrupt&) = delete;
    StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;

    // The run to stop (nullptr between runs).
    void watch(Trainer* trainer);
    bool interrupted() const { return m_interrupted.load(); }

    // The command is at stop point `point`: the test hook's place to pause (see above).
    void reached(const char* point) const;

private:
    void waitForSignals();

    sigset_t m_signals;
    sigset_t m_previousMask;
    std::mutex m_mutex;            // held while m_trainer is used or changed
    Trainer* m_trainer = nullptr;
    std::atomic<bool> m_interrupted{false};
    std::atomic<bool> m_closing{false};
    std::thread m_waiter;
};

// Passes a run's reports on to `next` (the printer), counting its mini-batches (a fresh run
// stopped before its first has nothing worth saving) and marking the stop points inside an
// epoch: "evaluation" after its last mini-batch, "checkpoint" after its report, just before its
// checkpoint is written.
class StopPointsInRun final : public TrainingObserver {
public:
    StopPointsInRun(TrainingObserver& next, const StopOnInterrupt& interrupt) : m_next(next), m_interrupt(interrupt) {}

    int miniBatches() const { return m_miniBatches; }

    void miniBatchFinished(const MiniBatchReport& report) override;
    void epochFinished(const EpochReport& report) override;
    void pausedChanged(bool paused) override { m_next.pausedChanged(paused); }
    void trainingFinished(const TrainSummary& summary) override { m_next.trainingFinished(summary); }

private:
    TrainingObserver& m_next;
    const StopOnInterrupt& m_interrupt;
    int m_miniBatches = 0;
};

}  // namespace nnlab::cli
