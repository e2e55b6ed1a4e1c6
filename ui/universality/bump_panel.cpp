#include "ui/universality/bump_panel.h"

#include "ui/plotting/aligned_axes.h"
#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"
#include "ui/universality/deviation_gauge.h"
#include "ui/universality/draggable_plot.h"
#include "ui/universality/formula_edit.h"
#include "ui/universality/formula_text.h"
#include "ui/universality/hidden_neuron_model.h"
#include "ui/universality/parameter_slider.h"
#include "ui/universality/plots_and_controls.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace nnlab::universality;

namespace {

constexpr double minStepGap = 0.002;  // dragged steps stop this close to their neighbours
constexpr int deviationPoints = 2000;

QVector<double> toQVector(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

QCPGraph* addLegendSwatch(QCustomPlot* plot, const QString& name, const QColor& color)
{
    auto* swatch = plot->addGraph();
    swatch->setName(name);
    swatch->setPen(QPen(color.darker(120), 6));
    swatch->setLineStyle(QCPGraph::lsLine);  // no data: only its legend icon shows
    return swatch;
}

}  // namespace

BumpPanel::BumpPanel(QWidget* parent) : QWidget(parent), m_drawn(201, bookFunction)
{
    setObjectName("bumpPanel");
    m_construction.w = 1000;
    m_construction.output = OutputKind::Sigmoid;

    m_weightedPlot = new DraggablePlot(this);
    m_weightedPlot->setObjectName("weightedPlot");
    m_outputPlot = new DraggablePlot(this);
    m_outputPlot->setObjectName("outputPlot");
    setUpPlots();
    layOutPlotsAndControls(
        this,
        tr("<b>Chapter 4:</b> pairs of steps make bumps, and N bumps approximate any f(x). Drag a "
           "step %1 sideways or a bump's height %2 up and down: the weights and biases follow.")
            .arg(palette::coloured("■", palette::network), palette::coloured("●", palette::bumpHeight)),
        {{m_weightedPlot, 1}, {m_outputPlot, 1}}, createControls(), 4);
    alignAxisRects({m_weightedPlot, m_outputPlot});  // x = 0 and x = 1 one above the other

    connect(m_weightedPlot, &DraggablePlot::handleDragged, this, &BumpPanel::dragHandle);
    connect(m_weightedPlot, &DraggablePlot::handlePressed, this, &BumpPanel::describeHandle);
    connect(m_weightedPlot, &DraggablePlot::handleReleased, this, [this] { rebuild(true); });
    connect(m_outputPlot, &DraggablePlot::strokeDrawn, this, [this](double x0, double y0, double x1, double y1) {
        m_drawn.drawSegment(x0, y0, x1, y1);
        autoConstruct();
    });

    autoConstruct();
}

BumpPanel::~BumpPanel()
{
    delete m_weightedWindows;
    delete m_outputWindows;
}

void BumpPanel::setUpPlots()
{
    DraggablePlot* top = m_weightedPlot;
    top->setToolTip(tr("The hidden layer's weighted output z = Σⱼ vⱼ aⱼ, with its goal. "
                       "Drag a square (a step at s) sideways, a circle (a bump's height h) up or down"));
    top->xAxis->setLabel(tr("x"));
    top->yAxis->setLabel(tr("weighted output z"));
    top->xAxis->setRange(-0.02, 1.02);
    m_weightedWindows = new ShadedIntervals(top, palette::failureWindow);
    m_goalGraph = top->addGraph();
    m_goalGraph->setPen(QPen(palette::goal, 2));
    m_weightedGraph = top->addGraph();
    m_weightedGraph->setPen(QPen(palette::network, 2));
    m_weightedGraph->setName(tr("z = Σ vⱼ aⱼ, the network"));
    addLegendSwatch(top, tr("windows of failure"), palette::failureWindow);
    placeLegendAbove(top);
    top->legend->setWrap(2);  // two entries a row: the plots stay narrow enough for 1024×640
    top->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);

    DraggablePlot* bottom = m_outputPlot;
    bottom->setToolTip(tr("The network's output a against the target f, and the deviation |f − a|"));
    bottom->xAxis->setLabel(tr("x"));
    bottom->yAxis->setLabel(tr("output a"));
    bottom->yAxis2->setVisible(true);
    bottom->yAxis2->setLabel(tr("|f(x) − a(x)|"));
    bottom->yAxis2->setLabelColor(palette::deviation);
    bottom->yAxis2->setTickLabelColor(palette::deviation);
    bottom->xAxis->setRange(-0.02, 1.02);
    m_outputWindows = new ShadedIntervals(bottom, palette::failureWindow);
    m_errorGraph = bottom->addGraph(bottom->xAxis, bottom->yAxis2);
    m_errorGraph->setPen(QPen(palette::deviation, 1));
    QColor errorFill = palette::deviation;
    errorFill.setAlpha(40);
    m_errorGraph->setBrush(errorFill);
    m_errorGraph->setName(tr("|f − a| (right axis)"));
    m_errorGraph->removeFromLegend();  // listed last, drawn first (under the curves)
    m_targetGraph = bottom->addGraph();
    m_targetGraph->setPen(QPen(palette::goal, 2));
    m_targetGraph->setName(tr("f, the target"));
    m_outputGraph = bottom->addGraph();
    m_outputGraph->setPen(QPen(palette::network, 2));
    m_outputGraph->setName(tr("a, the network's output"));
    m_errorGraph->addToLegend();
    placeLegendAbove(bottom);
    bottom->legend->setWrap(2);
    bottom->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

QWidget* BumpPanel::createControls()
{
    auto* controls = new QWidget(this);
    auto* layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(createTargetGroup());
    layout->addWidget(createNetworkGroup());
    layout->addWidget(createDeviationGroup());
    layout->addWidget(createWeightsGroup(), 1);
    return controls;
}

QWidget* BumpPanel::createTargetGroup()
{
    auto* group = new QGroupBox(tr("Target f"), this);
    m_targetCombo = new QComboBox(group);
    m_targetCombo->setObjectName("targetCombo");
    m_targetCombo->addItems({tr("the book's f(x)"), tr("a formula in x"), tr("drawn with the mouse")});
    m_targetCombo->setToolTip(tr("The function the network approximates: the book's f, one you type, "
                                 "or one you draw on the lower plot"));
    m_formula = new FormulaEdit("0.5 + 0.3*sin(6*x)*exp(-x)", false, group);
    m_formula->setVisible(false);
    m_bookFormula = new QLabel(tr("f(x) = 0.2 + 0.4x² + 0.3x sin(15x) + 0.05 cos(50x)"), group);
    m_drawHint = new QLabel(tr("Drag on the lower plot to draw f; the bumps follow."), group);
    m_drawHint->setVisible(false);

    auto* layout = new QVBoxLayout(group);
    layout->setSpacing(3);
    layout->addWidget(m_targetCombo);
    layout->addWidget(m_bookFormula);
    layout->addWidget(m_formula);
    layout->addWidget(m_drawHint);

    connect(m_targetCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setTargetKind(static_cast<TargetKind>(index)); });
    connect(m_formula, &FormulaEdit::formulaChanged, this, [this] {
        if (m_targetKind == TargetKind::Formula)
            autoConstruct();
    });
    return group;
}

QWidget* BumpPanel::createNetworkGroup()
{
    auto* group = new QGroupBox(tr("Network: 1 input, 2N hidden step neurons, 1 output"), this);
    m_outputCombo = new QComboBox(group);
    m_outputCombo->setObjectName("outputCombo");
    m_outputCombo->addItems({tr("weighted sum: a = z, heights f"), tr("sigmoid: a = σ(z), heights σ⁻¹∘f")});
    m_outputCombo->setCurrentIndex(1);
    m_outputCombo->setToolTip(tr("The output neuron. Weighted sum: a = z = Σ vⱼ aⱼ, so the bump heights "
                                 "are f. Sigmoid: a = σ(z), so the heights must be σ⁻¹(f) = ln(f/(1 − f)) "
                                 "(the book's σ⁻¹ trick, output bias b = 0)"));
    m_functionCombo = new QComboBox(group);
    m_functionCombo->setObjectName("functionCombo");
    m_functionCombo->addItems({tr("sigmoid σ(z)"), tr("the book's s(z) = σ(z) + 0.2 sin(10z) e^−|z|"),
                               tr("ReLU: steps from pairs of ramps"), tr("linear: a = z")});
    m_functionCombo->setToolTip(tr("The hidden neurons' activation. Any sigmoid-like function makes "
                                   "steps for large w; ReLU ramps do in pairs; linear neurons cannot"));
    m_weight = new ParameterSlider(tr("w"), 1, 100000, 1, ParameterSlider::Scale::SignedLog, group);
    m_weight->setObjectName("weightSlider");
    m_weight->setValue(m_construction.w);
    m_weight->setToolTip(tr("w, every step neuron's weight: large w, sharp steps and narrow windows of "
                            "failure; small w blurs them. Biases follow as b = −w·s"));
    m_bumpCount = new QSpinBox(group);
    m_bumpCount->setObjectName("bumpCount");
    m_bumpCount->setRange(1, 200);
    m_bumpCount->setValue(5);
    m_bumpCount->setPrefix(tr("N = "));
    m_bumpCount->setToolTip(tr("N, the number of bumps (2N hidden neurons), equally spaced over [0, 1]"));
    m_heightRule = new QComboBox(group);
    m_heightRule->addItems({tr("heights at midpoints"), tr("heights: medians")});
    m_heightRule->setToolTip(tr("How auto-construct picks each height h: the goal at the bump's middle, or "
                                "the median of the goal over the bump's x = 0, 0.01, … (the heights "
                                "that make the book's average deviation smallest)"));
    m_constructButton = new QPushButton(tr("Auto-construct"), group);
    m_constructButton->setObjectName("constructButton");
    m_constructButton->setToolTip(tr("Rebuild N equal bumps with heights from the target"));
    m_copiesSpin = new QSpinBox(group);
    m_copiesSpin->setObjectName("copiesSpin");
    m_copiesSpin->setRange(1, 8);
    m_copiesSpin->setPrefix(tr("M = "));
    m_copiesSpin->setToolTip(tr("The book's fix for the windows of failure: add M approximations, heights "
                                "divided by M, each shifted by 1/M of a bump width. M = 1: no fix"));
    m_resetButton = new QPushButton(tr("Reset: random heights"), group);
    m_resetButton->setObjectName("resetButton");
    m_resetButton->setToolTip(tr("The book's challenge: random heights h; drag them until the average "
                                 "deviation is below 0.40"));

    auto* nRow = new QHBoxLayout;
    nRow->addWidget(m_bumpCount);
    nRow->addWidget(m_heightRule, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_constructButton);
    buttons->addWidget(m_resetButton);
    auto* fixRow = new QHBoxLayout;
    fixRow->addWidget(m_copiesSpin);
    fixRow->addWidget(new QLabel(tr("shifted copies (M > 1: the fix)"), group), 1);

    auto* form = new QFormLayout(group);
    form->setVerticalSpacing(4);
    form->addRow(tr("Output:"), m_outputCombo);
    form->addRow(tr("Hidden:"), m_functionCombo);
    form->addRow(m_weight);
    form->addRow(tr("Bumps:"), nRow);
    form->addRow(tr("Fix:"), fixRow);
    form->addRow(buttons);

    connect(m_outputCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        setOutputKind(index == 1 ? OutputKind::Sigmoid : OutputKind::WeightedSum);
    });
    connect(m_functionCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setHiddenFunction(static_cast<NeuronFunction>(index)); });
    connect(m_weight, &ParameterSlider::valueChanged, this, &BumpPanel::setStepWeight);
    connect(m_bumpCount, &QSpinBox::valueChanged, this, &BumpPanel::setBumpCount);
    connect(m_heightRule, &QComboBox::currentIndexChanged, this, &BumpPanel::autoConstruct);
    connect(m_copiesSpin, &QSpinBox::valueChanged, this, &BumpPanel::setCopies);
    connect(m_constructButton, &QPushButton::clicked, this, &BumpPanel::autoConstruct);
    connect(m_resetButton, &QPushButton::clicked, this, &BumpPanel::randomiseHeights);
    return group;
}

QWidget* BumpPanel::createDeviationGroup()
{
    auto* group = new QGroupBox(tr("Deviation"), this);
    m_gauge = new DeviationGauge(group);
    m_gauge->setObjectName("deviationGauge");
    m_deviationLabel = new QLabel(group);
    m_deviationLabel->setObjectName("deviationLabel");
    m_deviationLabel->setWordWrap(true);
    m_deviationLabel->setToolTip(tr("The book's challenge: the average deviation of z from its goal at "
                                    "x = 0, 0.01, …, 0.99; success when below 0.40"));
    m_outputDeviationLabel = new QLabel(group);
    m_outputDeviationLabel->setObjectName("outputDeviationLabel");
    m_outputDeviationLabel->setWordWrap(true);
    m_functionNote = new QLabel(group);
    m_functionNote->setWordWrap(true);
    auto* layout = new QVBoxLayout(group);
    layout->setSpacing(2);
    layout->addWidget(m_gauge);
    layout->addWidget(m_deviationLabel);
    layout->addWidget(m_outputDeviationLabel);
    layout->addWidget(m_functionNote);
    return group;
}

QWidget* BumpPanel::createWeightsGroup()
{
    auto* group = new QGroupBox(tr("Weights and biases"), this);
    m_selectionLabel = new QLabel(group);
    m_selectionLabel->setObjectName("selectionLabel");
    m_selectionLabel->setWordWrap(true);
    m_model = new HiddenNeuronModel(this);
    m_table = new QTableView(group);
    m_table->setObjectName("neuronTable");
    m_table->setModel(m_model);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(HiddenNeuronModel::Index, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setMinimumHeight(90);
    m_table->setToolTip(tr("Every hidden neuron: aⱼ = σ(wⱼ x + bⱼ), step at sⱼ = −bⱼ/wⱼ, "
                           "weight vⱼ into the output neuron (the output bias is 0)"));
    auto* layout = new QVBoxLayout(group);
    layout->setSpacing(3);
    layout->addWidget(m_selectionLabel);
    layout->addWidget(m_table, 1);
    return group;
}

double BumpPanel::target(double x) const
{
    switch (m_targetKind) {
    case TargetKind::Book: return bookFunction(x);
    case TargetKind::Formula: return m_formula->function1D()(x);
    case TargetKind::Drawn: return m_drawn(x);
    }
    return 0.0;
}

int BumpPanel::windowCount() const
{
    return m_weightedWindows->visibleCount();
}

void BumpPanel::setBumpCount(int n)
{
    if (m_bumpCount->value() != n) {
        m_bumpCount->setValue(n);  // comes back here through valueChanged
        return;
    }
    autoConstruct();
}

void BumpPanel::setCopies(int m)
{
    if (m_copiesSpin->value() != m) {
        m_copiesSpin->setValue(m);
        return;
    }
    m_copies = m;
    autoConstruct();
}

void BumpPanel::setStepWeight(double w)
{
    m_construction.w = w;
    m_weight->setValue(w);
    rebuild();
}

void BumpPanel::setOutputKind(OutputKind kind)
{
    {
        const QSignalBlocker block(m_outputCombo);
        m_outputCombo->setCurrentIndex(kind == OutputKind::Sigmoid ? 1 : 0);
    }
    m_construction.output = kind;
    autoConstruct();  // the heights live in another space: f or σ⁻¹∘f
}

void BumpPanel::setHiddenFunction(NeuronFunction f)
{
    {
        const QSignalBlocker block(m_functionCombo);
        m_functionCombo->setCurrentIndex(static_cast<int>(f));
    }
    m_construction.hidden = f;
    rebuild();
}

void BumpPanel::setTargetKind(TargetKind kind)
{
    {
        const QSignalBlocker block(m_targetCombo);
        m_targetCombo->setCurrentIndex(static_cast<int>(kind));
    }
    if (kind == TargetKind::Drawn && m_targetKind != TargetKind::Drawn) {
        // Start the drawing from what is there, so the person edits the curve they see.
        const TargetKind previous = m_targetKind;
        m_drawn = SampledCurve(201, [this, previous](double x) {
            return previous == TargetKind::Formula ? m_formula->function1D()(x) : bookFunction(x);
        });
    }
    m_targetKind = kind;
    m_formula->setVisible(kind == TargetKind::Formula);
    m_drawHint->setVisible(kind == TargetKind::Drawn);
    m_bookFormula->setVisible(kind == TargetKind::Book);
    m_outputPlot->setDrawingEnabled(kind == TargetKind::Drawn);
    autoConstruct();
}

void BumpPanel::autoConstruct()
{
    const HeightRule rule = m_heightRule->currentIndex() == 1 ? HeightRule::Median : HeightRule::Midpoint;
    m_construction.bumps = equalBumps([this](double x) { return target(x); }, m_bumpCount->value(),
                                      m_construction.output, m_copies, rule);
    rebuild();
}

void BumpPanel::randomiseHeights()
{
    // The goal's own scale: σ⁻¹∘f spans a few units, f itself [0, 1].
    const bool sigmoidOutput = m_construction.output == OutputKind::Sigmoid;
    nnlab::universality::randomiseHeights(m_construction.bumps, m_rng, sigmoidOutput ? -3.0 : 0.0,
                                          sigmoidOutput ? 3.0 : 1.0);
    rebuild();
}

void BumpPanel::rebuild(bool rescale)
{
    m_network = buildNetwork(m_construction);
    m_model->setNetwork(m_network);
    updatePlots(rescale && !m_weightedPlot->isDragging());
    updateHandles();
    updateSelection();
    updateReadouts();
}

void BumpPanel::updatePlots(bool rescale)
{
    const bool sigmoidOutput = m_construction.output == OutputKind::Sigmoid;
    const std::vector<double> xs = plotPoints(m_construction, 1000);
    const QVector<double> x = toQVector(xs), z = toQVector(m_network.weightedOutput(xs));
    QVector<double> goal(x.size()), f(x.size()), a(x.size()), error(x.size());
    for (int i = 0; i < x.size(); ++i) {
        f[i] = target(x[i]);
        goal[i] = sigmoidOutput ? inverseSigmoid(f[i]) : f[i];
        a[i] = sigmoidOutput ? sigmoid(z[i]) : z[i];
        error[i] = std::abs(f[i] - a[i]);
    }
    m_goalGraph->setName(sigmoidOutput ? tr("goal σ⁻¹∘f") : tr("goal f"));
    m_goalGraph->setData(x, goal, true);
    m_weightedGraph->setData(x, z, true);
    m_targetGraph->setData(x, f, true);
    m_outputGraph->setData(x, a, true);
    m_errorGraph->setData(x, error, true);

    const std::vector<Interval> windows = windowsOfFailure(m_construction);
    m_weightedWindows->set(windows);
    m_outputWindows->set(windows);

    if (rescale) {
        // Scale to the goal, not to the network: a failing network (linear neurons) runs off the
        // plot rather than squashing the goal flat. Kept fixed while a handle is dragged.
        auto range = [](const QVector<double>& v, double minimumSpan) {
            const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
            double from = std::min(*lo, 0.0), to = std::max(*hi, 0.0);
            const double pad = std::max(to - from, minimumSpan) * 0.12;
            return QCPRange(from - pad, to + pad);
        };
        QCPRange top = range(goal, 0.5);
        for (double v : z)  // let the network widen it, but no more than one goal span each way
            if (std::isfinite(v))
                top.expand(std::clamp(v, top.lower - top.size(), top.upper + top.size()));
        m_weightedPlot->yAxis->setRange(top);
        m_outputPlot->yAxis->setRange(range(f, 0.5));
        const double worst = *std::max_element(error.begin(), error.end());
        m_outputPlot->yAxis2->setRange(0, std::isfinite(worst) ? std::max(0.02, worst * 1.1) : 1.0);
    }
    m_weightedPlot->replot(QCustomPlot::rpQueuedReplot);
    m_outputPlot->replot(QCustomPlot::rpQueuedReplot);
}

void BumpPanel::updateHandles()
{
    m_steps.clear();
    const std::vector<Bump>& bumps = m_construction.bumps;
    if (static_cast<int>(bumps.size()) > maxDraggableBumps) {
        m_weightedPlot->setHandles({});
        return;
    }
    std::vector<std::tuple<double, int, int>> ends;
    for (int j = 0; j < static_cast<int>(bumps.size()); ++j) {
        ends.emplace_back(bumps[j].s1, j, 0);
        ends.emplace_back(bumps[j].s2, j, 1);
    }
    std::sort(ends.begin(), ends.end());
    for (const auto& [s, bump, side] : ends) {
        if (m_steps.empty() || std::abs(m_steps.back().s - s) > 1e-9)
            m_steps.push_back({s, {}});
        m_steps.back().ends.emplace_back(bump, side);
    }

    QVector<DraggablePlot::Handle> handles;
    for (int k = 0; k < static_cast<int>(m_steps.size()); ++k) {
        const double s = m_steps[k].s;
        handles.push_back({k, DraggablePlot::Direction::Horizontal, s, m_network.weightedOutput(s), true,
                           palette::network});
    }
    for (int j = 0; j < static_cast<int>(bumps.size()); ++j) {
        const double mid = 0.5 * (bumps[j].s1 + bumps[j].s2);
        handles.push_back({heightHandleBase + j, DraggablePlot::Direction::Vertical, mid,
                           m_network.weightedOutput(mid), false, palette::bumpHeight});
    }
    m_weightedPlot->setHandles(handles);
}

void BumpPanel::dragHandle(int id, double x, double y)
{
    if (id >= heightHandleBase) {
        const int j = id - heightHandleBase;
        const int i = m_weightedPlot->indexOfHandle(id);
        if (j >= static_cast<int>(m_construction.bumps.size()) || i < 0)
            return;
        // Move the bump by as much as the handle moved: its plateau is at h (plus any overlap).
        m_construction.bumps[j].h += y - m_weightedPlot->handles()[i].y;
    } else {
        if (id >= static_cast<int>(m_steps.size()))
            return;
        const double lo = id > 0 ? m_steps[id - 1].s + minStepGap : -0.1;
        const double hi = id + 1 < static_cast<int>(m_steps.size()) ? m_steps[id + 1].s - minStepGap : 1.1;
        const double s = std::clamp(x, lo, hi);
        for (const auto& [bump, side] : m_steps[id].ends)
            (side == 0 ? m_construction.bumps[bump].s1 : m_construction.bumps[bump].s2) = s;
    }
    rebuild(false);  // (describes the handle again, with its new numbers)
}

void BumpPanel::updateSelection()
{
    // The caption describes one handle's neurons: it follows every change of their numbers (a
    // drag, auto-construct, a new w), and goes back to the prompt when that handle is gone.
    if (m_describedHandle >= 0 && m_weightedPlot->indexOfHandle(m_describedHandle) >= 0) {
        describeHandle(m_describedHandle);
        return;
    }
    m_describedHandle = -1;
    m_table->clearSelection();
    const int bumps = static_cast<int>(m_construction.bumps.size());
    m_selectionLabel->setText(bumps > maxDraggableBumps
                                  ? tr("%1 bumps: too many to drag (handles appear for N ≤ %2, M = 1).")
                                        .arg(bumps)
                                        .arg(maxDraggableBumps)
                                  : tr("Press a handle to see its neurons."));
}

void BumpPanel::describeHandle(int id)
{
    const int perStep = m_construction.hidden == NeuronFunction::ReLU ? 2 : 1;
    // Neuron indices (1-based, as in the table) of bump j's up (side 0) or down (side 1) step.
    auto neurons = [perStep](int bump, int side) {
        QStringList list;
        for (int k = 0; k < perStep; ++k)
            list << QString::number(bump * 2 * perStep + side * perStep + k + 1);
        return list;
    };
    m_describedHandle = id;
    QStringList rows;
    if (id >= heightHandleBase) {
        const int j = id - heightHandleBase;
        if (j >= static_cast<int>(m_construction.bumps.size()))
            return;
        const Bump& b = m_construction.bumps[j];
        rows << neurons(j, 0) << neurons(j, 1);
        m_selectionLabel->setText(tr("Bump %1 on [%2, %3]: height h = %4, so the output weights are "
                                     "v = %5 and %6 (neurons %7).")
                                      .arg(j + 1)
                                      .arg(formulaNumber(b.s1), formulaNumber(b.s2))
                                      .arg(formulaNumber(b.h), formulaNumber(b.h, 'f', 3, Sign::Always),
                                           formulaNumber(-b.h, 'f', 3, Sign::Always), rows.join(", ")));
    } else if (id < static_cast<int>(m_steps.size())) {
        const StepHandle& step = m_steps[id];
        for (const auto& [bump, side] : step.ends)
            rows << neurons(bump, side);
        m_selectionLabel->setText(tr("Step at s = %1 (neurons %2): w = %3, so b = −w·s = %4.")
                                      .arg(formulaNumber(step.s), rows.join(", "),
                                           formulaNumber(m_construction.w, 'g', 6),
                                           formulaNumber(biasForStep(m_construction.w, step.s), 'g', 6)));
    }
    if (!rows.isEmpty()) {
        m_table->clearSelection();
        m_table->scrollTo(m_model->index(rows.first().toInt() - 1, 0));
        for (const QString& row : rows)
            m_table->selectionModel()->select(m_model->index(row.toInt() - 1, 0),
                                              QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void BumpPanel::updateReadouts()
{
    const auto f = [this](double x) { return target(x); };
    const bool sigmoidOutput = m_construction.output == OutputKind::Sigmoid;
    m_challengeDeviation = nnlab::universality::challengeDeviation(m_network, f);
    const std::vector<double> fine = uniformGrid(deviationPoints);
    m_meanDeviation = nnlab::universality::meanDeviation(m_network, f, fine);
    const double onBookGrid = nnlab::universality::meanDeviation(m_network, f, bookGrid());
    const PointDeviation worst = worstDeviation(m_network, f, fine);
    const std::vector<Interval> windows = windowsOfFailure(m_construction);
    const bool inWindow = std::any_of(windows.begin(), windows.end(),
                                      [&](const Interval& w) { return w.contains(worst.x); });

    m_gauge->setDeviation(m_challengeDeviation);
    const bool success = m_challengeDeviation < challengeSuccessThreshold;
    m_deviationLabel->setText(
        tr("<b>Average deviation %1</b>, mean |%2 − z| at x = 0, 0.01, …, 0.99: %3")
            .arg(m_challengeDeviation, 0, 'f', 3)
            .arg(sigmoidOutput ? tr("σ⁻¹∘f") : tr("f"))
            .arg(success ? palette::coloured(tr("<b>success</b>, below 0.40"), palette::success)
                         : palette::coloured(tr("not yet below 0.40"), palette::notYetText)));
    m_outputDeviationLabel->setText(
        tr("Output: mean |f − a| = %1 over %2 points (%3 at the book's x); worst %4 at x = %5%6.")
            .arg(m_meanDeviation, 0, 'f', 4)
            .arg(deviationPoints)
            .arg(onBookGrid, 0, 'f', 4)
            .arg(worst.deviation, 0, 'f', 3)
            .arg(worst.x, 0, 'f', 3)
            .arg(inWindow ? tr(", in a window of failure") : QString()));

    QString note;
    switch (m_construction.hidden) {
    case NeuronFunction::Sigmoid:
        note = tr("Windows of failure (shaded): where 0.01 < σ(w(x − s)) < 0.99, that is |x\u00a0−\u00a0s| < %1.")
                   .arg(windowHalfWidth(m_construction.hidden, m_construction.w), 0, 'g', 2);
        break;
    case NeuronFunction::SigmoidLike:
        note = tr("s(z) wobbles near z = 0 but still goes from 0 to 1: large w makes it a step.");
        break;
    case NeuronFunction::ReLU:
        note = tr("ReLU: each step is ReLU(w(x − s) + ½) − ReLU(w(x − s) − ½), a ramp of width 1/w; "
                  "4 neurons a bump.");
        break;
    case NeuronFunction::Linear:
        note = palette::coloured(tr("Linear neurons: Σ vⱼ(wⱼ x + bⱼ) is a straight line. No steps, no bumps: "
                                    "this fails everywhere."),
                                 palette::failure);
        break;
    }
    m_functionNote->setText(note);
}
