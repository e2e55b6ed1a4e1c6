#include "ui/train/train_session.h"

#include "ui/bridge/background_jobs.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/training_controller.h"
#include "ui/train/csv_export.h"
#include "ui/train/run_history.h"

#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "core/train/network_fit.h"

#include <QFile>
#include <QFileInfo>

#include <utility>

using nnlab::DatasetKind;

TrainSession::TrainSession(DatasetLoader* loader, RunHistory* history, TrainingController* controller,
                           QObject* parent)
    : QObject(parent), m_loader(loader), m_history(history),
      m_controller(controller ? controller : new TrainingController(this)), m_ownsController(!controller),
      m_jobs(new BackgroundJobs(this))
{
    // The trainer's reports go into the live run's record; the view replots on refreshDue.
    connect(m_controller, &TrainingController::miniBatchesArrived, this,
            [this](const std::vector<nnlab::MiniBatchSample>& samples, const nnlab::TrainingProgress&) {
                if (!m_live)
                    return;
                m_live->samples.insert(m_live->samples.end(), samples.begin(), samples.end());
                bool changed = false;
                for (const nnlab::MiniBatchSample& sample : samples) {
                    m_live->changes.insert(m_live->changes.end(), sample.changes.begin(), sample.changes.end());
                    changed = changed || !sample.changes.empty();
                }
                if (changed)
                    m_history->refresh(m_live->id);   // its line says η as it is now
                emit recordsChanged();
            });
    connect(m_controller, &TrainingController::epochFinished, this, [this](const nnlab::EpochReport& report) {
        if (!m_live)
            return;
        m_live->epochs.push_back(report);
        m_history->refresh(m_live->id);
        emit epochFinished(report);
        emit recordsChanged();
    });
    connect(m_controller, &TrainingController::runFinished, this, &TrainSession::onFinished);
    connect(m_loader, &DatasetLoader::loaded, this, [this](DatasetKind kind, const QString&, double) { onDataLoaded(kind); });
    connect(m_loader, &DatasetLoader::failed, this, &TrainSession::onDataFailed);
}

TrainSession::~TrainSession()
{
    // Before the history goes: the controller joins the trainer thread and reports nothing more.
    m_controller->disconnect(this);
    if (m_ownsController)
        delete m_controller;
}

bool TrainSession::start(const nnlab::TrainConfig& config, const nnlab::Preset* preset, QString* problem)
{
    auto refuse = [problem](const QString& why) {
        if (problem)
            *problem = why;
        return false;
    };
    if (m_controller->isActive() || m_waiting)
        return refuse(tr("a run is already active"));
    if (const std::string why = nnlab::trainingProblem(config); !why.empty())
        return refuse(QString::fromStdString(why));
    startWith({config, preset, nullptr}, m_loader->split(config.dataset));
    return true;
}

void TrainSession::resume(const nnlab::Checkpoint& checkpoint)
{
    if (m_controller->isActive() || m_waiting)
        return;
    // The preset it came from, if any, so that the book's figure is shown beside the run again.
    const nnlab::Preset* preset = nullptr;
    for (const nnlab::Preset& p : nnlab::presets())
        if (nnlab::describe(p.config) == nnlab::describe(checkpoint.config))
            preset = &p;
    startWith({checkpoint.config, preset, std::make_shared<nnlab::TrainingState>(checkpoint.state)},
              m_loader->split(checkpoint.config.dataset));
}

void TrainSession::startWith(const Waiting& run, std::shared_ptr<const nnlab::DataSplit> data)
{
    if (!data) {
        // Not loaded yet (or missing): start when it arrives.
        m_waiting = run;
        m_loader->load(run.config.dataset);
        emit waitingForData(run.config.dataset);
        emit waitingChanged();
        return;
    }
    if (const std::string problem = nnlab::trainingProblem(run.config, data.get()); !problem.empty()) {
        emit runNotStarted(QString::fromStdString(problem));
        return;
    }
    RunRecord record;
    record.config = run.config;
    if (run.resumeFrom) {
        record.epochs = run.resumeFrom->history;   // the plots pick up where the run left off
        // η, λ, μ as the checkpoint left them (changed live, or by the schedule, before the
        // interruption; when exactly is not kept): the run goes on with those.
        const nnlab::TrainingState& state = *run.resumeFrom;
        const int n = run.config.trainingSize * run.config.expansion.variantsPerImage();
        const int batchesPerEpoch = (n + run.config.miniBatchSize - 1) / run.config.miniBatchSize;
        record.changes = nnlab::changesBetween(run.config.hyper, state.hyper, state.epoch, state.batchesDone + 1,
                                               batchesPerEpoch);
    }
    if (run.preset) {
        // Edited after choosing it (other layers, η, epochs...): a custom run derived from it.
        record.presetEdited = nnlab::describe(run.config) != nnlab::describe(run.preset->config);
        record.presetName = QString::fromStdString(run.preset->name);
        record.bookAccuracy = run.preset->bookAccuracy;
        record.bookNote = QString::fromStdString(run.preset->bookNote);
    }
    m_live = m_history->addRun(std::move(record));
    m_controller->setCheckpointFile(m_checkpointFile);
    QString error;
    if (!m_controller->start(run.config, std::move(data), &error, run.resumeFrom)) {
        m_live->summary = nnlab::TrainSummary{nnlab::StopReason::Stopped, error.toStdString()};
        m_history->refresh(m_live->id);
        m_live = nullptr;
        emit runNotStarted(error);
        emit recordsChanged();
        return;
    }
    emit runStarted(*m_live);
    emit statusChanged(tr("Training %1").arg(QString::fromStdString(nnlab::describe(run.config))));
    emit recordsChanged();
}

void TrainSession::stop()
{
    if (m_waiting) {
        m_waiting.reset();
        emit waitingChanged();
        return;
    }
    m_controller->stop();
}

void TrainSession::prepareData(DatasetKind kind)
{
    if (m_loader->split(kind))
        emit dataReady(kind);
    else
        m_loader->load(kind);   // shared with the other views: loads once, or not at all
}

void TrainSession::onDataLoaded(DatasetKind kind)
{
    if (m_waiting && m_waiting->config.dataset == kind) {
        const Waiting run = *std::exchange(m_waiting, std::nullopt);
        emit waitingChanged();
        startWith(run, m_loader->split(kind));
        return;
    }
    emit dataReady(kind);
}

void TrainSession::onDataFailed(DatasetKind kind, const QString& message)
{
    if (m_waiting && m_waiting->config.dataset == kind) {
        m_waiting.reset();
        emit waitingChanged();
    }
    emit dataMissing(kind, message);
}

void TrainSession::onFinished(const nnlab::TrainSummary& summary, std::shared_ptr<const nnlab::Network> network)
{
    if (!m_live)
        return;
    m_live->summary = summary;
    m_live->network = std::move(network);
    m_history->refresh(m_live->id);
    RunRecord* finished = std::exchange(m_live, nullptr);
    emit statusChanged(QString::fromStdString(summary.message));
    emit runFinished(*finished);
    emit recordsChanged();
}

std::optional<nnlab::Checkpoint> TrainSession::enableCheckpoints(const QString& file, QString* unreadable)
{
    m_checkpointFile = file;
    m_controller->setCheckpointFile(file);
    if (!QFile::exists(file))
        return std::nullopt;
    try {
        nnlab::Checkpoint checkpoint = nnlab::loadCheckpoint(file.toStdString());
        if (checkpoint.finished)
            return std::nullopt;
        return checkpoint;
    } catch (const nnlab::FileError& e) {
        // Unreadable (a newer version, or damaged): say so and keep it for inspection.
        if (unreadable)
            *unreadable = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

void TrainSession::discardCheckpoint()
{
    if (!m_checkpointFile.isEmpty() && !m_controller->isActive())
        QFile::remove(m_checkpointFile);
}

bool TrainSession::saveModel(const QString& path, QString* error)
{
    const RunRecord* run = m_history->selectedRun();
    if (!run || !run->network) {
        if (error)
            *error = tr("no trained network to save: train one first, or select a run that has ended");
        return false;
    }
    try {
        nnlab::saveModel(path.toStdString(), *run->network);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    emit statusChanged(tr("Saved %1's network to %2").arg(run->name, path));
    return true;
}

bool TrainSession::loadModel(const QString& path, DatasetKind dataset, QString* error)
{
    std::shared_ptr<const nnlab::Network> net;
    try {
        net = std::make_shared<const nnlab::Network>(nnlab::loadModel(path.toStdString()));
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    RunRecord record;
    record.name = QFileInfo(path).fileName();
    record.sourceFile = path;
    record.config.net.sizes = net->sizes();
    record.config.net.hidden = net->hiddenActivation();
    record.config.net.output = net->outputActivation();
    record.config.net.cost = net->cost();
    record.network = net;
    const int id = m_history->addRun(std::move(record))->id;
    emit recordsChanged();
    // Its accuracy on the test set of the chosen dataset, when that is loaded and fits: seconds
    // for a convnet, so off the GUI thread.
    const auto data = m_loader->split(dataset);
    if (!data || !nnlab::fitProblem(*net, data->test).empty()) {
        emit statusChanged(tr("Loaded %1").arg(path));
        return true;
    }
    emit statusChanged(tr("Loaded %1; measuring its test accuracy…").arg(path));
    m_jobs->run<nnlab::Evaluation>([net, data] { return nnlab::evaluate(*net, data->test); },
                                   [this, id, path](nnlab::Evaluation& test) {
                                       RunRecord* run = m_history->run(id);
                                       if (!run)
                                           return;   // removed meanwhile
                                       run->loadedTest = test;
                                       m_history->refresh(id);
                                       emit statusChanged(tr("Loaded %1: test accuracy %2%")
                                                              .arg(path)
                                                              .arg(100 * test.accuracy, 0, 'f', 2));
                                       emit recordsChanged();
                                   },
                                   [this, path](const QString& error) {
                                       emit statusChanged(
                                           tr("Loaded %1; could not measure its test accuracy: %2").arg(path, error));
                                   });
    return true;
}

bool TrainSession::isEvaluatingModel() const
{
    return m_jobs->running() > 0;
}

bool TrainSession::exportCsv(const QString& path, QString* error)
{
    const RunRecord* run = m_history->selectedRun();
    if (!run || run->epochs.empty()) {
        if (error)
            *error = tr("no metrics to export: select a run with at least one finished epoch");
        return false;
    }
    return writeTextAtomically(path, metricsCsv(*run), error);
}
