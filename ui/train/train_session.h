// train_session.h — the Train view's runs, without its widgets: what Start, Resume, Stop, the
// model files and the export do.
//
// A run starts at once when its dataset is loaded, or as soon as the shared loader has it
// (isWaitingForData() meanwhile). The trainer's reports are added to the run's record in
// RunHistory as they arrive; a model loaded from a file becomes a record too, its test accuracy
// computed in the background. With checkpoints enabled every run is crash-safe
// (core/train/checkpoint_saver.h) and an unfinished checkpoint is offered for resuming.
// The view (train_view.h) lays out the controls and plots and shows what the session reports.
#pragma once

#include "ui/train/run_record.h"

#include "core/data/dataset.h"
#include "core/io/checkpoint_file.h"
#include "core/train/presets.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class BackgroundJobs;
class DatasetLoader;
class RunHistory;
class TrainingController;

class TrainSession : public QObject {
    Q_OBJECT

public:
    // The loader and the history must outlive the session; so must the controller, when given
    // (null: a controller of the session's own).
    TrainSession(DatasetLoader* loader, RunHistory* history, TrainingController* controller = nullptr,
                 QObject* parent = nullptr);
    ~TrainSession() override;   // stops a run of its own controller and joins its thread

    TrainingController* controller() const { return m_controller; }

    // A new run of `config`, from the book's `preset` or a custom one (null). False, with the
    // reason in *problem, when it can't be trained (nothing is started then).
    bool start(const nnlab::TrainConfig& config, const nnlab::Preset* preset, QString* problem = nullptr);
    // Continues a checkpointed run where it stopped, labelled with the preset it came from.
    void resume(const nnlab::Checkpoint& checkpoint);
    // Drops a start that waits for its data, or stops the run after its mini-batch.
    void stop();
    bool isWaitingForData() const { return m_waiting.has_value(); }
    RunRecord* liveRun() const { return m_live; }

    // Loads `kind` in the background so that Start is immediate; its outcome arrives as
    // dataReady or dataMissing.
    void prepareData(nnlab::DatasetKind kind);

    // Crash safety: every run from now on checkpoints to `file`. Returns the unfinished run a
    // checkpoint already there holds (one cut short last time), to offer for resuming; nothing
    // when there is none, and the reason in *unreadable when the file can't be read.
    std::optional<nnlab::Checkpoint> enableCheckpoints(const QString& file, QString* unreadable = nullptr);
    void discardCheckpoint();   // the offer declined: the file goes

    // The selected run's network to a model file; a model file as a run of its own, its test
    // accuracy on `dataset` computed in the background; the selected run's epochs as CSV.
    // False with a one-line reason in *error.
    bool saveModel(const QString& path, QString* error = nullptr);
    bool loadModel(const QString& path, nnlab::DatasetKind dataset, QString* error = nullptr);
    bool exportCsv(const QString& path, QString* error = nullptr);
    bool isEvaluatingModel() const;

signals:
    void waitingForData(nnlab::DatasetKind kind);   // a start waits for the dataset to load
    void dataReady(nnlab::DatasetKind kind);
    void dataMissing(nnlab::DatasetKind kind, const QString& message);   // and a waiting start dropped
    void runStarted(const RunRecord& run);
    void runNotStarted(const QString& why);
    void recordsChanged();   // a record grew or changed: the plots and the table are behind
    void epochFinished(const nnlab::EpochReport& report);
    void runFinished(const RunRecord& run);
    void waitingChanged();   // a start began or stopped waiting for its data
    void statusChanged(const QString& message);   // one line for the window's status bar

private:
    struct Waiting {
        nnlab::TrainConfig config;
        const nnlab::Preset* preset = nullptr;
        std::shared_ptr<const nnlab::TrainingState> resumeFrom;
    };
    void startWith(const Waiting& run, std::shared_ptr<const nnlab::DataSplit> data);
    void onDataLoaded(nnlab::DatasetKind kind);
    void onDataFailed(nnlab::DatasetKind kind, const QString& message);
    void onFinished(const nnlab::TrainSummary& summary, std::shared_ptr<const nnlab::Network> network);

    DatasetLoader* m_loader;
    RunHistory* m_history;
    TrainingController* m_controller;
    bool m_ownsController;
    BackgroundJobs* m_jobs;
    RunRecord* m_live = nullptr;          // the run being trained, kept in m_history
    std::optional<Waiting> m_waiting;     // Start or Resume pressed while the data loads
    QString m_checkpointFile;
};
