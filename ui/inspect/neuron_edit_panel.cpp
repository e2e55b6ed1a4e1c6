#include "ui/inspect/neuron_edit_panel.h"

#include "ui/bridge/background_jobs.h"
#include "ui/common/export_location.h"
#include "ui/inspect/weight_painter.h"
#include "ui/plotting/palette.h"

#include "core/io/model_file.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

namespace {

constexpr int kScaleSteps = 100;   // the slider's units: s = value / 100, 0 … 3

}  // namespace

NeuronEditPanel::NeuronEditPanel(QWidget* parent)
    : QGroupBox(tr("Change a neuron, see what it did"), parent), m_jobs(new BackgroundJobs(this)),
      m_title(new QLabel(this)), m_painter(new WeightPainter(this)), m_silence(new QCheckBox(tr("Silence"), this)),
      m_negate(new QCheckBox(tr("Negate w"), this)), m_scale(new QSlider(Qt::Horizontal, this)),
      m_scaleLabel(new QLabel(this)), m_brush(new QSpinBox(this)), m_resetNeuron(new QPushButton(tr("Reset neuron"), this)),
      m_resetAll(new QPushButton(tr("Reset all"), this)), m_save(new QPushButton(tr("Save as model…"), this)),
      m_changes(new QLabel(this)), m_accuracy(new QLabel(this)), m_saveStatus(new QLabel(this))
{
    m_title->setWordWrap(true);
    m_painter->setToolTip(tr("The neuron's incoming weights w<sub>jk</sub>, one per input pixel k (a filter's: "
                             "one per kernel position). Paint on them: the left button raises the w<sub>jk</sub> "
                             "under the brush, the right button lowers them."));
    m_silence->setToolTip(tr("Nothing after the neuron reads its output: its outgoing weights "
                             "w<sup>l+1</sup><sub>ij</sub> become 0 for every i, so the network computes what it "
                             "would with a<sub>j</sub> = 0 — as if the neuron were removed."));
    m_negate->setToolTip(tr("w'<sub>j</sub> = −w<sub>j</sub>: z<sub>j</sub> = −w<sub>j</sub>·x + b<sub>j</sub>, the "
                            "neuron now answers to the opposite of what it learnt (its bias b<sub>j</sub> stays)."));
    m_scale->setRange(0, 3 * kScaleSteps);
    m_scale->setPageStep(kScaleSteps / 4);
    m_scale->setValue(kScaleSteps);
    m_scale->setToolTip(tr("w'<sub>j</sub> = s·w<sub>j</sub>, s from 0 to 3: z<sub>j</sub> = s·(w<sub>j</sub>·x) + "
                           "b<sub>j</sub>. s = 0 leaves the neuron its bias alone; its bias b<sub>j</sub> is not "
                           "scaled."));
    m_scaleLabel->setMinimumWidth(m_scaleLabel->fontMetrics().horizontalAdvance(QStringLiteral("s = 3.00")));
    m_brush->setRange(0, 4);
    m_brush->setValue(1);
    m_brush->setToolTip(tr("How far from the pixel under the mouse the brush reaches: 0 is that pixel alone"));
    m_resetNeuron->setToolTip(tr("This neuron's trained weights back"));
    m_resetAll->setToolTip(tr("Every neuron's trained weights back"));
    m_save->setToolTip(tr("Write the changed network to a new model file, which the model selectors and "
                          "nnlab-cli read like any other"));
    m_changes->setWordWrap(true);
    m_accuracy->setWordWrap(true);
    m_accuracy->setTextFormat(Qt::RichText);
    m_accuracy->setToolTip(tr("The share of the 10,000 test images whose largest output a<sup>L</sup><sub>j</sub> is "
                              "their label: the trained network's, then the changed one's"));
    m_saveStatus->setWordWrap(true);

    // Narrow enough for Inspect's left column at 1024 pixels: the image with the switches and
    // resets beside it, the sliders under it.
    auto* hint = new QLabel(tr("Paint: left button raises w, right lowers"), this);
    hint->setStyleSheet(palette::textStyle(palette::hintText));
    hint->setWordWrap(true);
    auto* controls = new QVBoxLayout;
    controls->addWidget(m_silence);
    controls->addWidget(m_negate);
    controls->addWidget(m_resetNeuron);
    controls->addWidget(m_resetAll);
    controls->addStretch(1);
    controls->addWidget(hint);
    auto* scaleRow = new QHBoxLayout;
    scaleRow->addWidget(new QLabel(tr("Scale w:"), this));
    scaleRow->addWidget(m_scale, 1);
    scaleRow->addWidget(m_scaleLabel);
    auto* brushRow = new QHBoxLayout;
    brushRow->addWidget(new QLabel(tr("Brush radius:"), this));
    brushRow->addWidget(m_brush);
    brushRow->addStretch(1);
    brushRow->addWidget(m_save);

    auto* layout = new QGridLayout(this);
    // What the changes did first, then what they are.
    layout->addWidget(m_accuracy, 0, 0, 1, 2);
    layout->addWidget(m_title, 1, 0, 1, 2);
    layout->addWidget(m_painter, 2, 0, Qt::AlignTop);
    layout->addLayout(controls, 2, 1);
    layout->addLayout(scaleRow, 3, 0, 1, 2);
    layout->addLayout(brushRow, 4, 0, 1, 2);
    layout->addWidget(m_changes, 5, 0, 1, 2);
    layout->addWidget(m_saveStatus, 6, 0, 1, 2);
    layout->setColumnStretch(1, 1);

    m_applyTimer.setSingleShot(true);
    m_applyTimer.setInterval(applyIntervalMs);
    connect(&m_applyTimer, &QTimer::timeout, this, [this] {
        if (!m_applied)
            apply();
    });
    connect(m_silence, &QCheckBox::toggled, this, [this](bool on) {
        if (m_edits && m_edits->canSilence()) {
            m_edits->setSilenced(m_neuron, on);
            changed();
        }
    });
    connect(m_negate, &QCheckBox::toggled, this, [this](bool on) {
        if (m_edits) {
            m_edits->setNegated(m_neuron, on);
            changed();
        }
    });
    connect(m_scale, &QSlider::valueChanged, this, [this](int value) {
        if (m_edits) {
            m_edits->setScale(m_neuron, float(value) / kScaleSteps);
            changed();
        }
    });
    connect(m_painter, &WeightPainter::stroked, this, &NeuronEditPanel::paintAt);
    connect(m_resetNeuron, &QPushButton::clicked, this, [this] {
        if (m_edits) {
            m_edits->reset(m_neuron);
            changed();
        }
    });
    connect(m_resetAll, &QPushButton::clicked, this, [this] {
        if (m_edits) {
            m_edits->resetAll();
            changed();
        }
    });
    connect(m_save, &QPushButton::clicked, this, &NeuronEditPanel::askSaveFile);
    connect(this, &NeuronEditPanel::saved, this, [this](const QString& path, const QString& error) {
        m_save->setEnabled(m_edits.has_value());
        if (error.isEmpty()) {
            m_saveStatus->setStyleSheet(palette::textStyle(palette::statusText));
            // The name alone: a long path would widen the panel (the status bar has all of it).
            m_saveStatus->setText(tr("Saved as %1").arg(QFileInfo(path).fileName()));
            m_saveStatus->setToolTip(path);
            announceSaved(this, tr("Saved the edited network to %1"), path);
        } else {
            m_saveStatus->setStyleSheet(palette::textStyle(palette::errorText));
            m_saveStatus->setText(error.section('\n', 0, 0));
        }
    });
    setNetwork(nullptr);
}

void NeuronEditPanel::setNetwork(std::shared_ptr<const nnlab::Network> trained)
{
    m_applyTimer.stop();
    m_applied = true;
    m_edited = trained;
    m_edits.reset();
    if (trained) {
        try {
            m_edits.emplace(trained);
        } catch (const std::exception&) {
            // A first layer without weights (pooling): nothing to change; said below.
        }
    }
    m_neuron = 0;
    // A filter's 5 × 5 kernel: a pixel is a fifth of it, so the brush starts at one pixel.
    m_brush->setValue(m_edits && m_edits->isConvolution() ? 0 : 1);
    m_saveStatus->clear();
    m_accuracy->clear();
    showNeuron();
}

std::shared_ptr<const nnlab::Network> NeuronEditPanel::editedNetwork()
{
    if (!m_applied)
        apply();
    return m_edited;
}

void NeuronEditPanel::selectNeuron(int j)
{
    if (!m_edits || j < 0 || j >= m_edits->neuronCount())
        return;
    m_neuron = j;
    showNeuron();
    emit neuronChosen(j);
}

void NeuronEditPanel::showNeuron()
{
    const bool editable = m_edits.has_value();
    for (QWidget* w : std::initializer_list<QWidget*>{m_negate, m_scale, m_brush, m_resetNeuron, m_resetAll, m_save,
                                                     m_painter})
        w->setEnabled(editable);
    m_silence->setEnabled(editable && m_edits->canSilence());
    const QSignalBlocker blockSilence(m_silence), blockNegate(m_negate), blockScale(m_scale);
    if (!editable) {
        m_title->setText(m_edited ? tr("This network's first layer has no weights to change.")
                                  : tr("No network yet."));
        m_painter->setWeights({}, 1.0f);
        m_silence->setChecked(false);
        m_negate->setChecked(false);
        m_scale->setValue(kScaleSteps);
        m_scaleLabel->setText(QStringLiteral("s = 1.00"));
        m_changes->clear();
        return;
    }
    const nnlab::NeuronChange& change = m_edits->change(m_neuron);
    m_title->setText(m_edits->isConvolution()
                         ? tr("<b>Filter %1</b> of the first convolution (%2 filters of %3 × %3): click "
                              "a tile above for another.")
                               .arg(m_neuron)
                               .arg(m_edits->neuronCount())
                               .arg(m_edits->imageCols())
                         : tr("<b>Neuron %1</b> of the first hidden layer (%2 neurons): click a tile above for "
                              "another.")
                               .arg(m_neuron)
                               .arg(m_edits->neuronCount()));
    m_silence->setChecked(change.silenced);
    m_negate->setChecked(change.negated);
    m_scale->setValue(int(std::lround(change.scale * kScaleSteps)));
    m_scaleLabel->setText(QStringLiteral("s = %1").arg(change.scale, 0, 'f', 2));
    // Drawn at the trained weights' largest |w_jk|: scaling shows as fading or saturating.
    const float largest = m_edits->trainedWeights(m_neuron).cwiseAbs().maxCoeff();
    m_painter->setWeights(m_edits->weightImage(m_neuron), largest);
    const QString list = changesText();
    m_changes->setText(m_edits->isEdited() ? tr("Changed: %1").arg(list) : list);
}

QString NeuronEditPanel::changesText() const
{
    if (!m_edits || !m_edits->isEdited())
        return tr("No changes: the trained weights.");
    QStringList neurons;
    for (int j : m_edits->changedNeurons()) {
        const nnlab::NeuronChange& c = m_edits->change(j);
        QStringList parts;
        if (c.silenced)
            parts << tr("silenced");
        if (c.scale != 1.0f)
            parts << tr("weights ×%1%2").arg(c.negated ? QStringLiteral("−") : QString()).arg(double(c.scale), 0, 'g', 3);
        else if (c.negated)
            parts << tr("weights negated");
        if (c.painted.size() && !c.painted.isZero(0.0f))
        {
            const int n = int((c.painted.array() != 0.0f).count());
            parts << (n == 1 ? tr("1 weight painted") : tr("%1 weights painted").arg(n));
        }
        neurons << (m_edits->isConvolution() ? tr("filter %1 %2") : tr("neuron %1 %2")).arg(j).arg(parts.join(", "));
    }
    return neurons.join("; ");
}

void NeuronEditPanel::showAccuracy(const QString& text)
{
    m_accuracy->setText(text);
}

QString NeuronEditPanel::accuracyText() const
{
    return m_accuracy->text();
}

void NeuronEditPanel::paintAt(int row, int col, int direction)
{
    if (!m_edits)
        return;
    float largest = m_edits->trainedWeights(m_neuron).cwiseAbs().maxCoeff();
    if (!(largest > 0.0f))
        largest = 1.0f;   // an all-zero neuron: paint in units of 1
    m_edits->paint(m_neuron, row, col, m_brush->value(), float(direction) * paintStep * largest);
    changed();
}

void NeuronEditPanel::changed()
{
    showNeuron();
    m_applied = false;
    // The first change applies at once; more within applyIntervalMs wait for the timer (the last
    // one always applies).
    if (!m_applyTimer.isActive())
        apply();
}

void NeuronEditPanel::apply()
{
    if (!m_edits)
        return;
    m_edited = m_edits->isEdited() ? std::make_shared<const nnlab::Network>(m_edits->apply()) : m_edits->trained();
    m_applied = true;
    m_applyTimer.start();
    emit networkEdited(m_edited);
}

void NeuronEditPanel::askSaveFile()
{
    const QString path = ::askSaveFile(this, ExportKind::Model, tr("Save the edited network"),
                                       QStringLiteral("edited-model.json"), tr("Models (*.json)"));
    if (!path.isEmpty())
        saveTo(path);
}

void NeuronEditPanel::saveTo(const QString& path)
{
    const auto net = editedNetwork();
    if (!net)
        return;
    m_save->setEnabled(false);
    m_saveStatus->setStyleSheet(palette::textStyle(palette::statusText));
    m_saveStatus->setText(tr("Saving…"));
    m_jobs->run<QString>(
        [net, path] {
            try {
                nnlab::saveModel(path.toStdString(), *net);   // temp file + rename (core/io/atomic_file.h)
                return QString();
            } catch (const std::exception& e) {
                return QString::fromStdString(e.what());
            }
        },
        [this, path](QString& error) { emit saved(path, error); });
}
