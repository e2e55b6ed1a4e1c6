#include "ui/train/gradient_plot.h"

#include "ui/plotting/palette.h"

#include <cmath>

GradientPlot::GradientPlot(QWidget* parent)
    : TrainingPlot(tr("Speed of learning per layer (ch. 5)"),
                   tr("‖δˡ‖ per layer · lines: mini-batch means · dots: epoch means"), parent)
{
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setLogBase(10);
    yAxis->setTicker(ticker);
    yAxis->setNumberFormat("eb");   // 10⁻³ as a power of ten
    yAxis->setNumberPrecision(0);
    yAxis->setLabel(tr("‖∂C/∂bˡ‖ (log scale)"));
    setToolTip(tr("<p>The length of the gradient of the cost with respect to each layer's biases, "
                  "‖∂C/∂b<sup>l</sup>‖ = ‖δ<sup>l</sup>‖ averaged over the mini-batch: how quickly "
                  "that layer learns. Chapter 5 shows the early layers of a deep sigmoid network "
                  "learning much more slowly than the later ones — the vanishing gradient "
                  "problem.</p>"));
}

QStringList GradientPlot::layerNames(const RunRecord& run)
{
    QStringList names;
    for (const nnlab::FeatureLayerSpec& f : run.config.net.features)
        names << (f.kind == nnlab::FeatureLayerSpec::Kind::Convolution ? tr("conv %1×%2").arg(f.maps).arg(f.kernel)
                                                                        : tr("pool %1×%1").arg(f.pool));
    const int dense = int(run.config.net.sizes.size()) - 1;
    for (int l = 1; l < dense; ++l)
        names << tr("hidden %1").arg(l);
    names << tr("output");
    if (names.size() != run.layerCount()) {   // not the trainer's layers (a loaded model): number them
        names.clear();
        for (int l = 1; l <= run.layerCount(); ++l)
            names << tr("layer %1").arg(l);
    }
    return names;
}

void GradientPlot::addRun(const RunRecord& run, bool overlay)
{
    const int layers = run.layerCount();
    const QStringList names = layerNames(run);
    for (int l = 0; l < layers; ++l) {
        QVector<double> ex, ey;
        for (const nnlab::EpochReport& e : run.epochs)
            if (l < int(e.biasGradientNorms.size()))
                appendFinite(ex, ey, e.epoch, e.biasGradientNorms[l], true);
        if (overlay) {
            QPen pen = overlayPen(run.id);
            pen.setWidthF(1.2);
            addGraph(tr("%1 · each layer").arg(run.name), pen, ex, ey, QCPScatterStyle(), l == 0);
            continue;
        }
        QVector<double> bx, by;
        for (const nnlab::MiniBatchSample& s : run.samples)
            if (l < int(s.biasGradientNorms.size()))
                appendFinite(bx, by, s.epochPosition, s.biasGradientNorms[l], true);
        const QColor colour = l + 1 == layers ? palette::outputLayer : palette::hiddenLayer(l);
        QColor line = colour;
        line.setAlpha(170);
        // Pooling layers have no biases, hence no curve and no legend entry.
        addGraph(names[l], QPen(line, 1.2), bx, by, QCPScatterStyle(), !bx.isEmpty() || !ex.isEmpty());
        QCPGraph* dots = addGraph(QString(), QPen(colour), ex, ey,
                                  QCPScatterStyle(QCPScatterStyle::ssDisc, colour.darker(130), colour, 7), false);
        dots->setLineStyle(QCPGraph::lsNone);
    }
}

QCPRange GradientPlot::yRange() const
{
    const std::optional<QCPRange> b = yBounds(true);
    if (!b)
        return {1e-3, 1.0};
    // Whole decades: ticks at the powers of ten only, and room above and below the curves.
    const double lo = std::pow(10.0, std::floor(std::log10(b->lower) - 0.1));
    const double hi = std::pow(10.0, std::ceil(std::log10(b->upper) + 0.1));
    return {lo, hi};
}
