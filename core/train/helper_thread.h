// helper_thread.h — a second core on call: run(job) runs job(1) on a helper thread and job(0) on
// the calling thread, and returns when both are done.
//
// Training hands work to the helper several times per mini-batch, every 100–500 µs. Waking a
// sleeping thread through a condition variable took ~120 µs a time on this machine (measured in
// the dropout net, a fifth of its step), so each side keeps looking for the other for a while
// (kSpin, 200 µs) before it sleeps: the helper for its next job, the caller for the helper's end.
// Pure spinning is a disaster on a busy machine — when the two threads share one core, the
// spinner burns the time slice the other needs (measured: an epoch 4× slower while a compiler
// ran) — so after the first few looks each one yields the core before looking again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace nnlab {

// std::thread(body), but a thread that can't start (no memory for its stack, or the process's
// limit on threads) throws std::system_error saying so in words: "could not start a second
// thread: Resource temporarily unavailable".
std::thread startThread(std::function<void()> body);

class HelperThread {
public:
    HelperThread();
    ~HelperThread();
    HelperThread(const HelperThread&) = delete;
    HelperThread& operator=(const HelperThread&) = delete;

    // An exception from either half is thrown here once both have ended (this thread's first).
    void run(const std::function<void(int core)>& job);

private:
    void loop();
    const std::function<void(int)>* waitForJob();   // null when told to quit

    std::atomic<const std::function<void(int)>*> m_job{nullptr};   // the helper's, while there is one
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_quit{false};
    std::exception_ptr m_failure;        // the helper's job threw: set before m_done, read after it
    std::mutex m_mutex;                  // only for sleeping and waking
    std::condition_variable m_wake;
    std::thread m_thread;                // last: starts once the members above exist
};

}  // namespace nnlab
