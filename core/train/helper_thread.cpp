#include "core/train/helper_thread.h"

#include <chrono>
#include <exception>
#include <system_error>
#include <utility>

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

// How long either side keeps looking before it sleeps: longer than the gaps between the
// hand-overs of a training step, short enough that an idle helper soon sleeps.
constexpr auto kSpin = std::chrono::microseconds(200);

void relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();   // tells the core this is a wait loop (saves power, frees the sibling)
#endif
}

// Looks at ready() until it is true (returns true) or kSpin has passed (returns false). The first
// looks come back to back — a hand-over is usually a few µs away; after that each gives the core
// away first (sched_yield), so that on a busy machine the thread waited for can have it.
template <typename Ready>
bool spinUntil(Ready ready)
{
    const auto start = Clock::now();
    for (unsigned looks = 1;; ++looks) {
        if (ready())
            return true;
        if (looks < 100) {
            relax();
            continue;
        }
        std::this_thread::yield();
        if (looks % 8 == 0 && Clock::now() - start > kSpin)
            return ready();
    }
}

}  // namespace

std::thread startThread(std::function<void()> body)
{
    try {
        return std::thread(std::move(body));
    } catch (const std::system_error& e) {
        throw std::system_error(e.code(), "could not start a second thread (short of memory or of threads)");
    }
}

HelperThread::HelperThread() : m_thread(startThread([this] { loop(); })) {}

HelperThread::~HelperThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void HelperThread::run(const std::function<void(int core)>& job)
{
    m_done.store(false, std::memory_order_relaxed);
    {
        // Under the lock: a helper on its way to sleep checks m_job while holding it, so it
        // either sees the job or is already waiting for the notification.
        std::lock_guard lock(m_mutex);
        m_job.store(&job, std::memory_order_release);
    }
    m_wake.notify_all();
    // Both halves end before either's exception goes on (the helper's job refers to the caller's
    // frame); this thread's first, as it came first.
    std::exception_ptr mine;
    try {
        job(0);
    } catch (...) {
        mine = std::current_exception();
    }
    if (!spinUntil([this] { return m_done.load(std::memory_order_acquire); })) {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_done.load(); });
    }
    std::exception_ptr theirs = std::exchange(m_failure, nullptr);   // written before m_done
    if (mine)
        std::rethrow_exception(mine);
    if (theirs)
        std::rethrow_exception(theirs);
}

const std::function<void(int)>* HelperThread::waitForJob()
{
    if (!spinUntil([this] { return m_job.load(std::memory_order_acquire) != nullptr || m_quit.load(); })) {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_job.load() != nullptr || m_quit.load(); });
    }
    return m_quit.load() ? nullptr : m_job.load(std::memory_order_acquire);
}

void HelperThread::loop()
{
    while (const auto* job = waitForJob()) {
        try {
            (*job)(1);
        } catch (...) {   // e.g. out of memory: the caller throws it, rather than the process ending here
            m_failure = std::current_exception();
        }
        {
            std::lock_guard lock(m_mutex);   // a caller gone to sleep checks m_done holding it
            m_job.store(nullptr, std::memory_order_relaxed);
            m_done.store(true, std::memory_order_release);
        }
        m_wake.notify_all();
    }
}

}  // namespace nnlab
