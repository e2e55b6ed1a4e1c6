#include "ui/shell/main_window.h"

#include "ui/backprop/backprop_view.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/live_network.h"
#include "ui/bridge/training_controller.h"
#include "ui/convnets/convnet_view.h"
#include "ui/data/data_browser_view.h"
#include "ui/deep_nets/deep_nets_view.h"
#include "ui/draw/draw_view.h"
#include "ui/inspect/inspect_view.h"
#include "ui/slowdown/slowdown_view.h"
#include "ui/train/train_view.h"
#include "ui/universality/universality_view.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>

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

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(m_navigation);
    layout->addWidget(m_views, 1);
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
    addView(new TrainView(m_loader, m_trainer), tr("Train"), tr("live, ch. 1, 3, 5, 6"),
            style()->standardIcon(QStyle::SP_MediaPlay));
    addView(new DrawView(m_loader, m_liveNetwork), tr("Draw"), tr("read your digit, ch. 1"), DrawView::icon());
    addView(new BackpropView(m_loader, m_liveNetwork), tr("Backprop"), tr("step by step, ch. 2"),
            style()->standardIcon(QStyle::SP_BrowserReload));
    addView(new SlowdownView, tr("Slowdown"), tr("costs, softmax, ch. 3"),
            style()->standardIcon(QStyle::SP_ArrowDown));
    addView(new UniversalityView, tr("Universality"), tr("any f(x), ch. 4 and 1"),
            UniversalityView::icon());
    addView(new DeepNetsView(m_loader), tr("Deep nets"), tr("gradients, ch. 5"),
            style()->standardIcon(QStyle::SP_MediaSeekBackward));
    addView(new InspectView(m_loader, m_liveNetwork), tr("Inspect"), tr("inside a net, ch. 1, 6"),
            style()->standardIcon(QStyle::SP_FileDialogContentsView));
    addView(new ConvnetView(m_loader), tr("Convnets"), tr("filters and maps, ch. 6"),
            style()->standardIcon(QStyle::SP_FileDialogDetailedView));

    createMenus();
    showView(0);

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

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setStatusTip(tr("Close nnlab"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About nnlab"), this, &MainWindow::showAbout);
    about->setStatusTip(tr("What nnlab is"));
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
