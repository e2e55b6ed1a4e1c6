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
    valueFlags.insert({"--preset", "--data", "--save"});
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

    const DataSplit data = loadDataset(config.dataset, dir);
    Trainer trainer(config, data);
    TrainPrinter printer(config, preset, args.has("--json"), isatty(STDERR_FILENO) != 0);
    trainer.setObserver(&printer);
    printer.printHeader();
    const TrainSummary summary = trainer.run();
    printer.printSummary(summary);

    if (const auto save = args.text("--save")) {
        saveModel(*save, trainer.network());
        if (!args.has("--json"))
            std::cout << "saved the network to " << *save << "\n";
    }
    return summary.reason == StopReason::Diverged ? 3 : 0;
}

}  // namespace nnlab::cli
