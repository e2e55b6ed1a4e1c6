// bump_panel.h — chapter 4 in one input: N bumps approximate f(x), on plots you can drag.
//
// The top plot is the hidden layer's weighted output z = Σ v_j a_j with its goal (f, or σ⁻¹∘f
// for a sigmoid output neuron). Each step is a square handle that drags sideways (s; its neurons'
// biases follow as b = −w·s), each bump a round handle that drags up and down (h; the output
// weights follow as ±h). The bottom plot is the network's output a against f, with |f − a|, and
// is where a target is drawn with the mouse. The windows of failure are shaded on both.
#pragma once

#include "core/universality/bump_construction.h"

#include <QWidget>

#include <random>

class DeviationGauge;
class DraggablePlot;
class FormulaEdit;
class HiddenNeuronModel;
class ParameterSlider;
class QCPGraph;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class ShadedIntervals;

class BumpPanel : public QWidget {
    Q_OBJECT

public:
    enum class TargetKind { Book, Formula, Drawn };
    static constexpr int maxDraggableBumps = 40;  // beyond this the handles are too dense to grab
    static constexpr int heightHandleBase = 100000;  // handle ids: steps 0…, heights from here

    explicit BumpPanel(QWidget* parent = nullptr);
    ~BumpPanel() override;

    // What is on screen, for tests and the readouts.
    const nnlab::universality::BumpConstruction& construction() const { return m_construction; }
    const nnlab::universality::OneInputNetwork& network() const { return m_network; }
    double challengeDeviation() const { return m_challengeDeviation; }
    double meanDeviation() const { return m_meanDeviation; }
    double target(double x) const;

    DraggablePlot* weightedPlot() const { return m_weightedPlot; }
    DraggablePlot* outputPlot() const { return m_outputPlot; }
    QLabel* deviationLabel() const { return m_deviationLabel; }
    QLabel* selectionLabel() const { return m_selectionLabel; }
    DeviationGauge* gauge() const { return m_gauge; }
    FormulaEdit* formulaEdit() const { return m_formula; }
    int windowCount() const;  // shaded windows of failure

    // The controls, as the person would set them.
    void setBumpCount(int n);
    void setCopies(int m);
    void setStepWeight(double w);
    void setOutputKind(nnlab::universality::OutputKind kind);
    void setHiddenFunction(nnlab::universality::NeuronFunction f);
    void setTargetKind(TargetKind kind);
    void autoConstruct();     // N equal bumps, heights from the target
    void randomiseHeights();  // the challenge's starting point

private:
    struct StepHandle {
        double s = 0.0;
        std::vector<std::pair<int, int>> ends;  // (bump, 0 for s₁ / 1 for s₂) at this position
    };

    QWidget* createControls();
    QWidget* createTargetGroup();
    QWidget* createNetworkGroup();
    QWidget* createDeviationGroup();
    QWidget* createWeightsGroup();
    void setUpPlots();

    void rebuild(bool rescale = true);  // network from the bumps, then every readout and plot
    void updatePlots(bool rescale);
    void updateHandles();
    void updateReadouts();
    void dragHandle(int id, double x, double y);
    void describeHandle(int id);
    void updateSelection();  // the caption under "Weights and biases", after every change

    nnlab::universality::BumpConstruction m_construction;
    nnlab::universality::OneInputNetwork m_network;
    nnlab::universality::SampledCurve m_drawn;
    TargetKind m_targetKind = TargetKind::Book;
    int m_copies = 1;
    std::vector<StepHandle> m_steps;
    std::mt19937 m_rng{20150101};
    double m_challengeDeviation = 0.0;
    double m_meanDeviation = 0.0;
    int m_describedHandle = -1;  // the handle the caption describes; −1: none

    DraggablePlot* m_weightedPlot = nullptr;
    DraggablePlot* m_outputPlot = nullptr;
    QCPGraph* m_goalGraph = nullptr;
    QCPGraph* m_weightedGraph = nullptr;
    QCPGraph* m_targetGraph = nullptr;
    QCPGraph* m_outputGraph = nullptr;
    QCPGraph* m_errorGraph = nullptr;
    ShadedIntervals* m_weightedWindows = nullptr;
    ShadedIntervals* m_outputWindows = nullptr;

    QComboBox* m_targetCombo = nullptr;
    FormulaEdit* m_formula = nullptr;
    QLabel* m_bookFormula = nullptr;
    QLabel* m_drawHint = nullptr;
    QComboBox* m_outputCombo = nullptr;
    QComboBox* m_functionCombo = nullptr;
    ParameterSlider* m_weight = nullptr;
    QSpinBox* m_bumpCount = nullptr;
    QComboBox* m_heightRule = nullptr;
    QSpinBox* m_copiesSpin = nullptr;
    QPushButton* m_constructButton = nullptr;
    QPushButton* m_resetButton = nullptr;
    DeviationGauge* m_gauge = nullptr;
    QLabel* m_deviationLabel = nullptr;
    QLabel* m_outputDeviationLabel = nullptr;
    QLabel* m_functionNote = nullptr;
    QLabel* m_selectionLabel = nullptr;
    HiddenNeuronModel* m_model = nullptr;
    QTableView* m_table = nullptr;
};
