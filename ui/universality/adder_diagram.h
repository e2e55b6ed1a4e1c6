// adder_diagram.h — the book's circuit that adds two bits, drawn as perceptrons: five copies of
// one gate, each node showing its output for the chosen inputs x₁, x₂ (filled: 1, open: 0).
#pragma once

#include "core/universality/perceptron.h"

#include <QWidget>

class AdderDiagram : public QWidget {
    Q_OBJECT

public:
    explicit AdderDiagram(QWidget* parent = nullptr);

    void setGate(const nnlab::universality::Perceptron& gate);
    void setInputs(int x1, int x2);
    nnlab::universality::AdderState state() const;

    QSize sizeHint() const override { return {460, 260}; }
    QSize minimumSizeHint() const override { return {360, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    nnlab::universality::Perceptron m_gate;
    int m_x1 = 1;
    int m_x2 = 1;
};
