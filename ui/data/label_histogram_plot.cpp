#include "ui/data/label_histogram_plot.h"

#include "ui/plotting/palette.h"

#include <algorithm>
#include <numeric>

LabelHistogramPlot::LabelHistogramPlot(QWidget* parent)
    : QCustomPlot(parent), m_bars(new QCPBars(xAxis, yAxis)),
      m_title(new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold)))
{
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    m_bars->setWidth(0.7);
    m_bars->setPen(QPen(palette::barEdge));
    m_bars->setBrush(palette::barFill);

    xAxis->setLabel(tr("class"));
    yAxis->setLabel(tr("images"));
    xAxis->grid()->setVisible(false);
    xAxis->setSubTicks(false);
    xAxis->setTickLength(0, 3);
    yAxis->setNumberFormat("f");
    yAxis->setNumberPrecision(0);

    // The legend goes under the title, outside the axes, so it never hides a bar.
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    axisRect()->insetLayout()->take(legend);
    plotLayout()->insertRow(1);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(1, 0.001);
    legend->setMargins({4, 0, 4, 0});
    // The plot is a picture, not an instrument: no dragging or zooming to get lost in.
    setInteractions({});
    setToolTip(tr("How many images of each class the selected set holds: "
                  "the classes are roughly, not exactly, balanced"));
}

void LabelHistogramPlot::setCounts(const QVector<double>& counts, const QStringList& names,
                                   const QString& setName)
{
    QVector<double> keys(counts.size());
    std::iota(keys.begin(), keys.end(), 0.0);
    m_bars->setData(keys, counts, true);

    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTicks(keys, QVector<QString>(names.begin(), names.end()));
    xAxis->setTicker(ticker);
    // Long class names (Fashion-MNIST) need to lean to fit under their bars.
    const bool longNames = std::any_of(names.begin(), names.end(),
                                       [](const QString& n) { return n.size() > 2; });
    xAxis->setTickLabelRotation(longNames ? 50 : 0);
    xAxis->setRange(-0.7, counts.size() - 0.3);

    const double most = counts.isEmpty() ? 1 : *std::max_element(counts.begin(), counts.end());
    yAxis->setRange(0, most * 1.08);

    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    m_title->setText(tr("Images per class — %1").arg(setName));
    m_bars->setName(tr("%1 (%L2 images)").arg(setName).arg(static_cast<qint64>(total)));
    replot(QCustomPlot::rpQueuedReplot);
}
