#include "ui/inspect/weight_painter.h"

#include "ui/plotting/palette.h"

#include <QContextMenuEvent>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

WeightPainter::WeightPainter(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setCursor(Qt::CrossCursor);
}

void WeightPainter::setWeights(const Eigen::MatrixXf& image, float scale)
{
    m_image = image;
    m_scale = scale > 0.0f ? scale : 1.0f;
    update();
}

double WeightPainter::pixelSize() const
{
    return m_image.size() ? double(side) / std::max(m_image.rows(), m_image.cols()) : 1.0;
}

QPoint WeightPainter::pixelAt(QPoint pos) const
{
    if (m_image.size() == 0)
        return {-1, -1};
    const int col = int(std::floor(pos.x() / pixelSize()));
    const int row = int(std::floor(pos.y() / pixelSize()));
    if (row < 0 || row >= m_image.rows() || col < 0 || col >= m_image.cols())
        return {-1, -1};
    return {col, row};
}

QPoint WeightPainter::centreOf(int row, int col) const
{
    return {int((col + 0.5) * pixelSize()), int((row + 0.5) * pixelSize())};
}

void WeightPainter::strokeAt(QPoint pos)
{
    const QPoint pixel = pixelAt(pos);
    if (pixel.x() < 0 || pixel == m_last)
        return;   // one dab per pixel reached, however many moves it takes to cross it
    m_last = pixel;
    emit stroked(pixel.y(), pixel.x(), m_direction);
}

void WeightPainter::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::RightButton)
        return;
    m_direction = event->button() == Qt::LeftButton ? +1 : -1;
    m_last = {-1, -1};
    strokeAt(event->position().toPoint());
}

void WeightPainter::mouseMoveEvent(QMouseEvent* event)
{
    if (m_direction != 0)
        strokeAt(event->position().toPoint());
}

void WeightPainter::mouseReleaseEvent(QMouseEvent*)
{
    m_direction = 0;
}

void WeightPainter::contextMenuEvent(QContextMenuEvent* event)
{
    event->accept();   // the right button paints here
}

void WeightPainter::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect area(0, 0, side, side);
    if (m_image.size() == 0) {
        painter.fillRect(area, palette::notComputed);
        return;
    }
    QImage image(int(m_image.cols()), int(m_image.rows()), QImage::Format_RGB32);
    for (int y = 0; y < m_image.rows(); ++y)
        for (int x = 0; x < m_image.cols(); ++x)
            image.setPixel(x, y, palette::signedMapPixel(std::clamp(m_image(y, x) / m_scale, -1.0f, 1.0f)));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);   // crisp pixels
    const double pixel = pixelSize();
    painter.drawImage(QRectF(0, 0, m_image.cols() * pixel, m_image.rows() * pixel), image);
    painter.setPen(palette::frame);
    painter.drawRect(QRectF(0, 0, m_image.cols() * pixel - 1, m_image.rows() * pixel - 1));
}
