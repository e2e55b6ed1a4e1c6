// nnlab-cli bench — seconds per training epoch of the book's standard networks.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"

#include "core/train/presets.h"
#include "core/train/trainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace nnlab::cli {

int runBench(const std::vector<std::string>& argv)
{
    const Args args(argv, {"--repeat", "--data"}, {"--json"});
    const int repeat = args.integer("--repeat", 1, 100).value_or(3);
    const std::optional<std::filesystem::path> dir = dataDirFlag(args);
    const DataSplit data = loadDataset(DatasetKind::Mnist, dir);

    struct Case {
        std::string preset;
        int miniBatchSize;
    };
    const Case cases[] = {{"ch1-784-30-10", 10}, {"ch1-784-100-10", 10}, {"ch3-784-100-10-l2", 10},
                          {"ch5-784-30-30-30-30-10", 10}, {"ch1-784-30-10", 100}};
    if (!args.has("--json"))
        std::printf("%-26s %4s %12s %12s\n", "network", "m", "s/epoch", "images/s");
    for (const Case& c : cases) {
        TrainConfig config = findPreset(c.preset)->config;
        config.epochs = 1;
        config.miniBatchSize = c.miniBatchSize;
        std::vector<double> seconds;
        for (int r = 0; r < repeat; ++r) {
            Trainer trainer(config, data);
            seconds.push_back(trainer.run().trainingSeconds);
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        if (args.has("--json"))
            std::cout << nlohmann::ordered_json{{"preset", c.preset}, {"batch", c.miniBatchSize},
                                                {"config", describe(config)}, {"seconds_per_epoch", median},
                                                {"repeats", repeat}}.dump()
                      << std::endl;
        else
            std::printf("%-26s %4d %12.3f %12.0f\n", c.preset.c_str(), c.miniBatchSize, median,
                        config.trainingSize / median);
    }
    return 0;
}

}  // namespace nnlab::cli
