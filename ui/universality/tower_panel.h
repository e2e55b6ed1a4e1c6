// tower_panel.h — chapter 4 in two inputs: steps and bumps in x or y, a plateau with a tower
// where they cross, the tower alone from four neurons and a threshold bias, and a grid of towers
// approximating f(x, y) — each shown as a heat map with a colour scale, and a cross-section.
#pragma once

#include "core/universality/two_input_network.h"

#include <QStringList>
#include <QWidget>

#include <optional>

class DraggablePlot;
class FormulaEdit;
class ParameterSlider;
class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;

class TowerPanel : public QWidget {
    Q_OBJECT

public:
    enum class Mode { StepX, StepY, BumpX, BumpY, Plateau, Tower, TowerGrid };
    static constexpr int mapCells = 120;      // heat map resolution, per side
    static constexpr int crossSectionHandle = 100;

    explicit TowerPanel(QWidget* parent = nullptr);

    // "step-x", "step-y", "bump-x", "bump-y", "plateau", "tower", "grid", in Mode's order.
    static QStringList modeNames();
    static std::optional<Mode> modeFromName(const QString& name);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setTowerCount(int n);                // grid: n × n towers
    void setCrossSection(double y);
    void setShownOutput(int k);

    const nnlab::universality::TwoInputNetwork& network() const { return m_network; }
    double gridDeviation(int k) const;        // mean |f_k − a_k| over the heat map's cells
    DraggablePlot* map() const { return m_map; }
    QCPColorMap* colorMap() const { return m_colorMap; }
    QCustomPlot* crossSectionPlot() const { return m_crossSection; }
    QLabel* readout() const { return m_readout; }
    QLabel* nInputText() const { return m_nInputText; }

private:
    QWidget* createControls();
    void setUpMap();
    void setUpCrossSection();
    void rebuild();
    void updateMap();
    void updateCrossSection();
    void updateHandles();
    void updateReadout();
    void updateControlVisibility();
    void dragEdge(int id, double x, double y);
    nnlab::universality::Function2D outputFunction(int k) const;
    static QString nInputExplanation();

    Mode m_mode = Mode::Tower;
    double m_w = 1000.0;
    double m_x1 = 0.3, m_x2 = 0.6, m_y1 = 0.35, m_y2 = 0.7;
    double m_bumpHeight = 0.6;
    double m_towerWeight = 30.0;  // the book's large h into the tower neuron
    double m_bias = -45.0;        // −3h/2
    double m_towerHeight = 0.8;
    int m_towers = 12;
    int m_shownOutput = 0;
    double m_crossY = 0.45;  // off the tower grid's edges (at 0.5 for even n)
    nnlab::universality::TwoInputNetwork m_network;
    std::vector<Eigen::MatrixXd> m_grids;  // every output on the heat map's cells

    DraggablePlot* m_map = nullptr;
    QCPColorMap* m_colorMap = nullptr;
    QCPColorScale* m_colorScale = nullptr;
    QCustomPlot* m_crossSection = nullptr;
    QCPGraph* m_crossNetwork = nullptr;
    QCPGraph* m_crossTarget = nullptr;

    QComboBox* m_modeCombo = nullptr;
    ParameterSlider* m_weightSlider = nullptr;
    ParameterSlider* m_heightSlider = nullptr;
    ParameterSlider* m_towerWeightSlider = nullptr;
    ParameterSlider* m_biasSlider = nullptr;
    QPushButton* m_thresholdButton = nullptr;
    ParameterSlider* m_towerHeightSlider = nullptr;
    QSpinBox* m_towerCount = nullptr;
    QWidget* m_gridControls = nullptr;
    FormulaEdit* m_f1 = nullptr;
    FormulaEdit* m_f2 = nullptr;
    QComboBox* m_outputCombo = nullptr;
    ParameterSlider* m_crossSlider = nullptr;
    QLabel* m_readout = nullptr;
    QLabel* m_nInputText = nullptr;
};
