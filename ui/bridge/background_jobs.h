// background_jobs.h — run a function off the GUI thread, get its result back on the GUI thread.
//
// Each job runs on a thread of the BackgroundJobs' own QThreadPool (runHandedOver). Its own, not
// Qt's global pool (idealThreadCount threads for the whole process), so that long jobs elsewhere, a
// gradient check or a deep-nets run, never keep a short one waiting. `done(result)` is then called
// on the thread that owns the BackgroundJobs, when the job's QFutureWatcher says it has finished,
// and never after the owner is gone: the destructor waits for jobs still running. `work` should
// return its errors in its result; an exception it throws anyway (out of memory, say) reaches
// `failed(message)` on the owner's thread instead of `done` (with no `failed`, it is logged).
#pragma once

#include "ui/bridge/thread_handover.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <optional>

class BackgroundJobs : public QObject {
    Q_OBJECT

public:
    explicit BackgroundJobs(QObject* parent = nullptr) : QObject(parent) {}
    ~BackgroundJobs() override { m_pool.waitForDone(); }

    template <typename Result>
    void run(std::function<Result()> work, std::function<void(Result&)> done,
             std::function<void(const QString&)> failed = {})
    {
        // Written by the job's thread, then read (after `finished`) or destroyed by ours: the
        // hand-over Qt's event queue orders, stated for ThreadSanitizer (thread_handover.h).
        std::shared_ptr<std::optional<Result>> result(new std::optional<Result>, [](std::optional<Result>* r) {
            takeOver(r);
            delete r;
        });
        auto error = std::make_shared<QString>();   // written with the result, read after `finished` as it is
        auto* watcher = new QFutureWatcher<void>(this);
        ++m_running;
        connect(watcher, &QFutureWatcher<void>::finished, this,
                [this, watcher, result, error, done = std::move(done), failed = std::move(failed)] {
                    takeOver(result.get());
                    --m_running;
                    watcher->deleteLater();
                    if (result->has_value())
                        done(**result);
                    else if (failed)
                        failed(*error);
                    else
                        qWarning("a background job failed: %s", qPrintable(*error));
                });
        watcher->setFuture(runHandedOver(&m_pool, [work = std::move(work), result, error] {
            try {
                *result = work();
            } catch (const std::bad_alloc&) {
                *error = tr("out of memory");
            } catch (const std::exception& e) {
                *error = QString::fromLocal8Bit(e.what());
            } catch (...) {
                *error = tr("an unexpected error");
            }
            handOver(result.get());
        }));
    }

    // Jobs whose `done` has not been called yet.
    int running() const { return m_running; }

private:
    QThreadPool m_pool;
    int m_running = 0;
};
