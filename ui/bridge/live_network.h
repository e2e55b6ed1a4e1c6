// live_network.h — the network the Train view is training, for every view that shows one.
//
// One object, owned by the main window beside the dataset loader and the trainer's controller;
// the views that can show the Train view's network (Draw, Inspect, Backprop) subscribe to the
// signal that suits them, and the main window no longer reaches into any of them. Copies are
// taken between two mini-batches (TrainingController::currentNetwork) and shared read-only.
#pragma once

#include "core/nn/network.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

class TrainingController;

class LiveNetwork : public QObject {
    Q_OBJECT

public:
    // While a run trains, `learning` carries a copy at most this often (a copy of a convnet takes
    // milliseconds, and the Draw view re-reads its digit with each).
    static constexpr int learningIntervalMs = 1000;

    explicit LiveNetwork(TrainingController* controller, QObject* parent = nullptr);

    // The last network sent, or null before any run has reported.
    std::shared_ptr<const nnlab::Network> latest() const { return m_latest; }

signals:
    void learning(std::shared_ptr<const nnlab::Network> network);       // during a run
    // After each epoch the run goes on from (after its last one the trainer is gone: that
    // network is `finished`'s).
    void epochFinished(std::shared_ptr<const nnlab::Network> network);
    // The run's final network: trained to the end, stopped, or a diverged run's last good weights.
    void finished(std::shared_ptr<const nnlab::Network> network);

private:
    void send(void (LiveNetwork::*signal)(std::shared_ptr<const nnlab::Network>),
              std::shared_ptr<const nnlab::Network> network);

    TrainingController* m_controller;
    std::shared_ptr<const nnlab::Network> m_latest;
    QElapsedTimer m_sinceLearning;
};
