// neuron_chain_plot.h — chapter 5's chain of single neurons: |∂C/∂b_j| neuron by neuron, on a log
// axis, for the exploding chain (w = 100, σ'(z) = 1/4: ×25 per layer toward the input), the
// vanishing one (w = 1: ×1/4) and a ReLU chain (w = 1: ×1).
#pragma once

#include <qcustomplot.h>

class NeuronChainPlot : public QCustomPlot {
    Q_OBJECT

public:
    static constexpr int chainLength = 5;

    explicit NeuronChainPlot(QWidget* parent = nullptr);

    // |∂C/∂b_1| / |∂C/∂b_2| of curve 0, 1 or 2: the growth per layer toward the input.
    double growthPerLayer(int curve) const;
};
