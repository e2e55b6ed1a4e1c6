#include "ui/backprop/tiny_net_panel.h"

#include "ui/backprop/backprop_step_panel.h"
#include "ui/common/split_panes.h"
#include "ui/plotting/palette.h"

#include "core/nn/dense_layer.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace {

std::optional<std::vector<float>> parseNumbers(const QString& text)
{
    std::vector<float> numbers;
    for (const QString& part : text.split(QRegularExpression("[,;\\s]+"), Qt::SkipEmptyParts)) {
        bool ok = false;
        const float v = QString(part).replace(QChar(0x2212), '-').toFloat(&ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        numbers.push_back(v);
    }
    return numbers;
}

QString joinNumbers(const Eigen::VectorXf& v)
{
    QStringList parts;
    for (int i = 0; i < v.size(); ++i)
        parts << QString::number(v(i), 'g', 4);
    return parts.join(", ");
}

}  // namespace

TinyNetPanel::TinyNetPanel(QWidget* parent)
    : QWidget(parent), m_sizesEdit(new QLineEdit("2,3,2", this)), m_costCombo(new QComboBox(this)),
      m_xEdit(new QLineEdit(this)), m_yEdit(new QLineEdit(this)), m_seedSpin(new QSpinBox(this)),
      m_parameterName(new QLabel(this)), m_parameterSpin(new QDoubleSpinBox(this)), m_error(new QLabel(this)),
      m_diagram(new NetworkDiagram(this)), m_steps(new BackpropStepPanel(this))
{
    m_sizesEdit->setObjectName("sizesEdit");
    m_sizesEdit->setToolTip(tr("The layer sizes n¹, n², …, nᴸ, input first, e.g. 2,3,2 (2 to 5 layers of 1 to 8 "
                               "neurons). Sigmoid neurons σ(z) = 1/(1 + e⁻ᶻ) throughout"));
    m_sizesEdit->setMaximumWidth(110);
    m_costCombo->setObjectName("costCombo");
    m_costCombo->addItem(tr("quadratic C = ½‖y − aᴸ‖²"), int(nnlab::Cost::Quadratic));
    m_costCombo->addItem(tr("cross-entropy"), int(nnlab::Cost::CrossEntropy));
    m_costCombo->setToolTip(tr("The cost C for this one example. Quadratic: ∇ₐC = aᴸ − y, so BP1 gives "
                               "δᴸ = (aᴸ − y) ⊙ σ′(zᴸ). Cross-entropy: C = −Σⱼ [yⱼ ln aⱼᴸ + (1 − yⱼ) ln(1 − aⱼᴸ)], "
                               "whose σ′(zᴸ) cancels: δᴸ = aᴸ − y (eq. 66)"));
    m_xEdit->setObjectName("xEdit");
    m_xEdit->setToolTip(tr("The input x = a¹, one number per input neuron"));
    m_xEdit->setMaximumWidth(130);
    m_yEdit->setObjectName("yEdit");
    m_yEdit->setToolTip(tr("The desired output y(x), one number per output neuron"));
    m_yEdit->setMaximumWidth(110);
    m_seedSpin->setObjectName("seedSpin");
    m_seedSpin->setRange(1, 99999);
    m_seedSpin->setValue(int(m_seed));
    m_seedSpin->setToolTip(tr("The seed the weights wˡⱼₖ and biases bˡⱼ are drawn from, each ~ N(0, 1) (chapter 1)"));
    auto* reseedButton = new QPushButton(tr("Re-seed"), this);
    reseedButton->setObjectName("reseedButton");
    reseedButton->setToolTip(tr("Draw every weight and bias afresh from a new seed, ~ N(0, 1)"));
    m_parameterName->setObjectName("parameterName");
    m_parameterName->setMinimumWidth(40);
    m_parameterSpin->setObjectName("parameterSpin");
    m_parameterSpin->setRange(-20.0, 20.0);
    m_parameterSpin->setDecimals(3);
    m_parameterSpin->setSingleStep(0.05);
    m_parameterSpin->setEnabled(false);
    m_parameterSpin->setToolTip(tr("The value of the chosen weight wˡⱼₖ or bias bˡⱼ (click an edge or a neuron "
                                   "in the diagram to choose one)"));
    m_error->setObjectName("errorLabel");
    m_error->setStyleSheet(palette::textStyle(palette::errorText));

    // Two rows, so that a 1024-pixel-wide window shows every word: the network and its example;
    // then its parameters (drawn from a seed, or one picked in the diagram and edited).
    auto* network = new QHBoxLayout;
    network->addWidget(new QLabel(tr("sizes"), this));
    network->addWidget(m_sizesEdit);
    network->addWidget(m_costCombo);
    network->addWidget(new QLabel(tr("x ="), this));
    network->addWidget(m_xEdit);
    network->addWidget(new QLabel(tr("y ="), this));
    network->addWidget(m_yEdit);
    network->addStretch();
    auto* parameters = new QHBoxLayout;
    parameters->addWidget(new QLabel(tr("seed"), this));
    parameters->addWidget(m_seedSpin);
    parameters->addWidget(reseedButton);
    parameters->addSpacing(12);
    parameters->addWidget(m_parameterName);
    parameters->addWidget(m_parameterSpin);
    parameters->addStretch();

    QSplitter* splitter = splitPanes(Qt::Horizontal, m_diagram, 3, m_steps, 2, this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(network);
    layout->addLayout(parameters);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);
    m_error->hide();

    // Only text the user changed is applied: editingFinished also comes with every loss of focus,
    // including while the window closes.
    for (auto [edit, apply] : {std::pair{m_sizesEdit, &TinyNetPanel::setSizes}, std::pair{m_xEdit, &TinyNetPanel::setInput},
                               std::pair{m_yEdit, &TinyNetPanel::setTarget}})
        connect(edit, &QLineEdit::editingFinished, this, [this, edit = edit, apply = apply] {   // clang 14 can't capture bindings
            if (!edit->isModified())
                return;
            edit->setModified(false);
            (this->*apply)(edit->text());
        });
    connect(m_costCombo, &QComboBox::currentIndexChanged, this,
            [this] { setCost(nnlab::Cost(m_costCombo->currentData().toInt())); });
    connect(m_seedSpin, &QSpinBox::valueChanged, this, [this](int seed) { reseed(std::uint64_t(seed)); });
    connect(reseedButton, &QPushButton::clicked, this,
            [this] { m_seedSpin->setValue(int(QRandomGenerator::global()->bounded(1, 99999))); });
    connect(m_parameterSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (const auto p = m_diagram->selected(); p && parameter(*p) != float(value))
            setParameter(*p, value);
    });
    connect(m_diagram, &NetworkDiagram::parameterSelected, this, [this](NetworkDiagram::Parameter p) { select(p); });
    connect(m_diagram, &NetworkDiagram::parameterDragged, this, &TinyNetPanel::setParameter);
    connect(m_steps, &BackpropStepPanel::doneChanged, this, [this](int done) { m_diagram->setTrace(m_trace, done); });

    // The book's kind of example: an input and a one-hot target.
    m_x = (Eigen::VectorXf(2) << 0.8f, 0.3f).finished();
    m_y = (Eigen::VectorXf(2) << 1.0f, 0.0f).finished();
    rebuild();
}

bool TinyNetPanel::setSizes(const QString& text)
{
    const auto numbers = parseNumbers(text);
    QString problem;
    if (!numbers || numbers->size() < 2 || numbers->size() > 5)
        problem = tr("Sizes: 2 to 5 numbers, input first, like 2,3,2");
    else
        for (float n : *numbers)
            if (n != std::floor(n) || n < 1 || n > 8)
                problem = tr("Sizes: each layer has 1 to 8 neurons here (the 784-30-10 network is in the next tab)");
    if (!problem.isEmpty()) {
        showError(problem);
        return false;
    }
    m_sizes.assign(numbers->begin(), numbers->end());
    // Keep x and y where they still fit; pad new entries with 0.5 (x) and 0 (y).
    Eigen::VectorXf x = Eigen::VectorXf::Constant(m_sizes.front(), 0.5f), y = Eigen::VectorXf::Zero(m_sizes.back());
    x.head(std::min<int>(x.size(), m_x.size())) = m_x.head(std::min<int>(x.size(), m_x.size()));
    y.head(std::min<int>(y.size(), m_y.size())) = m_y.head(std::min<int>(y.size(), m_y.size()));
    m_x = x;
    m_y = y;
    rebuild();
    return true;
}

bool TinyNetPanel::setInput(const QString& text)
{
    const auto numbers = parseNumbers(text);
    if (!numbers || int(numbers->size()) != m_sizes.front()) {
        showError(tr("x needs %1 numbers, one per input neuron").arg(m_sizes.front()));
        return false;
    }
    m_x = Eigen::Map<const Eigen::VectorXf>(numbers->data(), Eigen::Index(numbers->size()));
    retrace();
    return true;
}

bool TinyNetPanel::setTarget(const QString& text)
{
    const auto numbers = parseNumbers(text);
    if (!numbers || int(numbers->size()) != m_sizes.back()) {
        showError(tr("y needs %1 numbers, one per output neuron").arg(m_sizes.back()));
        return false;
    }
    if (m_cost == nnlab::Cost::CrossEntropy)
        for (float v : *numbers)
            if (v < 0.0f || v > 1.0f) {
                showError(tr("For the cross-entropy cost each yⱼ lies in [0, 1]"));
                return false;
            }
    m_y = Eigen::Map<const Eigen::VectorXf>(numbers->data(), Eigen::Index(numbers->size()));
    retrace();
    return true;
}

void TinyNetPanel::setCost(nnlab::Cost cost)
{
    m_cost = cost;
    const int index = m_costCombo->findData(int(cost));
    if (index != m_costCombo->currentIndex())
        m_costCombo->setCurrentIndex(index);
    if (cost == nnlab::Cost::CrossEntropy)
        m_y = m_y.cwiseMax(0.0f).cwiseMin(1.0f);
    // The same weights with the other cost: only BP1 (and what follows from it) changes.
    auto* keep = m_net.get();
    if (keep) {
        std::vector<std::unique_ptr<nnlab::Layer>> layers;
        for (int l = 0; l < keep->layerCount(); ++l)
            layers.push_back(keep->layer(l).clone());
        m_net = std::make_unique<nnlab::Network>(std::move(layers), cost);
        retrace();
    }
}

void TinyNetPanel::reseed(std::uint64_t seed)
{
    m_seed = seed;
    if (m_seedSpin->value() != int(seed)) {
        const QSignalBlocker block(m_seedSpin);
        m_seedSpin->setValue(int(seed));
    }
    rebuild();
}

void TinyNetPanel::rebuild()
{
    std::mt19937_64 rng(m_seed);
    nnlab::NetworkSpec spec{m_sizes, nnlab::Activation::Sigmoid, nnlab::Activation::Sigmoid, m_cost, 0.0f};
    m_net = std::make_unique<nnlab::Network>(nnlab::makeNetwork(spec, nnlab::Initialisation::Large, rng));
    QStringList sizes;
    for (int n : m_sizes)
        sizes << QString::number(n);
    m_sizesEdit->setText(sizes.join(","));
    select(std::nullopt);
    retrace();
}

void TinyNetPanel::retrace()
{
    m_error->hide();
    m_xEdit->setText(joinNumbers(m_x));
    m_yEdit->setText(joinNumbers(m_y));
    m_trace = nnlab::backprop::traceBackprop(*m_net, m_x, m_y);
    m_diagram->setNetwork(*m_net);
    m_steps->setTrace(m_trace);
    m_diagram->setTrace(m_trace, m_steps->done());
    emit networkChanged();
}

double TinyNetPanel::parameter(const NetworkDiagram::Parameter& p) const
{
    const auto& layer = dynamic_cast<const nnlab::DenseLayer&>(m_net->layer(p.layer - 2));
    return p.isBias() ? layer.biases()(p.j) : layer.weights()(p.j, p.k);
}

void TinyNetPanel::setParameter(const NetworkDiagram::Parameter& p, double value)
{
    if (p.layer < 2 || p.layer > int(m_sizes.size()))
        return;
    auto& layer = dynamic_cast<nnlab::DenseLayer&>(m_net->layer(p.layer - 2));
    (p.isBias() ? layer.biases()(p.j) : layer.weights()(p.j, p.k)) = float(value);
    if (m_diagram->selected() == p) {
        const QSignalBlocker block(m_parameterSpin);
        m_parameterSpin->setValue(value);
    }
    retrace();
}

void TinyNetPanel::select(std::optional<NetworkDiagram::Parameter> p)
{
    m_diagram->setSelected(p);
    m_parameterSpin->setEnabled(bool(p));
    m_parameterName->setText(p ? NetworkDiagram::parameterName(*p) + " =" : tr("click a weight or bias:"));
    if (p) {
        const QSignalBlocker block(m_parameterSpin);
        m_parameterSpin->setValue(parameter(*p));
    }
}

void TinyNetPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
}

QString TinyNetPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}
