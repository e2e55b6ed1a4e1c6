// slowdown_view.h — the "Slowdown" view (chapter 3): why the quadratic cost learns slowly from a
// saturated neuron and cross-entropy does not (single_neuron_panel.h), and softmax
// (softmax_panel.h), one above the other.
#pragma once

#include <QWidget>

class SingleNeuronPanel;
class SoftmaxPanel;

class SlowdownView : public QWidget {
    Q_OBJECT

public:
    explicit SlowdownView(QWidget* parent = nullptr);

    SingleNeuronPanel* neuron() const { return m_neuron; }
    SoftmaxPanel* softmax() const { return m_softmax; }

protected:
    // The first time the view is shown it plays the saturated runs — the book's quadratic
    // (η = 0.15) and cross-entropy (η = 0.005), then cross-entropy at η = 0.15 — so there is
    // something to compare before anyone presses Run.
    void showEvent(QShowEvent* event) override;

private:
    SingleNeuronPanel* m_neuron;
    SoftmaxPanel* m_softmax;
    bool m_shownOnce = false;
};
