// backprop_step_panel.h — walks a backprop trace one step at a time: Step, Back, Run all, Reset;
// the equation being applied (BP1–BP4, in general and with this layer's numbers), the values it
// produced, and the list of all steps (click one to jump there).
#pragma once

#include "core/backprop/backprop_trace.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTimer;

class BackpropStepPanel : public QWidget {
    Q_OBJECT

public:
    explicit BackpropStepPanel(QWidget* parent = nullptr);

    // A new trace (the network or the example changed): the walk stays at the same step, so an
    // edit mid-walk shows the new numbers of the step being looked at.
    void setTrace(const nnlab::backprop::BackpropTrace& trace);
    const nnlab::backprop::BackpropTrace& trace() const { return m_trace; }

    int done() const { return m_done; }            // steps taken: 0 (nothing yet) .. stepCount()
    int stepCount() const { return int(m_trace.steps.size()); }
    void setDone(int done);
    bool isRunning() const;

    // What the panel shows now, for tests: "BP2  δˡ = …", "δ² = ((w³)ᵀ δ³) ⊙ σ′(z²)", the values.
    QString equationText() const;
    QString stepText() const;
    QString valuesText() const;

    // "(0.12, −0.4, 0.88)ᵀ"; long vectors are summarised; matrices row by row.
    static QString formatValues(const Eigen::MatrixXf& value);

public slots:
    void step();
    void back();
    void runAll();   // animates the remaining steps (from the start when at the end)
    void reset();

signals:
    void doneChanged(int done);

private:
    void show();

    nnlab::backprop::BackpropTrace m_trace;
    int m_done = 0;
    QPushButton* m_reset;
    QPushButton* m_back;
    QPushButton* m_step;
    QPushButton* m_runAll;
    QLabel* m_counter;
    QLabel* m_equation;
    QLabel* m_text;
    QLabel* m_values;
    QListWidget* m_steps;
    QTimer* m_timer;
};
