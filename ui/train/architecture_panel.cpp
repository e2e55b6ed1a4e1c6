#include "ui/train/architecture_panel.h"

#include "ui/plotting/palette.h"

#include "core/nn/network_limits.h"
#include "core/train/config_fields.h"
#include "core/train/network_fit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QSpinBox>

#include <stdexcept>

using namespace nnlab;

namespace {

template <typename Enum>
void selectData(QComboBox* combo, Enum value)
{
    const int index = combo->findData(static_cast<int>(value));
    if (index >= 0)
        combo->setCurrentIndex(index);
}

template <typename Enum>
Enum currentEnum(const QComboBox* combo)
{
    return static_cast<Enum>(combo->currentData().toInt());
}

QComboBox* makeCombo(const char* name, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(name);
    return combo;
}

}  // namespace

ArchitecturePanel::ArchitecturePanel(QWidget* parent)
    : QGroupBox(tr("Network and data"), parent), m_layers(new QLineEdit(this)), m_shapes(new QLabel(this)),
      m_hidden(makeCombo("hiddenCombo", this)), m_output(makeCombo("outputCombo", this)),
      m_cost(makeCombo("costCombo", this)), m_init(makeCombo("initCombo", this)),
      m_dataset(makeCombo("datasetCombo", this)), m_trainingSize(new QSpinBox(this)),
      m_shifts(new QCheckBox(tr("shifts"), this)), m_rotation(new QDoubleSpinBox(this))
{
    m_layers->setObjectName("layersEdit");
    m_layers->setPlaceholderText("784, 30, 10");
    m_layers->setToolTip(
        tr("<p>The layer sizes, as the book writes Network([784, 30, 10]): 784 input neurons (one "
           "per pixel of a 28×28 image), hidden layers, and 10 output neurons (one per digit).</p>"
           "<p>Chapter 5 adds hidden layers: 784, 30, 30, 30, 10. Chapter 6 puts convolution and "
           "max-pooling layers after the input: 784, conv20x5, pool2, 100, 10 is 20 feature maps "
           "with 5×5 local receptive fields, then 2×2 max-pooling.</p>"));

    m_hidden->addItem(tr("sigmoid σ"), int(Activation::Sigmoid));
    m_hidden->addItem(tr("tanh"), int(Activation::Tanh));
    m_hidden->addItem(tr("ReLU"), int(Activation::ReLU));
    m_hidden->setToolTip(
        tr("<p>The hidden neurons' activation function: a = σ(z), z = w·a′ + b.</p>"
           "<p><b>sigmoid</b> σ(z) = 1/(1 + e<sup>−z</sup>) (chapter 1); <b>tanh</b> and "
           "<b>ReLU</b> max(0, z) are chapter 3's and 6's alternatives.</p>"));

    m_output->addItem(tr("sigmoid σ"), int(Activation::Sigmoid));
    m_output->addItem(tr("softmax"), int(Activation::Softmax));
    m_output->setToolTip(
        tr("<p>The output layer: sigmoid neurons, or a <b>softmax</b> layer "
           "a<sub>j</sub> = e<sup>z<sub>j</sub></sup>/Σ<sub>k</sub> e<sup>z<sub>k</sub></sup> whose "
           "outputs form a probability distribution (chapter 3, eq. 78). Softmax goes with the "
           "log-likelihood cost.</p>"));

    m_cost->addItem(tr("quadratic"), int(Cost::Quadratic));
    m_cost->addItem(tr("cross-entropy"), int(Cost::CrossEntropy));
    m_cost->addItem(tr("log-likelihood"), int(Cost::LogLikelihood));
    m_cost->setToolTip(
        tr("<p>The cost C the network minimises:</p><ul>"
           "<li><b>quadratic</b> C = (1/2n) Σ<sub>x</sub> ‖y(x) − a‖² (chapter 1, eq. 6)</li>"
           "<li><b>cross-entropy</b> C = −(1/n) Σ<sub>x</sub> Σ<sub>j</sub> [y ln a + (1−y) ln(1−a)] "
           "(chapter 3, eq. 63): no learning slowdown from saturated sigmoid outputs</li>"
           "<li><b>log-likelihood</b> C = −ln a<sup>L</sup><sub>y</sub> (eq. 80), with a softmax "
           "output</li></ul>"));

    m_init->addItem(tr("large: N(0, 1)"), int(Initialisation::Large));
    m_init->addItem(tr("scaled: N(0, 1/n_in)"), int(Initialisation::Scaled));
    m_init->addItem(tr("network3.py: N(0, 1/n_out)"), int(Initialisation::Network3));
    m_init->setToolTip(
        tr("<p>How the weights start. <b>Large</b>: every weight and bias ~ N(0, 1), as in "
           "chapter 1. <b>Scaled</b>: weights ~ N(0, 1/n<sub>in</sub>), so z is not so wide that "
           "hidden neurons start saturated (chapter 3, \"weight initialization\"). "
           "<b>network3.py</b>: as the book's chapter 6 code, weights ~ N(0, 1/n<sub>out</sub>) (a conv "
           "layer's n<sub>out</sub> = maps·k²/p², p the pooling after it) and a softmax output layer "
           "starting at zero.</p>"));

    m_dataset->addItem(tr("MNIST digits"), int(DatasetKind::Mnist));
    m_dataset->addItem(tr("Fashion-MNIST"), int(DatasetKind::Fashion));
    m_dataset->setToolTip(
        tr("<p>The images: MNIST's handwritten digits (the book's data), or Fashion-MNIST's "
           "clothes, a harder drop-in replacement of the same shape.</p>"));

    m_trainingSize->setObjectName("trainingSizeSpin");
    m_trainingSize->setRange(int(configField("training_size")->min), int(configField("training_size")->max));
    m_trainingSize->setSingleStep(1000);
    m_trainingSize->setGroupSeparatorShown(true);
    m_trainingSize->setToolTip(
        tr("<p>The training-set size <b>n</b>: train on the first n of the 50,000 training images. "
           "Chapter 3 uses n = 1,000 to show overfitting: a network that memorises its training "
           "set stops improving on the test set.</p>"));

    m_shifts->setObjectName("shiftsCheck");
    m_shifts->setToolTip(tr("<p>Chapter 6's expanded training data: every training image also shifted "
                            "by one pixel up, down, left and right, five times the images per epoch. "
                            "The copies are made on the fly.</p>"));
    m_rotation->setObjectName("rotationSpin");
    m_rotation->setRange(configField("rotation_degrees")->min, configField("rotation_degrees")->max);
    m_rotation->setDecimals(1);
    m_rotation->setSingleStep(5.0);
    m_rotation->setPrefix(tr("rotations ±"));
    m_rotation->setSuffix(tr("°"));
    m_rotation->setSpecialValueText(tr("no rotations"));
    m_rotation->setToolTip(tr("<p>Expanded training data: also every training image rotated by +θ "
                              "and −θ degrees about its centre (chapter 6 suggests rotations as "
                              "another way to expand the data).</p>"));
    auto* expansion = new QHBoxLayout;
    expansion->addWidget(m_shifts);
    expansion->addWidget(m_rotation, 1);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Layers:"), m_layers);
    m_shapes->setObjectName("layerShapes");
    m_shapes->setWordWrap(true);
    m_shapes->setToolTip(tr("What each layer outputs (maps × height × width for convolution and "
                            "pooling) and how many weights and biases the network has; or, in red, "
                            "what is wrong with the layers"));
    form->addRow(QString(), m_shapes);
    connect(this, &ArchitecturePanel::changed, this, [this] {
        nnlab::TrainConfig config;
        const QString problem = layersProblem();
        applyTo(config);
        m_shapes->setText(problem.isEmpty() ? describeShapes(config.net) : tr("⚠ %1").arg(problem));
        m_shapes->setStyleSheet(problem.isEmpty() ? QString("color: palette(mid);")
                                                  : palette::textStyle(palette::errorText));
    });
    form->addRow(tr("Hi&dden:"), m_hidden);
    form->addRow(tr("&Output:"), m_output);
    form->addRow(tr("&Cost C:"), m_cost);
    form->addRow(tr("&Init:"), m_init);
    form->addRow(tr("Datase&t:"), m_dataset);
    form->addRow(tr("Training &n:"), m_trainingSize);
    form->addRow(tr("E&xpand:"), expansion);

    connect(m_layers, &QLineEdit::textChanged, this, &ArchitecturePanel::changed);
    for (QComboBox* combo : {m_hidden, m_output, m_cost, m_init, m_dataset})
        connect(combo, &QComboBox::currentIndexChanged, this, &ArchitecturePanel::changed);
    connect(m_trainingSize, &QSpinBox::valueChanged, this, &ArchitecturePanel::changed);
    connect(m_shifts, &QCheckBox::toggled, this, &ArchitecturePanel::changed);
    connect(m_rotation, &QDoubleSpinBox::valueChanged, this, &ArchitecturePanel::changed);

    setConfig(TrainConfig{});
}

QString ArchitecturePanel::applyTo(TrainConfig& config) const
{
    config.net.hidden = currentEnum<Activation>(m_hidden);
    config.net.output = currentEnum<Activation>(m_output);
    config.net.cost = currentEnum<Cost>(m_cost);
    config.init = currentEnum<Initialisation>(m_init);
    config.dataset = currentEnum<DatasetKind>(m_dataset);
    config.trainingSize = m_trainingSize->value();
    config.expansion.shifts = m_shifts->isChecked();
    config.expansion.rotationDegrees = float(m_rotation->value());
    return parseLayers(m_layers->text(), config.net);
}

void ArchitecturePanel::setConfig(const TrainConfig& config)
{
    {
        const QSignalBlocker blockers[] = {QSignalBlocker(m_layers), QSignalBlocker(m_hidden),
                                           QSignalBlocker(m_output), QSignalBlocker(m_cost),
                                           QSignalBlocker(m_init), QSignalBlocker(m_dataset),
                                           QSignalBlocker(m_trainingSize), QSignalBlocker(m_shifts),
                                           QSignalBlocker(m_rotation)};
        m_layers->setText(formatLayers(config.net));
        m_layers->setCursorPosition(0);   // a long stack (chapter 6) shows its input end, not its tail
        selectData(m_hidden, config.net.hidden);
        selectData(m_output, config.net.output);
        selectData(m_cost, config.net.cost);
        selectData(m_init, config.init);
        selectData(m_dataset, config.dataset);
        m_trainingSize->setValue(config.trainingSize);
        m_shifts->setChecked(config.expansion.shifts);
        m_rotation->setValue(config.expansion.rotationDegrees);
    }
    emit changed();
}

QString ArchitecturePanel::parseLayers(const QString& text, NetworkSpec& spec)
{
    QString t = text.trimmed();
    if (t.startsWith('[') && t.endsWith(']'))
        t = t.mid(1, t.size() - 2);
    static const QRegularExpression separators(R"([\s,;\-–]+)");
    const QString normalised = t.split(separators, Qt::SkipEmptyParts).join(',');
    try {
        parseArchitecture(normalised.toStdString(), spec);
    } catch (const std::invalid_argument& e) {
        return tr("layers: %1").arg(QString::fromStdString(e.what()));
    }
    return {};
}

QString ArchitecturePanel::layersProblem() const
{
    TrainConfig config;
    if (const QString problem = applyTo(config); !problem.isEmpty())
        return problem;
    if (const std::string problem = fitProblem(config.net.sizes.front(), config.net.sizes.back()); !problem.empty())
        return QString::fromStdString(problem);
    // The layers alone: the output and cost are other fields' business (they have their own check).
    NetworkSpec layers = config.net;
    layers.output = Activation::Sigmoid;
    layers.cost = Cost::CrossEntropy;
    try {
        validate(layers);
    } catch (const std::invalid_argument& e) {
        return tr("layers: %1").arg(QString::fromStdString(e.what()));
    }
    return {};
}

QString ArchitecturePanel::describeShapes(const NetworkSpec& spec)
{
    // Measured, not built: a network typed here is only allocated when it is trained.
    nnlab::NetworkSize size;
    try {
        size = nnlab::measureNetwork(spec);
    } catch (const std::invalid_argument&) {
        return {};   // the spec's own problem is shown where it is checked
    }
    QStringList shapes{QString::number(size.inputs)};
    for (const nnlab::MeasuredLayer& layer : size.layers)
        shapes << (layer.kind == nnlab::LayerSize::Kind::FullyConnected
                       ? QString::number(layer.outputs)
                       : QString("%1×%2×%3").arg(layer.output.channels).arg(layer.output.height).arg(layer.output.width));
    return tr("%1 · %L2 parameters").arg(shapes.join(" → ")).arg(size.parameters);
}

QString ArchitecturePanel::formatLayers(const NetworkSpec& spec)
{
    return QString::fromStdString(formatArchitecture(spec)).replace(',', ", ");
}
