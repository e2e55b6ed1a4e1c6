// train_view.h — the "Train" view: pick a network and hyperparameters (or one of the book's
// experiments), press Start, and watch it learn — cost, accuracy and each layer's speed of
// learning, live — while the window stays responsive (chapters 1, 3, 5 and 6).
//
// The view composes the panels and shows what its TrainSession reports: the session starts,
// resumes and stops runs (the trainer on its own thread, TrainingController), keeps them in
// RunHistory for comparison, and loads, saves and exports. Shortcuts: Ctrl+Enter starts, Space pauses and
// resumes, Esc stops. The last configuration is kept in QSettings.
#pragma once

#include "ui/train/run_record.h"

#include "core/io/checkpoint_file.h"
#include "core/train/training_config.h"

#include <QWidget>

#include <memory>
#include <optional>

class ArchitecturePanel;
class DataErrorPanel;
class DatasetLoader;
class EpochTable;
class GradientPlot;
class HyperparameterPanel;
class MetricPlot;
class PresetPanel;
class ResumeBanner;
class QLabel;
class QPushButton;
class QStackedWidget;
class QToolButton;
class RunHistory;
class TrainingController;
class TrainingPlot;
class TrainingProgressBar;
class TrainSession;
namespace nnlab {
struct DataSplit;
}

class TrainView : public QWidget {
    Q_OBJECT

public:
    // Shares `loader` (and its cached datasets) with other views, and trains on `controller`
    // (whose network other views follow, live_network.h); null: a loader or controller of its
    // own. Shared ones must outlive the view, or only be destroyed when the window closes (a
    // running trainer keeps its data alive by itself).
    explicit TrainView(DatasetLoader* loader = nullptr, TrainingController* controller = nullptr,
                       QWidget* parent = nullptr);
    ~TrainView() override;   // stops a run and joins its thread

    // What the controls describe, or nothing (and the reason in *problem) when it can't run.
    std::optional<nnlab::TrainConfig> config(QString* problem = nullptr) const;
    void setConfig(const nnlab::TrainConfig& config);
    bool selectPreset(const QString& name);
    // Chooses the preset, overrides its epochs when > 0, and starts (--start-preset).
    bool startPreset(const QString& name, int epochs = 0);

    void start();   // loads the data first if needed
    void togglePause();
    void stop();

    // What the Model and Export menus do after their file dialogs. False with a one-line reason.
    bool saveModelTo(const QString& path, QString* error = nullptr);
    bool loadModelFrom(const QString& path, QString* error = nullptr);
    bool exportCsvTo(const QString& path, QString* error = nullptr);

    TrainingController* controller() const { return m_controller; }
    TrainSession* session() const { return m_session; }
    DatasetLoader* loader() const { return m_loader; }
    RunHistory* history() const { return m_history; }
    MetricPlot* costPlot() const { return m_costPlot; }
    MetricPlot* accuracyPlot() const { return m_accuracyPlot; }
    GradientPlot* gradientPlot() const { return m_gradientPlot; }
    QList<TrainingPlot*> plots() const;
    EpochTable* epochTable() const { return m_epochTable; }
    PresetPanel* presetPanel() const { return m_presets; }
    ArchitecturePanel* architecturePanel() const { return m_architecture; }
    HyperparameterPanel* hyperparameterPanel() const { return m_hyper; }
    DataErrorPanel* errorPanel() const { return m_errorPanel; }
    bool isShowingDataError() const;

    // Crash safety: runs checkpoint to `file` after every epoch; an unfinished checkpoint already
    // there (a run cut short last time) is offered for resuming. False when there is none.
    bool enableCheckpoints(const QString& file);
    ResumeBanner* resumeBanner() const { return m_resumeBanner; }
    // Continues the checkpointed run (loading its data first if needed).
    void resumeRun(const nnlab::Checkpoint& checkpoint);
    QString summaryText() const;
    QString problemText() const;

signals:
    void statusChanged(const QString& message);

private:
    QWidget* createControls();
    QWidget* createRunBar();
    QWidget* createPlots();
    QToolButton* createModelButton();
    QToolButton* createExportButton();
    void createShortcuts();

    void configChanged();
    void presetChosen();
    void updateButtons();
    void showSummary(const RunRecord& run);   // a run that ended
    void showNotice(const QString& html, bool failure);   // under the run bar
    // "Accuracy at chance (9.80%, ...) after 5 epochs: η = 500 may be too large."; empty for a
    // run that learns (core/train/chance.h's rule).
    static QString chanceHint(const RunRecord& run);
    void refreshPlots();

    void onStarted(const RunRecord& run);
    void onFinished(const RunRecord& run);
    void onDataReady(nnlab::DatasetKind kind);
    void onDataMissing(nnlab::DatasetKind kind, const QString& message);

    void saveModelDialog();
    void loadModelDialog();
    void exportPlotDialog(TrainingPlot* plot);
    void exportCsvDialog();

    // In this order: the session keeps its runs in the history.
    DatasetLoader* m_loader;
    RunHistory* m_history;
    TrainSession* m_session;
    TrainingController* m_controller;   // the session's
    std::optional<nnlab::Checkpoint> m_interrupted;     // the run the banner offers
    bool m_dirty = false;          // the plots are behind the records
    nnlab::DatasetKind m_shownDataset = nnlab::DatasetKind::Mnist;   // the one asked of the loader

    PresetPanel* m_presets = nullptr;
    ArchitecturePanel* m_architecture = nullptr;
    HyperparameterPanel* m_hyper = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_pause = nullptr;
    QPushButton* m_stop = nullptr;
    TrainingProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
    ResumeBanner* m_resumeBanner = nullptr;
    QStackedWidget* m_stack = nullptr;
    DataErrorPanel* m_errorPanel = nullptr;
    MetricPlot* m_costPlot = nullptr;
    MetricPlot* m_accuracyPlot = nullptr;
    GradientPlot* m_gradientPlot = nullptr;
    EpochTable* m_epochTable = nullptr;
};
