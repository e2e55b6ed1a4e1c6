#include "ui/train/accuracy_plot.h"

#include <algorithm>
#include <cmath>

AccuracyPlot::AccuracyPlot(QWidget* parent)
    : TrainingPlot(tr("Accuracy (ch. 1, 3)"), tr("images classified correctly after each epoch"), parent)
{
    yAxis->setLabel(tr("accuracy (%)"));
    setToolTip(tr("<p>The percentage of images whose largest output is the right class, after each "
                  "epoch. The dashed grey line is the test accuracy the book reports for the "
                  "preset. A gap between training and test accuracy is overfitting (chapter 3).</p>"));
}

void AccuracyPlot::addRun(const RunRecord& run, bool overlay)
{
    QVector<double> x[3], y[3];
    for (const nnlab::EpochReport& e : run.epochs) {
        appendFinite(x[0], y[0], e.epoch, 100 * e.training.accuracy);
        appendFinite(x[1], y[1], e.epoch, 100 * e.validation.accuracy);
        appendFinite(x[2], y[2], e.epoch, 100 * e.test.accuracy);
    }
    if (overlay) {
        addGraph(tr("%1 · test").arg(run.name), overlayPen(run.id), x[2], y[2]);
        return;
    }
    const QCPScatterStyle dot(QCPScatterStyle::ssDisc, 5);
    addGraph(tr("training"), QPen(trainingColor, 2.0), x[0], y[0], dot);
    addGraph(tr("validation"), QPen(validationColor, 2.0), x[1], y[1], dot);
    addGraph(tr("test"), QPen(testColor, 2.0), x[2], y[2], dot);
    if (run.bookAccuracy) {
        const double percent = 100 * *run.bookAccuracy;
        QCPGraph* book = addGraph(tr("the book: %1%").arg(percent, 0, 'f', 2),
                                  QPen(QColor(0x44, 0x44, 0x44), 1.5, Qt::DashLine), {0.0, 1.0},
                                  {percent, percent});
        book->setObjectName("bookReference");
        spanXAxis(book);
    }
}

QCPRange AccuracyPlot::yRange() const
{
    const std::optional<QCPRange> b = yBounds();
    if (!b)
        return {0.0, 100.0};
    double lo = std::max(0.0, std::floor(b->lower - 1.0));
    double hi = std::min(100.0, std::ceil(b->upper + 1.0));
    if (hi - lo < 2.0)
        lo = std::max(0.0, hi - 2.0);
    return {lo, hi};
}
