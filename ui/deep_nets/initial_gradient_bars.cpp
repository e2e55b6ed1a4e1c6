#include "ui/deep_nets/initial_gradient_bars.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"

#include <algorithm>
#include <cmath>

InitialGradientBars::InitialGradientBars(QWidget* parent) : QCustomPlot(parent), m_group(new QCPBarsGroup(this))
{
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, new QCPTextElement(this, tr("δ of the first six neurons at the start"),
                                                      QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    placeLegendAbove(this);
    xAxis->setLabel(tr("neuron j of the layer"));
    yAxis->setLabel(tr("δˡⱼ = ∂C/∂bˡⱼ"));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int j = 1; j <= neuronsShown; ++j)
        ticker->addTick(j, QString::number(j));
    xAxis->setTicker(ticker);
    xAxis->setRange(0.4, neuronsShown + 0.6);
    m_group->setSpacingType(QCPBarsGroup::stAbsolute);
    m_group->setSpacing(1);
    setToolTip(tr("δˡⱼ = ∂C/∂bˡⱼ over the 1,000 training images, before any learning: the bars of the "
                  "first hidden layer are far shorter than those of the last — it will learn more slowly."));
}

void InitialGradientBars::setGradients(const std::vector<Eigen::VectorXf>& hiddenGradients)
{
    clearPlottables();
    double extent = 0.0;
    const int layers = int(hiddenGradients.size());
    for (int l = 0; l < layers; ++l) {
        auto* bars = new QCPBars(xAxis, yAxis);
        bars->setName(tr("layer %1").arg(l + 1));
        bars->setPen(Qt::NoPen);
        bars->setBrush(palette::hiddenLayer(l));
        bars->setWidth(0.8 / std::max(1, layers));
        bars->setBarsGroup(m_group);
        const Eigen::VectorXf& g = hiddenGradients[l];
        for (int j = 0; j < neuronsShown && j < g.size(); ++j) {
            bars->addData(j + 1, g[j]);
            extent = std::max(extent, double(std::abs(g[j])));
        }
    }
    extent = extent > 0.0 ? extent * 1.1 : 1.0;
    yAxis->setRange(-extent, extent);
    replot(rpQueuedReplot);
}

std::vector<std::vector<double>> InitialGradientBars::values() const
{
    std::vector<std::vector<double>> result;
    for (int p = 0; p < plottableCount(); ++p)
        if (auto* bars = qobject_cast<QCPBars*>(const_cast<InitialGradientBars*>(this)->plottable(p))) {
            result.emplace_back();
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                result.back().push_back(it->value);
        }
    return result;
}
