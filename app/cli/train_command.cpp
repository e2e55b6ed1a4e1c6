// nnlab-cli train — train a network as the book does, printing one line per epoch.
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"
#include "app/cli/interrupt_summary.h"
#include "app/cli/stop_on_interrupt.h"
#include "app/cli/train_checkpoints.h"
#include "app/cli/train_printer.h"

#include "core/io/checkpoint_file.h"
#include "core/io/file_kind.h"
#include "core/io/file_lock.h"
#include "core/io/model_file.h"
#include "core/train/checkpoint_saver.h"
#include "core/train/evaluation.h"
#include "core/train/memory_estimate.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

#include <unistd.h>

#include <iostream>
#include <memory>

namespace nnlab::cli {

namespace {

struct TrainOptions {
    ConfigFlags config;
    std::string preset;
    int bestOf = 1;
    int ensemble = 0;   // 0: the preset's own (1 for most)
    std::string save, checkpoint, resume;
    DataFlags data;
    bool json = false;
    bool overwrite = false;   // a new run may replace an unfinished run's checkpoint
};

// One run: started afresh, continued from its checkpoint, or — a member of a resumed set that had
// finished — read back from it without training. Checkpoints to checkpointPath when given.
// *trained: whether the network holds any training (a fresh run stopped before its first
// mini-batch holds none).
TrainSummary trainOrReadBack(Trainer& trainer, const std::optional<Checkpoint>& checkpoint,
                             const std::optional<std::filesystem::path>& checkpointPath, bool oneOfSeveral,
                             TrainPrinter& printer, StopOnInterrupt& interrupt, bool* checkpointBehind, bool* trained)
{
    *trained = checkpoint.has_value();
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
    StopPointsInRun observer(printer, interrupt);
    trainer.setObserver(&observer);
    interrupt.watch(&trainer);   // a signal from here on stops the run; one before it, at once
    interrupt.reached("first-batch");
    const TrainSummary summary = trainer.run();
    interrupt.watch(nullptr);
    trainer.setObserver(nullptr);
    *trained = *trained || observer.miniBatches() > 0;
    if (saver) {
        saver->runEnded(CheckpointSaver::endingOf(summary));
        *checkpointBehind = *checkpointBehind || saver->lastWriteFailed();
    }
    return summary;
}

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b)
{
    std::error_code ignored;
    return std::filesystem::weakly_canonical(a, ignored) == std::filesystem::weakly_canonical(b, ignored);
}

// A new run's --checkpoint names a file that holds something worth keeping: a run that can still
// be resumed, or a file that is not a checkpoint at all. A finished run's checkpoint is replaced.
void refuseToReplaceAnUnfinishedRun(const std::filesystem::path& checkpoint, const std::string& given)
{
    if (!std::filesystem::exists(checkpoint))
        return;
    std::optional<Checkpoint> old;
    try {
        old = loadCheckpoint(checkpoint);
    } catch (const FileError&) {
        throw FileError(checkpoint.string() + ": already exists and is not a checkpoint nnlab can read, so it is " +
                        "not replaced (give --overwrite to replace it)");
    }
    if (!old->finished)
        throw FileError(checkpoint.string() + ": holds an unfinished run (stopped in epoch " +
                        std::to_string(old->state.epoch) + " of " + std::to_string(old->config.epochs) +
                        "): continue it with nnlab-cli train --resume " + given +
                        ", or give --overwrite to start afresh");
}

int runTrain(const TrainOptions& options, StopOnInterrupt& interrupt)
{
    const Preset* preset = nullptr;
    TrainConfig base;
    if (!options.preset.empty()) {
        preset = findPreset(options.preset);
        if (!preset)
            throw UsageError("no preset named '" + options.preset + "' (nnlab-cli presets lists them)");
        base = preset->config;
    }
    // "To generate results in this chapter I've taken best-of-three runs" (chapter 1): --best-of K
    // trains K networks with seeds seed, seed+1, ... and reports the one with the best peak.
    // --ensemble K (chapter 6) trains K networks the same way and lets them vote.
    const int bestOf = options.bestOf;
    const int ensembleSize = options.ensemble ? options.ensemble : preset ? preset->ensembleSize : 1;
    if (bestOf > 1 && ensembleSize > 1)
        throw UsageError("--best-of and --ensemble don't combine");
    const int runs = std::max(bestOf, ensembleSize);

    std::optional<Checkpoint> resumed;
    if (!options.resume.empty())
        resumed = resumeFrom(options.resume, options.config, preset != nullptr, runs);
    const TrainConfig config = resumed ? resumed->config : options.config.applyTo(base);
    // A resumed run goes on checkpointing to its file(s) unless told otherwise.
    std::optional<std::string> checkpointFile;
    if (!options.checkpoint.empty() || !options.resume.empty())
        checkpointFile = options.checkpoint.empty() ? options.resume : options.checkpoint;

    // Where the run will write, checked before it trains for hours: a missing or read-only
    // folder, or a device or pipe of that name, is one line now rather than a lost run later.
    // Each checkpoint is locked for the run (two processes on one file would overwrite each other),
    // and a new run doesn't replace an unfinished run's checkpoint unless told to.
    std::vector<std::unique_ptr<FileLock>> locks;
    for (int run = 1; run <= runs; ++run) {
        const std::filesystem::path save = ensembleSize > 1 ? memberPath(options.save, run, runs)
                                                            : std::filesystem::path(options.save);
        if (checkpointFile) {
            const std::filesystem::path checkpoint = memberPath(*checkpointFile, run, runs);
            if (!options.save.empty() && sameFile(save, checkpoint))
                throw UsageError("--save and --checkpoint name the same file, " + checkpoint.string() +
                                 ": the model would replace the checkpoint");
            requireWritableTarget(checkpoint);
            locks.push_back(std::make_unique<FileLock>(checkpoint));
            if (!resumed && !options.overwrite)
                refuseToReplaceAnUnfinishedRun(checkpoint, *checkpointFile);
        }
        if (!options.save.empty())
            requireWritableTarget(save);
    }

    // Before anything is allocated for it: a run this machine can't hold is one line now.
    if (const std::string problem = trainingMemoryProblem(
            config, {.networksKept = ensembleSize > 1 ? ensembleSize + 1 : 1, .checkpoints = checkpointFile.has_value()});
        !problem.empty())
        throw std::runtime_error(problem);

    // What an interrupt finds done, for its summary line (interrupt_summary.h).
    InterruptedCommand done;
    done.runs = runs;
    done.epochs = config.epochs;
    done.saveAsked = !options.save.empty();
    done.checkpoint = checkpointFile;
    done.again = bestOf > 1 ? " --best-of " + std::to_string(bestOf) : runs > 1 ? " --ensemble " + std::to_string(runs) : "";
    TrainPrinter printer(config, preset, options.json, isatty(STDERR_FILENO) != 0);
    auto nothingTrained = [&] {
        // Nothing was trained, so nothing is saved or checkpointed (an earlier checkpoint being
        // resumed stays as it was).
        printer.printNothingTrained();
        std::cerr << "nnlab-cli: " << interruptedLine(done) << "\n";
        return 130;
    };

    interrupt.reached("loading");
    if (interrupt.interrupted())   // don't spend seconds loading for nothing
        return nothingTrained();
    const DataSplit data = loadDataset(config.dataset, options.data.path());
    printer.printHeader();
    std::optional<Network> bestNetwork;
    std::vector<Network> members;
    std::vector<int> memberNumbers;   // each member's run, from 1 (one not trained is left out)
    bool checkpointBehind = false;   // a checkpoint write failed and no later one succeeded
    for (int run = 0; run < runs; ++run) {
        if (run > 0)
            interrupt.reached("next-member");
        if (interrupt.interrupted())
            break;
        TrainConfig runConfig = config;
        runConfig.seed = config.seed + static_cast<std::uint64_t>(run);
        Trainer trainer(runConfig, data);
        std::optional<std::filesystem::path> checkpointPath;
        if (checkpointFile)
            checkpointPath = memberPath(*checkpointFile, run + 1, runs);
        std::optional<Checkpoint> checkpoint;
        if (resumed)
            checkpoint = run == 0 ? resumed : memberCheckpoint(*checkpointPath, runConfig);
        printer.startRun(run + 1, runs, runConfig.seed);
        bool trained = false;
        const TrainSummary summary = trainOrReadBack(trainer, checkpoint, checkpointPath, runs > 1, printer, interrupt,
                                                     &checkpointBehind, &trained);
        std::vector<RunResult>& results = done.results;
        const bool best = results.empty() || summary.bestTestAccuracy > results[bestRun(results)].summary.bestTestAccuracy;
        results.push_back({runConfig.seed, summary});
        done.trained = done.trained || trained;
        // A network that was never trained is not worth saving (--save says "nothing saved").
        if (best && trained)
            bestNetwork = trainer.network();
        if (ensembleSize > 1 && trained) {
            members.push_back(trainer.network());
            memberNumbers.push_back(run + 1);
        }
    }
    const std::vector<RunResult>& results = done.results;
    if (results.empty())   // interrupted while the data was loading
        return nothingTrained();
    std::optional<EnsembleResult> ensemble;
    if (ensembleSize > 1 && !members.empty() && !interrupt.interrupted())   // an interrupted member is not the one it would be
        ensemble = voteOn(members, data);
    printer.printSummary(results, ensemble);

    if (const std::string& save = options.save; !save.empty() && (bestNetwork || !members.empty())) {
        interrupt.reached("save");
        if (ensembleSize > 1) {
            // One file per member, beside the name given: net.json → net-member1.json, ...
            // (an interrupted ensemble's members so far, under their own numbers).
            for (std::size_t k = 0; k < members.size(); ++k) {
                const std::filesystem::path member = memberPath(save, memberNumbers[k], ensembleSize);
                saveModel(member, members[k]);
                done.saved.push_back(member.string());
            }
        } else {
            saveModel(save, *bestNetwork);
            done.saved.push_back(save);
        }
        if (!options.json)
            std::cout << "saved to " << save << (ensembleSize > 1 ? " (one file per member)" : "") << "\n";
    } else if (!options.save.empty() && !interrupt.interrupted()) {
        std::cerr << "nnlab-cli: " << options.save << ": not written: the run diverged before its first mini-batch\n";
    }
    if (interrupt.interrupted()) {
        done.checkpointBehind = checkpointBehind;
        std::cerr << "nnlab-cli: " << interruptedLine(done) << "\n";
        return 130;   // as a shell reports a command ended by Ctrl-C
    }
    if (checkpointBehind) {
        std::cerr << "nnlab-cli: " << *checkpointFile
                  << ": the last checkpoint could not be written, so the file does not hold this run's end\n";
        return 4;
    }
    return results[bestRun(results)].summary.reason == StopReason::Diverged ? 3 : 0;
}

}  // namespace

CommandRunner addTrainCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand("train", "train a network (any option overrides the preset)");
    auto options = std::make_shared<TrainOptions>();
    command->add_option("--preset", options->preset, "start from one of the book's experiments (nnlab-cli presets)")
        ->type_name("NAME");
    options->config.addTo(*command);
    addDataFlag(*command, options->data);
    inRange(command->add_option("--best-of", options->bestOf,
                                "train K networks (seeds seed..seed+K-1) and report the best, as the book does "
                                "(\"best-of-three runs\"); --save keeps the best network")
                ->type_name("K"),
            1, 100);
    inRange(command->add_option("--ensemble", options->ensemble,
                                "train K networks (seeds seed..) and let them vote (averaged outputs); --save "
                                "writes FILE-member1.json, ...")
                ->type_name("K"),
            1, 50);
    command->add_option("--save", options->save,
                        "save the trained network (network2.py's JSON format; convnets in nnlab's layer-stack format)")
        ->type_name("FILE");
    command->add_option("--checkpoint", options->checkpoint,
                        "after every epoch write the run's whole state to FILE, atomically: weights, optimiser, "
                        "random streams, metrics history")
        ->type_name("FILE");
    command->add_option("--resume", options->resume,
                        "continue a checkpointed run where it stopped (same configuration; --epochs may extend "
                        "it; it goes on checkpointing to FILE); gives the same weights as an unbroken run")
        ->type_name("FILE");
    command->add_flag("--overwrite", options->overwrite,
                      "let --checkpoint replace a file that holds an unfinished run (or is not a checkpoint)");
    addJsonFlag(*command, options->json, "one JSON object per epoch on stdout, then {\"summary\": ...}");
    command->footer(
        "With --ensemble K or --best-of K each run checkpoints to its own FILE-member1, ...; resume them with the\n"
        "same K: finished members are read back, the interrupted one goes on, the rest start.\n"
        "Ctrl-C stops a run after the mini-batch in progress: its checkpoint is written, the summary printed and\n"
        "--save honoured (exit status 130; the last line says what was done, saved and checkpointed); a second\n"
        "Ctrl-C quits at once, once a file being written is complete.\n"
        "Exit status: 0 done, 1 an error (one line), 2 a usage mistake, 3 the run diverged (a NaN, or its cost or\n"
        "weights exploded), 4 its last checkpoint could not be written, 130 interrupted.");
    return [options] {
        StopOnInterrupt interrupt;   // before any thread starts
        return runTrain(*options, interrupt);
    };
}

}  // namespace nnlab::cli
