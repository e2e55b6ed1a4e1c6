// queued_call.h — postQueued(context, f): from a worker thread, run f on context's thread through
// Qt's event queue (a queued call; dropped, f destroyed unrun, if context is deleted first).
//
// Why not QMetaObject::invokeMethod directly: the functor (and the data it carries: an epoch's
// report, a loaded dataset) is built on the worker thread and run or destroyed on the GUI
// thread. Qt's event queue orders the two with Qt's own mutex, which ThreadSanitizer cannot see
// in Debian's Qt (not built with -fsanitize=thread), so TSan takes the hand-over for a race. In
// the tsan build, QueuedCall states what the queue guarantees — everything the worker did before
// posting happens before the GUI thread touches the functor — with TSan's release/acquire
// annotations; in every other build it is just the functor.
#pragma once

#include <QMetaObject>
#include <QObject>

#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define NNLAB_QUEUED_CALL_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NNLAB_QUEUED_CALL_TSAN 1
#endif
#endif

#ifdef NNLAB_QUEUED_CALL_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace queued_call_detail {

inline void released(const void* object)
{
#ifdef NNLAB_QUEUED_CALL_TSAN
    __tsan_release(const_cast<void*>(object));
#else
    (void)object;
#endif
}

inline void acquired(const void* object)
{
#ifdef NNLAB_QUEUED_CALL_TSAN
    __tsan_acquire(const_cast<void*>(object));
#else
    (void)object;
#endif
}

// Each copy is released by the thread that made it and acquired by whichever thread runs or
// destroys it, so the hand-over is ordered whichever way Qt moves the functor.
template <class F>
class QueuedCall {
public:
    explicit QueuedCall(F f) : m_f(std::move(f)) { released(this); }
    QueuedCall(QueuedCall&& other) : m_f((acquired(&other), std::move(other.m_f))) { released(this); }
    QueuedCall(const QueuedCall& other) : m_f((acquired(&other), other.m_f)) { released(this); }
    QueuedCall& operator=(const QueuedCall&) = delete;
    QueuedCall& operator=(QueuedCall&&) = delete;
    ~QueuedCall() { acquired(this); }

    void operator()()
    {
        acquired(this);
        m_f();
    }

private:
    F m_f;
};

}  // namespace queued_call_detail

template <class F>
void postQueued(QObject* context, F&& f)
{
    QMetaObject::invokeMethod(context, queued_call_detail::QueuedCall<std::decay_t<F>>(std::forward<F>(f)),
                              Qt::QueuedConnection);
}
