#include "train/helper_thread.h"

#include <chrono>

namespace nnlab {

namespace {

using Clock = std::chrono::steady_clock;

// How long either side watches before giving its core away: longer than the gaps between the
// hand-overs of a training step, short enough that an idle helper soon sleeps.
constexpr auto kSpin = std::chrono::microseconds(500);

void relax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();   // tells the core this is a wait loop (saves power, frees the sibling)
#endif
}

}  // namespace

HelperThread::HelperThread() : m_thread([this] { loop(); }) {}

HelperThread::~HelperThread()
{
    m_quit = true;
    {
        std::lock_guard lock(m_mutex);
    }
    m_wake.notify_one();
    m_thread.join();
}

void HelperThread::run(const std::function<void(int core)>& job)
{
    m_done.store(false, std::memory_order_relaxed);
    m_job.store(&job, std::memory_order_release);
    {
        // A helper on its way to sleep checks m_job under this lock: it has seen the job, or it
        // is waiting and gets the notification.
        std::lock_guard lock(m_mutex);
    }
    m_wake.notify_one();
    job(0);
    const auto start = Clock::now();
    for (unsigned spins = 1; !m_done.load(std::memory_order_acquire); ++spins) {
        relax();
        if (spins % 256 == 0 && Clock::now() - start > kSpin)
            std::this_thread::yield();   // the helper may be waiting for this core
    }
}

const std::function<void(int)>* HelperThread::waitForJob()
{
    const auto start = Clock::now();
    for (unsigned spins = 1;; ++spins) {
        if (const auto* job = m_job.load(std::memory_order_acquire))
            return job;
        if (m_quit.load())
            return nullptr;
        relax();
        if (spins % 256 == 0 && Clock::now() - start > kSpin)
            break;
    }
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_job.load() != nullptr || m_quit.load(); });
    return m_quit.load() ? nullptr : m_job.load();
}

void HelperThread::loop()
{
    while (const auto* job = waitForJob()) {
        (*job)(1);
        m_job.store(nullptr, std::memory_order_relaxed);
        m_done.store(true, std::memory_order_release);
    }
}

}  // namespace nnlab
