// probability_bars.h — the ten class probabilities of one prediction as a bar chart.
//
// The top guess is drawn in its own colour, every bar carries its percentage, and the y axis says
// what the numbers are: a softmax layer's output, or (for sigmoid output layers, whose outputs
// don't sum to 1) each output divided by the sum of the ten.
#pragma once

#include <qcustomplot.h>

#include <vector>

class ProbabilityBars : public QCustomPlot {
    Q_OBJECT

public:
    explicit ProbabilityBars(QWidget* parent = nullptr);

    // `normalised`: the values are outputs ÷ their sum, not a softmax. Replots (queued).
    void setProbabilities(const std::vector<float>& probabilities, int predicted, bool normalised);
    // No bars; `message` in the middle of the axes ("Draw a digit", "No model").
    void showMessage(const QString& message);

    std::vector<double> probabilities() const;   // what the bars show now (empty: a message)
    QString message() const;
    QString valueAxisLabel() const;
    QString labelText(int digit) const;   // the percentage over bar `digit` ("" when hidden)
    QRectF labelRect(int digit) const;    // where it is drawn, in pixels, after the last replot

    QSize sizeHint() const override { return {420, 300}; }

private:
    QCPBars* m_others;
    QCPBars* m_top;
    QCPItemText* m_message;
    std::vector<QCPItemText*> m_labels;
    std::vector<double> m_values;
};
