// metric_plot.h — one measure of a run per epoch on the training, validation and test sets:
// the cost C the network minimises, with the mini-batches' mean cost as it trains, or the
// accuracy, with the figure the book reports as a dashed line (chapters 1 and 3).
#pragma once

#include "ui/train/training_plot.h"

class MetricPlot : public TrainingPlot {
    Q_OBJECT

public:
    enum class Metric { Cost, Accuracy };

    explicit MetricPlot(Metric metric, QWidget* parent = nullptr);
    Metric metric() const { return m_metric; }

protected:
    void addRun(const RunRecord& run, bool overlay) override;
    QCPRange yRange() const override;

private:
    Metric m_metric;
};
