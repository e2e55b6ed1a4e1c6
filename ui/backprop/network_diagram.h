// network_diagram.h — a small fully connected network drawn as the book draws it: neurons as
// circles in columns, one column per layer, and an edge for every weight w^l_jk.
//
// Neurons are coloured by their activation a^l_j once the forward pass has reached them, then by
// their error δ^l_j once the backward pass has; edges show w^l_jk (colour: sign, thickness: size),
// then ∂C/∂w^l_jk once BP4 has computed it. The step being shown is highlighted, the rest faded.
// Click a neuron to pick its bias b^l_j, an edge to pick its weight; drag up or down to change it.
#pragma once

#include "core/backprop/backprop_trace.h"
#include "core/nn/network.h"

#include <QWidget>

#include <optional>

class NetworkDiagram : public QWidget {
    Q_OBJECT

public:
    // A weight w^l_jk (k ≥ 0) or a bias b^l_j (k < 0); l in the book's numbering (2..L), j and k
    // from 0 (shown from 1, as "the j-th neuron").
    struct Parameter {
        int layer = 0;
        int j = 0;
        int k = -1;
        bool isBias() const { return k < 0; }
        bool operator==(const Parameter&) const = default;
    };

    explicit NetworkDiagram(QWidget* parent = nullptr);

    // The network's weights and biases (copied: the diagram is for small nets) and the trace
    // walked so far: `done` steps of it have been taken.
    void setNetwork(const nnlab::Network& net);
    void setTrace(const nnlab::backprop::BackpropTrace& trace, int done);
    void setSelected(std::optional<Parameter> parameter);
    std::optional<Parameter> selected() const { return m_selected; }

    // Where neuron j of layer l (1..L) is drawn, and the parameter under a point (for tests and
    // for the mouse).
    QPointF neuronCentre(int l, int j) const;
    std::optional<Parameter> parameterAt(const QPointF& point) const;
    // "w³₁₂" or "b²₃": the parameter in the book's notation, indices from 1.
    static QString parameterName(const Parameter& parameter);
    // What a neuron or edge is filled with right now (tests check the colouring follows the walk).
    QColor neuronColour(int l, int j) const;

    QSize sizeHint() const override { return {560, 420}; }
    // 220 high: the tiny network's tab fits a 1024×640 window; the neurons shrink to fit (radius()).
    QSize minimumSizeHint() const override { return {320, 220}; }

signals:
    void parameterSelected(NetworkDiagram::Parameter parameter);
    void parameterDragged(NetworkDiagram::Parameter parameter, double value);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    int L() const { return int(m_sizes.size()); }
    double radius() const;
    QRectF diagramRect() const;
    double parameterValue(const Parameter& p) const;
    bool highlightedLayer(int l) const;
    bool highlightedEdges(int l) const;   // the edges into layer l
    double deltaScale() const;
    double edgeScale(int l) const;
    QString describe(const Parameter& p) const;

    std::vector<int> m_sizes;
    std::vector<Eigen::MatrixXf> m_weights;   // by l; [0], [1] empty
    std::vector<Eigen::VectorXf> m_biases;
    nnlab::backprop::BackpropTrace m_trace;
    nnlab::backprop::Known m_known;
    int m_done = 0;
    std::optional<Parameter> m_selected;
    std::optional<Parameter> m_dragging;
    double m_dragStartValue = 0.0;
    double m_dragStartY = 0.0;
};
