// nnlab-cli baselines — chapter 1's yardsticks: random guessing and average darkness.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"

#include "core/inspect/baselines.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

int runBaselines(const std::vector<std::string>& argv)
{
    const Args args(argv, {"--data", "--dataset"}, {"--json"});
    const DatasetKind kind = datasetFlag(args);
    const std::optional<std::filesystem::path> dir = dataDirFlag(args);
    const DataSplit data = loadDataset(kind, dir);
    const double random = randomGuessAccuracy(data.test, 1);
    const double darkness = accuracy(fitAverageDarkness(data.training), data.test);
    if (args.has("--json")) {
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

}  // namespace nnlab::cli
