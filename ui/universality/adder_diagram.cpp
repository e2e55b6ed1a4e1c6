#include "ui/universality/adder_diagram.h"

#include "ui/plotting/palette.h"
#include "ui/universality/formula_text.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace nnlab::universality;

AdderDiagram::AdderDiagram(QWidget* parent) : QWidget(parent), m_gate(nandPerceptron())
{
    setToolTip(tr("The book's adder: n₁ = NAND(x₁, x₂), n₂ = NAND(x₁, n₁), n₃ = NAND(x₂, n₁), "
                  "sum = NAND(n₂, n₃), carry = NAND(n₁, n₁) — every gate the perceptron on the left"));
}

void AdderDiagram::setGate(const Perceptron& gate)
{
    m_gate = gate;
    update();
}

void AdderDiagram::setInputs(int x1, int x2)
{
    m_x1 = x1;
    m_x2 = x2;
    update();
}

AdderState AdderDiagram::state() const
{
    return addBits(m_gate, m_x1, m_x2);
}

void AdderDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());

    const AdderState s = state();
    const double w = width(), h = height();
    const double r = std::min(w, h) * 0.065;
    // Columns: inputs, n₁, n₂/n₃, outputs. Rows as in the book's figure.
    const QPointF x1(w * 0.08, h * 0.25), x2(w * 0.08, h * 0.75);
    const QPointF n1(w * 0.33, h * 0.5), n2(w * 0.56, h * 0.22), n3(w * 0.56, h * 0.78);
    const QPointF sum(w * 0.83, h * 0.32), carry(w * 0.83, h * 0.86);

    // `doubled`: the carry gate's two inputs are both n₁, drawn as one edge of weight w₁ + w₂ (the
    // book's −4), labelled near its far end, clear of n₃.
    auto edge = [&](QPointF from, QPointF to, const QString& label, bool doubled = false) {
        QPainterPath path(from);
        path.lineTo(to);
        p.setPen(QPen(palette::diagramEdge, 1.4));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        const QPointF mid = path.pointAtPercent(doubled ? 0.75 : 0.42);
        p.setPen(palette::secondaryText);
        p.drawText(QRectF(mid.x() - 30, mid.y() - 17, 60, 16), Qt::AlignCenter, label);
    };
    const QString w1 = formulaNumber(m_gate.w.at(0), 'g', 3), w2 = formulaNumber(m_gate.w.at(1), 'g', 3);
    edge(x1, n1, w1);
    edge(x2, n1, w2);
    edge(x1, n2, w1);
    edge(n1, n2, w2);
    edge(x2, n3, w1);
    edge(n1, n3, w2);
    edge(n2, sum, w1);
    edge(n3, sum, w2);
    edge(n1, carry, formulaNumber(m_gate.w.at(0) + m_gate.w.at(1), 'g', 3), true);

    auto node = [&](QPointF at, const QString& name, int value, bool input, const QString& caption = {}) {
        const QColor on = palette::network;   // a perceptron that outputs 1
        p.setPen(QPen(on.darker(130), 2));
        p.setBrush(value ? on : palette().base().color());
        if (input)
            p.drawRoundedRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r), 4, 4);
        else
            p.drawEllipse(at, r, r);
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(value ? Qt::white : on.darker(130));
        p.drawText(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(value));
        p.setFont(font());
        p.setPen(palette().text().color());
        p.drawText(QRectF(at.x() - 60, at.y() + r + 1, 120, 18), Qt::AlignHCenter | Qt::AlignTop,
                   caption.isEmpty() ? name : name + " " + caption);
    };
    node(x1, "x₁", m_x1, true);
    node(x2, "x₂", m_x2, true);
    node(n1, "n₁", s.n1, false);
    node(n2, "n₂", s.n2, false);
    node(n3, "n₃", s.n3, false);
    node(sum, tr("sum"), s.sum, false, tr("x₁⊕x₂"));
    node(carry, tr("carry"), s.carry, false, tr("x₁x₂"));

    p.setPen(palette().text().color());
    p.drawText(QRectF(4, 2, w - 8, 18), Qt::AlignLeft | Qt::AlignTop,
               tr("every gate: w = (%1, %2), b = %3").arg(w1, w2, formulaNumber(m_gate.b, 'g', 3)));
}
