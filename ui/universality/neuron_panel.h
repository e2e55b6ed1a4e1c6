// neuron_panel.h — chapter 4's first steps: one hidden neuron σ(wx + b) turning into a step as w
// grows, then two neurons whose weighted output w₁a₁ + w₂a₂ is a bump when w₂ = −w₁.
#pragma once

#include "core/universality/one_input_network.h"

#include <QWidget>

class DraggablePlot;
class ParameterSlider;
class QCheckBox;
class QComboBox;
class QCPGraph;
class QLabel;

class NeuronPanel : public QWidget {
    Q_OBJECT

public:
    explicit NeuronPanel(QWidget* parent = nullptr);

    // The single neuron: z = wx + b.
    double weight() const { return m_w; }
    double bias() const { return m_b; }
    double stepPosition() const;  // s = −b/w
    void setWeight(double w);
    void setBias(double b);
    void setStepPosition(double s);  // keeps w, sets b = −w·s
    void setStepParametrisation(bool on);
    void setFunction(nnlab::universality::NeuronFunction f);

    // The pair: steps at s₁, s₂ (weight w each), output weights w₁, w₂.
    double pairStep(int k) const { return k == 0 ? m_s1 : m_s2; }
    double outputWeight(int k) const { return k == 0 ? m_v1 : m_v2; }
    void setPairStep(int k, double s);
    void setOutputWeight(int k, double v);
    void setBumpLinked(bool on);

    DraggablePlot* neuronPlot() const { return m_neuronPlot; }
    DraggablePlot* pairPlot() const { return m_pairPlot; }
    QLabel* neuronReadout() const { return m_neuronReadout; }

private:
    QWidget* createNeuronSection();
    QWidget* createPairSection();
    void updateNeuron();
    void updatePair();
    nnlab::universality::OneInputNetwork pairNetwork() const;

    nnlab::universality::NeuronFunction m_function = nnlab::universality::NeuronFunction::Sigmoid;
    double m_w = 8.0;
    double m_b = -4.0;
    bool m_stepMode = false;
    double m_pairW = 1000.0;
    double m_s1 = 0.4, m_s2 = 0.6;
    double m_v1 = 0.8, m_v2 = -0.8;
    bool m_linked = true;

    DraggablePlot* m_neuronPlot = nullptr;
    QCPGraph* m_neuronGraph = nullptr;
    QComboBox* m_functionCombo = nullptr;
    ParameterSlider* m_weightSlider = nullptr;
    ParameterSlider* m_biasSlider = nullptr;
    ParameterSlider* m_stepSlider = nullptr;
    QCheckBox* m_stepCheck = nullptr;
    QLabel* m_neuronReadout = nullptr;

    DraggablePlot* m_pairPlot = nullptr;
    QCPGraph* m_firstGraph = nullptr;
    QCPGraph* m_secondGraph = nullptr;
    QCPGraph* m_sumGraph = nullptr;
    ParameterSlider* m_pairWeightSlider = nullptr;
    ParameterSlider* m_v1Slider = nullptr;
    ParameterSlider* m_v2Slider = nullptr;
    QCheckBox* m_linkCheck = nullptr;
    QLabel* m_pairReadout = nullptr;
};
