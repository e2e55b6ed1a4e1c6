// neuron_tile_grid.h — one fully connected hidden layer as a grid of tiles, a tile per neuron,
// lit by how strongly the neuron fires for the digit on the Draw canvas.
//
// A neuron that reads the digit's pixels shows its 28×28 weights (blue < 0 < red), faint when it
// is silent and vivid, framed in the activation colour, as it fires; a deeper neuron, whose
// inputs are no picture, is a plain square filled with that colour. Rows wrap to the width.
// Hovering a tile reports the neuron (and shows a tooltip with its a and z); a click selects it.
#pragma once

#include <Eigen/Core>

#include <QImage>
#include <QWidget>

#include <vector>

class NeuronTileGrid : public QWidget {
    Q_OBJECT

public:
    // Tiles of layer `layer` (the network's index, for the signals); `weightImages`: one per
    // neuron, or empty for plain squares (`neurons` of them).
    NeuronTileGrid(int layer, int neurons, std::vector<QImage> weightImages, QWidget* parent = nullptr);

    // A 28×28 weight image at one pixel per weight: crisp, and ten fit in 310 pixels.
    static constexpr int weightTile = 28;
    static constexpr int plainTile = 16;
    static constexpr int gap = 3;

    int layer() const { return m_layer; }
    int neuronCount() const { return m_neurons; }
    bool showsWeights() const { return !m_weightImages.empty(); }

    // The layer's a and z for the current input, and each neuron's firing level in [0, 1]
    // (core/draw/hidden_activity.h's firingLevels). clearActivity(): nothing drawn, all at rest.
    void setActivity(const Eigen::VectorXf& a, const Eigen::VectorXf& z, const Eigen::VectorXf& levels);
    void clearActivity();
    const Eigen::VectorXf& activations() const { return m_a; }   // empty while nothing is drawn
    const Eigen::VectorXf& levels() const { return m_levels; }

    void setSelected(int neuron);   // framed; -1: none
    int selected() const { return m_selected; }

    QRect tileRect(int neuron) const;   // where neuron's tile is, at the current width
    int neuronAt(const QPoint& at) const;   // -1: between or beside the tiles

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void neuronClicked(int layer, int neuron);
    void neuronHovered(int layer, int neuron);   // -1 when the mouse leaves the tiles

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;   // tooltips: the neuron under the mouse

private:
    int tilePixels() const;
    int columnsAt(int width) const;

    int m_layer;
    int m_neurons;
    std::vector<QImage> m_weightImages;
    Eigen::VectorXf m_a, m_z, m_levels;
    int m_selected = -1;
    int m_hovered = -1;
};
