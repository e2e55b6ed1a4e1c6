#include "ui/draw/neuron_detail_panel.h"

#include "ui/plotting/palette.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

// The neuron's a as the book writes it for its activation function.
QString activationFormula(nnlab::Activation f)
{
    switch (f) {
    case nnlab::Activation::Sigmoid: return QStringLiteral("σ(z)");
    case nnlab::Activation::Tanh: return QStringLiteral("tanh(z)");
    case nnlab::Activation::ReLU: return QStringLiteral("max(0, z)");
    case nnlab::Activation::Softmax: return QStringLiteral("softmax(z)");
    }
    return QStringLiteral("σ(z)");
}

// +2.31 and −1.87 (a real minus sign), for weights whose sign matters.
QString signedNumber(float value)
{
    return (value < 0 ? QStringLiteral("−") : QStringLiteral("+")) + QString::number(std::abs(value), 'f', 2);
}

}  // namespace

NeuronDetailPanel::NeuronDetailPanel(QWidget* parent)
    : QWidget(parent), m_image(new QLabel(this)), m_title(new QLabel(this)), m_z(new QLabel(this)),
      m_a(new QLabel(this)), m_connections(new QLabel(this))
{
    m_image->setFixedSize(picturePixels + 2, picturePixels + 2);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QString("QLabel { border: 1px solid %1; }").arg(palette::separator.name()));
    m_image->setToolTip(tr("The neuron's weights w: blue below 0, red above, white at 0"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    for (QLabel* label : {m_title, m_z, m_a, m_connections}) {
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_z->setToolTip(tr("The neuron's weighted input for your digit: z = w·a + b"));
    m_a->setToolTip(tr("The neuron's output for your digit: a = σ(z)"));
    m_connections->setToolTip(
        tr("The weights w of largest size from this neuron into the next layer, with their sign"));

    auto* text = new QVBoxLayout;
    text->setContentsMargins(0, 0, 0, 0);
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_z);
    text->addWidget(m_a);
    text->addWidget(m_connections);
    text->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_image, 0, Qt::AlignTop);
    layout->addLayout(text, 1);
    // Six lines of text at the most (a title, z, a, and the connections on two or three), fixed,
    // so that the layers under the panel never jump as the mouse moves from neuron to neuron.
    setFixedHeight(std::max(picturePixels + 2, fontMetrics().lineSpacing() * 6 + 3 * text->spacing() + 2));
    clear();
}

void NeuronDetailPanel::showNeuron(const nnlab::NeuronFacts& facts, const QImage& weights, const QString& layerName,
                                   const QString& nextName)
{
    m_facts = facts;
    m_picture = weights.scaled(picturePixels, picturePixels, Qt::KeepAspectRatio, Qt::FastTransformation);
    m_image->setPixmap(QPixmap::fromImage(m_picture));
    m_title->setText(tr("%1, neuron %2").arg(layerName).arg(facts.neuron));
    m_title->setToolTip(tr("Its bias b = %1").arg(facts.bias, 0, 'f', 3));
    const QString a = activationFormula(facts.activation);
    if (facts.z && facts.a) {
        m_z->setText(tr("z = w·a + b = %1").arg(*facts.z, 0, 'f', 3));
        m_a->setText(tr("a = %1 = %2").arg(a).arg(*facts.a, 0, 'f', 3));
    } else {
        m_z->setText(tr("z = w·a + b: draw a digit"));
        m_a->setText(tr("a = %1: draw a digit").arg(a));
    }
    QStringList parts;
    for (const nnlab::Connection& c : facts.strongest)
        // No-break spaces: a line wraps between two connections, never inside one.
        parts << QStringLiteral("→\u00a0%1:\u00a0%2").arg(c.to).arg(signedNumber(c.weight));
    m_connections->setText(parts.isEmpty() ? QString()
                           : facts.intoOutput ? tr("Strongest into the outputs:\n%1").arg(parts.join(", "))
                                              : tr("Strongest into %1:\n%2").arg(nextName, parts.join(", ")));
}

void NeuronDetailPanel::clear()
{
    m_facts.reset();
    m_picture = QImage();
    m_image->clear();
    m_title->setText(tr("Point at a neuron, or click one,"));
    m_title->setToolTip({});
    m_z->setText(tr("to see its weights w,"));
    m_a->setText(tr("its z = w·a + b and a = σ(z)"));
    m_connections->setText(tr("for your digit, and the outputs\nit pushes up (+) or down (−)."));
}

QString NeuronDetailPanel::titleText() const { return m_title->text(); }
QString NeuronDetailPanel::zText() const { return m_z->text(); }
QString NeuronDetailPanel::aText() const { return m_a->text(); }
QString NeuronDetailPanel::connectionsText() const { return m_connections->text(); }
