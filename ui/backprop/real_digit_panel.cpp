#include "ui/backprop/real_digit_panel.h"

#include "ui/backprop/backprop_step_panel.h"
#include "ui/backprop/layer_heat_strips.h"
#include "ui/bridge/background_jobs.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/common/model_source_selector.h"
#include "ui/common/split_panes.h"
#include "ui/plotting/value_colours.h"

#include "core/io/model_file.h"
#include "core/train/network_fit.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

#include <QComboBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

struct Loaded {
    std::shared_ptr<const nnlab::Network> net;
    QString error;
};

}  // namespace

RealDigitPanel::RealDigitPanel(DatasetLoader* loader, QWidget* parent)
    : QWidget(parent), m_loader(loader), m_jobs(new BackgroundJobs(this)), m_modelCombo(new QComboBox(this)),
      m_digitSpin(new QSpinBox(this)), m_randomButton(new QPushButton(tr("Random digit"), this)),
      m_status(new QLabel(this)), m_strips(new LayerHeatStrips(this)), m_steps(new BackpropStepPanel(this))
{
    m_modelCombo->setObjectName("modelCombo");
    m_modelCombo->addItem(tr("784-30-10, fresh: w, b ~ N(0, 1)"), Fresh);
    m_modelCombo->addItem(tr("784-30-10 after one epoch of SGD"), OneEpoch);
    m_modelCombo->addItem(tr("built-in 784-100-10 (98.25%)"), BuiltIn);
    m_modelCombo->addItem(tr("the Train view's network"), TrainView);
    m_modelCombo->setToolTip(tr("Which network to trace: chapter 1's [784, 30, 10] (sigmoid, quadratic cost) "
                                "untrained, or after one epoch of mini-batch SGD (η = 3.0, m = 10, seed 1: about a "
                                "second here), or the Draw view's trained 784-100-10 (softmax output, "
                                "log-likelihood cost: δᴸ = aᴸ − y, eq. 84), or the fully connected network the Train view "
                                "trained last"));
    m_digitSpin->setObjectName("digitSpin");
    m_digitSpin->setRange(0, 9999);
    m_digitSpin->setPrefix(tr("test digit #"));
    m_digitSpin->setToolTip(tr("Which of the 10,000 MNIST test images is x; y is its label as a one-hot vector"));
    m_randomButton->setToolTip(tr("Pick a test digit at random"));
    m_status->setObjectName("digitStatus");
    m_status->setWordWrap(true);
    m_status->setToolTip(tr("What the network outputs for x, and its cost C = C(aᴸ, y)"));

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_modelCombo);
    controls->addWidget(m_digitSpin);
    controls->addWidget(m_randomButton);
    controls->addWidget(m_status, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_strips);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    QSplitter* splitter = splitPanes(Qt::Horizontal, scroll, 3, m_steps, 2, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(m_modelCombo, &QComboBox::currentIndexChanged, this, &RealDigitPanel::chooseModel);
    connect(m_digitSpin, &QSpinBox::valueChanged, this, &RealDigitPanel::retrace);
    connect(m_randomButton, &QPushButton::clicked, this,
            [this] { m_digitSpin->setValue(int(QRandomGenerator::global()->bounded(10000))); });
    connect(m_steps, &BackpropStepPanel::doneChanged, m_strips,
            [this](int done) { m_strips->setTrace(m_steps->trace(), done); });
    connect(m_loader, &DatasetLoader::loaded, this, [this](nnlab::DatasetKind kind) {
        if (kind != nnlab::DatasetKind::Mnist)
            return;
        if (m_modelCombo->currentData().toInt() == OneEpoch && !m_models[OneEpoch])
            chooseModel();
        else
            retrace();
    });
    connect(m_loader, &DatasetLoader::failed, this, [this](nnlab::DatasetKind kind, const QString& message) {
        if (kind == nnlab::DatasetKind::Mnist)
            m_status->setText(tr("MNIST could not be loaded: %1").arg(message));
    });

    // The fresh network needs nothing: build it now, so the gradient check has it from the start.
    std::mt19937_64 rng(1);
    m_models[Fresh] = std::make_shared<nnlab::Network>(
        nnlab::makeNetwork(nnlab::findPreset("ch1-784-30-10")->config.net, nnlab::Initialisation::Large, rng));
    m_net = m_models[Fresh];
}

void RealDigitPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loader->split(nnlab::DatasetKind::Mnist))
        m_loader->load(nnlab::DatasetKind::Mnist);
    else if (m_x.size() == 0)
        retrace();
}

void RealDigitPanel::setLiveNetwork(std::shared_ptr<const nnlab::Network> net)
{
    if (!net || !net->isFullyConnected() || !nnlab::fitProblem(net->inputSize(), net->outputSize()).empty())
        return;
    m_models[TrainView] = std::move(net);
    if (m_modelCombo->currentData().toInt() == TrainView)
        chooseModel();
}

void RealDigitPanel::setModel(Model model) { m_modelCombo->setCurrentIndex(m_modelCombo->findData(int(model))); }
void RealDigitPanel::setDigit(int testIndex) { m_digitSpin->setValue(testIndex); }
int RealDigitPanel::digit() const { return m_digitSpin->value(); }

QString RealDigitPanel::description() const
{
    if (!m_net)
        return {};
    return m_x.size() ? tr("%1, test digit #%2 (a %3)").arg(m_modelCombo->currentText()).arg(digit()).arg(m_label)
                      : m_modelCombo->currentText();
}

void RealDigitPanel::chooseModel()
{
    const auto model = Model(m_modelCombo->currentData().toInt());
    const int generation = ++m_generation;
    if (m_models[model]) {
        m_net = m_models[model];
        retrace();
        return;
    }
    if (model == TrainView) {
        // Nothing trained yet: no network, so no trace and nothing for the gradient check.
        m_net = nullptr;
        m_steps->setTrace({});
        m_strips->setTrace({}, 0);
        m_status->setText(tr("No network from the Train view yet: train a fully connected one there (784 inputs)."));
        return;
    }
    // Where a network made in the background lands: kept for next time, shown if still wanted.
    const auto arrived = [this, generation, model](Loaded& loaded) {
        if (loaded.net)
            m_models[model] = loaded.net;
        if (generation != m_generation)
            return;
        if (!loaded.net) {
            m_status->setText(loaded.error);
            return;
        }
        m_net = loaded.net;
        retrace();
    };
    if (model == BuiltIn) {
        m_status->setText(tr("Reading the built-in network…"));
        m_jobs->run<Loaded>(
            [] {
                QFile file(ModelSourceSelector::builtInModelPath());
                if (!file.open(QIODevice::ReadOnly))
                    return Loaded{nullptr, QObject::tr("the built-in model is missing")};
                try {
                    return Loaded{std::make_shared<nnlab::Network>(nnlab::parseModel(file.readAll().toStdString(), "fc-784-100-10.json")), {}};
                } catch (const std::exception& e) {
                    return Loaded{nullptr, QString::fromUtf8(e.what())};
                }
            },
            arrived);
        return;
    }
    // One epoch of the book's chapter 1 run: needs the training images.
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split) {
        m_status->setText(tr("Loading MNIST for the epoch of training…"));
        m_loader->load(nnlab::DatasetKind::Mnist);
        return;
    }
    m_status->setText(tr("Training 784-30-10 for one epoch (η = 3.0, m = 10)…"));
    m_jobs->run<Loaded>(
        [split] {
            try {
                nnlab::TrainConfig config = nnlab::findPreset("ch1-784-30-10")->config;
                config.epochs = 1;
                nnlab::Trainer trainer(config, *split);
                trainer.run();
                return Loaded{std::make_shared<nnlab::Network>(trainer.network()), {}};
            } catch (const std::exception& e) {
                return Loaded{nullptr, QString::fromUtf8(e.what())};
            }
        },
        arrived);
}

void RealDigitPanel::retrace()
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split) {
        m_status->setText(tr("Loading the MNIST test digits…"));
        return;
    }
    if (!m_net)
        return;
    const int index = m_digitSpin->value();
    m_x = split->test.images.col(index);
    m_label = split->test.labels[index];
    m_y = Eigen::VectorXf::Zero(m_net->outputSize());
    m_y(m_label) = 1.0f;
    const auto trace = nnlab::backprop::traceBackprop(*m_net, m_x, m_y);
    m_steps->setTrace(trace);
    m_strips->setTrace(trace, m_steps->done());
    const Eigen::VectorXf& output = trace.a[trace.L()];
    Eigen::Index guess = 0;
    output.maxCoeff(&guess);
    m_status->setText(tr("label %1 · the network says %2 (a%3 = %4) · C = %5")
                          .arg(m_label)
                          .arg(guess)
                          .arg(QString::fromStdString(nnlab::backprop::superscript(trace.L())) + QChar(0x2080 + int(guess)))
                          .arg(formatValue(output(guess), 3), formatValue(trace.costValue, 3)));
    emit traced();
}
