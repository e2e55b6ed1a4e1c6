#include "ui/train/train_view.h"

#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/training_controller.h"
#include "ui/common/data_error_panel.h"
#include "ui/common/export_location.h"
#include "ui/common/split_panes.h"
#include "ui/plotting/palette.h"
#include "ui/train/architecture_panel.h"
#include "ui/train/epoch_table.h"
#include "ui/train/gradient_plot.h"
#include "ui/train/hyperparameter_panel.h"
#include "ui/train/metric_plot.h"
#include "ui/train/preset_panel.h"
#include "ui/train/resume_banner.h"
#include "ui/train/run_history.h"
#include "ui/train/train_session.h"
#include "ui/train/train_settings.h"
#include "ui/train/training_progress_bar.h"

#include "core/train/chance.h"
#include "core/train/network_fit.h"
#include "core/train/presets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

using nnlab::DatasetKind;

namespace {

QString datasetTitle(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? QObject::tr("MNIST") : QObject::tr("Fashion-MNIST");
}

}  // namespace

TrainView::TrainView(DatasetLoader* loader, TrainingController* controller, QWidget* parent)
    : QWidget(parent), m_loader(loader ? loader : new DatasetLoader(this)), m_history(new RunHistory),
      m_session(new TrainSession(m_loader, m_history, controller, this)), m_controller(m_session->controller())
{
    setObjectName("trainView");

    auto* header = new QLabel(
        tr("<b>Train a network and watch it learn</b> — choose one of the book's experiments or "
           "your own network, press Start, and follow the cost, the accuracy and how fast each "
           "layer learns (chapters 1, 3, 5 and 6). Hover over any control for its meaning."),
        this);
    header->setObjectName("headerLabel");
    header->setWordWrap(true);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    // The run bar first, at a place of its own: the banners that come and go (the offer to resume,
    // a run's summary) appear under it, never pushing the buttons about to be clicked.
    rightLayout->addWidget(createRunBar());
    m_resumeBanner = new ResumeBanner(right);
    rightLayout->addWidget(m_resumeBanner);
    m_summary = new QLabel(right);
    m_summary->setObjectName("summaryLabel");
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->hide();
    rightLayout->addWidget(m_summary);
    m_stack = new QStackedWidget(right);
    m_stack->addWidget(createPlots());
    m_errorPanel = new DataErrorPanel;
    // Scrolled, so that its wide message doesn't widen the whole view (the stack takes the
    // widest page's minimum): the view fits 1024×640.
    auto* errorScroll = new QScrollArea(right);
    errorScroll->setObjectName("errorScroll");
    errorScroll->setWidget(m_errorPanel);
    errorScroll->setWidgetResizable(true);
    errorScroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(errorScroll);
    rightLayout->addWidget(m_stack, 1);

    QSplitter* splitter = splitPanes(Qt::Horizontal, createControls(), 0, right, 1, this);
    splitter->setObjectName("trainSplitter");

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(splitter, 1);

    createShortcuts();

    connect(m_controller, &TrainingController::miniBatchesArrived, this,
            [this](const auto&, const nnlab::TrainingProgress& progress) {
                if (m_session->liveRun())
                    m_progress->setProgress(progress);
            });
    connect(m_session, &TrainSession::recordsChanged, this, [this] { m_dirty = true; });
    connect(m_session, &TrainSession::epochFinished, this, [this](const nnlab::EpochReport& report) {
        m_progress->setEpochEvaluated(report.epoch);
        if (m_history->selectedRun() == m_session->liveRun())
            m_epochTable->showRun(m_session->liveRun());
        // Not learning: say so now, while the run can still be stopped (and no more once it learns).
        if (const RunRecord* run = m_session->liveRun()) {
            const QString hint = chanceHint(*run);
            if (!hint.isEmpty()) {
                showNotice(tr("<b>⚠ Not learning.</b> %1").arg(hint.toHtmlEscaped()), true);
                emit statusChanged(hint);
            } else {
                m_summary->hide();
            }
        }
    });
    connect(m_session, &TrainSession::runStarted, this, &TrainView::onStarted);
    connect(m_session, &TrainSession::runNotStarted, this, [this](const QString& why) {
        m_progress->showMessage(tr("Can't train: %1").arg(why));
        refreshPlots();
        updateButtons();
    });
    connect(m_session, &TrainSession::runFinished, this, &TrainView::onFinished);
    connect(m_session, &TrainSession::waitingForData, this, [this](DatasetKind kind) {
        m_progress->showMessage(tr("Loading %1…").arg(datasetTitle(kind)));
    });
    connect(m_session, &TrainSession::waitingChanged, this, [this] {
        if (!m_session->isWaitingForData() && !m_controller->isActive())
            m_progress->showMessage(tr("Ready: press Start (Ctrl+Enter)"));
        updateButtons();
    });
    connect(m_session, &TrainSession::dataReady, this, &TrainView::onDataReady);
    connect(m_session, &TrainSession::dataMissing, this, &TrainView::onDataMissing);
    connect(m_session, &TrainSession::statusChanged, this, &TrainView::statusChanged);
    connect(m_controller, &TrainingController::refreshDue, this, [this] {
        if (m_dirty)
            refreshPlots();
    });
    connect(m_controller, &TrainingController::trainerWaitingChanged, m_progress, &TrainingProgressBar::setPauseReached);
    connect(m_controller, &TrainingController::stateChanged, this, [this](TrainingController::State state) {
        m_progress->setPaused(state == TrainingController::State::Paused);
        if (state == TrainingController::State::Stopping)
            m_progress->setStopping();
        updateButtons();
    });
    connect(m_history, &RunHistory::selectionChanged, this, [this] {
        refreshPlots();
        updateButtons();
    });
    connect(m_resumeBanner, &ResumeBanner::resumeClicked, this, [this] {
        if (m_interrupted)
            resumeRun(*std::exchange(m_interrupted, std::nullopt));
    });
    connect(m_resumeBanner, &ResumeBanner::discardClicked, this, [this] {
        m_interrupted.reset();
        m_session->discardCheckpoint();
        m_progress->showMessage(tr("Ready: press Start (Ctrl+Enter)"));
    });
    connect(m_errorPanel, &DataErrorPanel::retryClicked, this, [this] {
        if (const auto c = config())
            m_loader->load(c->dataset);
        m_stack->setCurrentIndex(0);
        m_progress->showMessage(tr("Looking for the data again…"));
    });

    // The last configuration, or chapter 1's network on the first launch.
    QString presetName;
    const std::optional<nnlab::TrainConfig> saved = loadTrainConfig(QSettings(), &presetName);
    if (saved) {
        selectPreset(presetName);
        setConfig(*saved);
    } else {
        selectPreset("ch1-784-30-10");
    }
    m_progress->showMessage(tr("Ready: press Start (Ctrl+Enter)"));
    if (const auto c = config()) {
        m_shownDataset = c->dataset;
        m_session->prepareData(c->dataset);
    }
    refreshPlots();
    updateButtons();
}

TrainView::~TrainView()
{
    // Before any child goes: the session stops its run (joining the trainer thread) and reports
    // nothing more, and the children's signals stop reaching a view being taken apart.
    m_controller->disconnect(this);
    delete m_session;
    m_session = nullptr;
    m_history->disconnect(this);
}

QWidget* TrainView::createControls()
{
    m_presets = new PresetPanel;
    m_architecture = new ArchitecturePanel;
    m_hyper = new HyperparameterPanel;
    m_problem = new QLabel;
    m_problem->setObjectName("problemLabel");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(palette::noticeStyle(palette::problemNotice, "QLabel", 4));
    m_problem->hide();

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->addWidget(m_presets);
    layout->addWidget(m_architecture);
    layout->addWidget(m_hyper);
    layout->addWidget(m_problem);
    layout->addStretch();

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName("controlsScroll");
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(content->sizeHint().width() + 20);
    scroll->setMaximumWidth(380);

    connect(m_presets, &PresetPanel::presetChosen, this, &TrainView::presetChosen);
    connect(m_architecture, &ArchitecturePanel::changed, this, &TrainView::configChanged);
    connect(m_hyper, &HyperparameterPanel::changed, this, &TrainView::configChanged);
    // η, λ and μ reach a running trainer at its next mini-batch.
    connect(m_hyper, &HyperparameterPanel::etaChanged, m_controller, &TrainingController::setEta);
    connect(m_hyper, &HyperparameterPanel::lambdaChanged, m_controller, &TrainingController::setLambda);
    connect(m_hyper, &HyperparameterPanel::momentumChanged, m_controller, &TrainingController::setMomentum);
    return scroll;
}

QWidget* TrainView::createRunBar()
{
    auto* bar = new QWidget(this);
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"), bar);
    m_start->setObjectName("startButton");
    m_start->setToolTip(tr("Train a new network with these settings (Ctrl+Enter)"));
    m_pause = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), bar);
    m_pause->setObjectName("pauseButton");
    m_pause->setToolTip(tr("Pause or resume between two mini-batches (Space)"));
    m_stop = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), bar);
    m_stop->setObjectName("stopButton");
    m_stop->setToolTip(tr("End the run after the current mini-batch, keeping what it learned (Esc)"));
    m_progress = new TrainingProgressBar(bar);

    // Two rows: the buttons, then the progress line across the whole pane. In one row they need
    // more width than the pane has at 1024×640, and overlapped.
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    buttons->addWidget(createModelButton());
    buttons->addWidget(createExportButton());
    auto* layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);

    connect(m_start, &QPushButton::clicked, this, &TrainView::start);
    connect(m_pause, &QPushButton::clicked, this, &TrainView::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &TrainView::stop);
    return bar;
}

QToolButton* TrainView::createModelButton()
{
    auto* button = new QToolButton(this);
    button->setObjectName("modelButton");
    button->setText(tr("Model"));
    button->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolTip(tr("Save the selected run's network, or load one, in network2.py's JSON format"));
    auto* menu = new QMenu(button);
    menu->addAction(tr("&Save trained network…"), this, &TrainView::saveModelDialog);
    menu->addAction(tr("&Load network…"), this, &TrainView::loadModelDialog);
    button->setMenu(menu);
    return button;
}

QToolButton* TrainView::createExportButton()
{
    auto* button = new QToolButton(this);
    button->setObjectName("exportButton");
    button->setText(tr("Export"));
    button->setIcon(style()->standardIcon(QStyle::SP_DriveFDIcon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setPopupMode(QToolButton::InstantPopup);
    button->setToolTip(tr("Save a plot as PNG or PDF, or the selected run's metrics as CSV"));
    auto* menu = new QMenu(button);
    button->setMenu(menu);
    // The plots exist by the time the menu opens.
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        for (TrainingPlot* plot : plots())
            menu->addAction(tr("%1 plot as PNG/PDF…").arg(plot->title().section(" (", 0, 0)), this,
                            [this, plot] { exportPlotDialog(plot); });
        menu->addSeparator();
        menu->addAction(tr("Metrics of the selected run as CSV…"), this, &TrainView::exportCsvDialog);
    });
    return button;
}

QWidget* TrainView::createPlots()
{
    m_costPlot = new MetricPlot(MetricPlot::Metric::Cost);
    m_costPlot->setObjectName("costPlot");
    m_accuracyPlot = new MetricPlot(MetricPlot::Metric::Accuracy);
    m_accuracyPlot->setObjectName("accuracyPlot");
    m_gradientPlot = new GradientPlot;
    m_gradientPlot->setObjectName("gradientPlot");
    for (TrainingPlot* plot : plots()) {
        plot->setMinimumSize(200, 160);   // two side by side fit beside the controls at 1024×640
        plot->showRuns(nullptr, {});   // empty axes with their own ranges (accuracy 0-100%), no legend
    }

    m_epochTable = new EpochTable;
    auto* tabs = new QTabWidget;
    tabs->setObjectName("tableTabs");
    tabs->addTab(m_epochTable, tr("Epochs"));
    tabs->addTab(m_history, tr("Runs"));
    tabs->setTabToolTip(0, tr("The selected run, epoch by epoch"));
    tabs->setTabToolTip(1, tr("All runs of this session: tick them to compare"));

    // Four equal quarters to start with.
    QSplitter* top = splitPanes(Qt::Horizontal, m_costPlot, 1, m_accuracyPlot, 1);
    QSplitter* bottom = splitPanes(Qt::Horizontal, m_gradientPlot, 1, tabs, 1);
    QSplitter* plots = splitPanes(Qt::Vertical, top, 1, bottom, 1);
    plots->setObjectName("plotSplitter");
    for (QSplitter* s : {top, bottom, plots})
        s->setSizes({1000, 1000});
    return plots;
}

void TrainView::createShortcuts()
{
    const auto add = [this](const QKeySequence& key, void (TrainView::*slot)()) {
        // Window-wide while the view is on screen (a hidden view's shortcuts are inactive), so
        // they work straight after choosing the view in the list. A line edit with the focus
        // still gets its Space.
        auto* shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_Return), &TrainView::start);
    add(QKeySequence(Qt::CTRL | Qt::Key_Enter), &TrainView::start);
    add(QKeySequence(Qt::Key_Space), &TrainView::togglePause);
    add(QKeySequence(Qt::Key_Escape), &TrainView::stop);
}

QList<TrainingPlot*> TrainView::plots() const
{
    return {m_costPlot, m_accuracyPlot, m_gradientPlot};
}

std::optional<nnlab::TrainConfig> TrainView::config(QString* problem) const
{
    nnlab::TrainConfig c;
    m_hyper->applyTo(c);
    QString why = m_architecture->applyTo(c);
    if (why.isEmpty())
        why = QString::fromStdString(nnlab::trainingProblem(c));
    if (problem)
        *problem = why;
    if (!why.isEmpty())
        return std::nullopt;
    return c;
}

void TrainView::setConfig(const nnlab::TrainConfig& c)
{
    m_architecture->setConfig(c);
    m_hyper->setConfig(c);
}

bool TrainView::selectPreset(const QString& name)
{
    return m_presets->selectPreset(name);
}

bool TrainView::startPreset(const QString& name, int epochs)
{
    if (!nnlab::findPreset(name.toStdString()) || !selectPreset(name))
        return false;
    if (epochs > 0) {
        auto c = config();
        if (!c)
            return false;
        c->epochs = epochs;
        setConfig(*c);
    }
    start();
    return true;
}

void TrainView::presetChosen()
{
    if (const nnlab::Preset* p = m_presets->currentPreset())
        setConfig(p->config);
}

void TrainView::configChanged()
{
    QString problem;
    const auto c = config(&problem);
    m_problem->setText(problem.isEmpty() ? QString() : tr("⚠ Can't train this: %1").arg(problem));
    // A problem with the layers is shown in red under their field, where the user types.
    m_problem->setVisible(!problem.isEmpty() && m_architecture->layersProblem().isEmpty());
    if (const nnlab::Preset* p = m_presets->currentPreset())
        m_presets->setModified(!c || nnlab::describe(*c) != nnlab::describe(p->config));
    if (c) {
        QSettings settings;
        saveTrainConfig(settings, *c, m_presets->currentPreset()
                                          ? QString::fromStdString(m_presets->currentPreset()->name)
                                          : QString());
        if (c->dataset != m_shownDataset && !m_controller->isActive()) {
            m_shownDataset = c->dataset;   // switching datasets: find out now whether it is there
            m_stack->setCurrentIndex(0);
            m_session->prepareData(c->dataset);
        }
    }
    updateButtons();
}

void TrainView::updateButtons()
{
    if (!m_session)
        return;
    using State = TrainingController::State;
    const State state = m_controller->state();
    const bool valid = m_problem->text().isEmpty();
    const bool waiting = m_session->isWaitingForData();
    m_start->setEnabled(state == State::Idle && valid && !waiting);
    m_start->setToolTip(valid ? tr("Train a new network with these settings (Ctrl+Enter)")
                              : tr("Fix the settings first: %1").arg(m_problem->text()));
    m_pause->setEnabled(state == State::Running || state == State::Paused);
    m_pause->setText(state == State::Paused ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(state == State::Paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_stop->setEnabled(state == State::Running || state == State::Paused || waiting);
    m_architecture->setEnabled(state == State::Idle);
    m_presets->setEnabled(state == State::Idle);
    m_hyper->setRunning(state != State::Idle);
}

void TrainView::start()
{
    if (m_controller->isActive() || m_session->isWaitingForData())
        return;
    const auto c = config();
    if (!c)
        return;   // the problem is on screen and Start is disabled
    // A new run would overwrite the checkpoint the banner offers: the offer ends here.
    m_interrupted.reset();
    m_resumeBanner->hide();
    m_session->start(*c, m_presets->currentPreset());
}

bool TrainView::enableCheckpoints(const QString& file)
{
    QString unreadable;
    m_interrupted = m_session->enableCheckpoints(file, &unreadable);
    if (!unreadable.isEmpty())
        m_progress->showMessage(tr("Not offering to resume: %1").arg(unreadable));
    if (!m_interrupted)
        return false;
    m_resumeBanner->offer(*m_interrupted);
    return true;
}

void TrainView::resumeRun(const nnlab::Checkpoint& checkpoint)
{
    if (m_controller->isActive() || m_session->isWaitingForData())
        return;
    m_interrupted.reset();
    m_resumeBanner->hide();
    // The controls show the run being continued.
    QString preset;
    for (const nnlab::Preset& p : nnlab::presets())
        if (nnlab::describe(p.config) == nnlab::describe(checkpoint.config))
            preset = QString::fromStdString(p.name);
    m_presets->selectPreset(preset);
    setConfig(checkpoint.config);
    m_session->resume(checkpoint);
}

void TrainView::onStarted(const RunRecord& run)
{
    m_summary->hide();
    m_stack->setCurrentIndex(0);
    m_progress->begin(run.config.epochs);
    refreshPlots();
    updateButtons();
}

void TrainView::togglePause()
{
    m_controller->togglePause();
}

void TrainView::stop()
{
    m_session->stop();
}

void TrainView::onFinished(const RunRecord& run)
{
    const nnlab::TrainSummary& summary = *run.summary;
    showSummary(run);
    QString message = QString::fromStdString(summary.message);
    if (!message.isEmpty())
        message[0] = message[0].toUpper();
    if (!chanceHint(run).isEmpty())
        message += tr(" · accuracy at chance: not learning");
    m_progress->finish(message, summary.reason == nnlab::StopReason::Completed);
    refreshPlots();
    updateButtons();
}

QString TrainView::chanceHint(const RunRecord& run)
{
    if (run.epochs.empty() || run.isLoadedModel())
        return {};
    const nnlab::EpochReport& last = run.epochs.back();
    const int classes = run.config.net.sizes.back();
    if (!nnlab::isAtChance(last.test.accuracy, classes))   // the rule nnlab-cli's summary applies too
        return {};
    const QString after = last.epoch == 1 ? tr("after 1 epoch") : tr("after %1 epochs").arg(last.epoch);
    return tr("Accuracy at chance (%1%, where guessing among %2 classes gives %3%) %4: η = %5 may be too large.")
        .arg(100 * last.test.accuracy, 0, 'f', 2)
        .arg(classes)
        .arg(100 * nnlab::chanceAccuracy(classes), 0, 'g', 3)
        .arg(after)
        .arg(double(last.eta), 0, 'g', 4);
}

void TrainView::showNotice(const QString& html, bool failure)
{
    m_summary->setText(html);
    m_summary->setStyleSheet(
        palette::noticeStyle(failure ? palette::failureNotice : palette::successNotice, "QLabel", 5));
    m_summary->show();
}

void TrainView::showSummary(const RunRecord& run)
{
    const nnlab::TrainSummary& s = *run.summary;
    QString text;
    const bool diverged = s.reason == nnlab::StopReason::Diverged;
    const bool failed = s.reason == nnlab::StopReason::Failed;
    const QString chance = chanceHint(run);
    if (failed) {
        QString message = QString::fromStdString(s.message).toHtmlEscaped();
        if (!message.isEmpty())
            message[0] = message[0].toUpper();
        text = tr("<b>⚠ Training failed.</b> %1.").arg(message);
    } else if (diverged) {
        // The message names the likely cause (η, or the initialisation: core/train/explosion.h).
        text = tr("<b>⚠ Training diverged.</b> %1.<br>The plots show the run up to the last finite cost.")
                   .arg(QString::fromStdString(s.message).toHtmlEscaped());
    } else {
        QString message = QString::fromStdString(s.message).toHtmlEscaped();
        message[0] = message[0].toUpper();
        text = tr("<b>%1.</b>").arg(message);
        if (s.epochs > 0)
            text += tr(" Test accuracy: final %1%, peak %2% (epoch %3); %4 of training.")
                        .arg(100 * s.finalTestAccuracy, 0, 'f', 2)
                        .arg(100 * s.bestTestAccuracy, 0, 'f', 2)
                        .arg(s.bestTestEpoch)
                        .arg(TrainingProgressBar::formatDuration(s.trainingSeconds));
        if (!chance.isEmpty())
            text = tr("<b>⚠ Not learning.</b> %1<br>%2").arg(chance.toHtmlEscaped(), text);
    }
    showNotice(text, diverged || failed || !chance.isEmpty());
}

QString TrainView::summaryText() const
{
    return m_summary->isHidden() ? QString() : m_summary->text();
}

QString TrainView::problemText() const
{
    return m_problem->text();
}

bool TrainView::isShowingDataError() const
{
    return m_stack->currentIndex() == 1;
}

void TrainView::refreshPlots()
{
    m_dirty = false;
    const RunRecord* main = m_history->selectedRun();
    const QList<const RunRecord*> overlays = m_history->overlays();
    for (TrainingPlot* plot : plots())
        plot->showRuns(main, overlays);
    m_epochTable->showRun(main);
}

void TrainView::onDataReady(DatasetKind kind)
{
    const auto c = config();
    if (!c || c->dataset != kind)
        return;
    m_stack->setCurrentIndex(0);
    if (!m_controller->isActive() && !m_session->isWaitingForData())
        m_progress->showMessage(tr("Ready: press Start (Ctrl+Enter)"));
}

void TrainView::onDataMissing(DatasetKind kind, const QString& message)
{
    const auto c = config();
    if (!c || c->dataset != kind || m_controller->isActive())
        return;
    m_errorPanel->setError(tr("Can't train: %1 is missing").arg(datasetTitle(kind)), message);
    m_stack->setCurrentIndex(1);   // the error panel
    m_progress->showMessage(tr("No data: see below"));
    updateButtons();
}

bool TrainView::saveModelTo(const QString& path, QString* error)
{
    return m_session->saveModel(path, error);
}

bool TrainView::loadModelFrom(const QString& path, QString* error)
{
    const auto c = config();
    return m_session->loadModel(path, c ? c->dataset : DatasetKind::Mnist, error);
}

bool TrainView::exportCsvTo(const QString& path, QString* error)
{
    return m_session->exportCsv(path, error);
}

void TrainView::saveModelDialog()
{
    const RunRecord* run = m_history->selectedRun();
    const QString suggested = (run && !run->presetName.isEmpty() ? run->presetName : QString("network")) + ".json";
    const QString path = askSaveFile(this, ExportKind::Model, tr("Save trained network"), suggested,
                                     tr("network2.py JSON (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !saveModelTo(path, &error))
        QMessageBox::warning(this, tr("Save network"), error);
    else if (!path.isEmpty())
        announceSaved(this, tr("Saved the network to %1"), path);
}

void TrainView::loadModelDialog()
{
    const QString path = askOpenFile(this, ExportKind::Model, tr("Load network"),
                                     tr("network2.py JSON (*.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !loadModelFrom(path, &error))
        QMessageBox::warning(this, tr("Load network"), error);
}

void TrainView::exportPlotDialog(TrainingPlot* plot)
{
    const QString suggested = plot->objectName().remove("Plot") + ".png";
    const QString path = askSaveFile(this, ExportKind::Plot, tr("Export plot"), suggested,
                                     tr("PNG image (*.png);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !plot->exportTo(path, &error))
        QMessageBox::warning(this, tr("Export plot"), error);
    else if (!path.isEmpty())
        announceSaved(this, tr("Saved the plot to %1"), path);
}

void TrainView::exportCsvDialog()
{
    const RunRecord* run = m_history->selectedRun();
    const QString suggested = (run ? run->name.toLower().replace(' ', '-') : QString("run")) + ".csv";
    const QString path = askSaveFile(this, ExportKind::Table, tr("Export metrics"), suggested,
                                     tr("CSV (*.csv);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !exportCsvTo(path, &error))
        QMessageBox::warning(this, tr("Export metrics"), error);
    else if (!path.isEmpty())
        announceSaved(this, tr("Saved the metrics to %1"), path);
}
