// stop_on_interrupt.h — Ctrl-C (SIGINT) or SIGTERM during `nnlab-cli train` stops the run the
// way the GUI's Stop button does instead of killing it: the trainer finishes the mini-batch in
// progress, writes its checkpoint (so --resume continues it), and the command still prints its
// summary and saves what --save asks for. A second Ctrl-C quits at once.
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

}  // namespace nnlab::cli
