// tiny_net_panel.h — the Backprop view's editable tiny network (default 2-3-2, sigmoid neurons,
// quadratic cost): its sizes, the example (x, y), every weight and bias, drawn as a diagram that
// the step panel walks through backpropagation.
#pragma once

#include "ui/backprop/network_diagram.h"

#include "core/backprop/backprop_trace.h"
#include "core/nn/network.h"

#include <QWidget>

#include <memory>

class BackpropStepPanel;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class TinyNetPanel : public QWidget {
    Q_OBJECT

public:
    explicit TinyNetPanel(QWidget* parent = nullptr);

    const nnlab::Network& network() const { return *m_net; }
    const Eigen::VectorXf& x() const { return m_x; }
    const Eigen::VectorXf& y() const { return m_y; }
    const nnlab::backprop::BackpropTrace& trace() const { return m_trace; }
    NetworkDiagram* diagram() const { return m_diagram; }
    BackpropStepPanel* stepPanel() const { return m_steps; }

    // The controls' actions, for code and tests. Each returns false (and shows why) on bad text.
    bool setSizes(const QString& text);   // "2,3,2": 2..5 layers of 1..8 neurons
    bool setInput(const QString& text);   // x, comma-separated
    bool setTarget(const QString& text);  // y
    void setCost(nnlab::Cost cost);
    void reseed(std::uint64_t seed);      // draws every weight and bias afresh, N(0, 1)
    void setParameter(const NetworkDiagram::Parameter& p, double value);
    double parameter(const NetworkDiagram::Parameter& p) const;
    QString errorText() const;

signals:
    void networkChanged();

private:
    void rebuild();   // a new network from the sizes, cost and seed; keeps x, y where they fit
    void retrace();
    void select(std::optional<NetworkDiagram::Parameter> p);
    void showError(const QString& message);

    std::vector<int> m_sizes{2, 3, 2};
    nnlab::Cost m_cost = nnlab::Cost::Quadratic;
    std::uint64_t m_seed = 4;
    std::unique_ptr<nnlab::Network> m_net;
    Eigen::VectorXf m_x, m_y;
    nnlab::backprop::BackpropTrace m_trace;

    QLineEdit* m_sizesEdit;
    QComboBox* m_costCombo;
    QLineEdit* m_xEdit;
    QLineEdit* m_yEdit;
    QSpinBox* m_seedSpin;
    QLabel* m_parameterName;
    QDoubleSpinBox* m_parameterSpin;
    QLabel* m_error;
    NetworkDiagram* m_diagram;
    BackpropStepPanel* m_steps;
};
