// train_printer.h — prints a training run: a table or JSON lines on stdout, and a progress
// bar on stderr when it is a terminal.
#pragma once

#include "train/presets.h"
#include "train/training_observer.h"

namespace nnlab::cli {

class TrainPrinter final : public TrainingObserver {
public:
    TrainPrinter(const TrainConfig& config, const Preset* preset, bool json, bool progressBar);

    void printHeader() const;
    void printSummary(const TrainSummary& summary) const;

    void miniBatchFinished(const MiniBatchReport& report) override;
    void epochFinished(const EpochReport& report) override;

private:
    void clearProgress() const;

    TrainConfig m_config;
    const Preset* m_preset;
    bool m_json;
    bool m_progressBar;
};

}  // namespace nnlab::cli
