#include "ui/universality/tower_panel.h"

#include "ui/plotting/aligned_axes.h"
#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"
#include "ui/universality/draggable_plot.h"
#include "ui/universality/formula_edit.h"
#include "ui/universality/formula_text.h"
#include "ui/universality/parameter_slider.h"
#include "ui/universality/plots_and_controls.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

using namespace nnlab::universality;

namespace {

constexpr int crossSectionPoints = 600;
// Handle ids on the heat map: the edges x₁, x₂ (dragged sideways), y₁, y₂ (up and down).
enum EdgeId { EdgeX1 = 0, EdgeX2 = 1, EdgeY1 = 2, EdgeY2 = 3 };

bool twoEdgesFor(TowerPanel::Mode mode)
{
    return mode != TowerPanel::Mode::StepX && mode != TowerPanel::Mode::StepY;
}

QString formatValue(double v)
{
    return std::abs(v) >= 1e-3 || v == 0.0 ? formulaNumber(v) : formulaNumber(v, 'e', 1);
}

}  // namespace

TowerPanel::TowerPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName("towerPanel");
    m_map = new DraggablePlot(this);
    m_map->setObjectName("towerMap");
    setUpMap();
    m_crossSection = new QCustomPlot(this);
    m_crossSection->setObjectName("crossSectionPlot");
    setUpCrossSection();
    layOutPlotsAndControls(
        this,
        tr("<b>Chapter 4, many inputs:</b> steps and bumps in x or y; an x-bump plus a y-bump is a "
           "plateau with a tower; four neurons and a threshold bias b ≈ −3h/2 keep just the tower; "
           "a grid of towers approximates f(x, y). Drag the dashed edges."),
        {{m_map, 5}, {m_crossSection, 2}}, createControls());
    // The cross-section's x axis under the map's, and the colour scale as wide as the map.
    m_colorScale->setMarginGroup(QCP::msLeft | QCP::msRight, alignAxisRects({m_map, m_crossSection}));

    connect(m_map, &DraggablePlot::handleDragged, this, &TowerPanel::dragEdge);
    connect(m_map, &DraggablePlot::plotClicked, this, [this](double, double y) { setCrossSection(y); });
    setMode(m_mode);
}

void TowerPanel::setUpMap()
{
    m_map->setToolTip(tr("The network's output over (x, y) in [0, 1]², as colour. Drag a dashed edge to "
                         "move a step; click (or drag the grey line) to choose the cross-section"));
    m_map->xAxis->setLabel(tr("x"));
    m_map->yAxis->setLabel(tr("y"));
    m_map->xAxis->setRange(0, 1);
    m_map->yAxis->setRange(0, 1);
    m_map->axisRect()->setupFullAxesBox(true);
    m_colorMap = new QCPColorMap(m_map->xAxis, m_map->yAxis);
    m_colorMap->data()->setSize(mapCells, mapCells);
    m_colorMap->data()->setRange(QCPRange(0.5 / mapCells, 1 - 0.5 / mapCells),
                                 QCPRange(0.5 / mapCells, 1 - 0.5 / mapCells));
    m_colorMap->setInterpolate(false);
    // The colour scale lies above the map, not beside it, so that the map is as wide as the
    // cross-section under it and their x axes line up.
    m_colorScale = new QCPColorScale(m_map);
    m_colorScale->setType(QCPAxis::atTop);
    m_colorScale->axis()->setLabel(tr("output a(x, y)"));
    m_colorScale->setBarWidth(12);
    m_map->plotLayout()->insertRow(0);
    m_map->plotLayout()->addElement(0, 0, m_colorScale);
    m_map->plotLayout()->setRowStretchFactor(0, 0.001);
    m_colorMap->setColorScale(m_colorScale);
    m_colorMap->setGradient(QCPColorGradient::gpThermal);
}

void TowerPanel::setUpCrossSection()
{
    m_crossSection->setToolTip(tr("The output along x at the chosen y (the grey line on the heat map)"));
    m_crossSection->xAxis->setLabel(tr("x"));
    m_crossSection->yAxis->setLabel(tr("a(x, y₀)"));
    m_crossSection->xAxis->setRange(0, 1);
    m_crossTarget = m_crossSection->addGraph();
    m_crossTarget->setPen(QPen(palette::goal, 2));
    m_crossTarget->setName(tr("f(x, y₀)"));
    m_crossNetwork = m_crossSection->addGraph();
    m_crossNetwork->setPen(QPen(palette::network, 2));
    m_crossNetwork->setName(tr("network a(x, y₀)"));
    placeLegendAbove(m_crossSection);
    m_crossSection->setInteractions({});
}

QWidget* TowerPanel::createControls()
{
    auto* controls = new QWidget(this);

    m_modeCombo = new QComboBox(controls);
    m_modeCombo->setObjectName("modeCombo");
    m_modeCombo->addItems({tr("Step in x"), tr("Step in y"), tr("Bump in x"), tr("Bump in y"),
                           tr("Plateau + tower: x-bump + y-bump"), tr("Tower: 4 neurons + threshold bias"),
                           tr("Grid of towers ≈ f(x, y)")});
    m_modeCombo->setToolTip(tr("What the hidden neurons build, in the book's order"));

    m_weightSlider = new ParameterSlider(tr("w"), 1, 10000, 1, ParameterSlider::Scale::SignedLog, controls);
    m_weightSlider->setValue(m_w);
    m_weightSlider->setToolTip(tr("w, the weight of every step neuron (on x or on y): large w, sharp edges"));
    m_heightSlider = new ParameterSlider(tr("h"), -1.5, 1.5, 2, ParameterSlider::Scale::Linear, controls);
    m_heightSlider->setValue(m_bumpHeight);
    m_heightSlider->setToolTip(tr("h, the bump's height: the output weights of its two steps are +h and −h"));
    m_towerWeightSlider = new ParameterSlider(tr("h"), 1, 200, 1, ParameterSlider::Scale::SignedLog, controls);
    m_towerWeightSlider->setValue(m_towerWeight);
    m_towerWeightSlider->setToolTip(tr("h, the weights ±h from the four step neurons into the tower neuron: "
                                       "large h makes the tower's sides sharp"));
    m_biasSlider = new ParameterSlider(tr("b"), -300, 100, 1, ParameterSlider::Scale::Linear, controls);
    m_biasSlider->setObjectName("thresholdBias");
    m_biasSlider->setValue(m_bias);
    m_biasSlider->setToolTip(tr("b, the tower neuron's bias: at −3h/2 it fires where both bumps are on "
                                "(input 2h) and not on the plateau (input h)"));
    m_thresholdButton = new QPushButton(tr("b = −3h/2"), controls);
    m_thresholdButton->setToolTip(tr("Set the book's threshold bias b = −3h/2"));
    m_towerHeightSlider = new ParameterSlider(tr("height"), 0, 1, 2, ParameterSlider::Scale::Linear, controls);
    m_towerHeightSlider->setValue(m_towerHeight);
    m_towerHeightSlider->setToolTip(tr("The weight from the tower neuron to the output: the tower's height"));

    m_gridControls = new QWidget(controls);
    m_towerCount = new QSpinBox(m_gridControls);
    m_towerCount->setObjectName("towerCount");
    m_towerCount->setRange(1, 30);
    m_towerCount->setValue(m_towers);
    m_towerCount->setPrefix(tr("n = "));
    m_towerCount->setSuffix(tr(" per side"));
    m_towerCount->setToolTip(tr("n × n towers over [0, 1]², each as high as f at its centre: 4n step "
                                "neurons and n² tower neurons"));
    m_f1 = new FormulaEdit("0.5 + 0.35*sin(6*x)*cos(5*y)", true, m_gridControls);
    m_f2 = new FormulaEdit("x*y", true, m_gridControls);
    m_outputCombo = new QComboBox(m_gridControls);
    m_outputCombo->setObjectName("outputCombo");
    m_outputCombo->addItems({tr("output 1 ≈ f₁"), tr("output 2 ≈ f₂")});
    m_outputCombo->setToolTip(tr("Several outputs: each output neuron weights the same towers by its own "
                                 "function's values. Which one the heat map shows"));
    auto* grid = new QFormLayout(m_gridControls);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setVerticalSpacing(3);
    grid->addRow(tr("Towers:"), m_towerCount);
    grid->addRow(tr("f₁(x, y):"), m_f1);
    grid->addRow(tr("f₂(x, y):"), m_f2);
    grid->addRow(tr("Show:"), m_outputCombo);

    m_crossSlider = new ParameterSlider(tr("y₀"), 0, 1, 3, ParameterSlider::Scale::Linear, controls);
    m_crossSlider->setValue(m_crossY);
    m_crossSlider->setToolTip(tr("y₀, where the cross-section below the heat map is taken"));

    m_readout = new QLabel(controls);
    m_readout->setObjectName("towerReadout");
    m_readout->setWordWrap(true);
    m_readout->setTextFormat(Qt::RichText);
    m_nInputText = new QLabel(nInputExplanation(), controls);
    m_nInputText->setObjectName("nInputText");
    m_nInputText->setWordWrap(true);
    m_nInputText->setTextFormat(Qt::RichText);

    auto* network = new QGroupBox(tr("Network"), controls);
    auto* networkLayout = new QVBoxLayout(network);
    networkLayout->setSpacing(3);
    networkLayout->addWidget(m_modeCombo);
    networkLayout->addWidget(m_weightSlider);
    networkLayout->addWidget(m_heightSlider);
    networkLayout->addWidget(m_towerWeightSlider);
    auto* biasRow = new QHBoxLayout;
    biasRow->addWidget(m_biasSlider, 1);
    biasRow->addWidget(m_thresholdButton);
    networkLayout->addLayout(biasRow);
    networkLayout->addWidget(m_towerHeightSlider);
    networkLayout->addWidget(m_gridControls);
    networkLayout->addWidget(m_crossSlider);
    networkLayout->addWidget(m_readout);

    auto* more = new QGroupBox(tr("n inputs"), controls);
    auto* moreLayout = new QVBoxLayout(more);
    moreLayout->addWidget(m_nInputText);

    auto* layout = new QVBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(network);
    layout->addWidget(more);
    layout->addStretch();

    connect(m_modeCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMode(static_cast<Mode>(index)); });
    connect(m_weightSlider, &ParameterSlider::valueChanged, this, [this](double w) {
        m_w = w;
        rebuild();
    });
    connect(m_heightSlider, &ParameterSlider::valueChanged, this, [this](double h) {
        m_bumpHeight = h;
        rebuild();
    });
    connect(m_towerWeightSlider, &ParameterSlider::valueChanged, this, [this](double h) {
        m_towerWeight = h;
        rebuild();
    });
    connect(m_biasSlider, &ParameterSlider::valueChanged, this, [this](double b) {
        m_bias = b;
        rebuild();
    });
    connect(m_thresholdButton, &QPushButton::clicked, this, [this] {
        m_bias = towerThresholdBias(m_towerWeight);
        m_biasSlider->setValue(m_bias);
        rebuild();
    });
    connect(m_towerHeightSlider, &ParameterSlider::valueChanged, this, [this](double v) {
        m_towerHeight = v;
        rebuild();
    });
    connect(m_towerCount, &QSpinBox::valueChanged, this, &TowerPanel::setTowerCount);
    connect(m_f1, &FormulaEdit::formulaChanged, this, &TowerPanel::rebuild);
    connect(m_f2, &FormulaEdit::formulaChanged, this, &TowerPanel::rebuild);
    connect(m_outputCombo, &QComboBox::currentIndexChanged, this, &TowerPanel::setShownOutput);
    connect(m_crossSlider, &ParameterSlider::valueChanged, this, &TowerPanel::setCrossSection);
    return controls;
}

QStringList TowerPanel::modeNames()
{
    return {"step-x", "step-y", "bump-x", "bump-y", "plateau", "tower", "grid"};
}

std::optional<TowerPanel::Mode> TowerPanel::modeFromName(const QString& name)
{
    const int index = modeNames().indexOf(name.toLower());
    if (index < 0)
        return std::nullopt;
    return static_cast<Mode>(index);
}

QString TowerPanel::nInputExplanation()
{
    // The idea for n inputs, and the 3-input case computed by core (not typed in).
    const double w = 1000, h = 40;
    const std::vector<Interval> box{{0.2, 0.6}, {0.3, 0.7}, {0.4, 0.8}};
    const double all = nInputTower({0.4, 0.5, 0.6}, box, w, h);
    const double two = nInputTower({0.9, 0.5, 0.6}, box, w, h);
    const double one = nInputTower({0.9, 0.9, 0.6}, box, w, h);
    const double none = nInputTower({0.9, 0.9, 0.1}, box, w, h);
    return tr("With n inputs a tower is n bumps, one per input (2n step neurons), feeding one neuron "
              "with weights ±h and bias b = −(n − ½)h: only where all n bumps are on is its input "
              "positive (+h/2). <b>n = 3</b>, box [0.2, 0.6]×[0.3, 0.7]×[0.4, 0.8], w = 1000, h = 40, "
              "b = %1: inside all three bumps a = %2; in two %3; in one %4; in none %5.")
        .arg(formulaNumber(nInputThresholdBias(3, h), 'f', 0), formatValue(all), formatValue(two),
             formatValue(one), formatValue(none));
}

void TowerPanel::setMode(Mode mode)
{
    m_mode = mode;
    {
        const QSignalBlocker block(m_modeCombo);
        m_modeCombo->setCurrentIndex(static_cast<int>(mode));
    }
    updateControlVisibility();
    rebuild();
}

void TowerPanel::setTowerCount(int n)
{
    m_towers = n;
    {
        const QSignalBlocker block(m_towerCount);
        m_towerCount->setValue(n);
    }
    rebuild();
}

void TowerPanel::setCrossSection(double y)
{
    m_crossY = std::clamp(y, 0.0, 1.0);
    m_crossSlider->setValue(m_crossY);
    updateCrossSection();
    updateHandles();
}

void TowerPanel::setShownOutput(int k)
{
    m_shownOutput = k;
    {
        const QSignalBlocker block(m_outputCombo);
        m_outputCombo->setCurrentIndex(k);
    }
    updateMap();
    updateCrossSection();
}

void TowerPanel::updateControlVisibility()
{
    const bool bump = m_mode == Mode::BumpX || m_mode == Mode::BumpY || m_mode == Mode::Plateau;
    const bool tower = m_mode == Mode::Tower;
    const bool grid = m_mode == Mode::TowerGrid;
    m_heightSlider->setVisible(bump);
    m_towerWeightSlider->setVisible(tower || grid);
    m_biasSlider->setVisible(tower);
    m_thresholdButton->setVisible(tower);
    m_towerHeightSlider->setVisible(tower);
    m_gridControls->setVisible(grid);
}

Function2D TowerPanel::outputFunction(int k) const
{
    return (k == 0 ? m_f1 : m_f2)->function2D();
}

void TowerPanel::rebuild()
{
    const Interval x{m_x1, m_x2}, y{m_y1, m_y2};
    switch (m_mode) {
    case Mode::StepX: m_network = stepNetwork(Axis::X, m_x1, m_w); break;
    case Mode::StepY: m_network = stepNetwork(Axis::Y, m_y1, m_w); break;
    case Mode::BumpX: m_network = bumpNetwork(Axis::X, m_x1, m_x2, m_bumpHeight, m_w); break;
    case Mode::BumpY: m_network = bumpNetwork(Axis::Y, m_y1, m_y2, m_bumpHeight, m_w); break;
    case Mode::Plateau: m_network = plateauNetwork(x, y, m_bumpHeight, m_w); break;
    case Mode::Tower: m_network = towerNetwork(x, y, m_w, m_towerWeight, m_bias, m_towerHeight); break;
    case Mode::TowerGrid:
        m_network = towerGridNetwork({outputFunction(0), outputFunction(1)}, m_towers, m_w, m_towerWeight);
        break;
    }
    m_grids = m_network.outputGrids(mapCells, mapCells);
    if (m_shownOutput >= m_network.outputCount())
        m_shownOutput = 0;
    updateMap();
    updateCrossSection();
    updateHandles();
    updateReadout();
}

void TowerPanel::updateMap()
{
    const Eigen::MatrixXd& grid = m_grids.at(std::min<size_t>(m_shownOutput, m_grids.size() - 1));
    for (int i = 0; i < mapCells; ++i)
        for (int j = 0; j < mapCells; ++j)
            m_colorMap->data()->setCell(i, j, grid(i, j));
    double lo = std::min(0.0, grid.minCoeff()), hi = std::max(grid.maxCoeff(), lo + 1e-3);
    if (m_mode == Mode::StepX || m_mode == Mode::StepY || m_mode == Mode::Tower)
        hi = std::max(hi, 1.0);
    m_colorMap->setDataRange(QCPRange(lo, hi));
    m_colorScale->axis()->setLabel(m_mode == Mode::TowerGrid
                                       ? tr("output %1 ≈ f%2(x, y)").arg(m_shownOutput + 1).arg(m_shownOutput == 0 ? "₁" : "₂")
                                       : tr("output a(x, y)"));
    m_map->replot(QCustomPlot::rpQueuedReplot);
}

void TowerPanel::updateCrossSection()
{
    Eigen::MatrixXd xy(2, crossSectionPoints);
    QVector<double> x(crossSectionPoints), a(crossSectionPoints), f(crossSectionPoints);
    for (int i = 0; i < crossSectionPoints; ++i) {
        x[i] = static_cast<double>(i) / (crossSectionPoints - 1);
        xy(0, i) = x[i];
        xy(1, i) = m_crossY;
    }
    const Eigen::MatrixXd out = m_network.evaluate(xy);
    const int k = std::min(m_shownOutput, m_network.outputCount() - 1);
    const bool grid = m_mode == Mode::TowerGrid;
    const Function2D target = outputFunction(k);
    for (int i = 0; i < crossSectionPoints; ++i) {
        a[i] = out(k, i);
        f[i] = grid ? target(x[i], m_crossY) : 0.0;
    }
    m_crossNetwork->setData(x, a, true);
    m_crossTarget->setData(grid ? x : QVector<double>{}, grid ? f : QVector<double>{}, true);
    m_crossTarget->setVisible(grid);
    m_crossTarget->removeFromLegend();
    if (grid)
        m_crossTarget->addToLegend();
    m_crossNetwork->setName(tr("network a(x, y₀ = %1)").arg(m_crossY, 0, 'f', 2));
    const QCPRange range = m_colorMap->dataRange();
    const double pad = range.size() * 0.1;
    m_crossSection->yAxis->setRange(std::min(range.lower, 0.0) - pad, range.upper + pad);
    m_crossSection->replot(QCustomPlot::rpQueuedReplot);
}

void TowerPanel::updateHandles()
{
    using Direction = DraggablePlot::Direction;
    QVector<DraggablePlot::Handle> handles;
    const bool xEdges = m_mode == Mode::StepX || m_mode == Mode::BumpX || m_mode == Mode::Plateau ||
                        m_mode == Mode::Tower;
    const bool yEdges = m_mode == Mode::StepY || m_mode == Mode::BumpY || m_mode == Mode::Plateau ||
                        m_mode == Mode::Tower;
    const bool twoEdges = twoEdgesFor(m_mode);
    if (xEdges) {
        handles.push_back({EdgeX1, Direction::Horizontal, m_x1, 0.97, true, palette::xEdge});
        if (twoEdges)
            handles.push_back({EdgeX2, Direction::Horizontal, m_x2, 0.97, true, palette::xEdge});
    }
    if (yEdges) {
        handles.push_back({EdgeY1, Direction::Vertical, 0.97, m_y1, true, palette::yEdge});
        if (twoEdges)
            handles.push_back({EdgeY2, Direction::Vertical, 0.97, m_y2, true, palette::yEdge});
    }
    handles.push_back({crossSectionHandle, Direction::Vertical, 0.03, m_crossY, true, palette::crossSectionLine});
    m_map->setHandles(handles);
}

void TowerPanel::dragEdge(int id, double x, double y)
{
    constexpr double gap = 0.02;
    switch (id) {
    case EdgeX1: m_x1 = std::clamp(x, 0.0, twoEdgesFor(m_mode) ? m_x2 - gap : 1.0); break;
    case EdgeX2: m_x2 = std::clamp(x, m_x1 + gap, 1.0); break;
    case EdgeY1: m_y1 = std::clamp(y, 0.0, twoEdgesFor(m_mode) ? m_y2 - gap : 1.0); break;
    case EdgeY2: m_y2 = std::clamp(y, m_y1 + gap, 1.0); break;
    case crossSectionHandle: setCrossSection(y); return;
    default: return;
    }
    rebuild();
}

void TowerPanel::updateReadout()
{
    QString text;
    const double cx = 0.5 * (m_x1 + m_x2), cy = 0.5 * (m_y1 + m_y2);
    const double outsideX = m_x2 + 0.5 * (1 - m_x2) > m_x2 + 0.01 ? m_x2 + 0.5 * (1 - m_x2) : m_x1 / 2;
    const double outsideY = m_y2 + 0.5 * (1 - m_y2) > m_y2 + 0.01 ? m_y2 + 0.5 * (1 - m_y2) : m_y1 / 2;
    switch (m_mode) {
    case Mode::StepX:
    case Mode::StepY: {
        const double s = m_mode == Mode::StepX ? m_x1 : m_y1;
        text = tr("One neuron with (wₓ, w_y) = %1 and b = −w·s = %2: a step at %3 = %4.")
                   .arg(m_mode == Mode::StepX ? tr("(w, 0)") : tr("(0, w)"),
                        formulaNumber(biasForStep(m_w, s), 'g', 5), m_mode == Mode::StepX ? "x" : "y",
                        formulaNumber(s));
        break;
    }
    case Mode::BumpX:
    case Mode::BumpY:
        text = tr("Two step neurons in %1 with output weights +h and −h, h = %2: a ridge of height h.")
                   .arg(m_mode == Mode::BumpX ? "x" : "y", formulaNumber(m_bumpHeight, 'f', 2));
        break;
    case Mode::Plateau:
        text = tr("x-bump + y-bump: a(centre) = %1 (2h), a(one bump) = %2 (h), a(neither) = %3.")
                   .arg(formatValue(m_network.output(cx, cy)), formatValue(m_network.output(cx, outsideY)),
                        formatValue(m_network.output(outsideX, outsideY)));
        break;
    case Mode::Tower:
        text = tr("Tower neuron σ(h(a₁ − a₂ + a₃ − a₄) + b), h = %1, b = %2 (−3h/2 = %3).<br>"
                  "Inside the square: σ(2h + b) × height = <b>%4</b>; on the plateau: σ(h + b) → "
                  "<b>%5</b>; outside: σ(b) → <b>%6</b>.")
                   .arg(formulaNumber(m_towerWeight, 'g', 4), formulaNumber(m_bias, 'g', 4),
                        formulaNumber(towerThresholdBias(m_towerWeight), 'g', 4),
                        formatValue(m_network.output(cx, cy)), formatValue(m_network.output(cx, outsideY)),
                        formatValue(m_network.output(outsideX, outsideY)));
        break;
    case Mode::TowerGrid:
        text = tr("%1 towers: %2 step neurons, %1 tower neurons (b = −3h/2), 2 outputs.<br>"
                  "Mean |f₁ − a₁| = <b>%3</b>, mean |f₂ − a₂| = <b>%4</b> over %5×%5 points.")
                   .arg(m_towers * m_towers)
                   .arg(4 * m_towers)
                   .arg(gridDeviation(0), 0, 'f', 4)
                   .arg(gridDeviation(1), 0, 'f', 4)
                   .arg(mapCells);
        break;
    }
    m_readout->setText(text);
}

double TowerPanel::gridDeviation(int k) const
{
    if (m_mode != Mode::TowerGrid || k >= static_cast<int>(m_grids.size()))
        return 0.0;
    return meanGridDeviation(outputFunction(k), m_grids[k]);
}
