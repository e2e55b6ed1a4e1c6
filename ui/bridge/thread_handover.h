// thread_handover.h — data handed between worker threads and the GUI thread through Qt (its event
// queue, a thread pool).
//
// postQueued(context, f): from a worker thread, run f on context's thread (a queued call; dropped,
// f destroyed unrun, if context is deleted first). runHandedOver(pool, f): the other way, run f on
// one of pool's threads, with a QFuture for a QFutureWatcher. handOver(p) / takeOver(p): the worker
// is done writing *p / the GUI thread may now read or destroy it (e.g. around
// QFutureWatcher::finished).
//
// Why: the data (an epoch's report, a loaded dataset, a job's result) is written on the worker
// thread and read or destroyed on the GUI thread. Qt's event queue orders the two with Qt's own
// mutex, which ThreadSanitizer cannot see in Debian's Qt (not built with -fsanitize=thread), so
// TSan takes the hand-over for a race. In the tsan build these state what the queue guarantees —
// what the worker did before posting happens before the GUI thread's turn — with TSan's
// release/acquire annotations; in every other build they compile to nothing. A pool thread that
// is reused receives its next job through Qt's mutex as well: runHandedOver states that hand-over.
#pragma once

#include <QFuture>
#include <QMetaObject>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include "core/util/sanitizers.h"

#include <exception>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#ifdef NNLAB_TSAN
#include <sanitizer/tsan_interface.h>
#endif

inline void handOver(const void* object)
{
#ifdef NNLAB_TSAN
    __tsan_release(const_cast<void*>(object));
#else
    (void)object;
#endif
}

inline void takeOver(const void* object)
{
#ifdef NNLAB_TSAN
    __tsan_acquire(const_cast<void*>(object));
#else
    (void)object;
#endif
}

namespace thread_handover_detail {

// Each copy is handed over by the thread that made it and taken over by whichever thread runs or
// destroys it, so the hand-over is ordered whichever way Qt moves the functor (into a queued call,
// or into a pool's runnable).
template <class F>
class QueuedCall {
public:
    explicit QueuedCall(F f) : m_f(std::move(f)) { handOver(this); }
    QueuedCall(QueuedCall&& other) : m_f((takeOver(&other), std::move(other.m_f))) { handOver(this); }
    QueuedCall(const QueuedCall& other) : m_f((takeOver(&other), other.m_f)) { handOver(this); }
    QueuedCall& operator=(const QueuedCall&) = delete;
    QueuedCall& operator=(QueuedCall&&) = delete;
    ~QueuedCall() { takeOver(this); }

    void operator()()
    {
        takeOver(this);
        m_f();
        // Qt frees the call on whichever thread drops its last reference: the worker, still in
        // invokeMethod, when the GUI thread ran the call first (seen with the trainer's pause).
        handOver(this);
    }

private:
    F m_f;
};

}  // namespace thread_handover_detail

template <class F>
void postQueued(QObject* context, F&& f)
{
    QMetaObject::invokeMethod(context, thread_handover_detail::QueuedCall<std::decay_t<F>>(std::forward<F>(f)),
                              Qt::QueuedConnection);
}

// Runs f on one of pool's threads; the future finishes when f has returned. f should catch what it
// can report; anything it lets through is logged here and the future still finishes, because an
// exception leaving a pool thread would end the whole process (std::terminate). This is QtConcurrent::run(pool, f) but for one thing: QtConcurrent's task object is
// read on the pool's thread (its vtable, to call the job) before anything inside it can take the
// hand-over, so TSan reports a race whenever a pool thread is reused. Here the first memory of ours
// the pool's thread touches is the QueuedCall, which takes the hand-over first.
template <class F>
QFuture<void> runHandedOver(QThreadPool* pool, F&& f)
{
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    QFuture<void> future = promise->future();
    auto job = [promise, f = std::forward<F>(f)]() mutable {
        try {
            f();
        } catch (const std::exception& e) {
            qCritical("a background job failed: %s", e.what());
        } catch (...) {
            qCritical("a background job failed");
        }
        promise->finish();
    };
    pool->start(std::function<void()>(thread_handover_detail::QueuedCall<decltype(job)>(std::move(job))));
    return future;
}
