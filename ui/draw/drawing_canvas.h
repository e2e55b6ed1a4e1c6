// drawing_canvas.h — a 280×280 sheet to draw a digit on, with the mouse or a pen.
//
// The drawing is a QImage (white paper, black ink): thick anti-aliased strokes with round caps,
// painted segment by segment so that only the dirty rectangle is repainted. The strokes are
// kept, so Undo can remove the last one; a picture (a loaded image, a test digit) can lie under
// them. A pen's pressure changes the stroke's width.
#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

#include <vector>

class DrawingCanvas : public QWidget {
    Q_OBJECT

public:
    static constexpr int canvasSize = 280;   // 10 screen pixels per MNIST pixel
    static constexpr qreal penWidth = 22.0;  // ≈ the stroke of an MNIST digit, ×10

    explicit DrawingCanvas(QWidget* parent = nullptr);

    // What is on the sheet: RGB32, canvasSize × canvasSize, white background, dark ink.
    const QImage& image() const { return m_image; }
    bool isBlank() const { return m_strokes.empty() && m_picture.isNull(); }
    int strokeCount() const { return int(m_strokes.size()); }
    bool hasPicture() const { return !m_picture.isNull(); }

    // Puts a canvasSize² picture (dark on white) under the strokes, replacing everything.
    void setPicture(const QImage& picture);
    void clear();
    // Removes the last stroke, or else the picture. False when there was nothing to undo.
    bool undo();

    QSize sizeHint() const override { return {canvasSize, canvasSize}; }

signals:
    void changed();          // the image changed: a stroke grew, or clear/undo/setPicture
    void strokeFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;

private:
    struct Stroke {
        std::vector<QPointF> points;
        std::vector<qreal> widths;   // per point: penWidth, scaled by a pen's pressure
    };

    void beginStroke(QPointF at, qreal width);
    void extendStroke(QPointF to, qreal width);
    void endStroke();
    // Paints the segment from → to on the image; returns the rectangle it touched.
    QRect paintSegment(QPointF from, QPointF to, qreal width);
    void repaintAll();   // the picture, then every stroke

    QImage m_image;
    QImage m_picture;    // under the strokes; null when there is none
    std::vector<Stroke> m_strokes;
    bool m_drawing = false;
};
