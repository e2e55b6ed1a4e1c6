// single_neuron_panel.h — chapter 3's learning-slowdown demo: one sigmoid neuron learning to turn
// x = 1 into y = 0, its cost C and its output a plotted per epoch, animated (300 epochs in ~3 s).
//
// The numbers come from core/slowdown/single_neuron.h; this panel only picks the setup (the book's
// four runs as presets, or any start, cost and η) and reveals the precomputed run epoch by epoch.
// Runs finished since the last Reset stay on the plots, dashed, for comparison.
#pragma once

#include "core/slowdown/single_neuron.h"

#include <QElapsedTimer>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <vector>

class QCPGraph;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

class SingleNeuronPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int animationMs = 3000;   // the whole run, however many epochs
    static constexpr int frameMs = 30;

    explicit SingleNeuronPanel(QWidget* parent = nullptr);

    nnlab::SingleNeuronSetup setup() const;
    void setSetup(const nnlab::SingleNeuronSetup& setup);
    void choosePreset(int index);   // 0–3: the book's runs; 4: cross-entropy at the quadratic's η
    static int presetCount();

    // Plays the current setup (queued after runs already playing).
    void run();
    // Plays the given setups one after another, after anything already playing.
    void runSequence(const QList<nnlab::SingleNeuronSetup>& setups);
    // Stops, forgets finished runs, shows the current setup's start.
    void reset();
    // Jumps to the end of everything queued (for tests and impatient people).
    void finishAnimation();

    bool isRunning() const { return m_timer.isActive(); }
    int shownEpoch() const { return m_shown; }
    const std::vector<nnlab::SingleNeuronState>& currentRun() const { return m_run; }
    QCustomPlot* costPlot() const { return m_costPlot; }
    QCustomPlot* outputPlot() const { return m_outputPlot; }
    QCPGraph* currentCostGraph() const { return m_costGraph; }
    QCPGraph* currentOutputGraph() const { return m_outputGraph; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* resetButton() const { return m_resetButton; }

signals:
    void runFinished(const nnlab::SingleNeuronSetup& setup, int epochsToOutputBelow02);

private:
    void startNext();
    void advance(bool toEnd = false);   // to the epoch the clock says, or the last
    void showUpTo(int epoch);
    void keepAsComparison();
    void updateStateLabel();
    void setupEdited();
    static QString describe(const nnlab::SingleNeuronSetup& setup);

    QComboBox* m_preset;
    QComboBox* m_cost;
    QDoubleSpinBox* m_w;
    QDoubleSpinBox* m_b;
    QDoubleSpinBox* m_eta;
    QPushButton* m_runButton;
    QPushButton* m_resetButton;
    QLabel* m_state;
    QCustomPlot* m_costPlot;
    QCustomPlot* m_outputPlot;
    QCPGraph* m_costGraph = nullptr;
    QCPGraph* m_outputGraph = nullptr;

    nnlab::SingleNeuronSetup m_runSetup;
    std::vector<nnlab::SingleNeuronState> m_run;   // the run being shown, epoch 0 first
    int m_shown = 0;                                // epochs of m_run on the plots
    QList<nnlab::SingleNeuronSetup> m_queue;
    int m_comparisons = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_applyingPreset = false;
};
