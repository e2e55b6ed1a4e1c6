// nnlab-cli evaluate — the test accuracy of a saved model, or of saved models voting as an
// ensemble (chapter 6; members can be trained one at a time, e.g. across days with --checkpoint).
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"
#include "app/cli/ensemble_report.h"
#include "app/cli/model_argument.h"

#include "core/train/evaluation.h"
#include "core/train/network_fit.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

namespace nnlab::cli {

namespace {

struct EvaluateOptions {
    std::string model;
    std::vector<std::string> ensemble;
    ConfigFlags dataset;   // --dataset
    DataFlags data;
    bool json = false;
};

void checkFit(const Network& net, const std::string& file, DatasetKind kind, const DataSplit& data)
{
    if (const std::string problem = fitProblem(net, data.test); !problem.empty())
        throw std::runtime_error(file + ": " + problem + " (" + datasetName(kind) + ")");
}

int runEvaluate(const EvaluateOptions& options)
{
    const bool ensemble = !options.ensemble.empty();
    if (options.model.empty() == !ensemble)
        throw UsageError("evaluate needs --model FILE, or --ensemble FILE,FILE,... (not both)");
    const std::vector<std::string> files = ensemble ? options.ensemble : std::vector<std::string>{options.model};
    if (ensemble && files.size() < 2)
        throw UsageError("--ensemble needs two or more model files, separated by commas");
    // The models first: a bad model file is refused at once, before MNIST is read.
    std::vector<Network> members;
    for (const std::string& file : files)
        members.push_back(loadModelArgument(file));
    const DatasetKind kind = options.dataset.applyTo({}).dataset;
    const DataSplit data = loadDataset(kind, options.data.path());
    for (std::size_t k = 0; k < members.size(); ++k)
        checkFit(members[k], files[k], kind, data);

    // A single model is evaluated; an ensemble's members are run once, for their own accuracy and
    // the votes (chapter 6).
    std::optional<EnsembleResult> votes;
    std::vector<Evaluation> tests;
    if (ensemble) {
        votes = voteOn(members, data);
        tests = votes->members;
    } else {
        tests.push_back(evaluate(members.front(), data.test));
    }
    nlohmann::ordered_json memberLines = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < members.size(); ++k) {
        const Evaluation& test = tests[k];
        if (options.json)
            memberLines.push_back({{"model", files[k]}, {"test_accuracy", test.accuracy}, {"correct", test.correct},
                                   {"total", test.total}});
        else
            std::printf("%s: test accuracy %.2f%% (%d / %d)\n", files[k].c_str(), 100.0 * test.accuracy,
                        test.correct, test.total);
    }
    if (!votes) {
        if (options.json)
            std::cout << memberLines[0].dump() << "\n";   // {"model", "test_accuracy", ...}
    } else if (options.json) {
        std::cout << nlohmann::ordered_json{{"members", memberLines}, {"ensemble", ensembleJson(*votes)}}.dump() << "\n";
    } else {
        printEnsemble(*votes);
    }
    return 0;
}

}  // namespace

CommandRunner addEvaluateCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand(
        "evaluate", "test accuracy of a saved model, or of saved models voting by averaged outputs (chapter 6)");
    auto options = std::make_shared<EvaluateOptions>();
    command->add_option("--model", options->model,
                        "the model file (network2.py JSON or nnlab's layer stack), or a built-in model: " +
                            builtInModelNames())
        ->type_name("FILE|NAME");
    command->add_option("--ensemble", options->ensemble, "two or more model files (or built-in models) that vote")
        ->type_name("FILE,FILE,...")
        ->delimiter(',');
    options->dataset.addTo(*command, {}, {"--dataset"});
    addDataFlag(*command, options->data);
    addJsonFlag(*command, options->json, "one JSON object");
    return [options] { return runEvaluate(*options); };
}

}  // namespace nnlab::cli
