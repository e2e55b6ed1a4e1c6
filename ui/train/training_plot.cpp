#include "ui/train/training_plot.h"

#include "ui/common/export_location.h"
#include "ui/plotting/palette.h"
#include "ui/plotting/plot_export.h"
#include "ui/plotting/plot_helpers.h"

#include <QFileInfo>
#include <QMenu>

#include <algorithm>
#include <cmath>

void appendFinite(QVector<double>& xs, QVector<double>& ys, double x, double y, bool positiveOnly)
{
    if (!std::isfinite(x) || !std::isfinite(y) || (positiveOnly && y <= 0.0))
        return;
    xs.append(x);
    ys.append(y);
}

TrainingPlot::TrainingPlot(const QString& title, const QString& explanation, QWidget* parent)
    : QCustomPlot(parent)
{
    m_title = addTitleAndExplanation(this, title, explanation);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);

    // The legend sits under the titles, outside the axes, so it never hides a curve.
    legend->setVisible(true);
    legend->setFont(small);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(3);
    legend->setIconSize(22, 10);
    legend->setRowSpacing(-2);
    legend->setMargins({4, 0, 4, 0});
    axisRect()->insetLayout()->take(legend);
    plotLayout()->insertRow(2);   // the legend's row: empty until there are graphs (showLegend)
    showLegend(false);
    plotLayout()->setRowStretchFactor(0, 0.001);
    plotLayout()->setRowStretchFactor(1, 0.001);
    plotLayout()->setRowStretchFactor(2, 0.001);
    plotLayout()->setRowSpacing(0);

    // Epochs are whole numbers: ticks on them (every 2, 5, 10... when there are many).
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
    xAxis->setLabel(tr("epoch"));
    xAxis->setRange(0, 1);

    setInteractions({});
    // Live plots redraw up to 30 times a second: polylines drawn the fast way.
    setPlottingHint(QCP::phFastPolylines, true);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("Export as PNG or PDF…"), this, [this] {
            const QString path = askSaveFile(this, ExportKind::Plot, tr("Export plot"),
                                             m_title->text().section(' ', 0, 0).toLower() + ".png",
                                             tr("PNG image (*.png);;PDF document (*.pdf)"));
            QString error;
            if (!path.isEmpty() && !exportTo(path, &error))
                QMessageBox::warning(this, tr("Export plot"), error);
            else if (!path.isEmpty())
                announceSaved(this, tr("Saved the plot to %1"), path);
        });
        menu.exec(mapToGlobal(pos));
    });
    connect(this, &QCustomPlot::afterReplot, this, [this] { ++m_replots; });
}

QString TrainingPlot::title() const
{
    return m_title->text();
}

QPen TrainingPlot::overlayPen(int runId)
{
    return QPen(palette::overlayRun(runId), 1.5, Qt::DashLine);
}

QCPGraph* TrainingPlot::addGraph(const QString& name, const QPen& pen, const QVector<double>& x,
                                 const QVector<double>& y, QCPScatterStyle scatter, bool inLegend)
{
    QCPGraph* graph = QCustomPlot::addGraph();
    graph->setName(name);
    graph->setPen(pen);
    graph->setScatterStyle(scatter);
    graph->setData(x, y, true);
    if (!inLegend)
        graph->removeFromLegend();
    return graph;
}

void TrainingPlot::showRuns(const RunRecord* main, const QList<const RunRecord*>& overlays)
{
    clearGraphs();
    clearItems();
    double xMax = 1.0;
    auto extent = [](const RunRecord& run) {
        double x = run.isRunning() ? run.config.epochs : 0.0;
        if (!run.epochs.empty())
            x = std::max(x, double(run.epochs.back().epoch));
        if (!run.samples.empty())
            x = std::max(x, std::ceil(run.samples.back().epochPosition));
        return x;
    };
    for (const RunRecord* run : overlays) {
        addRun(*run, true);
        xMax = std::max(xMax, extent(*run));
    }
    if (main) {
        addRun(*main, false);
        xMax = std::max(xMax, extent(*main));
    }
    xAxis->setRange(0, xMax);
    for (int i = 0; i < graphCount(); ++i)
        if (graph(i)->property("spansXAxis").toBool() && !graph(i)->data()->isEmpty()) {
            const double y = graph(i)->data()->begin()->value;
            graph(i)->setData({0.0, xMax}, {y, y}, true);
        }
    const QCPRange y = yRange();
    if (y.lower < y.upper && std::isfinite(y.lower) && std::isfinite(y.upper))
        yAxis->setRange(y);
    showLegend(legend->itemCount() > 0);
    replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlot::showLegend(bool show)
{
    // An empty legend would still be laid out, and its zero maximum width would squeeze the
    // column it shares with the axes to their minimum width: so it leaves the layout.
    const bool placed = legend->layout() == plotLayout();
    if (show && !placed)
        plotLayout()->addElement(2, 0, legend);
    else if (!show && placed)
        plotLayout()->take(legend);
    legend->setVisible(show);
}

void TrainingPlot::spanXAxis(QCPGraph* graph)
{
    graph->setProperty("spansXAxis", true);
}

std::optional<QCPRange> TrainingPlot::yBounds(bool positiveOnly) const
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (int i = 0; i < graphCount(); ++i)
        for (const QCPGraphData& d : *graph(i)->data()) {
            if (!std::isfinite(d.value) || (positiveOnly && d.value <= 0.0))
                continue;
            lo = std::min(lo, d.value);
            hi = std::max(hi, d.value);
        }
    if (lo > hi)
        return std::nullopt;
    return QCPRange(lo, hi);
}

QList<QPointF> TrainingPlot::allPoints() const
{
    QList<QPointF> points;
    for (int i = 0; i < graphCount(); ++i)
        for (const QCPGraphData& d : *graph(i)->data())
            points.append({d.key, d.value});
    return points;
}

bool TrainingPlot::exportTo(const QString& path, QString* error)
{
    return exportPlot(this, path, error);
}
