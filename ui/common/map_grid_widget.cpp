#include "ui/common/map_grid_widget.h"

#include "ui/plotting/palette.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kGap = 3;
}

MapGridWidget::MapGridWidget(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
}

void MapGridWidget::setMaps(std::vector<Eigen::MatrixXf> maps, int columns, Colouring colouring, int tilePixels)
{
    m_maps = std::move(maps);
    m_columns = std::max(1, columns);
    m_colouring = colouring;
    m_tilePixels = tilePixels;
    // One scale for the whole grid, so that tiles can be compared with each other.
    m_scale = 1e-12f;
    for (const Eigen::MatrixXf& map : m_maps)
        if (map.size())
            m_scale = std::max(m_scale, colouring == Colouring::Signed ? map.cwiseAbs().maxCoeff() : map.maxCoeff());
    updateGeometry();
    update();
}

void MapGridWidget::setWrapping(bool wrap)
{
    m_wrap = wrap;
    // Not Fixed in height when wrapping: a fixed height is the one-row sizeHint(), and a layout
    // would hold the grid to it whatever heightForWidth() says.
    QSizePolicy policy(wrap ? QSizePolicy::Preferred : QSizePolicy::Minimum,
                       wrap ? QSizePolicy::Preferred : QSizePolicy::Fixed);
    policy.setHeightForWidth(wrap);
    setSizePolicy(policy);
    updateGeometry();
    update();
}

int MapGridWidget::columnsAt(int width) const
{
    if (!m_wrap)
        return m_columns;
    return std::clamp(width / (m_tilePixels + kGap), 1, m_columns);
}

QSize MapGridWidget::sizeFor(int columns) const
{
    const int count = static_cast<int>(m_maps.size());
    const int rows = (count + columns - 1) / columns;
    return {std::min(count, columns) * (m_tilePixels + kGap), rows * (m_tilePixels + kGap)};
}

QSize MapGridWidget::sizeHint() const
{
    return sizeFor(m_columns);
}

QSize MapGridWidget::minimumSizeHint() const
{
    // Wrapping, four tiles to a row at the least and one row high, like a wrapped label's one
    // line: the height it needs at the width it gets comes from heightForWidth().
    if (m_wrap)
        return {std::min({4, m_columns, mapCount()}) * (m_tilePixels + kGap), m_tilePixels + kGap};
    return sizeHint();
}

int MapGridWidget::heightForWidth(int width) const
{
    return sizeFor(columnsAt(width)).height();
}

QImage MapGridWidget::tileImage(const Eigen::MatrixXf& map) const
{
    QImage image(int(map.cols()), int(map.rows()), QImage::Format_RGB32);
    for (int y = 0; y < map.rows(); ++y)
        for (int x = 0; x < map.cols(); ++x) {
            const float v = std::clamp(map(y, x) / m_scale, -1.0f, 1.0f);
            image.setPixel(x, y, m_colouring == Colouring::Signed ? palette::signedMapPixel(v)
                                                                  : palette::intensityMapPixel(v));
        }
    return image;
}

QRect MapGridWidget::tileRect(int index) const
{
    const int columns = columnsAt(width());
    return {(index % columns) * (m_tilePixels + kGap), (index / columns) * (m_tilePixels + kGap), m_tilePixels,
            m_tilePixels};
}

int MapGridWidget::tileAt(QPoint pos) const
{
    for (int i = 0; i < mapCount(); ++i)
        if (tileRect(i).contains(pos))
            return i;
    return -1;
}

void MapGridWidget::setHighlighted(int index)
{
    m_highlighted = index;
    update();
}

void MapGridWidget::setCrossedOut(std::vector<int> indices)
{
    m_crossedOut = std::move(indices);
    update();
}

void MapGridWidget::mousePressEvent(QMouseEvent* event)
{
    const int index = tileAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        emit tileClicked(index);
    QWidget::mousePressEvent(event);
}

void MapGridWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);   // crisp pixels
    for (int i = 0; i < mapCount(); ++i) {
        const QRect tile = tileRect(i);
        painter.drawImage(tile, tileImage(m_maps[i]));
        painter.setPen(palette::separator);
        painter.drawRect(tile.adjusted(0, 0, -1, -1));
    }
    for (int i : m_crossedOut)
        if (i >= 0 && i < mapCount()) {
            const QRect tile = tileRect(i).adjusted(1, 1, -2, -2);
            painter.setPen(QPen(palette::silencedMark, 2));
            painter.drawLine(tile.topLeft(), tile.bottomRight());
            painter.drawLine(tile.topRight(), tile.bottomLeft());
        }
    if (m_highlighted >= 0 && m_highlighted < mapCount()) {
        painter.setPen(QPen(palette::chosenTile, 2));
        painter.drawRect(tileRect(m_highlighted).adjusted(1, 1, -1, -1));
    }
}
