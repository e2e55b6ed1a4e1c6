#include "ui/backprop/layer_heat_strips.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/value_colours.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

using nnlab::backprop::Equation;

namespace {

constexpr int kLabelWidth = 92;
constexpr int kScaleWidth = 64;
constexpr int kRowHeight = 16;
constexpr int kLegendHeight = 40;

QString sup(int n) { return QString::fromStdString(nnlab::backprop::superscript(n)); }

// A matrix as an image, one pixel per entry, signed colours at ±scale.
QImage signedImage(const Eigen::MatrixXf& m, double scale)
{
    QImage image(int(m.cols()), int(m.rows()), QImage::Format_RGB32);
    for (int r = 0; r < m.rows(); ++r)
        for (int c = 0; c < m.cols(); ++c)
            image.setPixel(c, r, palette::signedValue(m(r, c), scale).rgb());
    return image;
}

// ∂C/∂w² of an image input: one tile per hidden neuron, at most two rows of them.
int tilePixels(int rows, int side, int stripWidth)
{
    const int perRow = (rows + 1) / 2;
    return std::clamp(stripWidth / std::max(1, perRow) - 3, side, 2 * side);
}

int stripWidthFor(int width) { return std::max(100, width - kLabelWidth - kScaleWidth - 8); }

}  // namespace

LayerHeatStrips::LayerHeatStrips(QWidget* parent) : QWidget(parent)
{
    setToolTip(tr("Each layer l of the network for this digit: zˡ, aˡ = σ(zˡ) and δˡ = ∂C/∂zˡ, one cell per "
                  "neuron; ∂C/∂wˡ = δˡ(aˡ⁻¹)ᵀ below them (for the first layer, each hidden neuron's row "
                  "δ²ⱼ·x as a 28×28 image). Signed rows: blue < 0 < red, scaled to the largest |value| "
                  "written at the right; a: green from 0 to 1. Grey: not computed yet."));
}

void LayerHeatStrips::setTrace(const nnlab::backprop::BackpropTrace& trace, int done)
{
    m_trace = trace;
    m_done = std::clamp(done, 0, int(trace.steps.size()));
    m_known = nnlab::backprop::knownAfter(m_trace, m_done);
    setMinimumHeight(heightFor(width()));
    update();
}

int LayerHeatStrips::imageSide(int n) const
{
    const int side = int(std::lround(std::sqrt(double(n))));
    return side * side == n && side >= 7 ? side : 0;
}

QSize LayerHeatStrips::sizeHint() const { return {640, heightFor(640)}; }

int LayerHeatStrips::gradientHeight(int l, int width) const
{
    const int rows = m_trace.sizes[l - 1];
    const int side = l == 2 ? imageSide(m_trace.sizes[0]) : 0;
    if (!side)
        return std::clamp(rows * 6, 16, 60);
    const int stripWidth = stripWidthFor(width);
    const int tile = tilePixels(rows, side, stripWidth) + 3;
    const int perRow = std::max(1, stripWidth / tile);
    return ((rows + perRow - 1) / perRow) * tile;
}

int LayerHeatStrips::heightFor(int width) const
{
    const int L = m_trace.L();
    if (L < 2)
        return 200;
    int y = kLegendHeight + 6;
    for (int l = 1; l <= L; ++l) {
        y += 4 + 18;
        if (l == 1) {
            const int side = imageSide(int(m_trace.x.size()));
            y += side ? 2 * side + 4 : kRowHeight;
            continue;
        }
        y += (l == L ? 4 : 3) * kRowHeight + gradientHeight(l, width) + 6;
    }
    return y + 4;
}

void LayerHeatStrips::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    setMinimumHeight(heightFor(width()));
}

void LayerHeatStrips::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::white);
    if (m_trace.L() < 2)
        return;
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    painter.setFont(small);
    const int L = m_trace.L();
    const int stripLeft = kLabelWidth;
    const int stripWidth = stripWidthFor(width());
    const auto* current = m_done > 0 ? &m_trace.steps[m_done - 1] : nullptr;

    // Legend: the two colourings.
    // The two legends share the width (at most 220 and 260 px), so that neither runs off the edge
    // of a narrow pane (the splitter's left side in a 1024-pixel-wide window).
    const int room = std::max(200, width() - 8 - 22 - 8);   // margins and the gap between them
    const int activationWidth = std::min(220, room * 220 / 480);
    drawColourBar(painter, QRect(8, 4, activationWidth, 32), false, 1.0, tr("aˡ"));
    drawColourBar(painter, QRect(8 + activationWidth + 22, 4, std::min(260, room - activationWidth), 32), true, 1.0,
                  tr("z, δ, ∂C/∂w (÷ row max)"));

    int y = kLegendHeight + 6;
    // row: one labelled strip of cells, or grey when not known; `lit` outlines the current step's.
    auto row = [&](const QString& label, const Eigen::VectorXf* values, bool isActivation, bool lit) {
        painter.setPen(lit ? QColor(Qt::black) : palette::unlitLabel);
        QFont f = small;
        f.setBold(lit);
        painter.setFont(f);
        painter.drawText(QRect(8, y, kLabelWidth - 12, kRowHeight), Qt::AlignRight | Qt::AlignVCenter, label);
        painter.setFont(small);
        const QRect strip(stripLeft, y, stripWidth, kRowHeight - 2);
        if (!values) {
            painter.fillRect(strip, palette::notComputedStrip);
            painter.setPen(palette::notComputedText);
            painter.drawText(strip, Qt::AlignCenter, tr("not computed yet"));
        } else {
            const int n = int(values->size());
            const double scale = std::max(1e-12, double(values->cwiseAbs().maxCoeff()));
            for (int i = 0; i < n; ++i) {
                const int x0 = stripLeft + stripWidth * i / n, x1 = stripLeft + stripWidth * (i + 1) / n;
                painter.fillRect(QRect(x0, y, std::max(1, x1 - x0), kRowHeight - 2),
                                 isActivation ? palette::activation((*values)(i)) : palette::signedValue((*values)(i), scale));
            }
            painter.setPen(palette::unlitLabel);
            painter.drawText(QRect(stripLeft + stripWidth + 6, y, kScaleWidth, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                             isActivation ? tr("0 … 1") : "±" + formatValue(scale, 2));
        }
        if (lit) {
            painter.setPen(QPen(palette::currentStep, 2));
            painter.drawRect(strip.adjusted(-1, -1, 1, 1));
        }
        y += kRowHeight;
    };

    for (int l = 1; l <= L; ++l) {
        painter.setPen(palette::separator);
        painter.drawLine(4, y, width() - 4, y);
        y += 4;
        painter.setPen(Qt::black);
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        const QString title = l == 1 ? tr("layer 1: input x (%1)").arg(m_trace.sizes[0])
                                     : l == L ? tr("layer %1 = L: output (%2 neurons)").arg(l).arg(m_trace.sizes[l - 1])
                                              : tr("layer %1: hidden (%2 neurons)").arg(l).arg(m_trace.sizes[l - 1]);
        painter.drawText(QRect(8, y, width() - 16, 18), Qt::AlignLeft | Qt::AlignVCenter, title);
        painter.setFont(small);
        y += 18;
        if (l == 1) {
            const int side = imageSide(int(m_trace.x.size()));
            if (side) {
                QImage image(side, side, QImage::Format_RGB32);
                for (int r = 0; r < side; ++r)
                    for (int c = 0; c < side; ++c)
                        image.setPixel(c, r, palette::activation(m_trace.x(r * side + c)).rgb());
                painter.drawImage(QRect(stripLeft, y, 2 * side, 2 * side), image);
                painter.setPen(palette::unlitLabel);
                painter.drawText(QRect(8, y, kLabelWidth - 12, 2 * side), Qt::AlignRight | Qt::AlignVCenter, tr("x = a¹"));
                y += 2 * side + 4;
            } else {
                row(tr("x = a¹"), &m_trace.x, true, false);
            }
            continue;
        }
        const bool forwardNow = current && current->equation == Equation::Forward && current->layer == l;
        const bool deltaNow = current && (current->equation == Equation::BP1 || current->equation == Equation::BP2) &&
                              current->layer == l;
        row("z" + sup(l), m_known.a[l] ? &m_trace.z[l] : nullptr, false, forwardNow);
        row("a" + sup(l), m_known.a[l] ? &m_trace.a[l] : nullptr, true, forwardNow);
        if (l == L)
            row(tr("y"), &m_trace.y, true, deltaNow);
        row("δ" + sup(l), m_known.delta[l] ? &m_trace.delta[l] : nullptr, false, deltaNow);

        // ∂C/∂w^l: as images per neuron when the layer's inputs are an image, else as a matrix.
        const bool bp4Now = current && current->equation == Equation::BP4 && current->layer == l;
        const int side = l == 2 ? imageSide(m_trace.sizes[0]) : 0;
        const int rows = m_trace.sizes[l - 1], cols = m_trace.sizes[l - 2];
        const int height = gradientHeight(l, width());
        painter.setPen(bp4Now ? QColor(Qt::black) : palette::unlitLabel);
        QFont f = small;
        f.setBold(bp4Now);
        painter.setFont(f);
        painter.drawText(QRect(8, y, kLabelWidth - 12, height), Qt::AlignRight | Qt::AlignVCenter, "∂C/∂w" + sup(l));
        painter.setFont(small);
        const QRect area(stripLeft, y, stripWidth, height);
        if (!m_known.nablaW[l]) {
            painter.fillRect(area, palette::notComputedStrip);
            painter.setPen(palette::notComputedText);
            painter.drawText(area, Qt::AlignCenter, tr("%1 × %2: not computed yet (BP4)").arg(rows).arg(cols));
        } else {
            const Eigen::MatrixXf& g = m_trace.nablaW[l];
            const double scale = std::max(1e-12, double(g.cwiseAbs().maxCoeff()));
            if (side) {
                const int pixels = tilePixels(rows, side, stripWidth), tile = pixels + 3;
                const int perRow = std::max(1, stripWidth / tile);
                for (int j = 0; j < rows; ++j) {
                    Eigen::MatrixXf image(side, side);
                    for (int r = 0; r < side; ++r)
                        for (int c = 0; c < side; ++c)
                            image(r, c) = g(j, r * side + c);
                    painter.drawImage(QRect(stripLeft + (j % perRow) * tile, y + (j / perRow) * tile, pixels, pixels),
                                      signedImage(image, scale));
                }
            } else {
                painter.drawImage(area, signedImage(g, scale));
            }
            painter.setPen(palette::unlitLabel);
            painter.drawText(QRect(stripLeft + stripWidth + 6, y, kScaleWidth, 2 * kRowHeight), Qt::AlignLeft | Qt::AlignTop,
                             "±" + formatValue(scale, 2) + "\n‖·‖ " + formatValue(g.norm(), 2));
        }
        if (bp4Now) {
            painter.setPen(QPen(palette::currentStep, 2));
            painter.drawRect(area.adjusted(-1, -1, 1, 1));
        }
        y += height + 6;
    }
}
