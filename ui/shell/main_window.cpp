#include "ui/shell/main_window.h"

#include "ui/backprop/backprop_view.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/edited_network.h"
#include "ui/bridge/live_network.h"
#include "ui/bridge/training_controller.h"
#include "ui/common/export_location.h"
#include "ui/common/model_source_selector.h"
#include "ui/common/view_header.h"
#include "ui/convnets/convnet_view.h"
#include "ui/data/data_browser_view.h"
#include "ui/deep_nets/deep_nets_view.h"
#include "ui/draw/draw_view.h"
#include "ui/inspect/inspect_view.h"
#include "ui/plotting/plot_export.h"
#include "ui/shell/first_run_tour.h"
#include "ui/shell/help_dialog.h"
#include "ui/slowdown/slowdown_view.h"
#include "ui/train/preset_panel.h"
#include "ui/train/run_history.h"
#include "ui/train/train_view.h"
#include "ui/universality/universality_view.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

MainWindow::MainWindow(const std::optional<std::filesystem::path>& dataDir,
                       nnlab::DatasetKind kind, QWidget* parent)
    : QMainWindow(parent), m_navigation(new QListWidget(this)), m_views(new QStackedWidget(this))
{
    setWindowTitle(tr("nnlab — Neural Networks and Deep Learning, live"));

    m_navigation->setObjectName("navigation");
    m_navigation->setIconSize({32, 32});
    m_navigation->setSpacing(2);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setFixedWidth(190);
    m_navigation->setToolTip(tr("The views, in the order of the book's chapters"));
    connect(m_navigation, &QListWidget::currentRowChanged, m_views, &QStackedWidget::setCurrentIndex);

    // Above the view on screen: what it shows, and the book's section for it (view_guide.h).
    m_header = new ViewHeader(this);
    connect(m_header, &ViewHeader::helpRequested, this, &MainWindow::showHelp);
    connect(m_views, &QStackedWidget::currentChanged, this, [this] {
        updateHeader();
        updateActions();
    });

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    auto* page = new QVBoxLayout;
    page->setSpacing(0);
    page->addWidget(m_header);
    page->addWidget(m_views, 1);
    layout->addLayout(page, 1);
    setCentralWidget(central);

    // What the views share, owned here: the datasets (each read once, in the background), the
    // trainer the Train view drives, and its network, which the views that show one follow.
    m_loader = new DatasetLoader(this);
    m_loader->setDataDir(dataDir);
    m_trainer = new TrainingController(this);
    m_liveNetwork = new LiveNetwork(m_trainer, this);

    auto* dataBrowser = new DataBrowserView(m_loader, kind);
    connect(dataBrowser, &DataBrowserView::statusChanged, statusBar(),
            [this](const QString& message) { statusBar()->showMessage(message); });
    addView(dataBrowser, tr("Data"), tr("the images, ch. 1"),
            style()->standardIcon(QStyle::SP_FileDialogContentsView));
    setGuide(dataBrowser, "data");
    m_train = new TrainView(m_loader, m_trainer);
    addView(m_train, tr("Train"), tr("live, ch. 1, 3, 5, 6"), style()->standardIcon(QStyle::SP_MediaPlay));
    setGuide(m_train, "train");
    auto* draw = new DrawView(m_loader, m_liveNetwork);
    addView(draw, tr("Draw"), tr("read your digit, ch. 1"), DrawView::icon());
    setGuide(draw, "draw");
    auto* backprop = new BackpropView(m_loader, m_liveNetwork);
    addView(backprop, tr("Backprop"), tr("step by step, ch. 2"), style()->standardIcon(QStyle::SP_BrowserReload));
    setGuide(backprop, "backprop");
    auto* slowdown = new SlowdownView;
    addView(slowdown, tr("Slowdown"), tr("costs, softmax, ch. 3"), style()->standardIcon(QStyle::SP_ArrowDown));
    setGuide(slowdown, "slowdown");
    auto* universality = new UniversalityView;
    addView(universality, tr("Universality"), tr("any f(x), ch. 4 and 1"), UniversalityView::icon());
    setGuide(universality, "universality");
    auto* deepNets = new DeepNetsView(m_loader);
    addView(deepNets, tr("Deep nets"), tr("gradients, ch. 5"), style()->standardIcon(QStyle::SP_MediaSeekBackward));
    setGuide(deepNets, "deep-nets");
    // The network as changed by hand in Inspect, which the Draw view offers as a source.
    auto* edited = new EditedNetwork(this);
    auto* inspect = new InspectView(m_loader, m_liveNetwork, edited);
    connect(edited, &EditedNetwork::changed, draw->modelSource(), &ModelSourceSelector::setEditedNetwork);
    draw->modelSource()->setEditedNetwork(edited->latest(), edited->description());
    addView(inspect, tr("Inspect"), tr("inside a net, ch. 1, 6"),
            style()->standardIcon(QStyle::SP_FileDialogContentsView));
    setGuide(inspect, "inspect");
    auto* convnets = new ConvnetView(m_loader);
    addView(convnets, tr("Convnets"), tr("filters and maps, ch. 6"),
            style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    setGuide(convnets, "convnets");

    // The Train view's preset names its own section of the book; its run drives the Run menu.
    connect(m_train->presetPanel(), &PresetPanel::presetChosen, this, &MainWindow::updateHeader);
    connect(m_train, &TrainView::statusChanged, statusBar(),
            [this](const QString& message) { statusBar()->showMessage(message); });
    connect(m_trainer, &TrainingController::stateChanged, this, &MainWindow::updateActions);
    connect(m_train->history(), &RunHistory::selectionChanged, this, &MainWindow::updateActions);
    connect(m_trainer, &TrainingController::runFinished, this, &MainWindow::updateActions, Qt::QueuedConnection);

    createMenus();
    showView(0);
    updateHeader();
    updateActions();

    QSettings settings;
    if (!restoreGeometry(settings.value("mainWindow/geometry").toByteArray())) {
        // First start: most of the screen, but no bigger than the views need.
        const QSize available = screen() ? screen()->availableSize() : QSize(1280, 800);
        resize(std::min(1280, available.width() * 9 / 10), std::min(860, available.height() * 9 / 10));
    }
}

MainWindow::~MainWindow()
{
    // First of all: a run still training stops and its thread is joined (its checkpoint stays
    // unfinished, to be offered next time), while the views it reports to are all still here.
    m_trainer->stopAndWait();
    // The views are destroyed after the header and menus they update: they report no more.
    const std::initializer_list<QObject*> senders{m_views, m_trainer, m_train->presetPanel(), m_train->history()};
    for (QObject* sender : senders)
        sender->disconnect(this);
    for (QTabWidget* tabs : m_views->findChildren<QTabWidget*>())
        tabs->disconnect(this);
}

void MainWindow::addView(QWidget* view, const QString& title, const QString& subtitle,
                         const QIcon& icon)
{
    m_views->addWidget(view);
    auto* item = new QListWidgetItem(icon, title + '\n' + subtitle, m_navigation);
    item->setToolTip(subtitle);
    item->setSizeHint({0, 48});
}

int MainWindow::viewCount() const
{
    return m_views->count();
}

void MainWindow::showView(int index)
{
    m_navigation->setCurrentRow(index);
}

bool MainWindow::showView(const QString& title)
{
    for (int i = 0; i < m_navigation->count(); ++i)
        if (m_navigation->item(i)->text().section('\n', 0, 0).compare(title, Qt::CaseInsensitive) == 0) {
            showView(i);
            return true;
        }
    return false;
}

int MainWindow::currentViewIndex() const
{
    return m_views->currentIndex();
}

void MainWindow::setGuide(QWidget* view, const QString& key)
{
    m_guideKeys.insert(view, key);
    // A view with pages: each page has its own section, so the link follows the page shown.
    const ViewGuide guide = viewGuide(key);
    if (!guide.tabsName.isEmpty())
        if (auto* tabs = view->findChild<QTabWidget*>(guide.tabsName))
            connect(tabs, &QTabWidget::currentChanged, this, &MainWindow::updateHeader);
    updateHeader();
}

bool MainWindow::showGuidedView(const QString& key)
{
    for (auto it = m_guideKeys.cbegin(); it != m_guideKeys.cend(); ++it)
        if (it.value() == key) {
            showView(m_views->indexOf(it.key()));
            return true;
        }
    return false;
}

QString MainWindow::currentGuideKey() const
{
    return m_guideKeys.value(m_views->currentWidget());
}

BookSection MainWindow::currentBookSection() const
{
    QWidget* view = m_views->currentWidget();
    const ViewGuide guide = viewGuide(currentGuideKey());
    if (view && view == m_train)
        if (const nnlab::Preset* p = m_train->presetPanel()->currentPreset()) {
            const QString anchor = QString::fromStdString(p->bookSection);
            const BookSection s = bookSection(p->chapter, anchor);
            return s.isValid() ? s : BookSection{p->chapter, anchor, QString::fromStdString(p->title)};
        }
    if (view && !guide.tabsName.isEmpty())
        if (auto* tabs = view->findChild<QTabWidget*>(guide.tabsName))
            if (tabs->currentIndex() >= 0 && tabs->currentIndex() < int(guide.tabSections.size()))
                return guide.tabSections[tabs->currentIndex()];
    return guide.section;
}

void MainWindow::updateHeader()
{
    const ViewGuide guide = viewGuide(currentGuideKey());
    const BookSection section = currentBookSection();
    m_header->setContent(guide.summary, section.chapter, section.heading,
                         section.isValid() ? section.url() : QUrl());
    // Help left open follows the view on screen.
    if (m_help && m_help->isVisible() && m_help->guideKey() != guide.key && !guide.key.isEmpty())
        m_help->showGuide(guide);
}

void MainWindow::showHelp()
{
    if (!m_help)
        m_help = new HelpDialog(this);
    m_help->showGuide(viewGuide(currentGuideKey()));
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
}

void MainWindow::openBook()
{
    const BookSection section = currentBookSection();
    if (section.isValid())
        QDesktopServices::openUrl(section.url());
}

bool MainWindow::offerTour()
{
    if (FirstRunTour::wasDismissed())
        return false;
    showTour();
    return true;
}

FirstRunTour* MainWindow::showTour()
{
    if (!m_tour) {
        m_tour = new FirstRunTour(this);
        connect(m_tour, &FirstRunTour::viewRequested, this, &MainWindow::showGuidedView);
    }
    m_tour->showStop(0);
    m_tour->show();
    // In the window's lower right corner, over the plots rather than the controls it points at.
    m_tour->adjustSize();
    const QRect frame = geometry();
    m_tour->move(std::max(frame.left(), frame.right() - m_tour->width() - 24),
                 std::max(frame.top(), frame.bottom() - m_tour->height() - 48));
    m_tour->raise();
    return m_tour;
}

QList<QCustomPlot*> MainWindow::currentPlots() const
{
    QList<QCustomPlot*> plots;
    if (QWidget* view = m_views->currentWidget())
        for (QCustomPlot* plot : view->findChildren<QCustomPlot*>())
            if (plot->isVisibleTo(view))   // not on a page or pane that is hidden
                plots.append(plot);
    return plots;
}

bool MainWindow::exportPlotTo(QCustomPlot* plot, const QString& path, QString* error)
{
    if (!exportPlot(plot, path, error))
        return false;
    announceSaved(this, tr("Saved the plot to %1"), path);
    return true;
}

QAction* MainWindow::addMenuAction(QMenu* menu, const char* name, const QString& text, const QKeySequence& keys,
                               const QString& tip)
{
    QAction* action = menu->addAction(text);
    action->setObjectName(name);
    action->setShortcut(keys);
    action->setStatusTip(tip);
    action->setToolTip(tip);
    return action;
}

void MainWindow::createMenus()
{
    createFileMenu();
    createViewMenu();
    createRunMenu();
    createHelpMenu();
}

void MainWindow::createFileMenu()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    connect(file, &QMenu::aboutToShow, this, &MainWindow::updateActions);
    // Ctrl+O stays the Draw view's "load an image".
    connect(addMenuAction(file, "openModelAction", tr("&Open model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                      tr("Load a saved network into the Train view (network2.py's JSON or nnlab's format)")),
            &QAction::triggered, this, &MainWindow::openModelDialog);
    connect(addMenuAction(file, "saveModelAction", tr("&Save model…"), QKeySequence::Save,
                      tr("Save the network of the Train view's selected run")),
            &QAction::triggered, this, &MainWindow::saveModelDialog);
    file->addSeparator();
    connect(addMenuAction(file, "exportPlotAction", tr("Export &plot as PNG or PDF…"),
                          QKeySequence(Qt::CTRL | Qt::Key_E),
                      tr("Save a plot of the view on screen as an image (PNG) or a vector drawing (PDF)")),
            &QAction::triggered, this, &MainWindow::exportPlotDialog);
    connect(addMenuAction(file, "exportCsvAction", tr("Export metrics as &CSV…"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                      tr("Save the Train view's selected run, epoch by epoch, for a spreadsheet or a notebook")),
            &QAction::triggered, this, &MainWindow::exportCsvDialog);
    file->addSeparator();
    connect(addMenuAction(file, "quitAction", tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), tr("Close nnlab")),
            &QAction::triggered,
            qApp, &QApplication::closeAllWindows);
}

void MainWindow::createViewMenu()
{
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    auto* group = new QActionGroup(this);
    for (int i = 0; i < m_views->count(); ++i) {
        const QString title = m_navigation->item(i)->text().section('\n', 0, 0);
        // Ctrl+1…9, in the list's order (the book's).
        const QKeySequence keys = i < 9 ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)) : QKeySequence();
        QAction* action = addMenuAction(viewMenu, "", title, keys, m_navigation->item(i)->toolTip());
        action->setObjectName(QString("viewAction%1").arg(i + 1));
        action->setCheckable(true);
        action->setActionGroup(group);
        connect(action, &QAction::triggered, this, [this, i] { showView(i); });
        m_viewActions.append(action);
    }
}

void MainWindow::createRunMenu()
{
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    connect(run, &QMenu::aboutToShow, this, &MainWindow::updateActions);
    // Start, Pause and Stop keep the Train view's own keys, which act while it is on screen; in the
    // menu they are shown, not bound twice (two bindings of one key would cancel each other).
    const auto shownKey = [](QAction* action) {
        action->setShortcutContext(Qt::WidgetShortcut);
        return action;
    };
    QAction* start =
        shownKey(addMenuAction(run, "startAction", tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                               tr("Train a new network with the Train view's settings (Ctrl+Return in the Train view)")));
    connect(start, &QAction::triggered, this, [this] {
        showGuidedView("train");
        m_train->start();
    });
    connect(shownKey(addMenuAction(run, "pauseAction", tr("&Pause"), QKeySequence(Qt::Key_Space),
                               tr("Pause or resume the run between two mini-batches (Space in the Train view)"))),
            &QAction::triggered, m_train, &TrainView::togglePause);
    connect(addMenuAction(run, "stepAction", tr("Step one &mini-batch"), QKeySequence(Qt::Key_F10),
                      tr("Run exactly one more mini-batch of m images, then pause (F10, like a debugger's step)")),
            &QAction::triggered, m_trainer, &TrainingController::step);
    connect(shownKey(addMenuAction(run, "stopAction", tr("S&top"), QKeySequence(Qt::Key_Escape),
                               tr("End the run after the current mini-batch, keeping what it learned "
                                  "(Esc in the Train view)"))),
            &QAction::triggered, m_train, &TrainView::stop);
}

void MainWindow::createHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    connect(addMenuAction(help, "helpAction", tr("&Help for this view"), QKeySequence::HelpContents,
                      tr("What the view on screen shows, what to try first and what each control means")),
            &QAction::triggered, this, &MainWindow::showHelp);
    connect(addMenuAction(help, "bookAction", tr("Read this in the &book"), QKeySequence(Qt::CTRL | Qt::Key_B),
                      tr("Open the book's section for the view on screen in your browser")),
            &QAction::triggered, this, &MainWindow::openBook);
    connect(addMenuAction(help, "tourAction", tr("First-run &tour"), {},
                      tr("The three things to try first: draw a digit, train a network, shape a function")),
            &QAction::triggered, this, &MainWindow::showTour);
    help->addSeparator();
    connect(addMenuAction(help, "aboutAction", tr("&About nnlab"), {}, tr("What nnlab is")), &QAction::triggered, this,
            &MainWindow::showAbout);
}

void MainWindow::updateActions()
{
    const int index = m_views->currentIndex();
    if (index >= 0 && index < m_viewActions.size())
        m_viewActions[index]->setChecked(true);
    if (!m_train)
        return;   // still being built
    using State = TrainingController::State;
    const State state = m_trainer->state();
    const bool active = state == State::Running || state == State::Paused;
    const RunRecord* run = m_train->history()->selectedRun();
    const auto enable = [this](const char* name, bool enabled) {
        if (QAction* action = findChild<QAction*>(name))
            action->setEnabled(enabled);
    };
    // Each as the Train view's own button for it would be.
    const auto* startButton = m_train->findChild<QPushButton*>("startButton");
    const auto* stopButton = m_train->findChild<QPushButton*>("stopButton");
    enable("startAction", state == State::Idle && (!startButton || startButton->isEnabled()));
    enable("pauseAction", active);
    enable("stepAction", active);
    enable("stopAction", active || (stopButton && stopButton->isEnabled()));
    if (QAction* pause = findChild<QAction*>("pauseAction"))
        pause->setText(state == State::Paused ? tr("&Resume") : tr("&Pause"));
    enable("openModelAction", state == State::Idle);
    enable("saveModelAction", run && run->network);
    enable("exportCsvAction", run && !run->epochs.empty());
    enable("exportPlotAction", !currentPlots().isEmpty());
}

void MainWindow::openModelDialog()
{
    const QString path = askOpenFile(this, ExportKind::Model, tr("Open model"), tr("Models (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    showGuidedView("train");
    QString error;
    if (!m_train->loadModelFrom(path, &error))
        QMessageBox::warning(this, tr("Open model"), error);
    else
        statusBar()->showMessage(tr("Opened %1 in the Train view").arg(QDir::toNativeSeparators(path)), 15000);
    updateActions();
}

void MainWindow::saveModelDialog()
{
    const RunRecord* run = m_train->history()->selectedRun();
    if (!run || !run->network)
        return;
    const QString suggested = (run->presetName.isEmpty() ? QString("network") : run->presetName) + ".json";
    const QString path = askSaveFile(this, ExportKind::Model, tr("Save model"), suggested,
                                     tr("network2.py JSON (*.json);;All files (*)"));
    QString error;
    if (path.isEmpty())
        return;
    if (!m_train->saveModelTo(path, &error))
        QMessageBox::warning(this, tr("Save model"), error);
    else
        announceSaved(this, tr("Saved the network to %1"), path);
}

void MainWindow::exportPlotDialog()
{
    const QList<QCustomPlot*> plots = currentPlots();
    if (plots.isEmpty()) {
        statusBar()->showMessage(tr("This view has no plot to export"), 5000);
        return;
    }
    QCustomPlot* plot = plots.front();
    if (plots.size() > 1) {
        QStringList names;
        for (const QCustomPlot* p : plots)
            names << plotName(p);
        bool ok = false;
        const QString name = QInputDialog::getItem(this, tr("Export plot"), tr("Which plot?"), names, 0, false, &ok);
        if (!ok)
            return;
        plot = plots[std::max(0, int(names.indexOf(name)))];
    }
    const QString path = askSaveFile(this, ExportKind::Plot, tr("Export plot"),
                                     plotName(plot).replace(' ', '-') + ".png",
                                     tr("PNG image (*.png);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPlotTo(plot, path, &error))
        QMessageBox::warning(this, tr("Export plot"), error);
}

void MainWindow::exportCsvDialog()
{
    const RunRecord* run = m_train->history()->selectedRun();
    if (!run)
        return;
    const QString path = askSaveFile(this, ExportKind::Table, tr("Export metrics"),
                                     run->name.toLower().replace(' ', '-') + ".csv", tr("CSV (*.csv);;All files (*)"));
    QString error;
    if (path.isEmpty())
        return;
    if (!m_train->exportCsvTo(path, &error))
        QMessageBox::warning(this, tr("Export metrics"), error);
    else
        announceSaved(this, tr("Saved the metrics to %1"), path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About nnlab"),
        tr("<h3>nnlab %1</h3>"
           "<p>A desktop lab for Michael Nielsen's book <i>Neural Networks and Deep Learning</i> "
           "(<a href=\"http://neuralnetworksanddeeplearning.com\">neuralnetworksanddeeplearning.com</a>). "
           "It runs the book's experiments live on your own machine: browse the MNIST data, train "
           "the networks of chapters 1–3 and watch them learn, draw digits for them to read, see "
           "why a network can compute any function, look inside a trained network and try the "
           "convolutional nets of chapter 6. The engine is written from scratch in C++ on "
           "Eigen, in the book's notation.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Quitting mid-run (the window's close button, Ctrl+Q) asks first; cancel keeps it training.
    if (m_trainer->isActive()) {
        const bool resumable = !m_trainer->checkpointFile().isEmpty();
        QMessageBox question(QMessageBox::Question, tr("Quit nnlab"),
                             tr("A network is training. Quit anyway?"),
                             QMessageBox::Yes | QMessageBox::Cancel, this);
        question.setObjectName("quitDuringRunQuestion");
        question.setInformativeText(
            resumable ? tr("The run stops after its current mini-batch and is saved: nnlab offers to resume it "
                           "where it stopped the next time you open it.")
                      : tr("The run stops, and what it learned so far is lost (checkpoints are off)."));
        question.button(QMessageBox::Yes)->setText(tr("Quit"));
        question.setDefaultButton(QMessageBox::Cancel);
        if (question.exec() != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings().setValue("mainWindow/geometry", saveGeometry());
    QMainWindow::closeEvent(event);
}
