// run_record.h — one training run as the Train view keeps it: its configuration, what the
// trainer reported epoch by epoch and mini-batch by mini-batch, and the network it produced.
// Plain data, owned and touched on the GUI thread only.
#pragma once

#include "core/nn/network.h"
#include "core/train/training_channel.h"
#include "core/train/training_config.h"
#include "core/train/training_observer.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

struct RunRecord {
    int id = 0;
    QString name;                          // "Run 3", or the file name of a loaded model
    QString presetName;                    // the preset it started from; empty for a custom one
    bool presetEdited = false;             // ... with settings changed: a custom run derived from it
    std::optional<double> bookAccuracy;    // the preset's figure in the book (fraction)
    QString bookNote;
    nnlab::TrainConfig config;
    std::vector<nnlab::MiniBatchSample> samples;
    std::vector<nnlab::EpochReport> epochs;
    // η, λ and μ changed during the run, in order (config.hyper holds what it started with).
    std::vector<nnlab::HyperparameterChange> changes;
    std::optional<nnlab::TrainSummary> summary;       // set when a trained run has ended
    std::shared_ptr<const nnlab::Network> network;    // the trained or loaded network
    QString sourceFile;                    // a model loaded from a file: the file
    std::optional<nnlab::Evaluation> loadedTest;      // ... and its test-set evaluation

    bool isLoadedModel() const { return !sourceFile.isEmpty(); }
    bool isRunning() const { return !isLoadedModel() && !summary; }
    // Its configuration, with η, λ and μ as they went: "..., η = 3 → 0.5 (epoch 4), ...".
    QString description() const { return QString::fromStdString(nnlab::describe(config, changes)); }
    // "ch1-784-30-10", "custom (from ch1-784-30-10)" when its settings were edited, or empty.
    QString presetLabel() const
    {
        if (presetName.isEmpty() || !presetEdited)
            return presetName;
        return QObject::tr("custom (from %1)").arg(presetName);
    }
    // Layers with parameters, as the trainer reports their gradients.
    int layerCount() const
    {
        if (!samples.empty())
            return static_cast<int>(samples.front().biasGradientNorms.size());
        if (!epochs.empty())
            return static_cast<int>(epochs.front().biasGradientNorms.size());
        return static_cast<int>(config.net.sizes.size()) - 1;
    }

    // The highest test accuracy so far (the book quotes the peak), or the loaded model's.
    std::optional<double> bestTestAccuracy() const
    {
        if (loadedTest)
            return loadedTest->accuracy;
        std::optional<double> best;
        for (const nnlab::EpochReport& e : epochs)
            if (!best || e.test.accuracy > *best)
                best = e.test.accuracy;
        return best;
    }
};
