// label_histogram_plot.h — how many images each class has in one set, as a bar chart.
#pragma once

#include <qcustomplot.h>

class LabelHistogramPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit LabelHistogramPlot(QWidget* parent = nullptr);

    // counts[i] images of class names[i] in the set called `setName` ("training set").
    void setCounts(const QVector<double>& counts, const QStringList& names, const QString& setName);

    QCPBars* bars() const { return m_bars; }

private:
    QCPBars* m_bars;
    QCPTextElement* m_title;
};
