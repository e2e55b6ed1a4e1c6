// softmax_panel.h — chapter 3's softmax demo: a slider per output-layer z_j, and the activations
// a_j = e^{z_j} / Σ_k e^{z_k} (eq. 78) as live bars that always sum to 1.
//
// The activations come from core's activate(Activation::Softmax, ...), the engine's own softmax.
#pragma once

#include <QList>
#include <QWidget>

#include <vector>

class QCPBars;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QSlider;

class SoftmaxPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int neurons = 4;
    static constexpr double sliderScale = 100.0;   // slider steps per unit of z (0.01 resolution)

    explicit SoftmaxPanel(QWidget* parent = nullptr);

    void setZ(int j, double z);              // moves slider j, which updates the bars
    double z(int j) const;
    void resetToBook();                      // z = 2.5, −1, 3.2, 0.5
    std::vector<double> activations() const; // what the bars show now
    QSlider* slider(int j) const { return m_sliders[j]; }
    QCPBars* bars() const { return m_bars; }

signals:
    void activationsChanged();

private:
    void update();

    QList<QSlider*> m_sliders;
    QList<QLabel*> m_zLabels;
    QList<QCPItemText*> m_valueLabels;
    QLabel* m_sum;
    QCustomPlot* m_plot;
    QCPBars* m_bars;
};
