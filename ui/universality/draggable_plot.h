// draggable_plot.h — a QCustomPlot whose handles the mouse can drag: chapter 4's steps (dragged
// sideways) and bump heights (dragged up and down), manipulated on the graph itself.
//
// The plot knows nothing of networks: a panel gives it handles (an id, a position in plot
// coordinates, a direction), hears handleDragged(id, x, y) with the new position, updates its
// model, and gives the handles back. A step handle also draws a guide line across the plot that
// can be grabbed anywhere. With drawing on, a press-and-drag away from any handle draws strokes.
#pragma once

#include "ui/plotting/palette.h"

#include <qcustomplot.h>

#include <QVector>

class DraggablePlot : public QCustomPlot {
    Q_OBJECT

public:
    enum class Direction { Horizontal, Vertical };
    struct Handle {
        int id = 0;
        Direction direction = Direction::Horizontal;
        double x = 0.0;
        double y = 0.0;
        bool guide = false;  // a line across the plot, perpendicular to the drag direction
        QColor color = palette::network;
    };

    explicit DraggablePlot(QWidget* parent = nullptr);

    void setHandles(const QVector<Handle>& handles);
    const QVector<Handle>& handles() const { return m_handles; }
    int indexOfHandle(int id) const;                  // −1 if none
    QPointF handlePixel(int id) const;                // where to press to grab it
    int draggedHandle() const { return m_dragged; }   // id, −1 when not dragging
    bool isDragging() const { return m_dragged >= 0; }

    void setDrawingEnabled(bool on) { m_drawing = on; }
    bool isDrawingEnabled() const { return m_drawing; }

    static constexpr double grabRadius = 12.0;  // pixels

signals:
    void handlePressed(int id);
    void handleDragged(int id, double x, double y);
    void handleReleased(int id);
    void strokeDrawn(double x0, double y0, double x1, double y1);  // plot coordinates
    void drawingFinished();
    void plotClicked(double x, double y);  // a press away from handles, drawing off

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    int handleAt(const QPointF& pixel) const;  // id of the handle under pixel, −1 if none
    void updateCursor(const QPointF& pixel);

    QVector<Handle> m_handles;
    QVector<QCPItemTracer*> m_markers;
    QVector<QCPItemStraightLine*> m_guides;
    int m_dragged = -1;
    QPointF m_grabOffset;  // handle − mouse, in plot coordinates
    bool m_stroking = false;
    QPointF m_lastStroke;
    bool m_drawing = false;
};
