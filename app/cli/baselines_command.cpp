// nnlab-cli baselines — chapter 1's yardsticks: random guessing and average darkness.
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"

#include "core/inspect/baselines.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

struct BaselinesOptions {
    ConfigFlags dataset;   // --dataset
    DataFlags data;
    bool json = false;
};

int runBaselines(const BaselinesOptions& options)
{
    const DataSplit data = loadDataset(options.dataset.applyTo({}).dataset, options.data.path());
    const double random = randomGuessAccuracy(data.test, 1);
    const double darkness = accuracy(fitAverageDarkness(data.training), data.test);
    if (options.json) {
        std::cout << nlohmann::ordered_json{{"random_guess_accuracy", random},
                                            {"average_darkness_accuracy", darkness}}.dump()
                  << "\n";
    } else {
        std::printf("random guessing:   %6.2f%% of the test images\n", 100 * random);
        std::printf("average darkness:  %6.2f%% (the book: 22.25%%) — each digit gets the class whose\n"
                    "                   mean darkness over the training images is nearest its own\n",
                    100 * darkness);
    }
    return 0;
}

}  // namespace

CommandRunner addBaselinesCommand(CLI::App& cli)
{
    CLI::App* command =
        cli.add_subcommand("baselines", "chapter 1's yardsticks: random guessing, average darkness");
    auto options = std::make_shared<BaselinesOptions>();
    options->dataset.addTo(*command, {}, {"--dataset"});
    addDataFlag(*command, options->data);
    addJsonFlag(*command, options->json, "one JSON object");
    return [options] { return runBaselines(*options); };
}

}  // namespace nnlab::cli
