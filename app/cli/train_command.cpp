// nnlab-cli train — train a network as the book does, printing one line per epoch.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"
#include "app/cli/stop_on_interrupt.h"
#include "app/cli/train_checkpoints.h"
#include "app/cli/train_printer.h"

#include "core/io/model_file.h"
#include "core/train/checkpoint_saver.h"
#include "core/train/evaluation.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

#include <unistd.h>

#include <iostream>

namespace nnlab::cli {

namespace {

// One run: started afresh, continued from its checkpoint, or — a member of a resumed set that had
// finished — read back from it without training. Checkpoints to checkpointPath when given.
TrainSummary trainOrReadBack(Trainer& trainer, const std::optional<Checkpoint>& checkpoint,
                             const std::optional<std::filesystem::path>& checkpointPath, bool oneOfSeveral,
                             const TrainPrinter& printer, StopOnInterrupt& interrupt)
{
    if (checkpoint) {
        try {
            trainer.restore(checkpoint->state);
        } catch (const std::invalid_argument& e) {
            throw FileError(checkpointPath->string() + ": doesn't fit the run it describes: " + e.what());
        }
        if (checkpoint->finished && oneOfSeveral) {
            TrainSummary summary = checkpoint->state.summary;
            summary.message = "completed " + std::to_string(summary.epochs) + " epochs before the interruption";
            printer.printFinishedEarlier(checkpointPath->string(), summary);
            return summary;
        }
    }
    std::optional<CheckpointSaver> saver;
    if (checkpointPath) {
        saver.emplace(*checkpointPath, trainer.config(),
                      [](const std::string& line) { std::cerr << "nnlab-cli: " << line << "\n"; });
        saver->attach(trainer);
    }
    interrupt.watch(&trainer);
    const TrainSummary summary = trainer.run();
    interrupt.watch(nullptr);
    if (saver)
        saver->runEnded(CheckpointSaver::endingOf(summary));
    return summary;
}

}  // namespace

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
    // "To generate results in this chapter I've taken best-of-three runs" (chapter 1): --best-of K
    // trains K networks with seeds seed, seed+1, ... and reports the one with the best peak.
    // --ensemble K (chapter 6) trains K networks the same way and lets them vote.
    const int bestOf = args.integer("--best-of", 1, 100).value_or(1);
    const int ensembleSize = args.integer("--ensemble", 1, 50).value_or(preset ? preset->ensembleSize : 1);
    if (bestOf > 1 && ensembleSize > 1)
        throw UsageError("--best-of and --ensemble don't combine");
    const int runs = std::max(bestOf, ensembleSize);

    const std::optional<Checkpoint> resumed = resumeFlag(args, runs);
    const TrainConfig config = resumed ? resumed->config : applyConfigFlags(args, base);
    const std::optional<std::filesystem::path> dir = dataDirFlag(args);
    // A resumed run goes on checkpointing to its file(s) unless told otherwise.
    const auto checkpointFile = args.has("--checkpoint") ? args.text("--checkpoint") : args.text("--resume");

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
        std::optional<std::filesystem::path> checkpointPath;
        if (checkpointFile)
            checkpointPath = memberPath(*checkpointFile, run + 1, runs);
        std::optional<Checkpoint> checkpoint;
        if (resumed)
            checkpoint = run == 0 ? resumed : memberCheckpoint(*checkpointPath, runConfig);
        printer.startRun(run + 1, runs, runConfig.seed);
        const TrainSummary summary = trainOrReadBack(trainer, checkpoint, checkpointPath, runs > 1, printer, interrupt);
        const bool best = results.empty() || summary.bestTestAccuracy > results[bestRun(results)].summary.bestTestAccuracy;
        results.push_back({runConfig.seed, summary});
        if (best)
            bestNetwork = trainer.network();
        if (ensembleSize > 1)
            members.push_back(trainer.network());
    }
    std::optional<EnsembleResult> ensemble;
    if (ensembleSize > 1 && !interrupt.interrupted())   // an interrupted member is not the one it would be
        ensemble = voteOn(members, data);
    printer.printSummary(results, ensemble);

    if (const auto save = args.text("--save")) {
        if (ensembleSize > 1) {
            // One file per member, beside the name given: net.json → net-member1.json, ...
            for (std::size_t k = 0; k < members.size(); ++k)
                saveModel(memberPath(*save, int(k) + 1, int(members.size())), members[k]);
        } else {
            saveModel(*save, *bestNetwork);
        }
        if (!args.has("--json"))
            std::cout << "saved to " << *save << (ensembleSize > 1 ? " (one file per member)" : "") << "\n";
    }
    if (interrupt.interrupted()) {
        const std::string again = bestOf > 1 ? " --best-of " + std::to_string(bestOf)
                                  : runs > 1 ? " --ensemble " + std::to_string(runs) : "";
        std::cerr << "nnlab-cli: interrupted; "
                  << (checkpointFile ? "continue with: nnlab-cli train --resume " + *checkpointFile + again
                                     : std::string("--checkpoint FILE would have let it continue"))
                  << "\n";
        return 130;   // as a shell reports a command ended by Ctrl-C
    }
    return results[bestRun(results)].summary.reason == StopReason::Diverged ? 3 : 0;
}

}  // namespace nnlab::cli
