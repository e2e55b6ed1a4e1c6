#include "ui/bridge/training_controller.h"

#include "ui/bridge/thread_handover.h"

#include "core/train/checkpoint_saver.h"
#include "core/train/memory_estimate.h"
#include "core/train/network_fit.h"
#include "core/train/trainer.h"
#include "core/train/training_channel.h"
#include "core/util/available_memory.h"

#include <QFutureWatcher>
#include <QLoggingCategory>

#include <exception>
#include <new>
#include <optional>
#include <stdexcept>

#ifdef __linux__
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcTrain, "nnlab.train")

std::atomic<int> TrainingController::s_liveWorkers{0};

namespace {

// The trainer (and the evaluation threads it starts, which inherit this) yields to the GUI
// thread when they compete for a core: the window stays responsive on a busy machine, and the
// GUI needs so little CPU that training hardly slows. Linux's nice is per thread; QThread's
// priorities do nothing for ordinary Linux threads.
void lowerThisThreadsPriority()
{
#ifdef __linux__
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
}

// The name top -H and debuggers show (Linux keeps 15 characters).
void nameThisThread(const std::string& name)
{
#ifdef __linux__
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
#else
    (void)name;
#endif
}

}  // namespace

// What the worker leaves behind; read on the GUI thread after the thread has been joined.
struct TrainingController::Outcome {
    nnlab::TrainSummary summary;
    std::shared_ptr<const nnlab::Network> network;
    // Set (GUI thread) before stopping a run because the window closes: its checkpoint stays
    // unfinished, to be offered for resuming next time.
    std::atomic<bool> interrupted{false};
};

TrainingController::TrainingController(QObject* parent) : QObject(parent)
{
    m_trainerPool.setMaxThreadCount(1);
    m_refreshTimer.setInterval(refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TrainingController::tick);
}

TrainingController::~TrainingController()
{
    // No signals from here on: whoever listened may be half destroyed.
    blockSignals(true);
    stopAndWait();
}

bool TrainingController::start(const nnlab::TrainConfig& config,
                               std::shared_ptr<const nnlab::DataSplit> data, QString* error,
                               std::shared_ptr<const nnlab::TrainingState> resumeFrom)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_state != State::Idle)
        return fail(tr("a run is already active"));
    if (!data)
        return fail(tr("no data loaded"));
    if (const std::string problem = nnlab::trainingProblem(config, data.get()); !problem.empty())
        return fail(QString::fromStdString(problem));
    // Before anything is allocated for it (memory_estimate.h): the data is in memory already; the
    // finished network and the live view's snapshots are copies kept beside the trainer's.
    const std::uint64_t need = nnlab::trainingMemory(
        config, {.imagesLoaded = 0, .networksKept = 2, .checkpoints = !m_checkpointFile.isEmpty()});
    if (const nnlab::AvailableMemory available = nnlab::availableMemory(); need > available.bytes) {
        const QString what = tr("%1 with m = %2 needs about %3 of memory")
                                 .arg(QString::fromStdString(nnlab::formatArchitecture(config.net)))
                                 .arg(config.miniBatchSize)
                                 .arg(QString::fromStdString(nnlab::formatBytes(need)));
        const QString free = QString::fromStdString(nnlab::formatBytes(available.bytes));
        return fail(available.limitedByUlimit
                        ? tr("%1; only %2 is available under this process's address-space limit (ulimit -v)").arg(what, free)
                        : tr("%1; only %2 is available").arg(what, free));
    }

    const int runId = ++m_runId;
    m_steps = 0;
    m_channel = std::make_shared<nnlab::TrainingChannel>(config.epochs);
    m_outcome = std::make_shared<Outcome>();
    // The channel's callbacks run on the trainer thread: they post and return. `this` is the
    // context, so a call still queued when the controller is gone is dropped, and runId lets a
    // report from a run that was already wound up (stopAndWait) be ignored.
    m_channel->onEpoch = [this, runId](const nnlab::EpochReport& report) {
        postQueued(this, [this, runId, report] {
            if (runId != m_runId || !m_trainerJob)
                return;
            drain();   // the epoch's last mini-batches first
            qCInfo(lcTrain).noquote()
                << QString("epoch %1 finished: %2 s, test accuracy %3%")
                       .arg(report.epoch)
                       .arg(report.seconds, 0, 'f', 3)
                       .arg(100 * report.test.accuracy, 0, 'f', 2);
            emit epochFinished(report);
            m_news = true;
        });
    };

    m_channel->onPaused = [this, runId](bool waiting, int steps) {
        postQueued(this, [this, runId, waiting, steps] {
            if (runId != m_runId || !m_trainerJob)
                return;
            drain();   // the mini-batches made before the pause took hold
            // (not if resumed meanwhile, nor a report from before a step that is still to run)
            setTrainerWaiting(waiting && m_state == State::Paused && steps >= m_steps);
        });
    };

    m_trainerJob = new QFutureWatcher<void>(this);
    connect(m_trainerJob, &QFutureWatcher<void>::finished, this, [this, runId] { finishRun(runId); });
    m_trainerJob->setFuture(runHandedOver(&m_trainerPool, [channel = m_channel, outcome = m_outcome, config, data,
                                                           resumeFrom, checkpointFile = m_checkpointFile.toStdString(),
                                                           runId] {
        ++s_liveWorkers;
        nameThisThread("trainer " + std::to_string(runId));
        lowerThisThreadsPriority();
        try {
            nnlab::Trainer trainer(config, *data);
            if (resumeFrom)
                trainer.restore(*resumeFrom);
            std::optional<nnlab::CheckpointSaver> saver;
            if (!checkpointFile.empty()) {
                saver.emplace(checkpointFile, config,
                              [](const std::string& line) { qCWarning(lcTrain).noquote() << QString::fromStdString(line); });
                saver->attach(trainer);
            }
            trainer.setObserver(channel.get());
            channel->attach(&trainer);
            outcome->summary = trainer.run();
            channel->detach();
            // Stop ends a run for good; closing the window interrupts it, to be resumed next time.
            if (saver)
                saver->runEnded(outcome->interrupted.load() ? nnlab::CheckpointSaver::Ending::Interrupted
                                                            : nnlab::CheckpointSaver::Ending::ForGood);
            outcome->network = std::make_shared<const nnlab::Network>(trainer.network());
        } catch (const std::bad_alloc&) {
            // Past the estimate in start(), yet refused: other programs took the memory meanwhile.
            channel->detach();
            outcome->summary.reason = nnlab::StopReason::Failed;
            outcome->summary.message =
                tr("out of memory while training (the system refused an allocation; a smaller network or "
                   "mini-batch needs less)").toStdString();
        } catch (const std::exception& e) {
            channel->detach();
            outcome->summary.reason = nnlab::StopReason::Failed;
            outcome->summary.message = tr("could not train: %1").arg(QString::fromLocal8Bit(e.what())).toStdString();
        } catch (...) {
            channel->detach();
            outcome->summary.reason = nnlab::StopReason::Failed;
            outcome->summary.message = tr("could not train: an unexpected error ended the run").toStdString();
        }
        handOver(outcome.get());   // read by finishRun on the GUI thread
        --s_liveWorkers;
    }));
    m_refreshTimer.start();
    qCInfo(lcTrain).noquote() << "run" << runId << "started:" << QString::fromStdString(nnlab::describe(config));
    setState(State::Running);
    emit runStarted(runId);
    return true;
}

void TrainingController::pause()
{
    if (m_state != State::Running)
        return;
    m_channel->pause();
    setState(State::Paused);
}

void TrainingController::resume()
{
    if (m_state != State::Paused)
        return;
    m_channel->resume();
    setTrainerWaiting(false);
    setState(State::Running);
}

void TrainingController::togglePause()
{
    if (m_state == State::Running)
        pause();
    else if (m_state == State::Paused)
        resume();
}

void TrainingController::step()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    ++m_steps;
    m_channel->step();
    setTrainerWaiting(false);   // until the step's mini-batch has run and been delivered
    setState(State::Paused);
}

void TrainingController::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_channel->stop();
    setState(State::Stopping);
}

std::shared_ptr<const nnlab::Network> TrainingController::currentNetwork() const
{
    return m_channel ? m_channel->snapshot() : nullptr;
}

void TrainingController::stopAndWait()
{
    if (!m_trainerJob)
        return;
    m_outcome->interrupted = true;
    m_channel->stop();
    finishRun(m_runId);
}

void TrainingController::setEta(float eta)
{
    if (m_channel && m_trainerJob)
        m_channel->setEta(eta);
}

void TrainingController::setLambda(float lambda)
{
    if (m_channel && m_trainerJob)
        m_channel->setLambda(lambda);
}

void TrainingController::setMomentum(float momentum)
{
    if (m_channel && m_trainerJob)
        m_channel->setMomentum(momentum);
}

void TrainingController::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void TrainingController::setTrainerWaiting(bool waiting)
{
    if (waiting == m_trainerWaiting)
        return;
    m_trainerWaiting = waiting;
    emit trainerWaitingChanged(waiting);
}

void TrainingController::drain()
{
    if (!m_channel)
        return;
    nnlab::TrainingChannel::Drained drained = m_channel->drain();
    if (drained.progress) {
        emit miniBatchesArrived(drained.samples, *drained.progress);
        m_news = true;
    }
}

void TrainingController::tick()
{
    drain();
    // One replot for everything that arrived since the last tick.
    if (m_news) {
        m_news = false;
        emit refreshDue();
    }
}

void TrainingController::finishRun(int runId)
{
    if (runId != m_runId || !m_trainerJob)
        return;   // already wound up by stopAndWait
    // Waits for the job (stopAndWait) or its last moments (finished() comes as it returns), then
    // joins the thread: liveWorkers() is 0 from here, and the next run starts at normal priority.
    m_trainerPool.waitForDone();
    m_trainerJob->deleteLater();   // (a finished() still queued fails the check above)
    m_trainerJob = nullptr;
    m_refreshTimer.stop();
    drain();
    m_channel.reset();
    const std::shared_ptr<Outcome> outcome = std::move(m_outcome);
    takeOver(outcome.get());
    qCInfo(lcTrain).noquote() << "run" << runId << "ended:" << QString::fromStdString(outcome->summary.message);
    m_news = false;
    setTrainerWaiting(false);
    emit runFinished(outcome->summary, outcome->network);
    emit refreshDue();
    setState(State::Idle);
}
