#include "ui/train/cost_plot.h"

CostPlot::CostPlot(QWidget* parent)
    : TrainingPlot(tr("Cost C (ch. 1, 3)"),
                   tr("after each epoch; thin line: mini-batch means"), parent)
{
    yAxis->setLabel(tr("cost C"));
    setToolTip(tr("<p>The cost C per epoch on the training set (with the regularisation term) and on "
                  "the validation set, and the mean cost of the mini-batches as they train. A "
                  "training cost that keeps falling while the validation cost rises is "
                  "overfitting (chapter 3).</p>"));
}

void CostPlot::addRun(const RunRecord& run, bool overlay)
{
    QVector<double> ex, training, vx, validation;
    for (const nnlab::EpochReport& e : run.epochs) {
        appendFinite(ex, training, e.epoch, e.training.cost);
        appendFinite(vx, validation, e.epoch, e.validation.cost);
    }
    if (overlay) {
        addGraph(tr("%1 · training").arg(run.name), overlayPen(run.id), ex, training);
        return;
    }
    QVector<double> bx, batches;
    for (const nnlab::MiniBatchSample& s : run.samples)
        appendFinite(bx, batches, s.epochPosition, s.cost);
    QColor light = trainingColor;
    light.setAlpha(110);
    addGraph(tr("training, mini-batches"), QPen(light, 1.0), bx, batches);
    const QCPScatterStyle dot(QCPScatterStyle::ssDisc, 5);
    addGraph(tr("training"), QPen(trainingColor, 2.0), ex, training, dot);
    addGraph(tr("validation"), QPen(validationColor, 2.0), vx, validation, dot);
}

QCPRange CostPlot::yRange() const
{
    const std::optional<QCPRange> b = yBounds();
    if (!b)
        return {0.0, 1.0};
    return {0.0, b->upper > 0.0 ? b->upper * 1.05 : 1.0};   // every cost here is ≥ 0
}
