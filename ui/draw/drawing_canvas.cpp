#include "ui/draw/drawing_canvas.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTabletEvent>

#include <algorithm>

namespace {

const QColor paper = Qt::white;
const QColor ink = Qt::black;

}  // namespace

DrawingCanvas::DrawingCanvas(QWidget* parent)
    : QWidget(parent), m_image(canvasSize, canvasSize, QImage::Format_RGB32)
{
    m_image.fill(paper);
    setFixedSize(canvasSize, canvasSize);
    setAttribute(Qt::WA_OpaquePaintEvent);   // paintEvent covers every pixel
    setAttribute(Qt::WA_StaticContents);
    setCursor(Qt::CrossCursor);
    setFocusPolicy(Qt::StrongFocus);
}

void DrawingCanvas::setPicture(const QImage& picture)
{
    m_strokes.clear();
    m_drawing = false;
    m_picture = picture.convertToFormat(QImage::Format_RGB32)
                    .scaled(canvasSize, canvasSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    repaintAll();
}

void DrawingCanvas::clear()
{
    m_strokes.clear();
    m_picture = QImage();
    m_drawing = false;
    repaintAll();
}

bool DrawingCanvas::undo()
{
    if (m_drawing)
        endStroke();
    if (!m_strokes.empty())
        m_strokes.pop_back();
    else if (!m_picture.isNull())
        m_picture = QImage();
    else
        return false;
    repaintAll();
    return true;
}

void DrawingCanvas::repaintAll()
{
    if (m_picture.isNull())
        m_image.fill(paper);
    else
        m_image = m_picture.copy();
    for (const Stroke& stroke : m_strokes) {
        paintSegment(stroke.points.front(), stroke.points.front(), stroke.widths.front());
        for (size_t i = 1; i < stroke.points.size(); ++i)
            paintSegment(stroke.points[i - 1], stroke.points[i], stroke.widths[i]);
    }
    update();
    emit changed();
}

QRect DrawingCanvas::paintSegment(QPointF from, QPointF to, qreal width)
{
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    if (from == to)
        painter.drawPoint(from);
    else
        painter.drawLine(from, to);
    const int margin = int(width / 2) + 2;
    return QRectF(from, to).normalized().toAlignedRect().adjusted(-margin, -margin, margin, margin);
}

void DrawingCanvas::beginStroke(QPointF at, qreal width)
{
    m_drawing = true;
    m_strokes.push_back({{at}, {width}});
    update(paintSegment(at, at, width));
    emit changed();
}

void DrawingCanvas::extendStroke(QPointF to, qreal width)
{
    if (!m_drawing)
        return;
    Stroke& stroke = m_strokes.back();
    if (to == stroke.points.back())
        return;
    const QPointF from = stroke.points.back();
    stroke.points.push_back(to);
    stroke.widths.push_back(width);
    update(paintSegment(from, to, width));
    emit changed();
}

void DrawingCanvas::endStroke()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    emit strokeFinished();
}

void DrawingCanvas::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    painter.drawImage(event->rect(), m_image, event->rect());
}

void DrawingCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        beginStroke(event->position(), penWidth);
}

void DrawingCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        extendStroke(event->position(), penWidth);
}

void DrawingCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        extendStroke(event->position(), penWidth);
        endStroke();
    }
}

void DrawingCanvas::tabletEvent(QTabletEvent* event)
{
    // Half the width at the lightest touch, 1.5× at full pressure.
    const qreal width = penWidth * std::clamp(0.5 + event->pressure(), 0.5, 1.5);
    switch (event->type()) {
    case QEvent::TabletPress:
        beginStroke(event->position(), width);
        break;
    case QEvent::TabletMove:
        extendStroke(event->position(), width);
        break;
    case QEvent::TabletRelease:
        extendStroke(event->position(), width);
        endStroke();
        break;
    default:
        break;
    }
    event->accept();   // no mouse events synthesised from the pen
}
