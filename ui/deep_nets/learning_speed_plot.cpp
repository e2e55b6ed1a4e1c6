#include "ui/deep_nets/learning_speed_plot.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"

#include <cmath>

LearningSpeedPlot::LearningSpeedPlot(QWidget* parent)
    : QCustomPlot(parent), m_title(new QCPTextElement(this, tr("Speed of learning: ‖δˡ‖ of each hidden layer"),
                                                      QFont(font().family(), font().pointSize() + 1, QFont::Bold)))
{
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
    placeLegendAbove(this);
    legend->setWrap(2);   // "hidden layer 1" … "4" two by two: four side by side would be wider than a 1024×640 window allows
    xAxis->setLabel(tr("epoch (one full-batch step of gradient descent)"));
    yAxis->setLabel(tr("‖δˡ‖ = ‖∂C/∂bˡ‖ (log scale)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    yAxis->setNumberFormat("eb");
    yAxis->setNumberPrecision(0);
    setToolTip(tr("‖δˡ‖ = ‖∂C/∂bˡ‖: how fast the biases of hidden layer l change, the book's measure of "
                  "the speed at which layer l learns. In a deep sigmoid network the early layers' curves "
                  "lie far below the later ones': the vanishing gradient problem."));
    reset(4, 500);
}

void LearningSpeedPlot::reset(int hiddenLayers, int epochs)
{
    clearGraphs();
    for (int l = 0; l < hiddenLayers; ++l) {
        QCPGraph* graph = addGraph();
        graph->setName(tr("hidden layer %1").arg(l + 1));
        graph->setPen(QPen(palette::hiddenLayer(l), 2));
    }
    xAxis->setRange(0, std::max(1, epochs));
    yAxis->setRange(1e-4, 1);
    m_low = m_high = 0.0;
    replot(rpQueuedReplot);
}

void LearningSpeedPlot::addEpoch(int epoch, const std::vector<double>& hiddenNorms)
{
    for (int l = 0; l < graphCount() && l < int(hiddenNorms.size()); ++l) {
        const double v = hiddenNorms[l];
        if (!std::isfinite(v) || v <= 0.0)
            continue;
        graph(l)->addData(epoch, v);
        m_low = m_low == 0.0 ? v : std::min(m_low, v);
        m_high = std::max(m_high, v);
    }
    if (m_low > 0.0)   // whole decades around the data, so the log ticks stay readable
        yAxis->setRange(std::pow(10.0, std::floor(std::log10(m_low))), std::pow(10.0, std::ceil(std::log10(m_high))));
    replot(rpQueuedReplot);
}

QList<QPointF> LearningSpeedPlot::allPoints() const
{
    QList<QPointF> points;
    for (int g = 0; g < graphCount(); ++g)
        for (auto it = graph(g)->data()->constBegin(); it != graph(g)->data()->constEnd(); ++it)
            points.append({it->key, it->value});
    return points;
}
