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
    m_explanation = qobject_cast<QCPTextElement*>(plotLayout()->element(1, 0));
    m_titleText = title;
    m_explanationText = explanation;
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
                                             m_titleText.section(' ', 0, 0).toLower() + ".png",
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
    return m_titleText;
}

namespace {

// Words of `text` in lines no wider than `width` (a word wider than that keeps a line of its own).
QString wrapped(const QString& text, const QFont& font, int width)
{
    const QFontMetrics metrics(font);
    QStringList lines;
    QString line;
    for (const QString& word : text.split(' ', Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + ' ' + word;
        if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join('\n');
}

}  // namespace

void TrainingPlot::wrapHeadings()
{
    // A narrow plot (1024×640) would cut its title at both ends: it takes two lines instead.
    const std::pair<QCPTextElement*, QString> headings[] = {{m_title, m_titleText}, {m_explanation, m_explanationText}};
    for (const auto& [element, text] : headings) {
        if (!element)
            continue;
        const int room = width() - element->margins().left() - element->margins().right() - 4;
        const QString lines = wrapped(text, element->font(), room);
        if (lines != element->text())
            element->setText(lines);
    }
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
    auto extent = [](const RunRecord& run) {
        double x = run.isRunning() ? run.config.epochs : 0.0;
        if (!run.epochs.empty())
            x = std::max(x, double(run.epochs.back().epoch));
        if (!run.samples.empty())
            x = std::max(x, std::ceil(run.samples.back().epochPosition));
        return x;
    };
    // The selected run's epochs (all it will have, while it trains); with none (a loaded model, or
    // nothing selected) the overlaid runs'.
    double xMax = main ? extent(*main) : 0.0;
    for (const RunRecord* run : overlays) {
        addRun(*run, true);
        if (!main || extent(*main) <= 0.0)
            xMax = std::max(xMax, extent(*run));
    }
    if (main)
        addRun(*main, false);
    xMax = std::max(xMax, 1.0);
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
    fitLegend();
    replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlot::resizeEvent(QResizeEvent* event)
{
    fitLegend();   // before the base class lays out and replots at the new size
    wrapHeadings();
    QCustomPlot::resizeEvent(event);
}

void TrainingPlot::fitLegend()
{
    // (itemCount() counts the grid's cells, empty ones too: those have no item.)
    QList<int> widths;   // of each entry, in the legend's order
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = legend->item(i))
            widths << item->minimumOuterSizeHint().width();
    if (widths.isEmpty())
        return;
    const QMargins margins = legend->margins();
    const int room = width() - margins.left() - margins.right();
    // The most columns whose entries all fit whole: entry i goes to column i % columns, and each
    // column is as wide as its widest entry.
    int columns = int(widths.size());
    for (; columns > 1; --columns) {
        QList<int> columnWidths(columns, 0);
        for (int i = 0; i < widths.size(); ++i)
            columnWidths[i % columns] = std::max(columnWidths[i % columns], widths[i]);
        int needed = legend->columnSpacing() * (columns - 1);
        for (int w : columnWidths)
            needed += w;
        if (needed <= room)
            break;
    }
    if (columns == legend->wrap() && legend->columnCount() <= columns)
        return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);   // re-wraps the entries
}

void TrainingPlot::markChanges(const RunRecord& run)
{
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    for (const nnlab::HyperparameterChange& change : run.changes) {
        const double x = change.epochPosition();
        auto* line = new QCPItemStraightLine(this);
        line->setObjectName("hyperparameterChange");
        line->setPen(QPen(palette::guideLine, 1.0, Qt::DotLine));
        line->point1->setCoords(x, 0.0);
        line->point2->setCoords(x, 1.0);
        auto* label = new QCPItemText(this);
        label->setObjectName("hyperparameterChangeLabel");
        label->position->setTypeX(QCPItemPosition::ptPlotCoords);
        label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(x, 0.0);
        label->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
        label->setPadding({3, 2, 3, 1});
        label->setFont(small);
        label->setColor(palette::plotLabel);
        label->setBrush(QBrush(palette::legendBackground));
        label->setText(QString("%1 = %2")
                           .arg(QString::fromStdString(nnlab::symbol(change.parameter)))
                           .arg(double(change.to), 0, 'g', 4) +
                       (change.bySchedule ? tr(" (halved)") : QString()));
    }
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
    const QCPRange x = xAxis->range();
    for (int i = 0; i < graphCount(); ++i)
        for (const QCPGraphData& d : *graph(i)->data()) {
            if (!std::isfinite(d.value) || (positiveOnly && d.value <= 0.0) || d.key < x.lower || d.key > x.upper)
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
