// nnlab-cli train — train a network as the book does, printing one line per epoch.
#include "args.h"
#include "commands.h"
#include "config_flags.h"
#include "stop_on_interrupt.h"
#include "train_checkpoints.h"
#include "train_printer.h"

#include "io/model_file.h"
#include "train/evaluation.h"
#include "train/presets.h"
#include "train/trainer.h"

#include <unistd.h>

#include <iostream>

namespace nnlab::cli {

int runTrain(const std::vector<std::string>& argv)
{
    StopOnInterrupt interrupt;   // first: before any thread starts
    std::set<std::string> valueFlags = configFlags();
    valueFlags.insert({"--preset", "--data", "--save", "--best-of", "--ensemble", "--checkpoint", "--resume"});
    const Args args(argv, valueFlags, {"--json", "--expand"});

    const Preset* preset = nullptr;
    TrainConfig base;
    if (const auto name = args.text("--preset")) {
        preset = findPreset(*name);
        if (!preset)
            throw UsageError("no preset named '" + *name + "' (nnlab-cli presets lists them)");
        base = preset->config;
    }
    if (args.has("--expand"))
        base.expansion.shifts = true;
    const std::optional<Checkpoint> resumed = resumeFlag(args);
    const TrainConfig config = resumed ? resumed->config : applyConfigFlags(args, base);
    const std::optional<std::filesystem::path> dir = dataDirFlag(args);

    // "To generate results in this chapter I've taken best-of-three runs" (chapter 1): --best-of K
    // trains K networks with seeds seed, seed+1, ... and reports the one with the best peak.
    // --ensemble K (chapter 6) trains K networks the same way and lets them vote.
    const int bestOf = args.integer("--best-of", 1, 100).value_or(1);
    const int ensembleSize = args.integer("--ensemble", 1, 50).value_or(preset ? preset->ensembleSize : 1);
    if (bestOf > 1 && ensembleSize > 1)
        throw UsageError("--best-of and --ensemble don't combine");
    const int runs = std::max(bestOf, ensembleSize);
    if (runs > 1 && (args.has("--checkpoint") || resumed))
        throw UsageError("--checkpoint and --resume follow one network; they don't combine with --best-of or --ensemble");

    const DataSplit data = loadDataset(config.dataset, dir);
    TrainPrinter printer(config, preset, args.has("--json"), isatty(STDERR_FILENO) != 0);
    printer.printHeader();
    std::vector<RunResult> results;
    std::optional<Network> bestNetwork;
    std::vector<Network> members;
    for (int run = 0; run < runs && !interrupt.interrupted(); ++run) {
        TrainConfig runConfig = config;
        runConfig.seed = config.seed + static_cast<std::uint64_t>(run);
        Trainer trainer(runConfig, data);
        trainer.setObserver(&printer);
        if (resumed) {
            try {
                trainer.restore(resumed->state);
            } catch (const std::invalid_argument& e) {
                throw FileError(*args.text("--resume") + ": doesn't fit the run it describes: " + e.what());
            }
        }
        // A resumed run goes on checkpointing to its file unless told otherwise.
        std::optional<CheckpointSaver> saver;
        if (const auto file = args.has("--checkpoint") ? args.text("--checkpoint") : args.text("--resume")) {
            saver.emplace(*file, runConfig);
            saver->attach(trainer);
        }
        printer.startRun(run + 1, runs, runConfig.seed);
        interrupt.watch(&trainer);
        const TrainSummary summary = trainer.run();
        interrupt.watch(nullptr);
        if (saver)
            saver->runEnded(summary);
        const bool best = results.empty() || summary.bestTestAccuracy > results[bestRun(results)].summary.bestTestAccuracy;
        results.push_back({runConfig.seed, summary});
        if (best)
            bestNetwork = trainer.network();
        if (ensembleSize > 1)
            members.push_back(trainer.network());
    }
    std::optional<EnsembleResult> ensemble;
    if (ensembleSize > 1)
        ensemble = EnsembleResult{evaluateEnsemble(members, data.validation), evaluateEnsemble(members, data.test)};
    printer.printSummary(results, ensemble);

    if (const auto save = args.text("--save")) {
        if (ensembleSize > 1) {
            // One file per member, beside the name given: net.json → net-member1.json, ...
            const std::filesystem::path path(*save);
            for (std::size_t k = 0; k < members.size(); ++k) {
                std::filesystem::path member = path;
                member.replace_filename(path.stem().string() + "-member" + std::to_string(k + 1) +
                                        path.extension().string());
                saveModel(member, members[k]);
            }
        } else {
            saveModel(*save, *bestNetwork);
        }
        if (!args.has("--json"))
            std::cout << "saved to " << *save << (ensembleSize > 1 ? " (one file per member)" : "") << "\n";
    }
    if (interrupt.interrupted()) {
        const auto checkpoint = args.has("--checkpoint") ? args.text("--checkpoint") : args.text("--resume");
        std::cerr << "nnlab-cli: interrupted; "
                  << (checkpoint ? "continue with: nnlab-cli train --resume " + *checkpoint
                                 : std::string("--checkpoint FILE would have let it continue"))
                  << "\n";
        return 130;   // as a shell reports a command ended by Ctrl-C
    }
    return results[bestRun(results)].summary.reason == StopReason::Diverged ? 3 : 0;
}

}  // namespace nnlab::cli
