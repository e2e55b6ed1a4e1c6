// layer_heat_strips.h — a big network's backprop trace as coloured strips, one block per layer:
// z^l, a^l and δ^l as rows of cells (one cell per neuron), y beside the output, and ∂C/∂w^l as a
// heat map — for the first layer, whose inputs are a 28×28 image, one small image per hidden
// neuron j (the row ∂C/∂w²ⱼ = δ²ⱼ x is the digit scaled by that neuron's error).
//
// Signed rows are coloured blue < 0 < red, each scaled to its own largest |value| (written at the
// row's right); activations green from 0 to 1. Rows not yet computed are grey.
#pragma once

#include "core/backprop/backprop_trace.h"

#include <QWidget>

class LayerHeatStrips : public QWidget {
    Q_OBJECT

public:
    explicit LayerHeatStrips(QWidget* parent = nullptr);

    void setTrace(const nnlab::backprop::BackpropTrace& trace, int done);
    int done() const { return m_done; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {420, 300}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    int heightFor(int width) const;
    int gradientHeight(int l, int width) const;
    int imageSide(int n) const;   // 28 for 784 inputs; 0 when the input is not a square image

    nnlab::backprop::BackpropTrace m_trace;
    nnlab::backprop::Known m_known;
    int m_done = 0;
};
