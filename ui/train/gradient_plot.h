// gradient_plot.h — how fast each layer learns: ‖∂C/∂b^l‖ of every layer on a log scale, per
// mini-batch and per epoch. Chapter 5's picture of the vanishing gradient: in a deep sigmoid
// network the early hidden layers' gradients are orders of magnitude smaller than the last's.
#pragma once

#include "ui/train/training_plot.h"

class GradientPlot : public TrainingPlot {
    Q_OBJECT

public:
    explicit GradientPlot(QWidget* parent = nullptr);

    // "conv 20×5", "pool 2×2", "hidden 1", ..., "output": the run's layers that report a gradient.
    static QStringList layerNames(const RunRecord& run);

protected:
    void addRun(const RunRecord& run, bool overlay) override;
    QCPRange yRange() const override;
};
