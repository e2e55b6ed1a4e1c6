// deviation_gauge.h — the book's challenge score as a bar: the average deviation of the weighted
// output from σ⁻¹∘f (or from f), with the book's "success" line at 0.40 marked.
#pragma once

#include <qcustomplot.h>

class DeviationGauge : public QCustomPlot {
    Q_OBJECT

public:
    explicit DeviationGauge(QWidget* parent = nullptr);
    void setDeviation(double deviation);
    double deviation() const { return m_deviation; }

private:
    QCPBars* m_bar;
    QCPItemStraightLine* m_threshold;
    QCPItemText* m_thresholdLabel;
    double m_deviation = 0.0;
};
