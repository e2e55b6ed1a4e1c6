#include "ui/draw/neuron_tile_grid.h"

#include "ui/plotting/palette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

NeuronTileGrid::NeuronTileGrid(int layer, int neurons, std::vector<QImage> weightImages, QWidget* parent)
    : QWidget(parent), m_layer(layer), m_neurons(neurons), m_weightImages(std::move(weightImages))
{
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    setMouseTracking(true);   // hovering a tile shows its neuron
}

int NeuronTileGrid::tilePixels() const
{
    return showsWeights() ? weightTile : plainTile;
}

int NeuronTileGrid::columnsAt(int width) const
{
    // At most a square's worth to a row (100 neurons: 10×10, the canvas's shape); fewer when narrow.
    const int square = std::max(1, int(std::ceil(std::sqrt(double(m_neurons)))));
    return std::clamp(width / (tilePixels() + gap), 1, square);
}

QSize NeuronTileGrid::sizeHint() const
{
    const int columns = columnsAt(QWIDGETSIZE_MAX);
    return {columns * (tilePixels() + gap), heightForWidth(columns * (tilePixels() + gap))};
}

QSize NeuronTileGrid::minimumSizeHint() const
{
    // Four tiles to a row at the least, one row high; heightForWidth() gives the rest.
    return {std::min(4, std::max(1, m_neurons)) * (tilePixels() + gap), tilePixels() + gap};
}

int NeuronTileGrid::heightForWidth(int width) const
{
    const int columns = columnsAt(width);
    return (m_neurons + columns - 1) / columns * (tilePixels() + gap);
}

QRect NeuronTileGrid::tileRect(int neuron) const
{
    const int columns = columnsAt(width()), step = tilePixels() + gap;
    return {(neuron % columns) * step, (neuron / columns) * step, tilePixels(), tilePixels()};
}

int NeuronTileGrid::neuronAt(const QPoint& at) const
{
    const int columns = columnsAt(width()), step = tilePixels() + gap;
    if (at.x() < 0 || at.y() < 0 || at.x() % step >= tilePixels() || at.y() % step >= tilePixels())
        return -1;
    const int column = at.x() / step, neuron = (at.y() / step) * columns + column;
    return column < columns && neuron < m_neurons ? neuron : -1;
}

void NeuronTileGrid::setActivity(const Eigen::VectorXf& a, const Eigen::VectorXf& z, const Eigen::VectorXf& levels)
{
    m_a = a;
    m_z = z;
    m_levels = levels;
    update();
}

void NeuronTileGrid::clearActivity()
{
    m_a.resize(0);
    m_z.resize(0);
    m_levels.resize(0);
    update();
}

void NeuronTileGrid::setSelected(int neuron)
{
    m_selected = neuron >= 0 && neuron < m_neurons ? neuron : -1;
    update();
}

void NeuronTileGrid::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);   // crisp weights
    const bool active = m_levels.size() == m_neurons;
    for (int j = 0; j < m_neurons; ++j) {
        const QRect tile = tileRect(j);
        if (!event->rect().intersects(tile.adjusted(-2, -2, 2, 2)))
            continue;
        const double level = active ? double(m_levels(j)) : 0.0;
        if (showsWeights()) {
            painter.drawImage(tile, m_weightImages[std::size_t(j)]);
            // A silent neuron's weights fade to a ghost, a firing one's stay vivid (nothing
            // drawn: all shown as they are).
            if (active)
                painter.fillRect(tile, QColor(255, 255, 255, int(std::lround(210 * (1.0 - level)))));
        } else {
            painter.fillRect(tile, active ? palette::activation(level) : palette::notComputed);
        }
        // The frame: the activation colour as it fires, the separators' grey at rest.
        const bool lit = active && level > 0.05;
        painter.setPen(QPen(lit ? palette::activation(0.35 + 0.65 * level) : palette::separator, lit ? 2 : 1));
        painter.drawRect(lit ? tile.adjusted(1, 1, -1, -1) : tile.adjusted(0, 0, -1, -1));
        if (j == m_selected || j == m_hovered) {
            painter.setPen(QPen(j == m_selected ? palette::currentStep : palette::frame, 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(tile.adjusted(-1, -1, 0, 0));
        }
    }
}

void NeuronTileGrid::mousePressEvent(QMouseEvent* event)
{
    const int neuron = neuronAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || neuron < 0)
        return QWidget::mousePressEvent(event);
    setSelected(neuron);
    emit neuronClicked(m_layer, neuron);
}

void NeuronTileGrid::mouseMoveEvent(QMouseEvent* event)
{
    const int neuron = neuronAt(event->position().toPoint());
    if (neuron != m_hovered) {
        m_hovered = neuron;
        update();
        emit neuronHovered(m_layer, neuron);
    }
    QWidget::mouseMoveEvent(event);
}

void NeuronTileGrid::leaveEvent(QEvent* event)
{
    if (m_hovered >= 0) {
        m_hovered = -1;
        update();
        emit neuronHovered(m_layer, -1);
    }
    QWidget::leaveEvent(event);
}

bool NeuronTileGrid::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const int j = neuronAt(help->pos());
    if (j < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const QString text = m_a.size() == m_neurons
                             ? tr("Neuron %1: z = %2, a = %3").arg(j).arg(m_z(j), 0, 'f', 3).arg(m_a(j), 0, 'f', 3)
                             : tr("Neuron %1: draw a digit to see its z and a").arg(j);
    QToolTip::showText(help->globalPos(), text, this, tileRect(j));
    return true;
}
