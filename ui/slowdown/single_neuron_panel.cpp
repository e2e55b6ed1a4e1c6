#include "ui/slowdown/single_neuron_panel.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

using nnlab::Cost;
using nnlab::SingleNeuronSetup;

namespace {

constexpr double slowThreshold = 0.2;   // "has left the saturated start": a < 0.2

SingleNeuronSetup presetSetup(int index)
{
    if (index == 4) {
        SingleNeuronSetup s = nnlab::bookSingleNeuronRun(Cost::CrossEntropy, true);
        s.eta = 0.15;
        return s;
    }
    return nnlab::bookSingleNeuronRun(index < 2 ? Cost::Quadratic : Cost::CrossEntropy, index % 2 == 1);
}

// A bold title and a grey line under it above the axes, the legend in a row under those.
void decorate(QCustomPlot* plot, const QString& title, const QString& explanation)
{
    addTitleAndExplanation(plot, title, explanation);
    QFont small = plot->font();
    small.setPointSizeF(plot->font().pointSizeF() * 0.9);
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    legend->setFont(small);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    legend->setIconSize(22, 10);
    legend->setRowSpacing(-2);
    legend->setMargins({4, 0, 4, 0});
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->insertRow(2);
    plot->plotLayout()->addElement(2, 0, legend);
    for (int row = 0; row < 3; ++row)
        plot->plotLayout()->setRowStretchFactor(row, 0.001);
    plot->plotLayout()->setRowSpacing(0);
    plot->xAxis->setLabel(QObject::tr("epoch"));
    plot->setInteractions({});
    plot->setMinimumSize(300, 220);
}

QColor costColor(Cost cost, int alpha = 255)
{
    QColor c = cost == Cost::CrossEntropy ? palette::crossEntropyCost : palette::quadraticCost;
    c.setAlpha(alpha);
    return c;
}

}  // namespace

int SingleNeuronPanel::presetCount()
{
    return 5;
}

SingleNeuronPanel::SingleNeuronPanel(QWidget* parent)
    : QWidget(parent), m_preset(new QComboBox), m_cost(new QComboBox), m_w(new QDoubleSpinBox),
      m_b(new QDoubleSpinBox), m_eta(new QDoubleSpinBox), m_runButton(new QPushButton(tr("Run"))),
      m_resetButton(new QPushButton(tr("Reset"))), m_state(new QLabel), m_costPlot(new QCustomPlot),
      m_outputPlot(new QCustomPlot)
{
    auto* header = new QLabel(
        tr("<b>Learning slowdown (chapter 3).</b> One sigmoid neuron learns to turn input x = 1 "
           "into y = 0. Started saturated at (w, b) = (2, 2), a ≈ 0.98 and σ′(z) ≈ 0.02: the "
           "quadratic cost's gradient (a − y)σ′(z) is tiny and learning stalls; cross-entropy's "
           "(a − y) is not."));
    header->setWordWrap(true);

    m_preset->addItems({tr("book: quadratic, (0.6, 0.9), η = 0.15"),
                        tr("book: quadratic, (2, 2), η = 0.15 (saturated)"),
                        tr("book: cross-entropy, (0.6, 0.9), η = 0.005"),
                        tr("book: cross-entropy, (2, 2), η = 0.005 (saturated)"),
                        tr("cross-entropy, (2, 2), η = 0.15 (the quadratic's η)")});
    m_preset->setToolTip(tr("The book's four runs (η = 0.15 for the quadratic cost, 0.005 for "
                            "cross-entropy), and cross-entropy at the quadratic's η"));
    m_cost->addItems({tr("quadratic"), tr("cross-entropy")});
    m_cost->setToolTip(tr("<p>Quadratic: C = ½(a − y)², ∂C/∂w = (a − y)σ′(z)x (eq. 55).<br>"
                          "Cross-entropy: C = −[y ln a + (1 − y) ln(1 − a)], ∂C/∂w = (a − y)x "
                          "(eq. 61): no σ′(z), no slowdown.</p>"));
    for (QDoubleSpinBox* box : {m_w, m_b}) {
        box->setRange(-10.0, 10.0);
        box->setSingleStep(0.1);
        box->setDecimals(2);
    }
    m_w->setToolTip(tr("The starting weight w"));
    m_b->setToolTip(tr("The starting bias b"));
    m_eta->setRange(0.0001, 5.0);
    m_eta->setDecimals(4);
    m_eta->setSingleStep(0.005);
    m_eta->setToolTip(tr("The learning rate η: each epoch w → w − η ∂C/∂w, b → b − η ∂C/∂b"));
    m_runButton->setToolTip(tr("Train %1 epochs of gradient descent, shown over %2 s; earlier runs "
                               "stay on the plots, dashed")
                                .arg(SingleNeuronSetup().epochs).arg(animationMs / 1000));
    m_resetButton->setToolTip(tr("Back to the start (w, b); clears the earlier runs"));

    // Two rows: what to run and the buttons; then the setup itself.
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(new QLabel(tr("Preset")));
    presetRow->addWidget(m_preset, 1);
    presetRow->addWidget(m_runButton);
    presetRow->addWidget(m_resetButton);
    auto* setupRow = new QHBoxLayout;
    setupRow->addWidget(new QLabel(tr("Cost")));
    setupRow->addWidget(m_cost);
    setupRow->addSpacing(8);
    setupRow->addWidget(new QLabel(tr("start w")));
    setupRow->addWidget(m_w);
    setupRow->addWidget(new QLabel(tr("b")));
    setupRow->addWidget(m_b);
    setupRow->addSpacing(8);
    setupRow->addWidget(new QLabel(tr("η")));
    setupRow->addWidget(m_eta);
    setupRow->addStretch(1);

    decorate(m_costPlot, tr("Cost C per epoch (ch. 3)"), tr("the one training input x = 1, y = 0"));
    m_costPlot->yAxis->setLabel(tr("cost C"));
    m_costPlot->setToolTip(tr("<p>C after each epoch: ½(a − y)² for the quadratic cost (eq. 6), "
                              "−[y ln a + (1 − y) ln(1 − a)] for cross-entropy (eq. 57). The two "
                              "costs have different scales; compare how soon each starts to fall.</p>"));
    decorate(m_outputPlot, tr("Output a = σ(wx + b) per epoch (ch. 3)"),
             tr("the target is y = 0; dotted: a = 0.2"));
    m_outputPlot->yAxis->setLabel(tr("output a"));
    m_outputPlot->yAxis->setRange(0.0, 1.0);
    m_outputPlot->setToolTip(tr("<p>The neuron's output a = σ(z), z = wx + b, after each epoch. "
                                "Where a ≈ 1, σ′(z) = a(1 − a) ≈ 0: the flat start of the quadratic "
                                "cost's curve is the learning slowdown.</p>"));
    auto* threshold = new QCPItemStraightLine(m_outputPlot);
    threshold->point1->setCoords(0, slowThreshold);
    threshold->point2->setCoords(1, slowThreshold);
    threshold->setPen(QPen(palette::guideLine, 1, Qt::DotLine));

    auto* plots = new QHBoxLayout;
    plots->addWidget(m_costPlot);
    plots->addWidget(m_outputPlot);

    QFont stateFont = m_state->font();
    stateFont.setPointSizeF(stateFont.pointSizeF() * 1.1);
    m_state->setFont(stateFont);
    m_state->setToolTip(tr("The neuron now: weight, bias, output and cost"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addLayout(presetRow);
    layout->addLayout(setupRow);
    layout->addWidget(m_state);
    layout->addLayout(plots, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &SingleNeuronPanel::choosePreset);
    connect(m_cost, &QComboBox::currentIndexChanged, this, [this] {
        // A new cost brings the book's η for it.
        if (!m_applyingPreset)
            m_eta->setValue(m_cost->currentIndex() == 1 ? 0.005 : 0.15);
        setupEdited();
    });
    for (QDoubleSpinBox* box : {m_w, m_b, m_eta})
        connect(box, &QDoubleSpinBox::valueChanged, this, &SingleNeuronPanel::setupEdited);
    connect(m_runButton, &QPushButton::clicked, this, &SingleNeuronPanel::run);
    connect(m_resetButton, &QPushButton::clicked, this, &SingleNeuronPanel::reset);
    m_timer.setInterval(frameMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { advance(); });

    choosePreset(1);
}

SingleNeuronSetup SingleNeuronPanel::setup() const
{
    SingleNeuronSetup s;
    s.cost = m_cost->currentIndex() == 1 ? Cost::CrossEntropy : Cost::Quadratic;
    s.w = m_w->value();
    s.b = m_b->value();
    s.eta = m_eta->value();
    return s;
}

void SingleNeuronPanel::setSetup(const SingleNeuronSetup& setup)
{
    m_applyingPreset = true;
    m_cost->setCurrentIndex(setup.cost == Cost::CrossEntropy ? 1 : 0);
    m_w->setValue(setup.w);
    m_b->setValue(setup.b);
    m_eta->setValue(setup.eta);
    m_applyingPreset = false;
    setupEdited();
}

void SingleNeuronPanel::choosePreset(int index)
{
    if (m_preset->currentIndex() != index) {
        m_preset->setCurrentIndex(index);   // comes back here through the signal
        return;
    }
    setSetup(presetSetup(index));
}

void SingleNeuronPanel::setupEdited()
{
    if (m_applyingPreset)
        return;
    if (!isRunning()) {
        // Idle: show where the edited setup starts (epoch 0); a finished run stays for comparison.
        if (m_costGraph && m_shown > 0)
            keepAsComparison();
        m_runSetup = setup();
        m_run = nnlab::trainSingleNeuron(m_runSetup);
        if (m_costGraph) {
            m_costGraph->setName(describe(m_runSetup));
            m_costGraph->setPen(QPen(costColor(m_runSetup.cost), 2.0));
            m_outputGraph->setName(describe(m_runSetup));
            m_outputGraph->setPen(QPen(costColor(m_runSetup.cost), 2.0));
        }
        showUpTo(0);
    }
}

QString SingleNeuronPanel::describe(const SingleNeuronSetup& s)
{
    return tr("%1, (w, b) = (%2, %3), η = %4")
        .arg(s.cost == Cost::CrossEntropy ? tr("cross-entropy") : tr("quadratic"))
        .arg(s.w).arg(s.b).arg(s.eta);
}

void SingleNeuronPanel::run()
{
    runSequence({setup()});
}

void SingleNeuronPanel::runSequence(const QList<SingleNeuronSetup>& setups)
{
    m_queue.append(setups);
    if (!isRunning())
        startNext();
}

void SingleNeuronPanel::startNext()
{
    if (m_queue.isEmpty())
        return;
    // The run shown so far (finished, or only its start) becomes a comparison when it got anywhere.
    if (m_costGraph && m_shown > 0)
        keepAsComparison();
    m_runSetup = m_queue.takeFirst();
    m_run = nnlab::trainSingleNeuron(m_runSetup);
    if (!m_costGraph) {
        m_costGraph = m_costPlot->addGraph();
        m_outputGraph = m_outputPlot->addGraph();
    }
    for (QCPGraph* g : {m_costGraph, m_outputGraph}) {
        g->setName(describe(m_runSetup));
        g->setPen(QPen(costColor(m_runSetup.cost), 2.0));
    }
    m_clock.start();
    m_timer.start();
    m_runButton->setEnabled(false);
    showUpTo(0);
}

void SingleNeuronPanel::keepAsComparison()
{
    // The finished graphs stay, dashed and paler; new ones take over as "current".
    const int alpha = 150;
    for (QCPGraph* g : {m_costGraph, m_outputGraph}) {
        QPen pen(costColor(m_runSetup.cost, alpha), 1.5, m_comparisons % 2 ? Qt::DashDotLine : Qt::DashLine);
        g->setPen(pen);
    }
    ++m_comparisons;
    m_costGraph = m_costPlot->addGraph();
    m_outputGraph = m_outputPlot->addGraph();
}

void SingleNeuronPanel::advance(bool toEnd)
{
    const int epochs = static_cast<int>(m_run.size()) - 1;
    const int epoch = toEnd ? epochs
                            : std::min<int>(epochs, static_cast<int>(m_clock.elapsed() * epochs / animationMs));
    showUpTo(epoch);
    if (epoch < epochs)
        return;
    m_timer.stop();
    m_runButton->setEnabled(true);
    const int reached = nnlab::epochsToOutputBelow(m_run, slowThreshold);
    qInfo("slowdown: run finished (%s): a < 0.2 after %d epochs", qPrintable(describe(m_runSetup)), reached);
    emit runFinished(m_runSetup, reached);
    startNext();
}

void SingleNeuronPanel::finishAnimation()
{
    while (isRunning())
        advance(true);
}

void SingleNeuronPanel::reset()
{
    m_timer.stop();
    m_queue.clear();
    m_costPlot->clearGraphs();
    m_outputPlot->clearGraphs();
    m_costGraph = m_costPlot->addGraph();
    m_outputGraph = m_outputPlot->addGraph();
    m_comparisons = 0;
    m_shown = 0;
    m_runButton->setEnabled(true);
    setupEdited();
}

void SingleNeuronPanel::showUpTo(int epoch)
{
    m_shown = epoch;
    if (!m_costGraph) {
        m_costGraph = m_costPlot->addGraph();
        m_outputGraph = m_outputPlot->addGraph();
        for (QCPGraph* g : {m_costGraph, m_outputGraph}) {
            g->setName(describe(m_runSetup));
            g->setPen(QPen(costColor(m_runSetup.cost), 2.0));
        }
    }
    QVector<double> x, cost, output;
    for (int e = 0; e <= epoch && e < static_cast<int>(m_run.size()); ++e) {
        x.append(e);
        cost.append(m_run[e].cost);
        output.append(m_run[e].a);
    }
    m_costGraph->setData(x, cost, true);
    m_outputGraph->setData(x, output, true);
    // A marker on the newest point, so the neuron's current state is visible even at epoch 0.
    const QCPScatterStyle dot(QCPScatterStyle::ssDisc, 4);
    m_costGraph->setScatterStyle(epoch == 0 ? dot : QCPScatterStyle());
    m_outputGraph->setScatterStyle(epoch == 0 ? dot : QCPScatterStyle());

    const int epochs = std::max(m_runSetup.epochs, 1);
    m_costPlot->xAxis->setRange(0, epochs);
    m_outputPlot->xAxis->setRange(0, epochs);
    bool found = false;
    const QCPRange costRange = [&] {
        double upper = 0.0;
        for (int i = 0; i < m_costPlot->graphCount(); ++i) {
            const QCPRange r = m_costPlot->graph(i)->getValueRange(found);
            if (found)
                upper = std::max(upper, r.upper);
        }
        return QCPRange(0.0, upper > 0.0 ? upper * 1.08 : 1.0);
    }();
    m_costPlot->yAxis->setRange(costRange);
    updateStateLabel();
    m_costPlot->replot(QCustomPlot::rpQueuedReplot);
    m_outputPlot->replot(QCustomPlot::rpQueuedReplot);
}

void SingleNeuronPanel::updateStateLabel()
{
    if (m_run.empty())
        return;
    const nnlab::SingleNeuronState& s = m_run[std::min<size_t>(m_shown, m_run.size() - 1)];
    const double sigmaPrime = s.a * (1.0 - s.a);
    m_state->setText(tr("epoch %1:  w = %2,  b = %3,  a = σ(wx + b) = %4,  σ′(z) = %5,  C = %6")
                         .arg(s.epoch)
                         .arg(s.w, 0, 'f', 3)
                         .arg(s.b, 0, 'f', 3)
                         .arg(s.a, 0, 'f', 3)
                         .arg(sigmaPrime, 0, 'f', 4)
                         .arg(s.cost, 0, 'f', 4));
}
