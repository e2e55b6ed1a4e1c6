// nnlab-cli bench — seconds per training epoch of the book's standard networks.
#include "app/cli/commands.h"

#include "core/train/memory_estimate.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

struct BenchOptions {
    int repeat = 3;
    DataFlags data;
    bool json = false;
};

int runBench(const BenchOptions& options)
{
    struct Case {
        std::string preset;
        int miniBatchSize;
    };
    const Case cases[] = {{"ch1-784-30-10", 10}, {"ch1-784-100-10", 10}, {"ch3-784-100-10-l2", 10},
                          {"ch5-784-30-30-30-30-10", 10}, {"ch1-784-30-10", 100}};
    // The book's small networks, but a machine (or a ulimit -v) may still be smaller: one line first.
    for (const Case& c : cases) {
        TrainConfig config = findPreset(c.preset)->config;
        config.miniBatchSize = c.miniBatchSize;
        if (const std::string problem = trainingMemoryProblem(config); !problem.empty())
            throw std::runtime_error(problem);
    }
    const DataSplit data = loadDataset(DatasetKind::Mnist, options.data.path());
    if (!options.json)
        std::printf("%-26s %4s %12s %12s\n", "network", "m", "s/epoch", "images/s");
    for (const Case& c : cases) {
        TrainConfig config = findPreset(c.preset)->config;
        config.epochs = 1;
        config.miniBatchSize = c.miniBatchSize;
        std::vector<double> seconds;
        for (int r = 0; r < options.repeat; ++r) {
            Trainer trainer(config, data);
            seconds.push_back(trainer.run().trainingSeconds);
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        if (options.json)
            std::cout << nlohmann::ordered_json{{"preset", c.preset}, {"batch", c.miniBatchSize},
                                                {"config", describe(config)}, {"seconds_per_epoch", median},
                                                {"repeats", options.repeat}}.dump()
                      << std::endl;
        else
            std::printf("%-26s %4d %12.3f %12.0f\n", c.preset.c_str(), c.miniBatchSize, median,
                        config.trainingSize / median);
    }
    return 0;
}

}  // namespace

CommandRunner addBenchCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand("bench", "seconds per training epoch of the standard networks");
    auto options = std::make_shared<BenchOptions>();
    inRange(command->add_option("--repeat", options->repeat, "epochs timed per network (the median is reported)")
        ->capture_default_str(), 1, 100);
    addDataFlag(*command, options->data);
    addJsonFlag(*command, options->json, "one JSON object per network");
    return [options] { return runBench(*options); };
}

}  // namespace nnlab::cli
