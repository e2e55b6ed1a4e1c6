// train_printer.h — prints a training run: a table or JSON lines on stdout, and a progress
// bar on stderr when it is a terminal.
#pragma once

#include "app/cli/ensemble_report.h"

#include "core/train/presets.h"
#include "core/train/training_observer.h"

#include <optional>

namespace nnlab::cli {

struct RunResult {
    std::uint64_t seed = 0;
    TrainSummary summary;
};

// The run with the highest peak test accuracy (the book's "best of three").
std::size_t bestRun(const std::vector<RunResult>& runs);

class TrainPrinter final : public TrainingObserver {
public:
    TrainPrinter(const TrainConfig& config, const Preset* preset, bool json, bool progressBar);

    void printHeader() const;
    // Before each of `of` runs; with more than one, lines are marked with the run.
    void startRun(int run, int of, std::uint64_t seed);
    // A resumed ensemble's member that had finished: read from its checkpoint, not trained again.
    void printFinishedEarlier(const std::string& checkpoint, const TrainSummary& summary) const;
    void printSummary(const std::vector<RunResult>& runs, const std::optional<EnsembleResult>& ensemble) const;
    // The summary of a command interrupted before its first run began.
    void printNothingTrained() const;

    void miniBatchFinished(const MiniBatchReport& report) override;
    void epochFinished(const EpochReport& report) override;

private:
    void clearProgress() const;

    TrainConfig m_config;
    const Preset* m_preset;
    bool m_json;
    bool m_progressBar;
    int m_run = 1;
    int m_runs = 1;
};

}  // namespace nnlab::cli
