// hyperparameter_panel.h — the numbers of stochastic gradient descent in the book's notation:
// η, m, epochs, λ (L2) and L1, μ, dropout p, the η-halving schedule, early stopping, the seed.
//
// While a run is going only η, λ and μ stay editable: the trainer picks them up at its next
// mini-batch (liveChanged). Everything else defines the run and waits for the next one.
#pragma once

#include "core/train/training_config.h"

#include <QGroupBox>

class NumberSpinBox;
class QSpinBox;

class HyperparameterPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);

    void applyTo(nnlab::TrainConfig& config) const;
    void setConfig(const nnlab::TrainConfig& config);
    void setRunning(bool running);

    NumberSpinBox* etaSpin() const { return m_eta; }

signals:
    void changed();
    void etaChanged(float eta);         // the user changed η (also while a run is going)
    void lambdaChanged(float lambda);
    void momentumChanged(float momentum);

private:
    NumberSpinBox* m_eta;
    QSpinBox* m_batch;
    QSpinBox* m_epochs;
    NumberSpinBox* m_lambda;
    NumberSpinBox* m_l1;
    NumberSpinBox* m_momentum;
    NumberSpinBox* m_dropout;
    QSpinBox* m_etaSchedule;
    QSpinBox* m_earlyStop;
    QSpinBox* m_seed;
};
