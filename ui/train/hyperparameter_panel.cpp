#include "ui/train/hyperparameter_panel.h"

#include "ui/train/number_spin_box.h"

#include "core/train/config_fields.h"

#include <QFormLayout>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <limits>

using namespace nnlab;

namespace {

// The field's range, as nnlab-cli and saved files have it (core/train/config_fields.h).
const ConfigField& field(const char* key) { return *configField(key); }

NumberSpinBox* numberSpin(const char* name, const char* key, double step, QWidget* parent)
{
    auto* spin = new NumberSpinBox(parent);
    spin->setObjectName(name);
    spin->setRange(field(key).min, field(key).max);
    spin->setSingleStep(step);
    return spin;
}

QSpinBox* intSpin(const char* name, const char* key, QWidget* parent)
{
    auto* spin = new QSpinBox(parent);
    spin->setObjectName(name);
    // A QSpinBox holds an int: a seed beyond 2³¹ − 1 is the command line's alone.
    spin->setRange(int(field(key).min), int(std::min<double>(field(key).max, std::numeric_limits<int>::max())));
    spin->setGroupSeparatorShown(true);
    return spin;
}

}  // namespace

HyperparameterPanel::HyperparameterPanel(QWidget* parent)
    : QGroupBox(tr("Hyperparameters"), parent),
      m_eta(numberSpin("etaSpin", "eta", 1.0, this)),
      m_batch(intSpin("batchSpin", "mini_batch_size", this)),
      m_epochs(intSpin("epochsSpin", "epochs", this)),
      m_lambda(numberSpin("lambdaSpin", "lambda", 0.1, this)),
      m_l1(numberSpin("l1Spin", "l1", 0.1, this)),
      m_momentum(numberSpin("momentumSpin", "momentum", 0.05, this)),
      m_dropout(numberSpin("dropoutSpin", "dropout", 0.05, this)),
      m_etaSchedule(intSpin("etaScheduleSpin", "eta_halving_patience", this)),
      m_earlyStop(intSpin("earlyStopSpin", "early_stopping_patience", this)),
      m_seed(intSpin("seedSpin", "seed", this))
{
    m_eta->setMultiplicativeSteps(true);
    m_eta->setToolTip(
        tr("<p>The learning rate <b>η</b>: each mini-batch moves the weights by −η times the "
           "gradient, w → w − (η/m) Σ<sub>x</sub> ∂C<sub>x</sub>/∂w (chapter 1, eq. 20). Too small "
           "and learning crawls; too large and the cost oscillates or diverges. The arrows halve "
           "and double it.</p><p>Changes apply at the next mini-batch, also while training.</p>"));
    m_batch->setToolTip(
        tr("<p>The mini-batch size <b>m</b>: how many training images each gradient estimate "
           "averages over before one update (chapter 1, stochastic gradient descent).</p>"));
    m_epochs->setToolTip(tr("<p>How many <b>epochs</b>: passes over the whole training set, each "
                            "in a new random order of mini-batches.</p>"));
    m_lambda->setToolTip(
        tr("<p>L2 regularisation <b>λ</b>: adds (λ/2n) Σ w² to the cost (chapter 3, eq. 85), so "
           "each step shrinks the weights by a factor 1 − ηλ/n (weight decay). It fights "
           "overfitting. Changes apply at the next mini-batch.</p>"));
    m_l1->setToolTip(
        tr("<p>L1 regularisation λ: adds (λ/n) Σ |w| to the cost (chapter 3, eq. 95), shrinking "
           "each weight towards 0 by a constant amount: a few large weights survive.</p>"));
    m_momentum->setToolTip(
        tr("<p>The momentum co-efficient <b>μ</b> (chapter 3): a velocity v → μv − η∇C, "
           "w → w + v (eqs. 107–108). μ = 0 is plain gradient descent; 1 − μ is the "
           "\"friction\". Changes apply at the next mini-batch.</p>"));
    m_dropout->setToolTip(
        tr("<p><b>Dropout</b> p (chapter 3): while training, each hidden neuron is left out of "
           "each mini-batch with probability p; at test time all neurons run, with outputs "
           "scaled to match. In a convnet the last convolution or pooling layer's outputs, "
           "the first fully connected layer's inputs, are dropped too (chapter 6).</p>"));
    m_etaSchedule->setSpecialValueText(tr("off"));
    m_etaSchedule->setSuffix(tr(" epochs"));
    m_etaSchedule->setToolTip(
        tr("<p>The learning-rate schedule (chapter 3): halve η each time the validation accuracy "
           "has not improved for this many epochs, and stop when η has fallen to η/128.</p>"));
    m_earlyStop->setSpecialValueText(tr("off"));
    m_earlyStop->setSuffix(tr(" epochs"));
    m_earlyStop->setToolTip(
        tr("<p>Early stopping (chapter 3): stop when the validation accuracy has not improved "
           "for this many epochs — the \"no-improvement-in-n-epochs\" rule.</p>"));
    m_seed->setToolTip(tr("<p>The random seed for the initial weights, the order of the "
                          "mini-batches and dropout. The same seed gives the same run, the same "
                          "as <tt>nnlab-cli train --seed</tt>.</p>"));

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Learning &rate η:"), m_eta);
    form->addRow(tr("Mini-&batch m:"), m_batch);
    form->addRow(tr("&Epochs:"), m_epochs);
    form->addRow(tr("L2 λ:"), m_lambda);
    form->addRow(tr("L1 λ:"), m_l1);
    form->addRow(tr("Mo&mentum μ:"), m_momentum);
    form->addRow(tr("Dropout p:"), m_dropout);
    form->addRow(tr("Halve η after:"), m_etaSchedule);
    form->addRow(tr("Early stop after:"), m_earlyStop);
    form->addRow(tr("&Seed:"), m_seed);

    for (NumberSpinBox* spin : {m_eta, m_lambda, m_l1, m_momentum, m_dropout})
        connect(spin, &NumberSpinBox::valueChanged, this, &HyperparameterPanel::changed);
    for (QSpinBox* spin : {m_batch, m_epochs, m_etaSchedule, m_earlyStop, m_seed})
        connect(spin, &QSpinBox::valueChanged, this, &HyperparameterPanel::changed);
    connect(m_eta, &NumberSpinBox::valueChanged, this, [this](double v) { emit etaChanged(float(v)); });
    connect(m_lambda, &NumberSpinBox::valueChanged, this, [this](double v) { emit lambdaChanged(float(v)); });
    connect(m_momentum, &NumberSpinBox::valueChanged, this,
            [this](double v) { emit momentumChanged(float(v)); });

    setConfig(TrainConfig{});
}

void HyperparameterPanel::applyTo(TrainConfig& config) const
{
    config.hyper.eta = float(m_eta->value());
    config.hyper.lambda = float(m_lambda->value());
    config.hyper.l1 = float(m_l1->value());
    config.hyper.momentum = float(m_momentum->value());
    config.net.dropout = float(m_dropout->value());
    config.miniBatchSize = m_batch->value();
    config.epochs = m_epochs->value();
    config.etaHalvingPatience = m_etaSchedule->value();
    config.earlyStoppingPatience = m_earlyStop->value();
    config.seed = static_cast<std::uint64_t>(m_seed->value());
}

void HyperparameterPanel::setConfig(const TrainConfig& config)
{
    {
        const QSignalBlocker blockers[] = {
            QSignalBlocker(m_eta),         QSignalBlocker(m_lambda),    QSignalBlocker(m_l1),
            QSignalBlocker(m_momentum),    QSignalBlocker(m_dropout),   QSignalBlocker(m_batch),
            QSignalBlocker(m_epochs),      QSignalBlocker(m_etaSchedule), QSignalBlocker(m_earlyStop),
            QSignalBlocker(m_seed)};
        m_eta->setValue(config.hyper.eta);
        m_lambda->setValue(config.hyper.lambda);
        m_l1->setValue(config.hyper.l1);
        m_momentum->setValue(config.hyper.momentum);
        m_dropout->setValue(config.net.dropout);
        m_batch->setValue(config.miniBatchSize);
        m_epochs->setValue(config.epochs);
        m_etaSchedule->setValue(config.etaHalvingPatience);
        m_earlyStop->setValue(config.earlyStoppingPatience);
        m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(config.seed, 2147483647)));
    }
    emit changed();
}

void HyperparameterPanel::setRunning(bool running)
{
    // η, λ and μ are read by the trainer at every mini-batch; the rest define the run.
    for (QWidget* w : std::initializer_list<QWidget*>{m_batch, m_epochs, m_l1, m_dropout, m_etaSchedule,
                                                      m_earlyStop, m_seed})
        w->setEnabled(!running);
}
