// background_jobs.h — run a function off the GUI thread, get its result back on the GUI thread.
//
// Each job runs on a QThread of its own; `done(result)` is then called on the thread that owns
// the BackgroundJobs (a queued call), and never after the owner is gone: the destructor waits for
// jobs still running. `work` must not throw (catch inside and return the error in the result).
#pragma once

#include "ui/bridge/thread_handover.h"

#include <QList>
#include <QObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>

class BackgroundJobs : public QObject {
    Q_OBJECT

public:
    explicit BackgroundJobs(QObject* parent = nullptr) : QObject(parent) {}
    ~BackgroundJobs() override
    {
        for (QThread* thread : std::as_const(m_threads)) {
            thread->wait();
            delete thread;
        }
    }

    template <typename Result>
    void run(std::function<Result()> work, std::function<void(Result&)> done)
    {
        // Written by the job's thread, then read (after `finished`) or destroyed by ours: the
        // hand-over Qt's event queue orders, stated for ThreadSanitizer (thread_handover.h).
        std::shared_ptr<std::optional<Result>> result(new std::optional<Result>, [](std::optional<Result>* r) {
            takeOver(r);
            delete r;
        });
        QThread* thread = QThread::create([work = std::move(work), result] {
            *result = work();
            handOver(result.get());
        });
        m_threads.append(thread);
        connect(thread, &QThread::finished, this, [this, thread, result, done = std::move(done)] {
            takeOver(result.get());
            m_threads.removeOne(thread);
            thread->deleteLater();
            if (result->has_value())
                done(**result);
        });
        thread->start();
    }

    int running() const { return int(m_threads.size()); }

private:
    QList<QThread*> m_threads;
};
