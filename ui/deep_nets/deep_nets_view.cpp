#include "ui/deep_nets/deep_nets_view.h"

#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/thread_handover.h"
#include "ui/deep_nets/initial_gradient_bars.h"
#include "ui/deep_nets/learning_speed_plot.h"
#include "ui/deep_nets/neuron_chain_plot.h"

#include "core/deep_nets/learning_speed.h"
#include "core/train/presets.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtGlobal>

#include <cmath>
#include <limits>

namespace {

constexpr double notYet = std::numeric_limits<double>::quiet_NaN();

QString superscript(int n)
{
    static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
    QString s;
    for (QChar c : QString::number(n))
        s += digits[c.digitValue()];
    return s;
}

QComboBox* combo(const char* name, const QString& tip, QWidget* parent)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(name);
    box->setToolTip(tip);
    return box;
}

}  // namespace

DeepNetsView::DeepNetsView(DatasetLoader* loader, QWidget* parent)
    : QWidget(parent), m_loader(loader),
      m_layers(combo("layersCombo", tr("The book's three networks: [784, 30, 30, 10], [784, 30, 30, 30, 10] "
                                       "and [784, 30, 30, 30, 30, 10]"), this)),
      m_activation(combo("activationCombo", tr("σ of the hidden neurons. ReLU's σ'(z) = 1 for z > 0 does not "
                                               "shrink δ as it travels back (BP2): one fix for the vanishing "
                                               "gradient"), this)),
      m_init(combo("initCombo", tr("How the weights start: N(0, 1/n_in) keeps z small (chapter 3); N(0, 1) "
                                   "saturates the sigmoid neurons, σ'(z) ≈ 0, and slows every layer"), this)),
      m_epochs(new QSpinBox(this)), m_run(new QPushButton(tr("Run"), this)),
      m_stop(new QPushButton(tr("Stop"), this)), m_status(new QLabel(this)),
      m_speedPlot(new LearningSpeedPlot(this)), m_bars(new InitialGradientBars(this)),
      m_chainPlot(new NeuronChainPlot(this)), m_initialRatio(notYet), m_latestRatio(notYet)
{
    auto* title = new QLabel(
        tr("<b>Why deep nets are hard to train</b> (chapter 5) — how fast each hidden layer learns, ‖δˡ‖ = "
           "‖∂C/∂bˡ‖, while full-batch gradient descent trains on 1,000 MNIST images (η = 0.1, λ = 5.0, "
           "cross-entropy): the early layers learn far slower. Exploding gradients in a chain of neurons, "
           "and the fixes (ReLU, scaled initialisation) one choice away."),
        this);
    title->setWordWrap(true);

    for (int layers = 2; layers <= 4; ++layers)
        m_layers->addItem(tr("%1 hidden layers").arg(layers), layers);
    m_layers->setCurrentIndex(2);   // four: the book's starkest case
    m_activation->addItem(tr("sigmoid (book)"), int(nnlab::Activation::Sigmoid));
    m_activation->addItem(tr("ReLU (fix)"), int(nnlab::Activation::ReLU));
    m_init->addItem(tr("N(0, 1/n_in) (book)"), int(nnlab::Initialisation::Scaled));
    m_init->addItem(tr("N(0, 1) (large)"), int(nnlab::Initialisation::Large));
    m_epochs->setObjectName("epochsSpin");
    m_epochs->setRange(1, 5000);
    m_epochs->setValue(500);
    m_epochs->setSuffix(tr(" epochs"));
    m_epochs->setToolTip(tr("Gradient steps: each epoch is one step over all 1,000 images (m = n = 1,000)"));
    m_run->setToolTip(tr("Train the chosen network from scratch and plot ‖δˡ‖ of each hidden layer per epoch"));
    m_stop->setToolTip(tr("Stop after the current epoch"));
    m_stop->setEnabled(false);
    m_status->setObjectName("status");
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setToolTip(tr("‖δ¹‖/‖δᴸ⁻¹‖: the first hidden layer's speed of learning over the last hidden "
                            "layer's. Far below 1: the vanishing gradient problem"));

    // The network on one row; the run (its length, Run, Stop) on the next, beside what it found,
    // so that both rows fit a 1024-pixel-wide window.
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_layers);
    controls->addWidget(new QLabel(tr("hidden neurons:"), this));
    controls->addWidget(m_activation);
    controls->addWidget(new QLabel(tr("weights:"), this));
    controls->addWidget(m_init);
    controls->addStretch();
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_epochs, 0, Qt::AlignTop);
    runRow->addWidget(m_run, 0, Qt::AlignTop);
    runRow->addWidget(m_stop, 0, Qt::AlignTop);
    runRow->addWidget(m_status, 1);

    auto* grid = new QGridLayout;
    grid->addWidget(m_speedPlot, 0, 0, 2, 1);
    grid->addWidget(m_bars, 0, 1);
    grid->addWidget(m_chainPlot, 1, 1);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(controls);
    layout->addLayout(runRow);
    layout->addLayout(grid, 1);

    connect(m_run, &QPushButton::clicked, this, &DeepNetsView::run);
    connect(m_stop, &QPushButton::clicked, this, &DeepNetsView::stop);
    // Changing the network, σ or the initialisation redraws the bars, and re-runs once a run was made.
    for (QComboBox* box : {m_layers, m_activation, m_init})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateInitialGradients();
            if (m_runId > 0)
                run();
        });
    connect(m_loader, &DatasetLoader::loaded, this, [this](nnlab::DatasetKind kind) {
        if (kind != nnlab::DatasetKind::Mnist)
            return;
        updateInitialGradients();
        if (m_runWhenLoaded) {
            m_runWhenLoaded = false;
            run();
        }
    });
    connect(m_loader, &DatasetLoader::failed, this, [this](nnlab::DatasetKind kind, const QString& message) {
        if (kind == nnlab::DatasetKind::Mnist)
            m_status->setText(tr("MNIST could not be loaded: %1").arg(message.toHtmlEscaped()));
    });
    updateStatus();
}

DeepNetsView::~DeepNetsView()
{
    joinThread();
}

nnlab::TrainConfig DeepNetsView::config() const
{
    const int layers = m_layers->currentData().toInt();
    nnlab::TrainConfig c = nnlab::findPreset("ch5-speed-" + std::to_string(layers))->config;
    c.net.hidden = nnlab::Activation(m_activation->currentData().toInt());
    c.init = nnlab::Initialisation(m_init->currentData().toInt());
    c.epochs = m_epochs->value();
    return c;
}

void DeepNetsView::setHiddenLayers(int layers) { m_layers->setCurrentIndex(m_layers->findData(layers)); }
void DeepNetsView::setHiddenActivation(nnlab::Activation f) { m_activation->setCurrentIndex(m_activation->findData(int(f))); }
void DeepNetsView::setInitialisation(nnlab::Initialisation init) { m_init->setCurrentIndex(m_init->findData(int(init))); }
void DeepNetsView::setEpochs(int epochs) { m_epochs->setValue(epochs); }

void DeepNetsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loader->split(nnlab::DatasetKind::Mnist))
        m_loader->load(nnlab::DatasetKind::Mnist);
    else
        updateInitialGradients();
}

void DeepNetsView::updateInitialGradients()
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split)
        return;
    const nnlab::TrainConfig c = config();
    std::mt19937_64 rng(c.seed);   // the same network the run starts from
    nnlab::Network net = nnlab::makeNetwork(c.net, c.init, rng);
    auto gradients = nnlab::deep::fullBatchBiasGradients(net, split->training.slice(0, c.trainingSize));
    gradients.pop_back();   // the output layer
    m_bars->setGradients(gradients);
}

void DeepNetsView::run()
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split) {
        m_runWhenLoaded = true;
        m_status->setText(tr("Loading MNIST…"));
        m_loader->load(nnlab::DatasetKind::Mnist);
        return;
    }
    joinThread();
    const nnlab::TrainConfig c = config();
    const int id = ++m_runId;
    m_runEpochs = c.epochs;
    m_runLayers = int(c.net.sizes.size()) - 2;
    m_epochsShown = 0;
    m_initialRatio = m_latestRatio = notYet;
    m_initialNorms.clear();
    m_speedPlot->reset(m_runLayers, c.epochs);
    auto stopRequested = std::make_shared<std::atomic<bool>>(false);
    m_stopRequested = stopRequested;
    m_job = new QFutureWatcher<void>(this);
    connect(m_job, &QFutureWatcher<void>::finished, this, [this, id] { threadEnded(id); });
    m_runClock.start();
    m_job->setFuture(runHandedOver(&m_pool, [this, c, split, stopRequested, id] {
        nnlab::deep::LearningSpeedRun speed(c, split->training);
        for (int epoch = 1; epoch <= c.epochs && !stopRequested->load(); ++epoch) {
            std::vector<double> norms = speed.step();
            // `this` outlives the job (the destructor joins it); a queued call to a deleted
            // object is dropped.
            postQueued(this, [this, id, epoch, norms = std::move(norms)] { epochArrived(id, epoch, norms); });
        }
    }));
    m_run->setEnabled(false);
    m_stop->setEnabled(true);
    updateStatus();
}

void DeepNetsView::stop()
{
    if (m_stopRequested)
        m_stopRequested->store(true);
}

void DeepNetsView::joinThread()
{
    if (!m_job)
        return;
    m_stopRequested->store(true);
    forgetJob();
}

void DeepNetsView::forgetJob()
{
    m_pool.waitForDone();   // the job's last moments too, and its thread joined
    m_job->deleteLater();   // (a finished() still queued is ignored: its run id is old)
    m_job = nullptr;
}

void DeepNetsView::epochArrived(int runId, int epoch, const std::vector<double>& hiddenNorms)
{
    if (runId != m_runId)
        return;
    m_speedPlot->addEpoch(epoch, hiddenNorms);
    m_epochsShown = epoch;
    m_latestRatio = nnlab::deep::firstToLastRatio(hiddenNorms);
    if (epoch == 1) {
        m_initialRatio = m_latestRatio;
        m_initialNorms = hiddenNorms;
    }
    updateStatus();
}

void DeepNetsView::threadEnded(int runId)
{
    if (runId != m_runId || !m_job)
        return;   // a superseded run, already joined
    forgetJob();
    m_run->setEnabled(true);
    m_stop->setEnabled(false);
    updateStatus();
    qInfo("deep nets: run %d ended after %d epochs in %.1f s, ||d1||/||d%d|| %.4g at the start, %.4g at the end",
          runId, m_epochsShown, m_runClock.elapsed() / 1000.0, m_runLayers, m_initialRatio, m_latestRatio);
    emit runFinished(runId);
}

void DeepNetsView::updateStatus()
{
    if (m_runId == 0) {
        m_status->setText(tr("Press <b>Run</b> to train the network and watch each hidden layer's ‖δˡ‖."));
        return;
    }
    const QString ratio = tr("‖δ¹‖/‖δ%1‖").arg(superscript(m_runLayers));
    QString text = isRunning() ? tr("Epoch %1 of %2. ").arg(m_epochsShown).arg(m_runEpochs)
                               : tr("Run %1 ended after %2 epochs. ").arg(m_runId).arg(m_epochsShown);
    if (std::isfinite(m_initialRatio)) {
        text += tr("‖δ¹‖ = %1, ‖δ%2‖ = %3 at the start: <b>%4 = %5</b>")
                    .arg(QString::number(m_initialNorms.front(), 'g', 3), superscript(m_runLayers),
                         QString::number(m_initialNorms.back(), 'g', 3), ratio,
                         QString::number(m_initialRatio, 'g', 3));
        if (m_initialRatio > 0)
            text += tr(" (hidden layer 1 learns %1× slower than the last)")
                        .arg(QString::number(1.0 / m_initialRatio, 'g', 3));
        if (m_epochsShown > 1 && std::isfinite(m_latestRatio))
            text += tr(", <b>%1</b> at epoch %2").arg(QString::number(m_latestRatio, 'g', 3)).arg(m_epochsShown);
        text += ".";
    }
    m_status->setText(text);
}
