// weight_painter.h — one neuron's incoming weights w_j drawn large (blue < 0 < red, white at 0),
// to paint on: the left button raises the weights under the brush, the right one lowers them.
//
// The widget only draws and reports strokes; what a stroke does to the weights is
// core/inspect/neuron_edit.h's (NeuronEdits::paint), and the panel redraws the result.
#pragma once

#include <Eigen/Core>

#include <QPoint>
#include <QWidget>

class WeightPainter : public QWidget {
    Q_OBJECT

public:
    static constexpr int side = 140;   // 28 × 5 screen pixels: MNIST's image; a 5 × 5 kernel, 28 each

    explicit WeightPainter(QWidget* parent = nullptr);

    // The weights as an image (rows × cols, row k/cols, column k%cols), `scale` the |w| drawn at
    // full colour. An empty matrix: nothing to paint on.
    void setWeights(const Eigen::MatrixXf& image, float scale);
    const Eigen::MatrixXf& weights() const { return m_image; }
    // The image pixel (x: column, y: row) under a point of the widget; (-1, -1) off the image.
    QPoint pixelAt(QPoint pos) const;
    // The centre of pixel (row, col) in widget coordinates (for tests and tooltips).
    QPoint centreOf(int row, int col) const;

    QSize sizeHint() const override { return {side, side}; }
    QSize minimumSizeHint() const override { return sizeHint(); }

signals:
    // A press or drag reached a new pixel: direction +1 (left button, raise w) or −1 (right, lower).
    void stroked(int row, int col, int direction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    double pixelSize() const;
    void strokeAt(QPoint pos);

    Eigen::MatrixXf m_image;
    float m_scale = 1.0f;
    int m_direction = 0;   // of the stroke under way; 0 between strokes
    QPoint m_last{-1, -1};  // the pixel the stroke last reached
};
