// initial_gradient_bars.h — the book's bar chart of chapter 5: δ = ∂C/∂b of the first six neurons
// of each hidden layer of a freshly initialised network, grouped by neuron, a colour per layer.
#pragma once

#include <Eigen/Core>

#include <qcustomplot.h>

#include <vector>

class InitialGradientBars : public QCustomPlot {
    Q_OBJECT

public:
    static constexpr int neuronsShown = 6;

    explicit InitialGradientBars(QWidget* parent = nullptr);

    // ∂C/∂b^l of each hidden layer (the output layer excluded); shows the first six entries of each.
    void setGradients(const std::vector<Eigen::VectorXf>& hiddenGradients);
    // The bars' values, layer by layer (for tests).
    std::vector<std::vector<double>> values() const;

private:
    QCPBarsGroup* m_group;
};
