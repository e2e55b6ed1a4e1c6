// universality_view.h — the "Universality" view: chapter 4's visual proof that one hidden layer
// can compute any function, on plots you can drag, with chapter 1's perceptrons beside it.
// Four pages: one neuron and a pair, N bumps in one input, towers in two, perceptrons.
#pragma once

#include <QIcon>
#include <QWidget>

class BumpPanel;
class NeuronPanel;
class PerceptronPanel;
class QTabWidget;
class TowerPanel;

class UniversalityView : public QWidget {
    Q_OBJECT

public:
    explicit UniversalityView(QWidget* parent = nullptr);

    static QIcon icon();  // a staircase approximating a curve, for the navigation list

    // Pages by name: "neuron", "1d", "2d", "perceptrons"; "2d/grid" (or another of
    // TowerPanel::modeNames()) also picks what the two-input page builds. False if there is none.
    bool showPage(const QString& name);

    QTabWidget* tabs() const { return m_tabs; }
    NeuronPanel* neuronPanel() const { return m_neuron; }
    BumpPanel* bumpPanel() const { return m_bumps; }
    TowerPanel* towerPanel() const { return m_towers; }
    PerceptronPanel* perceptronPanel() const { return m_perceptrons; }

private:
    QTabWidget* m_tabs;
    NeuronPanel* m_neuron;
    BumpPanel* m_bumps;
    TowerPanel* m_towers;
    PerceptronPanel* m_perceptrons;
};
