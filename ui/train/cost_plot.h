// cost_plot.h — the cost C the network minimises, per epoch on the training and validation
// sets, and per mini-batch as it trains (chapters 1 and 3).
#pragma once

#include "ui/train/training_plot.h"

class CostPlot : public TrainingPlot {
    Q_OBJECT

public:
    explicit CostPlot(QWidget* parent = nullptr);

protected:
    void addRun(const RunRecord& run, bool overlay) override;
    QCPRange yRange() const override;
};
