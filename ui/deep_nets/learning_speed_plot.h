// learning_speed_plot.h — chapter 5's "speed of learning" figure: ‖δ^l‖ = ‖∂C/∂b^l‖ of every
// hidden layer against the epoch, on a log axis, one curve per hidden layer.
#pragma once

#include <qcustomplot.h>

#include <vector>

class LearningSpeedPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit LearningSpeedPlot(QWidget* parent = nullptr);

    // Starts empty curves for `hiddenLayers` layers over `epochs` epochs.
    void reset(int hiddenLayers, int epochs);
    // Appends one epoch's ‖δ^l‖ (hidden layers only); non-finite or non-positive values are skipped.
    void addEpoch(int epoch, const std::vector<double>& hiddenNorms);
    // Every (epoch, ‖δ‖) point on every curve, for tests.
    QList<QPointF> allPoints() const;

private:
    QCPTextElement* m_title;
    double m_low = 0.0, m_high = 0.0;   // y bounds of what was added
};
