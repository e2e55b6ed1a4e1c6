#include "ui/bridge/live_network.h"

#include "ui/bridge/training_controller.h"

LiveNetwork::LiveNetwork(TrainingController* controller, QObject* parent) : QObject(parent), m_controller(controller)
{
    connect(controller, &TrainingController::refreshDue, this, [this] {
        if (!m_controller->isActive() || (m_sinceLearning.isValid() && m_sinceLearning.elapsed() < learningIntervalMs))
            return;
        m_sinceLearning.start();
        send(&LiveNetwork::learning, m_controller->currentNetwork());
    });
    connect(controller, &TrainingController::epochFinished, this,
            [this] { send(&LiveNetwork::epochFinished, m_controller->currentNetwork()); });
    connect(controller, &TrainingController::runFinished, this,
            [this](const nnlab::TrainSummary&, std::shared_ptr<const nnlab::Network> network) {
                m_sinceLearning.invalidate();
                send(&LiveNetwork::finished, std::move(network));
            });
}

void LiveNetwork::send(void (LiveNetwork::*signal)(std::shared_ptr<const nnlab::Network>),
                       std::shared_ptr<const nnlab::Network> network)
{
    if (!network)
        return;   // the trainer is still being built, or the run could not start
    m_latest = network;
    emit(this->*signal)(std::move(network));
}
