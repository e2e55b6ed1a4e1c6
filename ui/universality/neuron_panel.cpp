#include "ui/universality/neuron_panel.h"

#include "ui/plotting/aligned_axes.h"
#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"
#include "ui/universality/draggable_plot.h"
#include "ui/universality/formula_text.h"
#include "ui/universality/parameter_slider.h"
#include "ui/universality/plots_and_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace nnlab::universality;

namespace {

constexpr int plotPoints = 1201;
constexpr int stepHandle = 0;
constexpr int firstStepHandle = 0, secondStepHandle = 1, heightHandle = 2;

QVector<double> xGrid()
{
    QVector<double> x(plotPoints);
    for (int i = 0; i < plotPoints; ++i)
        x[i] = static_cast<double>(i) / (plotPoints - 1);
    return x;
}

void styleOneInputPlot(QCustomPlot* plot, const QString& yLabel)
{
    plot->xAxis->setLabel(QObject::tr("x"));
    plot->yAxis->setLabel(yLabel);
    plot->xAxis->setRange(-0.02, 1.02);
}

}  // namespace

NeuronPanel::NeuronPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName("neuronPanel");
    auto* header = new QLabel(
        tr("<b>Chapter 4:</b> one hidden neuron a = σ(wx + b) becomes a step at s = −b/w as w grows; "
           "two such steps with output weights w₁ = h and w₂ = −h make a bump. Drag the squares."),
        this);
    header->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(createNeuronSection(), 1);
    layout->addWidget(createPairSection(), 1);
    alignAxisRects({m_neuronPlot, m_pairPlot});  // x = 0 and x = 1 one above the other
    updateNeuron();
    updatePair();
}

QWidget* NeuronPanel::createNeuronSection()
{
    auto* group = new QGroupBox(tr("One neuron: a = σ(wx + b)"), this);
    m_neuronPlot = new DraggablePlot(group);
    m_neuronPlot->setObjectName("neuronPlot");
    m_neuronPlot->setToolTip(tr("The neuron's output a = σ(wx + b) for x in [0, 1]; the square is the step "
                                "position s = −b/w: drag it to move the step (b changes, w stays)"));
    styleOneInputPlot(m_neuronPlot, tr("a = σ(wx + b)"));
    m_neuronGraph = m_neuronPlot->addGraph();
    m_neuronGraph->setPen(QPen(palette::network, 2.5));

    m_functionCombo = new QComboBox(group);
    m_functionCombo->addItems({tr("sigmoid σ(z)"), tr("the book's s(z) = σ(z) + 0.2 sin(10z) e^−|z|"),
                               tr("ReLU max(0, z)"), tr("linear z")});
    m_functionCombo->setToolTip(tr("The activation function of the neuron"));
    m_weightSlider = new ParameterSlider(tr("w"), -10000, 10000, 2, ParameterSlider::Scale::SignedLog, group);
    m_weightSlider->setObjectName("neuronWeight");
    m_weightSlider->setToolTip(tr("w, the neuron's weight: raise it to make σ(wx + b) a step"));
    m_biasSlider = new ParameterSlider(tr("b"), -10000, 10000, 2, ParameterSlider::Scale::SignedLog, group);
    m_biasSlider->setObjectName("neuronBias");
    m_biasSlider->setToolTip(tr("b, the neuron's bias: moves the step, which sits at s = −b/w"));
    m_stepCheck = new QCheckBox(tr("Step parametrisation: s and a large w"), group);
    m_stepCheck->setObjectName("stepCheck");
    m_stepCheck->setToolTip(tr("The book's switch: describe the neuron by where its step is, s = −b/w, "
                               "with a large w (1000); b = −w·s follows"));
    m_stepSlider = new ParameterSlider(tr("s"), 0, 1, 3, ParameterSlider::Scale::Linear, group);
    m_stepSlider->setObjectName("neuronStep");
    m_stepSlider->setToolTip(tr("s, the step position: b = −w·s"));
    m_stepSlider->setVisible(false);
    m_neuronReadout = new QLabel(group);
    m_neuronReadout->setObjectName("neuronReadout");
    m_neuronReadout->setWordWrap(true);

    auto* controls = new QWidget(group);
    auto* form = new QVBoxLayout(controls);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(m_functionCombo);
    form->addWidget(m_weightSlider);
    form->addWidget(m_biasSlider);
    form->addWidget(m_stepCheck);
    form->addWidget(m_stepSlider);
    form->addWidget(m_neuronReadout);
    form->addStretch();

    auto* layout = new QHBoxLayout(group);
    layout->addWidget(m_neuronPlot, 1);
    layout->addWidget(scrollingControls(controls, group));

    connect(m_functionCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setFunction(static_cast<NeuronFunction>(index)); });
    connect(m_weightSlider, &ParameterSlider::valueChanged, this, &NeuronPanel::setWeight);
    connect(m_biasSlider, &ParameterSlider::valueChanged, this, &NeuronPanel::setBias);
    connect(m_stepSlider, &ParameterSlider::valueChanged, this, &NeuronPanel::setStepPosition);
    connect(m_stepCheck, &QCheckBox::toggled, this, &NeuronPanel::setStepParametrisation);
    connect(m_neuronPlot, &DraggablePlot::handleDragged, this,
            [this](int, double x, double) { setStepPosition(std::clamp(x, 0.0, 1.0)); });
    return group;
}

QWidget* NeuronPanel::createPairSection()
{
    auto* group = new QGroupBox(tr("Two neurons: weighted output w₁a₁ + w₂a₂"), this);
    m_pairPlot = new DraggablePlot(group);
    m_pairPlot->setObjectName("pairPlot");
    m_pairPlot->setToolTip(tr("Two step neurons at s₁ and s₂ (squares: drag sideways) and their weighted "
                              "sum; with w₂ = −w₁ = −h it is a bump of height h (circle: drag up or down)"));
    styleOneInputPlot(m_pairPlot, tr("weighted output"));
    m_firstGraph = m_pairPlot->addGraph();
    m_firstGraph->setPen(QPen(palette::network.lighter(150), 1.5, Qt::DashLine));
    m_firstGraph->setName(tr("w₁a₁"));
    m_secondGraph = m_pairPlot->addGraph();
    m_secondGraph->setPen(QPen(palette::secondStep.lighter(140), 1.5, Qt::DashLine));
    m_secondGraph->setName(tr("w₂a₂"));
    m_sumGraph = m_pairPlot->addGraph();
    m_sumGraph->setPen(QPen(palette::network, 2.5));
    m_sumGraph->setName(tr("w₁a₁ + w₂a₂"));
    placeLegendAbove(m_pairPlot);

    m_pairWeightSlider = new ParameterSlider(tr("w"), 1, 10000, 1, ParameterSlider::Scale::SignedLog, group);
    m_pairWeightSlider->setValue(m_pairW);
    m_pairWeightSlider->setToolTip(tr("w, both hidden neurons' weight: large w, sharp steps"));
    m_v1Slider = new ParameterSlider(tr("w₁"), -3, 3, 2, ParameterSlider::Scale::Linear, group);
    m_v1Slider->setObjectName("outputWeight1");
    m_v1Slider->setToolTip(tr("w₁, the weight from the first hidden neuron to the output: the first step's height"));
    m_v2Slider = new ParameterSlider(tr("w₂"), -3, 3, 2, ParameterSlider::Scale::Linear, group);
    m_v2Slider->setObjectName("outputWeight2");
    m_v2Slider->setToolTip(tr("w₂, the weight from the second hidden neuron to the output"));
    m_linkCheck = new QCheckBox(tr("Bump: w₂ = −w₁ = −h"), group);
    m_linkCheck->setChecked(m_linked);
    m_linkCheck->setToolTip(tr("Tie the output weights so the pair is a bump of height h = w₁ on [s₁, s₂]"));
    m_pairReadout = new QLabel(group);
    m_pairReadout->setWordWrap(true);

    auto* controls = new QWidget(group);
    auto* form = new QVBoxLayout(controls);
    form->setContentsMargins(0, 0, 0, 0);
    form->addWidget(m_pairWeightSlider);
    form->addWidget(m_v1Slider);
    form->addWidget(m_v2Slider);
    form->addWidget(m_linkCheck);
    form->addWidget(m_pairReadout);
    form->addStretch();

    auto* layout = new QHBoxLayout(group);
    layout->addWidget(m_pairPlot, 1);
    layout->addWidget(scrollingControls(controls, group));

    connect(m_pairWeightSlider, &ParameterSlider::valueChanged, this, [this](double w) {
        m_pairW = w;
        updatePair();
    });
    connect(m_v1Slider, &ParameterSlider::valueChanged, this, [this](double v) { setOutputWeight(0, v); });
    connect(m_v2Slider, &ParameterSlider::valueChanged, this, [this](double v) { setOutputWeight(1, v); });
    connect(m_linkCheck, &QCheckBox::toggled, this, &NeuronPanel::setBumpLinked);
    connect(m_pairPlot, &DraggablePlot::handleDragged, this, [this](int id, double x, double y) {
        if (id == heightHandle) {
            const int i = m_pairPlot->indexOfHandle(id);
            setOutputWeight(0, std::clamp(m_v1 + y - m_pairPlot->handles()[i].y, -3.0, 3.0));
        } else {
            setPairStep(id, x);
        }
    });
    return group;
}

double NeuronPanel::stepPosition() const
{
    return m_w != 0.0 ? nnlab::universality::stepPosition(m_w, m_b) : std::nan("");
}

void NeuronPanel::setWeight(double w)
{
    const double s = stepPosition();
    m_w = w;
    if (m_stepMode && std::isfinite(s))
        m_b = biasForStep(m_w, s);  // the step stays where it is
    updateNeuron();
}

void NeuronPanel::setBias(double b)
{
    m_b = b;
    updateNeuron();
}

void NeuronPanel::setStepPosition(double s)
{
    if (m_w == 0.0)
        return;
    m_b = biasForStep(m_w, s);
    updateNeuron();
}

void NeuronPanel::setStepParametrisation(bool on)
{
    m_stepMode = on;
    {
        const QSignalBlocker block(m_stepCheck);
        m_stepCheck->setChecked(on);
    }
    if (on && std::abs(m_w) < 100) {
        const double s = std::isfinite(stepPosition()) ? std::clamp(stepPosition(), 0.0, 1.0) : 0.5;
        m_w = 1000;
        m_b = biasForStep(m_w, s);
    }
    m_biasSlider->setVisible(!on);
    m_stepSlider->setVisible(on);
    updateNeuron();
}

void NeuronPanel::setFunction(NeuronFunction f)
{
    m_function = f;
    {
        const QSignalBlocker block(m_functionCombo);
        m_functionCombo->setCurrentIndex(static_cast<int>(f));
    }
    updateNeuron();
}

void NeuronPanel::updateNeuron()
{
    m_weightSlider->setValue(m_w);
    m_biasSlider->setValue(m_b);
    const double s = stepPosition();
    if (std::isfinite(s))
        m_stepSlider->setValue(std::clamp(s, 0.0, 1.0));

    const QVector<double> x = xGrid();
    QVector<double> a(x.size());
    for (int i = 0; i < x.size(); ++i)
        a[i] = neuronOutput(m_function, m_w * x[i] + m_b);
    m_neuronGraph->setData(x, a, true);
    if (m_function == NeuronFunction::Sigmoid || m_function == NeuronFunction::SigmoidLike) {
        m_neuronPlot->yAxis->setRange(-0.15, 1.15);
    } else {
        const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
        const double pad = std::max(*hi - *lo, 0.5) * 0.1;
        m_neuronPlot->yAxis->setRange(std::min(*lo, 0.0) - pad, std::max(*hi, 1.0) + pad);
    }
    QVector<DraggablePlot::Handle> handles;
    if (std::isfinite(s) && s >= 0.0 && s <= 1.0)
        handles.push_back({stepHandle, DraggablePlot::Direction::Horizontal, s,
                           neuronOutput(m_function, 0.0), true, palette::network});
    m_neuronPlot->setHandles(handles);

    // How sharp: the rise from 0.1 to 0.9 takes ln 81/|w| in x for σ.
    const QString sharpness =
        m_function == NeuronFunction::Sigmoid && m_w != 0.0
            ? tr("; σ rises from 0.1 to 0.9 over Δx = ln 81/|w| = %1").arg(std::log(81.0) / std::abs(m_w), 0, 'g', 3)
            : QString();
    m_neuronReadout->setText(tr("z = wx + b = %1x %2; step at s = −b/w = %3%4.")
                                 .arg(formulaNumber(m_w, 'g', 5), formulaNumber(m_b, 'g', 5, Sign::Operator),
                                      std::isfinite(s) ? formulaNumber(s) : tr("— (w = 0)"), sharpness));
}

void NeuronPanel::setPairStep(int k, double s)
{
    // Keep s₁ < s₂ so the pair stays a bump (as the book's sliders do).
    if (k == 0)
        m_s1 = std::clamp(s, 0.0, m_s2 - 0.005);
    else
        m_s2 = std::clamp(s, m_s1 + 0.005, 1.0);
    updatePair();
}

void NeuronPanel::setOutputWeight(int k, double v)
{
    (k == 0 ? m_v1 : m_v2) = v;
    if (m_linked)
        (k == 0 ? m_v2 : m_v1) = -v;
    updatePair();
}

void NeuronPanel::setBumpLinked(bool on)
{
    m_linked = on;
    {
        const QSignalBlocker block(m_linkCheck);
        m_linkCheck->setChecked(on);
    }
    if (on)
        m_v2 = -m_v1;
    updatePair();
}

OneInputNetwork NeuronPanel::pairNetwork() const
{
    OneInputNetwork net;
    net.addNeuron({m_pairW, biasForStep(m_pairW, m_s1), m_v1});
    net.addNeuron({m_pairW, biasForStep(m_pairW, m_s2), m_v2});
    return net;
}

void NeuronPanel::updatePair()
{
    m_v1Slider->setValue(m_v1);
    m_v2Slider->setValue(m_v2);
    const OneInputNetwork net = pairNetwork();
    const QVector<double> x = xGrid();
    QVector<double> first(x.size()), second(x.size()), sum(x.size());
    for (int i = 0; i < x.size(); ++i) {
        first[i] = m_v1 * net.hiddenActivation(0, x[i]);
        second[i] = m_v2 * net.hiddenActivation(1, x[i]);
        sum[i] = net.weightedOutput(x[i]);
    }
    m_firstGraph->setData(x, first, true);
    m_secondGraph->setData(x, second, true);
    m_sumGraph->setData(x, sum, true);
    if (!m_pairPlot->isDragging()) {  // fixed while dragging, so the handle stays under the mouse
        const double reach = std::max(1.0, std::abs(m_v1) + std::abs(m_v2));
        m_pairPlot->yAxis->setRange(-1.15 * reach, 1.15 * reach);
    }

    QVector<DraggablePlot::Handle> handles{
        {firstStepHandle, DraggablePlot::Direction::Horizontal, m_s1, net.weightedOutput(m_s1), true, palette::network},
        {secondStepHandle, DraggablePlot::Direction::Horizontal, m_s2, net.weightedOutput(m_s2), true, palette::secondStep},
    };
    if (m_linked) {
        const double mid = 0.5 * (m_s1 + m_s2);
        handles.push_back({heightHandle, DraggablePlot::Direction::Vertical, mid, net.weightedOutput(mid), false,
                           palette::bumpHeight});
    }
    m_pairPlot->setHandles(handles);
    m_pairReadout->setText(
        tr("Neuron 1: w = %1, b = −w·s₁ = %2.  Neuron 2: w = %1, b = −w·s₂ = %3.%4")
            .arg(formulaNumber(m_pairW, 'g', 5), formulaNumber(biasForStep(m_pairW, m_s1), 'g', 5),
                 formulaNumber(biasForStep(m_pairW, m_s2), 'g', 5),
                 m_linked ? tr(" A bump of height h = %1 on [%2, %3].")
                                .arg(formulaNumber(m_v1, 'f', 2), formulaNumber(m_s1), formulaNumber(m_s2))
                          : QString()));
}
