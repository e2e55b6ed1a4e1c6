#include "ui/backprop/network_diagram.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/value_colours.h"

#include "core/nn/dense_layer.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using nnlab::backprop::Equation;

namespace {

constexpr int kHeaderHeight = 34;
constexpr int kLegendHeight = 64;

QString subscript(int n)
{
    static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
    QString s;
    for (QChar c : QString::number(n))
        s += digits[c.digitValue()];
    return s;
}

QString sup(int n) { return QString::fromStdString(nnlab::backprop::superscript(n)); }

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + t * ab;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

}  // namespace

NetworkDiagram::NetworkDiagram(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("The network: neurons coloured by aˡⱼ (green) in the forward pass, by δˡⱼ (red/blue) once "
                  "the backward pass reaches them; edges by wˡⱼₖ, then by ∂C/∂wˡⱼₖ after BP4. Click a "
                  "neuron (its bias bˡⱼ) or an edge (its weight wˡⱼₖ), drag up or down to change it."));
}

void NetworkDiagram::setNetwork(const nnlab::Network& net)
{
    m_sizes = net.sizes();
    m_weights.assign(m_sizes.size() + 1, {});
    m_biases.assign(m_sizes.size() + 1, {});
    for (int i = 0; i < net.layerCount(); ++i)
        if (const auto* dense = dynamic_cast<const nnlab::DenseLayer*>(&net.layer(i))) {
            m_weights[i + 2] = dense->weights();
            m_biases[i + 2] = dense->biases();
        }
    update();
}

void NetworkDiagram::setTrace(const nnlab::backprop::BackpropTrace& trace, int done)
{
    m_trace = trace;
    m_done = std::clamp(done, 0, int(trace.steps.size()));
    m_known = nnlab::backprop::knownAfter(m_trace, m_done);
    update();
}

void NetworkDiagram::setSelected(std::optional<Parameter> parameter)
{
    m_selected = parameter;
    update();
}

QRectF NetworkDiagram::diagramRect() const
{
    return QRectF(rect()).adjusted(70, kHeaderHeight, -70, -kLegendHeight);
}

double NetworkDiagram::radius() const
{
    int most = 1;
    for (int n : m_sizes)
        most = std::max(most, n);
    const QRectF area = diagramRect();
    const double byHeight = area.height() / most * 0.36;
    const double byWidth = L() > 1 ? area.width() / (L() - 1) * 0.18 : 30.0;
    return std::clamp(std::min(byHeight, byWidth), 4.0, 26.0);
}

QPointF NetworkDiagram::neuronCentre(int l, int j) const
{
    const QRectF area = diagramRect();
    const double x = L() > 1 ? area.left() + area.width() * (l - 1) / (L() - 1) : area.center().x();
    const int n = m_sizes[l - 1];
    const double y = area.top() + area.height() * (j + 0.5) / n;
    return {x, y};
}

double NetworkDiagram::parameterValue(const Parameter& p) const
{
    return p.isBias() ? m_biases[p.layer](p.j) : m_weights[p.layer](p.j, p.k);
}

std::optional<NetworkDiagram::Parameter> NetworkDiagram::parameterAt(const QPointF& point) const
{
    const double r = radius();
    for (int l = 2; l <= L(); ++l)
        for (int j = 0; j < m_sizes[l - 1]; ++j) {
            const QPointF c = neuronCentre(l, j);
            if (std::hypot(point.x() - c.x(), point.y() - c.y()) <= r + 2)
                return Parameter{l, j, -1};
        }
    std::optional<Parameter> best;
    double bestDistance = 5.0;
    for (int l = 2; l <= L(); ++l)
        for (int j = 0; j < m_sizes[l - 1]; ++j)
            for (int k = 0; k < m_sizes[l - 2]; ++k) {
                const double d = distanceToSegment(point, neuronCentre(l - 1, k), neuronCentre(l, j));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = Parameter{l, j, k};
                }
            }
    return best;
}

QString NetworkDiagram::parameterName(const Parameter& p)
{
    return p.isBias() ? "b" + sup(p.layer) + subscript(p.j + 1)
                      : "w" + sup(p.layer) + subscript(p.j + 1) + subscript(p.k + 1);
}

QString NetworkDiagram::describe(const Parameter& p) const
{
    QString text = parameterName(p) + " = " + formatValue(parameterValue(p), 4);
    if (p.isBias()) {
        text += tr(": the bias of neuron %1 in layer %2").arg(p.j + 1).arg(p.layer);
        if (m_known.a.size() > size_t(p.layer) && m_known.a[p.layer])
            text += tr("\nz = %1, a = σ(z) = %2").arg(formatValue(m_trace.z[p.layer](p.j), 4), formatValue(m_trace.a[p.layer](p.j), 4));
        if (m_known.delta.size() > size_t(p.layer) && m_known.delta[p.layer])
            text += tr("\nδ = ∂C/∂z = %1 = ∂C/∂b (BP3)").arg(formatValue(m_trace.delta[p.layer](p.j), 4));
    } else {
        text += tr(": the weight from neuron %1 in layer %2 to neuron %3 in layer %4")
                    .arg(p.k + 1).arg(p.layer - 1).arg(p.j + 1).arg(p.layer);
        if (m_known.nablaW.size() > size_t(p.layer) && m_known.nablaW[p.layer])
            text += tr("\n∂C/∂w = aₖ δⱼ = %1 (BP4)").arg(formatValue(m_trace.nablaW[p.layer](p.j, p.k), 4));
    }
    return text + tr("\nDrag up or down to change it.");
}

bool NetworkDiagram::highlightedLayer(int l) const
{
    if (m_done == 0)
        return l == 1;
    const auto& step = m_trace.steps[m_done - 1];
    switch (step.equation) {
    case Equation::Forward:
    case Equation::BP4: return l == step.layer || l == step.layer - 1;
    case Equation::BP1:
    case Equation::BP3: return l == step.layer;
    case Equation::BP2: return l == step.layer || l == step.layer + 1;
    }
    return false;
}

bool NetworkDiagram::highlightedEdges(int l) const
{
    if (m_done == 0)
        return false;
    const auto& step = m_trace.steps[m_done - 1];
    switch (step.equation) {
    case Equation::Forward:
    case Equation::BP4: return l == step.layer;
    case Equation::BP2: return l == step.layer + 1;
    default: return false;
    }
}

double NetworkDiagram::deltaScale() const
{
    double scale = 0.0;
    for (int l = 2; l <= L(); ++l)
        if (m_known.delta.size() > size_t(l) && m_known.delta[l])
            scale = std::max(scale, double(m_trace.delta[l].cwiseAbs().maxCoeff()));
    return scale > 0.0 ? scale : 1.0;
}

// One scale for all weights, or for all gradients once BP4 has given this layer's.
double NetworkDiagram::edgeScale(int l) const
{
    const bool gradient = m_known.nablaW.size() > size_t(l) && m_known.nablaW[l];
    double scale = 0.0;
    for (int m = 2; m <= L(); ++m) {
        if (gradient && m_known.nablaW[m])
            scale = std::max(scale, double(m_trace.nablaW[m].cwiseAbs().maxCoeff()));
        else if (!gradient && m_weights[m].size())
            scale = std::max(scale, double(m_weights[m].cwiseAbs().maxCoeff()));
    }
    return scale > 0.0 ? scale : 1.0;
}

QColor NetworkDiagram::neuronColour(int l, int j) const
{
    if (l == 1) {
        const double x = m_trace.x.size() > j ? m_trace.x(j) : 0.0;
        return palette::activation(x);
    }
    if (m_known.delta.size() > size_t(l) && m_known.delta[l])
        return palette::signedValue(m_trace.delta[l](j), deltaScale());
    if (m_known.a.size() > size_t(l) && m_known.a[l])
        return palette::activation(m_trace.a[l](j));
    return palette::notComputed;
}

void NetworkDiagram::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_sizes.size() < 2 || m_trace.L() != L())
        return;
    const double r = radius();
    const bool anyHighlight = true;
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);

    // Edges first, under the neurons.
    for (int l = 2; l <= L(); ++l) {
        const bool gradient = m_known.nablaW[l];
        const double scale = edgeScale(l);
        const bool lit = highlightedEdges(l);
        for (int j = 0; j < m_sizes[l - 1]; ++j)
            for (int k = 0; k < m_sizes[l - 2]; ++k) {
                const double v = gradient ? m_trace.nablaW[l](j, k) : m_weights[l](j, k);
                QColor colour = palette::signedValue(v, scale);
                if (anyHighlight && !lit)
                    colour.setAlphaF(0.45f);
                const double width = 0.6 + 5.0 * std::min(1.0, std::abs(v) / scale);
                painter.setPen(QPen(colour, width, Qt::SolidLine, Qt::RoundCap));
                painter.drawLine(neuronCentre(l - 1, k), neuronCentre(l, j));
            }
    }

    // The selected parameter: a halo and its value.
    if (m_selected && m_selected->layer <= L() && !m_selected->isBias()) {
        const QPointF a = neuronCentre(m_selected->layer - 1, m_selected->k), b = neuronCentre(m_selected->layer, m_selected->j);
        painter.setPen(QPen(palette::selection, 9, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(a, b);
        const double v = parameterValue(*m_selected);
        const double gradient = m_known.nablaW[m_selected->layer] ? double(m_trace.nablaW[m_selected->layer](m_selected->j, m_selected->k)) : NAN;
        QString label = parameterName(*m_selected) + " = " + formatValue(v);
        if (std::isfinite(gradient))
            label += "   ∂C/∂w = " + formatValue(gradient);
        const QPointF mid = (a + b) / 2;
        const QRectF box = QFontMetricsF(font()).boundingRect(label).adjusted(-4, -2, 4, 2);
        const QRectF placed = box.translated(mid - box.center() + QPointF(0, -14));
        painter.setPen(Qt::NoPen);
        painter.setBrush(palette::selectionLabel);
        painter.drawRoundedRect(placed, 3, 3);
        painter.setPen(Qt::black);
        painter.drawText(placed, Qt::AlignCenter, label);
    }

    // Neurons.
    for (int l = 1; l <= L(); ++l) {
        const bool lit = highlightedLayer(l);
        const bool showDelta = l >= 2 && m_known.delta[l];
        const bool showA = l == 1 || m_known.a[l];
        for (int j = 0; j < m_sizes[l - 1]; ++j) {
            const QPointF c = neuronCentre(l, j);
            const bool selected = m_selected && m_selected->isBias() && m_selected->layer == l && m_selected->j == j;
            if (selected) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(palette::selection);
                painter.drawEllipse(c, r + 6, r + 6);
            }
            painter.setBrush(neuronColour(l, j));
            painter.setPen(QPen(lit ? palette::litOutline : palette::unlitOutline, lit ? 2.5 : 1.0));
            painter.drawEllipse(c, r, r);
            if (r >= 14) {
                // The value the colour shows, inside; δ once known, else a.
                double v = NAN;
                if (showDelta)
                    v = m_trace.delta[l](j);
                else if (showA)
                    v = l == 1 ? m_trace.x(j) : m_trace.a[l](j);
                if (std::isfinite(v)) {
                    painter.setFont(small);
                    const QColor fill = neuronColour(l, j);
                    painter.setPen(fill.lightnessF() < 0.5 ? Qt::white : Qt::black);
                    painter.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, formatValue(v, 2));
                }
            }
            // The bias beside hidden and output neurons, y beside the outputs.
            painter.setFont(small);
            painter.setPen(palette::diagramLabel);
            if (l >= 2 && r >= 10)
                painter.drawText(QRectF(c.x() - 3 * r, c.y() + r, 6 * r, 16), Qt::AlignHCenter | Qt::AlignTop,
                                 "b = " + formatValue(m_biases[l](j), 2));
            if (l == L() && m_trace.y.size() > j)
                painter.drawText(QRectF(c.x() + r + 6, c.y() - 9, 60, 18), Qt::AlignLeft | Qt::AlignVCenter,
                                 "y" + subscript(j + 1) + " = " + formatValue(m_trace.y(j), 2));
            if (l == 1)
                painter.drawText(QRectF(c.x() - r - 66, c.y() - 9, 60, 18), Qt::AlignRight | Qt::AlignVCenter,
                                 "x" + subscript(j + 1));
            painter.setFont(font());
        }
        // Column headers: the layer and what its neurons show now.
        QString header = l == 1 ? tr("layer 1: input x = a¹") : l == L() ? tr("layer %1 = L").arg(l) : tr("layer %1").arg(l);
        if (l >= 2)
            header += showDelta ? tr(" · δ%1").arg(sup(l)) : showA ? tr(" · a%1").arg(sup(l)) : tr(" · not yet computed");
        painter.setPen(lit ? QColor(Qt::black) : palette::unlitHeader);
        QFont headerFont = font();
        headerFont.setBold(lit);
        painter.setFont(headerFont);
        // Centred over the column, but kept inside the widget.
        const QPointF top = neuronCentre(l, 0);
        const double headerWidth = QFontMetricsF(headerFont).horizontalAdvance(header) + 8;
        const double left = std::clamp(top.x() - headerWidth / 2, 2.0, std::max(2.0, width() - headerWidth - 2));
        painter.drawText(QRectF(left, 4, headerWidth, kHeaderHeight - 8), Qt::AlignCenter, header);
        painter.setFont(font());
    }

    // Legends: what the colours mean now.
    const int y0 = height() - kLegendHeight + 14;
    const int w = std::min(230, (width() - 40) / 3);
    painter.setFont(small);
    drawColourBar(painter, QRect(10, y0, w, 34), false, 1.0, tr("a"));
    drawColourBar(painter, QRect(20 + w, y0, w, 34), true, deltaScale(), tr("δ"));
    const bool anyGradient = std::find(m_known.nablaW.begin(), m_known.nablaW.end(), true) != m_known.nablaW.end();
    int edgeLayer = 2;
    for (int l = 2; l <= L(); ++l)
        if (m_known.nablaW[l])
            edgeLayer = l;
    drawColourBar(painter, QRect(30 + 2 * w, y0, w, 34), true, edgeScale(edgeLayer),
                  anyGradient ? tr("edges: ∂C/∂w") : tr("edges: w"));
}

void NetworkDiagram::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_sizes.size() < 2)
        return;
    const auto p = parameterAt(event->position());
    m_selected = p;
    m_dragging = p;
    if (p) {
        m_dragStartValue = parameterValue(*p);
        m_dragStartY = event->position().y();
        emit parameterSelected(*p);
    }
    update();
}

void NetworkDiagram::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragging || !(event->buttons() & Qt::LeftButton))
        return;
    // 100 pixels up: +1. Rounded to 0.01 so that values stay readable.
    const double value = std::round((m_dragStartValue + (m_dragStartY - event->position().y()) / 100.0) * 100.0) / 100.0;
    emit parameterDragged(*m_dragging, value);
}

void NetworkDiagram::mouseReleaseEvent(QMouseEvent*)
{
    m_dragging.reset();
}

bool NetworkDiagram::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (m_sizes.size() >= 2) {
            if (const auto p = parameterAt(help->pos())) {
                QToolTip::showText(help->globalPos(), describe(*p), this);
                return true;
            }
        }
    }
    return QWidget::event(event);
}
