// nnlab-cli evaluate — the test accuracy of a saved model, or of saved models voting as an
// ensemble (chapter 6; members can be trained one at a time, e.g. across days with --checkpoint).
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"
#include "app/cli/ensemble_report.h"

#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "core/train/network_fit.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

namespace nnlab::cli {

namespace {

Network loadFor(const std::string& file, DatasetKind kind, const DataSplit& data)
{
    Network net = loadModel(file);
    if (const std::string problem = fitProblem(net, data.test); !problem.empty())
        throw std::runtime_error(file + ": " + problem + " (" + datasetName(kind) + ")");
    return net;
}

std::vector<std::string> commaSeparated(const std::string& text)
{
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const std::size_t end = std::min(text.find(',', begin), text.size());
        if (end > begin)
            parts.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

}  // namespace

int runEvaluate(const std::vector<std::string>& argv)
{
    const Args args(argv, {"--model", "--ensemble", "--data", "--dataset"}, {"--json"});
    const auto model = args.text("--model");
    const auto ensemble = args.text("--ensemble");
    if (!model == !ensemble)
        throw UsageError("evaluate needs --model FILE, or --ensemble FILE,FILE,... (not both)");
    const std::vector<std::string> files = model ? std::vector<std::string>{*model} : commaSeparated(*ensemble);
    if (ensemble && files.size() < 2)
        throw UsageError("--ensemble needs two or more model files, separated by commas");
    const DatasetKind kind = datasetFlag(args);
    const DataSplit data = loadDataset(kind, dataDirFlag(args));
    std::vector<Network> members;
    for (const std::string& file : files)
        members.push_back(loadFor(file, kind, data));

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
        if (args.has("--json"))
            memberLines.push_back({{"model", files[k]}, {"test_accuracy", test.accuracy}, {"correct", test.correct},
                                   {"total", test.total}});
        else
            std::printf("%s: test accuracy %.2f%% (%d / %d)\n", files[k].c_str(), 100.0 * test.accuracy,
                        test.correct, test.total);
    }
    if (!votes) {
        if (args.has("--json"))
            std::cout << memberLines[0].dump() << "\n";   // {"model", "test_accuracy", ...}
    } else if (args.has("--json")) {
        std::cout << nlohmann::ordered_json{{"members", memberLines}, {"ensemble", ensembleJson(*votes)}}.dump() << "\n";
    } else {
        printEnsemble(*votes);
    }
    return 0;
}

}  // namespace nnlab::cli
