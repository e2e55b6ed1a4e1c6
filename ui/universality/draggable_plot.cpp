#include "ui/universality/draggable_plot.h"

#include <cmath>

DraggablePlot::DraggablePlot(QWidget* parent) : QCustomPlot(parent)
{
    setMouseTracking(true);
    addLayer("handles", layer("main"), QCustomPlot::limAbove);
    setInteractions({});  // the mouse is for the handles, not for panning the axes
}

void DraggablePlot::setHandles(const QVector<Handle>& handles)
{
    m_handles = handles;
    // Items are pooled: dragging re-sets the handles on every mouse move.
    while (m_markers.size() < m_handles.size()) {
        auto* guide = new QCPItemStraightLine(this);
        guide->setLayer("handles");
        guide->setSelectable(false);
        auto* marker = new QCPItemTracer(this);
        marker->setLayer("handles");
        marker->setSelectable(false);
        m_guides.push_back(guide);
        m_markers.push_back(marker);
    }
    for (int i = 0; i < m_markers.size(); ++i) {
        QCPItemTracer* marker = m_markers[i];
        QCPItemStraightLine* guide = m_guides[i];
        const bool used = i < m_handles.size();
        marker->setVisible(used);
        guide->setVisible(used && m_handles[i].guide);
        if (!used)
            continue;
        const Handle& h = m_handles[i];
        const bool active = h.id == m_dragged;
        marker->position->setCoords(h.x, h.y);
        marker->setStyle(h.direction == Direction::Horizontal ? QCPItemTracer::tsSquare
                                                               : QCPItemTracer::tsCircle);
        marker->setSize(active ? 13 : 10);
        marker->setPen(QPen(Qt::white, 1.5));
        marker->setBrush(active ? h.color.darker(140) : h.color);
        if (h.guide) {
            QColor line = h.color;
            line.setAlpha(active ? 220 : 120);
            guide->setPen(QPen(line, active ? 1.6 : 1.0, Qt::DashLine));
            guide->point1->setCoords(h.x, h.y);
            if (h.direction == Direction::Horizontal)
                guide->point2->setCoords(h.x, h.y + 1.0);  // vertical line through x
            else
                guide->point2->setCoords(h.x + 1.0, h.y);  // horizontal line through y
        }
    }
    replot(QCustomPlot::rpQueuedReplot);
}

int DraggablePlot::indexOfHandle(int id) const
{
    for (int i = 0; i < m_handles.size(); ++i)
        if (m_handles[i].id == id)
            return i;
    return -1;
}

QPointF DraggablePlot::handlePixel(int id) const
{
    const int i = indexOfHandle(id);
    if (i < 0)
        return {};
    return {xAxis->coordToPixel(m_handles[i].x), yAxis->coordToPixel(m_handles[i].y)};
}

int DraggablePlot::handleAt(const QPointF& pixel) const
{
    // The nearest marker within the grab radius; failing that, the nearest guide line.
    int best = -1;
    double bestDistance = grabRadius;
    for (const Handle& h : m_handles) {
        const QPointF p(xAxis->coordToPixel(h.x), yAxis->coordToPixel(h.y));
        const double d = std::hypot(p.x() - pixel.x(), p.y() - pixel.y());
        if (d <= bestDistance) {
            best = h.id;
            bestDistance = d;
        }
    }
    if (best >= 0 || !axisRect()->rect().contains(pixel.toPoint()))
        return best;
    bestDistance = 5.0;
    for (const Handle& h : m_handles) {
        if (!h.guide)
            continue;
        const double d = h.direction == Direction::Horizontal
                             ? std::abs(xAxis->coordToPixel(h.x) - pixel.x())
                             : std::abs(yAxis->coordToPixel(h.y) - pixel.y());
        if (d <= bestDistance) {
            best = h.id;
            bestDistance = d;
        }
    }
    return best;
}

void DraggablePlot::updateCursor(const QPointF& pixel)
{
    const int id = m_dragged >= 0 ? m_dragged : handleAt(pixel);
    const int i = indexOfHandle(id);
    if (i >= 0)
        setCursor(m_handles[i].direction == Direction::Horizontal ? Qt::SizeHorCursor : Qt::SizeVerCursor);
    else if (m_drawing && axisRect()->rect().contains(pixel.toPoint()))
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
}

void DraggablePlot::mousePressEvent(QMouseEvent* event)
{
    const QPointF pixel = event->position();
    if (event->button() != Qt::LeftButton) {
        QCustomPlot::mousePressEvent(event);
        return;
    }
    const int id = handleAt(pixel);
    const double x = xAxis->pixelToCoord(pixel.x()), y = yAxis->pixelToCoord(pixel.y());
    if (id >= 0) {
        const Handle& h = m_handles[indexOfHandle(id)];
        m_dragged = id;
        m_grabOffset = {h.x - x, h.y - y};
        emit handlePressed(id);
        setHandles(m_handles);  // draw it as grabbed
    } else if (m_drawing && axisRect()->rect().contains(pixel.toPoint())) {
        m_stroking = true;
        m_lastStroke = {x, y};
        emit strokeDrawn(x, y, x, y);
    } else if (axisRect()->rect().contains(pixel.toPoint())) {
        emit plotClicked(x, y);
    }
    updateCursor(pixel);
    event->accept();
}

void DraggablePlot::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pixel = event->position();
    const double x = xAxis->pixelToCoord(pixel.x()), y = yAxis->pixelToCoord(pixel.y());
    if (m_dragged >= 0) {
        const int i = indexOfHandle(m_dragged);
        if (i >= 0) {
            const Handle& h = m_handles[i];
            const double nx = h.direction == Direction::Horizontal ? x + m_grabOffset.x() : h.x;
            const double ny = h.direction == Direction::Vertical ? y + m_grabOffset.y() : h.y;
            emit handleDragged(m_dragged, nx, ny);
        }
    } else if (m_stroking) {
        emit strokeDrawn(m_lastStroke.x(), m_lastStroke.y(), x, y);
        m_lastStroke = {x, y};
    }
    updateCursor(pixel);
    event->accept();
}

void DraggablePlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragged >= 0) {
        const int id = m_dragged;
        m_dragged = -1;
        setHandles(m_handles);
        emit handleReleased(id);
    } else if (m_stroking) {
        m_stroking = false;
        emit drawingFinished();
    }
    updateCursor(event->position());
    event->accept();
}
