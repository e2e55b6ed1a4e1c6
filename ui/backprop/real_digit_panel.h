// real_digit_panel.h — the Backprop view's second mode: the book's 784-30-10 network on a real
// MNIST test digit, its layers summarised as heat strips (layer_heat_strips.h) that the step panel
// walks through the same BP1–BP4 steps as the tiny net.
//
// The network is a fresh 784-30-10 (weights N(0, 1), seed 1), the same after one epoch of the
// book's SGD (η = 3.0, m = 10; trained off the GUI thread, about a second), the built-in
// 784-100-10 of the Draw view, or the fully connected network of the Train view's last run.
#pragma once

#include "core/backprop/backprop_trace.h"
#include "core/nn/network.h"

#include <QWidget>

#include <memory>

class BackgroundJobs;
class BackpropStepPanel;
class DatasetLoader;
class LayerHeatStrips;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

class RealDigitPanel : public QWidget {
    Q_OBJECT

public:
    enum Model { Fresh = 0, OneEpoch = 1, BuiltIn = 2, TrainView = 3, ModelCount = 4 };

    explicit RealDigitPanel(DatasetLoader* loader, QWidget* parent = nullptr);

    void setModel(Model model);
    // The Train view's network when a run ends; a convnet (or any network that isn't fully
    // connected with 784 inputs) is not taken.
    void setLiveNetwork(std::shared_ptr<const nnlab::Network> net);
    void setDigit(int testIndex);
    int digit() const;

    // The network and example traced (null / empty until MNIST and the network are ready).
    std::shared_ptr<const nnlab::Network> network() const { return m_net; }
    const Eigen::VectorXf& x() const { return m_x; }
    const Eigen::VectorXf& y() const { return m_y; }
    bool isReady() const { return m_net && m_x.size() > 0; }
    QString description() const;

    BackpropStepPanel* stepPanel() const { return m_steps; }
    LayerHeatStrips* strips() const { return m_strips; }

signals:
    void traced();   // a new network or digit has been traced

protected:
    void showEvent(QShowEvent* event) override;

private:
    void chooseModel();
    void retrace();

    DatasetLoader* m_loader;
    BackgroundJobs* m_jobs;
    std::shared_ptr<const nnlab::Network> m_net;
    std::shared_ptr<const nnlab::Network> m_models[ModelCount];
    int m_generation = 0;
    Eigen::VectorXf m_x, m_y;
    int m_label = -1;

    QComboBox* m_modelCombo;
    QSpinBox* m_digitSpin;
    QPushButton* m_randomButton;
    QLabel* m_status;
    LayerHeatStrips* m_strips;
    BackpropStepPanel* m_steps;
};
