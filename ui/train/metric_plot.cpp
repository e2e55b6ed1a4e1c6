#include "ui/train/metric_plot.h"

#include "ui/plotting/palette.h"

#include <algorithm>
#include <cmath>

namespace {

enum Set { Training, Validation, Test };   // the sets, in the order the legend lists them

// The regularisation term the epoch's costs include (core/train/evaluation.h) and the
// mini-batches' cost C₀ leaves out, as the book writes it (eqs. 85, 95); empty without one.
QString regularisationTerm(const RunRecord& run)
{
    bool l2 = run.config.hyper.lambda != 0.0f;
    for (const nnlab::HyperparameterChange& c : run.changes)
        l2 = l2 || (c.parameter == nnlab::LiveHyperparameter::Lambda && c.to != 0.0f);
    QStringList terms;
    if (l2)
        terms << "(λ/2n)Σw²";
    if (run.config.hyper.l1 != 0.0f)
        terms << "(λ₁/n)Σ|w|";
    return terms.join(" + ");
}

}  // namespace

MetricPlot::MetricPlot(Metric metric, QWidget* parent)
    : TrainingPlot(metric == Metric::Cost ? tr("Cost C (ch. 1, 3)") : tr("Accuracy (ch. 1, 3)"),
                   metric == Metric::Cost ? tr("after each epoch; thin line: mini-batch means")
                                          : tr("images classified correctly after each epoch"),
                   parent),
      m_metric(metric)
{
    if (metric == Metric::Cost) {
        yAxis->setLabel(tr("cost C"));
        setToolTip(tr("<p>The cost C per epoch on the training set and on the validation set, and the mean "
                      "cost of the mini-batches as they train. A training cost that keeps falling while "
                      "the validation cost rises is overfitting (chapter 3).</p>"
                      "<p>With regularisation the epoch's costs are C = C₀ + (λ/2n)Σw² (eq. 85; L1: "
                      "+ (λ₁/n)Σ|w|, eq. 95), while the mini-batch line is the data's cost C₀ alone, "
                      "before the update: the two can be far apart.</p>"));
    } else {
        yAxis->setLabel(tr("accuracy (%)"));
        setToolTip(tr("<p>The percentage of images whose largest output is the right class, after each "
                      "epoch. The dashed grey line is the test accuracy the book reports for the "
                      "preset. A gap between training and test accuracy is overfitting (chapter 3).</p>"));
    }
}

void MetricPlot::addRun(const RunRecord& run, bool overlay)
{
    const bool cost = m_metric == Metric::Cost;
    // The cost as it is; the accuracy as a percentage.
    const auto value = [cost](const nnlab::Evaluation& set) { return cost ? set.cost : 100 * set.accuracy; };
    QVector<double> x[3], y[3];
    for (const nnlab::EpochReport& e : run.epochs) {
        appendFinite(x[Training], y[Training], e.epoch, value(e.training));
        appendFinite(x[Validation], y[Validation], e.epoch, value(e.validation));
        appendFinite(x[Test], y[Test], e.epoch, value(e.test));
    }
    // An earlier run: one dashed line, the cost it trained down or the accuracy it reached.
    if (overlay) {
        if (cost)
            addGraph(tr("%1 · training").arg(run.name), overlayPen(run.id), x[Training], y[Training]);
        else
            addGraph(tr("%1 · test").arg(run.name), overlayPen(run.id), x[Test], y[Test]);
        return;
    }
    markChanges(run);
    // With regularisation the two training costs differ by its term, often by far (λ = 5: ~3
    // against ~0.3): each says which it is.
    const QString term = cost ? regularisationTerm(run) : QString();
    if (cost) {
        QVector<double> bx, batches;
        for (const nnlab::MiniBatchSample& s : run.samples)
            appendFinite(bx, batches, s.epochPosition, s.cost);
        QColor light = palette::training;
        light.setAlpha(110);
        addGraph(term.isEmpty() ? tr("training, mini-batches") : tr("mini-batches: C₀ alone"), QPen(light, 1.0), bx,
                 batches);
    }
    const QCPScatterStyle dot(QCPScatterStyle::ssDisc, 5);
    const QString withTerm = term.isEmpty() ? QString() : tr(": C₀ + %1").arg(term);
    addGraph(tr("training") + withTerm, QPen(palette::training, 2.0), x[Training], y[Training], dot);
    addGraph(tr("validation") + withTerm, QPen(palette::validation, 2.0), x[Validation], y[Validation], dot);
    if (cost)
        return;   // the cost plot follows the training and validation sets only
    addGraph(tr("test"), QPen(palette::test, 2.0), x[Test], y[Test], dot);
    if (run.bookAccuracy) {
        const double percent = 100 * *run.bookAccuracy;
        QCPGraph* book = addGraph(tr("the book: %1%").arg(percent, 0, 'f', 2),
                                  QPen(palette::bookFigure, 1.5, Qt::DashLine), {0.0, 1.0}, {percent, percent});
        book->setObjectName("bookReference");
        spanXAxis(book);
    }
}

QCPRange MetricPlot::yRange() const
{
    const std::optional<QCPRange> b = yBounds();
    if (m_metric == Metric::Cost) {
        if (!b)
            return {0.0, 1.0};
        return {0.0, b->upper > 0.0 ? b->upper * 1.05 : 1.0};   // every cost here is ≥ 0
    }
    if (!b)
        return {0.0, 100.0};
    double lo = std::max(0.0, std::floor(b->lower - 1.0));
    double hi = std::min(100.0, std::ceil(b->upper + 1.0));
    if (hi - lo < 2.0)
        lo = std::max(0.0, hi - 2.0);
    return {lo, hi};
}
