#include "app/cli/train_printer.h"

#include "core/io/summary_json.h"
#include "core/train/chance.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

double rounded(double x, int digits)
{
    const double scale = std::pow(10.0, digits);
    return std::round(x * scale) / scale;
}

}  // namespace

std::size_t bestRun(const std::vector<RunResult>& runs)
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < runs.size(); ++i)
        if (runs[i].summary.bestTestAccuracy > runs[best].summary.bestTestAccuracy)
            best = i;
    return best;
}

TrainPrinter::TrainPrinter(const TrainConfig& config, const Preset* preset, bool json, bool progressBar)
    : m_config(config), m_preset(preset), m_json(json), m_progressBar(progressBar)
{
}

void TrainPrinter::printHeader() const
{
    if (m_json)
        return;
    if (m_preset)
        std::printf("%s — %s\n", m_preset->name.c_str(), m_preset->title.c_str());
    std::printf("%s\n", describe(m_config).c_str());
}

void TrainPrinter::startRun(int run, int of, std::uint64_t seed)
{
    m_run = run;
    m_runs = of;
    if (m_json)
        return;
    if (of > 1)
        std::printf("\nrun %d of %d (seed %llu)", run, of, static_cast<unsigned long long>(seed));
    std::printf("\n%5s %8s %8s %10s %9s %10s %9s\n", "epoch", "seconds", "eta", "train cost", "train acc",
                "valid acc", "test acc");
    std::fflush(stdout);
}

void TrainPrinter::miniBatchFinished(const MiniBatchReport& r)
{
    // Redraw about 50 times an epoch: often enough to look live, rarely enough to cost nothing.
    const int every = std::max(1, r.batchesPerEpoch / 50);
    if (!m_progressBar || (r.batch % every != 0 && r.batch != r.batchesPerEpoch))
        return;
    constexpr int width = 30;
    const int filled = width * r.batch / r.batchesPerEpoch;
    if (m_runs > 1)
        std::fprintf(stderr, "\rrun %d/%d ", m_run, m_runs);
    std::fprintf(stderr, "%sepoch %d/%d [%s%s] %3d%%  cost %.4f ", m_runs > 1 ? "" : "\r", r.epoch,
                 m_config.epochs, std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                 100 * r.batch / r.batchesPerEpoch, r.cost);
    std::fflush(stderr);
}

void TrainPrinter::clearProgress() const
{
    if (m_progressBar)
        std::fprintf(stderr, "\r%78s\r", "");
}

void TrainPrinter::epochFinished(const EpochReport& r)
{
    clearProgress();
    if (m_json) {
        nlohmann::ordered_json line{{"epoch", r.epoch},
                                    {"seconds", rounded(r.seconds, 4)},
                                    {"eta", r.eta},
                                    {"training_cost", rounded(r.training.cost, 6)},
                                    {"training_accuracy", r.training.accuracy},
                                    {"validation_cost", rounded(r.validation.cost, 6)},
                                    {"validation_accuracy", r.validation.accuracy},
                                    {"test_accuracy", r.test.accuracy},
                                    {"bias_gradient_norms", r.biasGradientNorms}};
        if (m_runs > 1)
            line["run"] = m_run;
        std::cout << line.dump() << std::endl;
    } else {
        std::printf("%5d %8.3f %8.4g %10.4f %8.2f%% %9.2f%% %8.2f%%\n", r.epoch, r.seconds, r.eta,
                    r.training.cost, 100 * r.training.accuracy, 100 * r.validation.accuracy,
                    100 * r.test.accuracy);
        std::fflush(stdout);
    }
}

void TrainPrinter::printFinishedEarlier(const std::string& checkpoint, const TrainSummary& summary) const
{
    if (m_json)
        return;   // the summary line lists every run
    std::printf("finished earlier: %d epochs, test accuracy %.2f%% (read from %s)\n", summary.epochs,
                100 * summary.finalTestAccuracy, checkpoint.c_str());
    std::fflush(stdout);
}

namespace {

// The stop reason and its message first, then the figures, the training time in milliseconds.
nlohmann::ordered_json summaryJson(const TrainSummary& s)
{
    nlohmann::ordered_json summary{{"reason", stopReasonName(s.reason)}, {"message", s.message}};
    summary.update(summaryFiguresJson(s));
    summary["training_seconds"] = rounded(s.trainingSeconds, 3);
    return summary;
}

}  // namespace

void TrainPrinter::printSummary(const std::vector<RunResult>& runs, const std::optional<EnsembleResult>& ensemble) const
{
    clearProgress();
    const RunResult& best = runs[bestRun(runs)];
    const TrainSummary& s = best.summary;
    // A run that learned nothing says so (the Train view shows the same hint).
    const std::string hint = atChanceHint(s, m_config.net.sizes.back(), m_config.hyper.eta);
    if (m_json) {
        nlohmann::ordered_json summary = summaryJson(s);
        if (!hint.empty())
            summary["hint"] = hint;
        summary["seed"] = best.seed;
        summary["config"] = describe(m_config);
        if (ensemble) {
            summary["ensemble"] = ensembleJson(*ensemble);
        } else if (runs.size() > 1) {
            summary["best_of"] = runs.size();
        }
        if (runs.size() > 1) {
            nlohmann::ordered_json all = nlohmann::ordered_json::array();
            for (const RunResult& r : runs) {
                nlohmann::ordered_json one = summaryJson(r.summary);
                one["seed"] = r.seed;
                all.push_back(one);
            }
            summary["runs"] = all;
        }
        if (m_preset) {
            summary["preset"] = m_preset->name;
            summary["book_accuracy"] = m_preset->bookAccuracy ? nlohmann::ordered_json(*m_preset->bookAccuracy)
                                                              : nlohmann::ordered_json(nullptr);
        }
        std::cout << nlohmann::ordered_json{{"summary", summary}}.dump() << std::endl;
        return;
    }
    if (runs.size() > 1) {
        std::printf("\n%5s %6s %11s %11s %16s\n", "run", "seed", "peak test", "final test", "best validation");
        for (std::size_t i = 0; i < runs.size(); ++i)
            std::printf("%5zu %6llu %10.2f%% %10.2f%% %15.2f%%\n", i + 1,
                        static_cast<unsigned long long>(runs[i].seed), 100 * runs[i].summary.bestTestAccuracy,
                        100 * runs[i].summary.finalTestAccuracy, 100 * runs[i].summary.bestValidationAccuracy);
        if (ensemble)
            printEnsemble(*ensemble);
        else
            std::printf("best of %zu: run %zu (seed %llu)\n", runs.size(), bestRun(runs) + 1,
                        static_cast<unsigned long long>(best.seed));
    }
    std::printf("\n%s\n", s.message.c_str());
    if (!hint.empty())
        std::printf("warning: %s\n", hint.c_str());
    if (s.epochs > 0) {
        std::printf("test accuracy: final %.2f%%, peak %.2f%% (epoch %d); at best validation %.2f%% (epoch %d)\n",
                    100 * s.finalTestAccuracy, 100 * s.bestTestAccuracy, s.bestTestEpoch,
                    100 * s.testAccuracyAtBestValidation, s.bestValidationEpoch);
        std::printf("training time %.1f s (%.3f s per epoch)\n", s.trainingSeconds, s.trainingSeconds / s.epochs);
    }
    if (m_preset && m_preset->bookAccuracy)
        std::printf("the book (best of three runs): %s\n", m_preset->bookNote.c_str());
}

void TrainPrinter::printNothingTrained() const
{
    clearProgress();
    const char* message = "interrupted before training started: no epochs run";
    if (m_json) {
        nlohmann::ordered_json summary{{"reason", "interrupted"}, {"message", message}, {"epochs", 0},
                                       {"config", describe(m_config)}};
        std::cout << nlohmann::ordered_json{{"summary", summary}}.dump() << std::endl;
    } else {
        std::printf("\n%s\n", message);
    }
}

}  // namespace nnlab::cli
