// nnlab-cli train — train a network as the book does, printing one line per epoch.
#include "args.h"
#include "commands.h"
#include "config_flags.h"
#include "train_printer.h"

#include "io/model_file.h"
#include "train/presets.h"
#include "train/trainer.h"

#include <unistd.h>

#include <iostream>

namespace nnlab::cli {

int runTrain(const std::vector<std::string>& argv)
{
    std::set<std::string> valueFlags = configFlags();
    valueFlags.insert({"--preset", "--data", "--save", "--best-of"});
    const Args args(argv, valueFlags, {"--json"});

    const Preset* preset = nullptr;
    TrainConfig base;
    if (const auto name = args.text("--preset")) {
        preset = findPreset(*name);
        if (!preset)
            throw UsageError("no preset named '" + *name + "' (nnlab-cli presets lists them)");
        base = preset->config;
    }
    const TrainConfig config = applyConfigFlags(args, base);
    std::optional<std::filesystem::path> dir;
    if (const auto d = args.text("--data"))
        dir = *d;

    // "To generate results in this chapter I've taken best-of-three runs" (chapter 1): --best-of K
    // trains K networks with seeds seed, seed+1, ... and reports the one with the best peak.
    const int runs = args.integer("--best-of", 1, 100).value_or(1);

    const DataSplit data = loadDataset(config.dataset, dir);
    TrainPrinter printer(config, preset, args.has("--json"), isatty(STDERR_FILENO) != 0);
    printer.printHeader();
    std::vector<RunResult> results;
    std::optional<Network> bestNetwork;
    for (int run = 0; run < runs; ++run) {
        TrainConfig runConfig = config;
        runConfig.seed = config.seed + static_cast<std::uint64_t>(run);
        Trainer trainer(runConfig, data);
        trainer.setObserver(&printer);
        printer.startRun(run + 1, runs, runConfig.seed);
        const TrainSummary summary = trainer.run();
        const bool best = results.empty() || summary.bestTestAccuracy > results[bestRun(results)].summary.bestTestAccuracy;
        results.push_back({runConfig.seed, summary});
        if (best)
            bestNetwork = trainer.network();
    }
    printer.printSummary(results);

    if (const auto save = args.text("--save")) {
        saveModel(*save, *bestNetwork);
        if (!args.has("--json"))
            std::cout << "saved the network to " << *save << "\n";
    }
    return results[bestRun(results)].summary.reason == StopReason::Diverged ? 3 : 0;
}

}  // namespace nnlab::cli
