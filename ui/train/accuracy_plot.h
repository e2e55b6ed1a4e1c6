// accuracy_plot.h — the fraction of images classified right, per epoch, on the training,
// validation and test sets, with the figure the book reports as a dashed line (chapters 1, 3).
#pragma once

#include "ui/train/training_plot.h"

class AccuracyPlot : public TrainingPlot {
    Q_OBJECT

public:
    explicit AccuracyPlot(QWidget* parent = nullptr);

protected:
    void addRun(const RunRecord& run, bool overlay) override;
    QCPRange yRange() const override;
};
