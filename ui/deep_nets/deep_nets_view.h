// deep_nets_view.h — "Why are deep neural networks hard to train?" (chapter 5): the speed at which
// each hidden layer learns, ‖δ^l‖ per epoch, in the book's experiment (1,000 MNIST images,
// full-batch gradient descent, η = 0.1, λ = 5); the initial δ of six neurons per layer as bars;
// a chain of single neurons whose gradient explodes or vanishes; and the fixes (ReLU, scaled
// initialisation) one click away.
//
// Training runs as a job on the view's own QThreadPool, one run at a time (runHandedOver); results
// come back as queued calls tagged with the run's id, so a stopped run's late epochs are ignored.
// Stop is an atomic polled between epochs.
#pragma once

#include "core/nn/activation.h"
#include "core/nn/network.h"
#include "core/train/training_config.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class DatasetLoader;
class InitialGradientBars;
class LearningSpeedPlot;
class NeuronChainPlot;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
template <typename T>
class QFutureWatcher;

class DeepNetsView : public QWidget {
    Q_OBJECT

public:
    explicit DeepNetsView(DatasetLoader* loader, QWidget* parent = nullptr);
    ~DeepNetsView() override;   // stops a run and joins its thread

    // The experiment the controls describe: preset ch5-speed-<hidden layers>, with the chosen
    // hidden activation, initialisation and number of epochs.
    nnlab::TrainConfig config() const;
    void setHiddenLayers(int layers);                 // 2, 3 or 4
    void setHiddenActivation(nnlab::Activation f);   // Sigmoid or ReLU
    void setInitialisation(nnlab::Initialisation init);
    void setEpochs(int epochs);

    void run();    // loads MNIST first if needed
    void stop();
    bool isRunning() const { return m_job != nullptr; }
    int runId() const { return m_runId; }
    int epochsShown() const { return m_epochsShown; }
    // ‖δ¹‖/‖δ^last‖ at the first and the latest epoch of the current run (NaN before).
    double initialRatio() const { return m_initialRatio; }
    double latestRatio() const { return m_latestRatio; }

    LearningSpeedPlot* speedPlot() const { return m_speedPlot; }
    InitialGradientBars* initialBars() const { return m_bars; }
    NeuronChainPlot* chainPlot() const { return m_chainPlot; }

signals:
    void runFinished(int runId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateInitialGradients();   // the bars, for the configuration chosen now
    void epochArrived(int runId, int epoch, const std::vector<double>& hiddenNorms);
    void threadEnded(int runId);
    void updateStatus();
    void joinThread();   // stops the run and waits for its job
    void forgetJob();    // the job has ended or was told to: wait for it and drop its watcher

    DatasetLoader* m_loader;
    QComboBox* m_layers;
    QComboBox* m_activation;
    QComboBox* m_init;
    QSpinBox* m_epochs;
    QPushButton* m_run;
    QPushButton* m_stop;
    QLabel* m_status;
    LearningSpeedPlot* m_speedPlot;
    InitialGradientBars* m_bars;
    NeuronChainPlot* m_chainPlot;

    // A run takes many seconds: it gets a thread of its own rather than one of Qt's global pool.
    QThreadPool m_pool;
    QFutureWatcher<void>* m_job = nullptr;   // the run's; null when none is running
    std::shared_ptr<std::atomic<bool>> m_stopRequested;
    bool m_runWhenLoaded = false;
    int m_runId = 0;
    int m_epochsShown = 0;
    int m_runEpochs = 0;
    int m_runLayers = 0;
    QElapsedTimer m_runClock;
    double m_initialRatio;
    double m_latestRatio;
    std::vector<double> m_initialNorms;
};
