#include "app/cli/stop_on_interrupt.h"

#include "core/io/atomic_file.h"

#include <pthread.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

namespace nnlab::cli {

StopOnInterrupt::StopOnInterrupt()
{
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_previousMask);
    m_waiter = std::thread([this] { waitForSignals(); });
}

StopOnInterrupt::~StopOnInterrupt()
{
    // Wake the waiter with a signal of its own; it sees m_closing and returns.
    m_closing = true;
    pthread_kill(m_waiter.native_handle(), SIGTERM);
    m_waiter.join();
    pthread_sigmask(SIG_SETMASK, &m_previousMask, nullptr);
}

void StopOnInterrupt::watch(Trainer* trainer)
{
    std::lock_guard lock(m_mutex);
    m_trainer = trainer;
    if (m_trainer && m_interrupted)   // interrupted between two runs: don't start the next one
        m_trainer->stop();
}

void StopOnInterrupt::waitForSignals()
{
    for (;;) {
        int signal = 0;
        if (sigwait(&m_signals, &signal) != 0 || m_closing)
            return;
        if (m_interrupted.exchange(true)) {
            // A checkpoint or model being written is finished first (it takes milliseconds),
            // so that quitting leaves no temporary half-written beside it.
            const auto noMoreWrites = holdAtomicWrites(std::chrono::seconds(10));
            std::cerr << "\nnnlab-cli: interrupted again: quitting now (the last checkpoint written stays)\n";
            std::_Exit(130);
        }
        std::cerr << "\nnnlab-cli: " << (signal == SIGINT ? "Ctrl-C" : "SIGTERM")
                  << ": stopping after this mini-batch (Ctrl-C again quits at once)\n";
        std::lock_guard lock(m_mutex);
        if (m_trainer)
            m_trainer->stop();
    }
}

void StopOnInterrupt::reached(const char* point) const
{
    static const char* const pauseAt = std::getenv("NNLAB_TEST_PAUSE_AT");
    if (!pauseAt || std::strcmp(pauseAt, point) != 0 || interrupted())
        return;
    std::cerr << "nnlab-cli: paused at " << point << " (NNLAB_TEST_PAUSE_AT)" << std::endl;
    for (int ms = 0; ms < 60000 && !interrupted(); ++ms)
        usleep(1000);
}

void StopPointsInRun::miniBatchFinished(const MiniBatchReport& report)
{
    ++m_miniBatches;
    m_next.miniBatchFinished(report);
    if (report.batch == report.batchesPerEpoch)
        m_interrupt.reached("evaluation");
}

void StopPointsInRun::epochFinished(const EpochReport& report)
{
    m_next.epochFinished(report);
    m_interrupt.reached("checkpoint");
}

}  // namespace nnlab::cli
