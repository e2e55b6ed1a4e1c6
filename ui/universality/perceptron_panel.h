// perceptron_panel.h — chapter 1's perceptrons: one perceptron with editable w₁, w₂, b and its
// truth table (NAND with the book's −2, −2, 3), and the book's adder built from that gate,
// with its outputs for every input.
#pragma once

#include "core/universality/perceptron.h"

#include <QWidget>

class AdderDiagram;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

class PerceptronPanel : public QWidget {
    Q_OBJECT

public:
    explicit PerceptronPanel(QWidget* parent = nullptr);

    void setGate(double w1, double w2, double b);
    const nnlab::universality::Perceptron& gate() const { return m_gate; }
    QTableWidget* gateTable() const { return m_gateTable; }
    QTableWidget* adderTable() const { return m_adderTable; }
    AdderDiagram* diagram() const { return m_diagram; }
    QLabel* verdict() const { return m_verdict; }

private:
    void refresh();

    nnlab::universality::Perceptron m_gate;
    QDoubleSpinBox* m_w1 = nullptr;
    QDoubleSpinBox* m_w2 = nullptr;
    QDoubleSpinBox* m_b = nullptr;
    QTableWidget* m_gateTable = nullptr;
    QLabel* m_verdict = nullptr;
    QTableWidget* m_adderTable = nullptr;
    QLabel* m_adderVerdict = nullptr;
    AdderDiagram* m_diagram = nullptr;
};
