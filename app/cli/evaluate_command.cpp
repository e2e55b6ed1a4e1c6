// nnlab-cli evaluate — the test accuracy of a saved model.
#include "args.h"
#include "commands.h"
#include "config_flags.h"

#include "io/model_file.h"
#include "train/evaluation.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

int runEvaluate(const std::vector<std::string>& argv)
{
    const Args args(argv, {"--model", "--data", "--dataset"}, {"--json"});
    const auto model = args.text("--model");
    if (!model)
        throw UsageError("evaluate needs --model FILE");
    const DatasetKind kind = datasetFlag(args);
    const Network net = loadModel(*model);
    const std::optional<std::filesystem::path> dir = dataDirFlag(args);
    const DataSplit data = loadDataset(kind, dir);
    if (net.inputSize() != data.test.inputSize() || net.outputSize() != 10)
        throw std::runtime_error(*model + ": the network has " + std::to_string(net.inputSize()) + " inputs and " +
                                 std::to_string(net.outputSize()) + " outputs; " + datasetName(kind) +
                                 " needs 784 and 10");
    const Evaluation test = evaluate(net, data.test);
    if (args.has("--json"))
        std::cout << nlohmann::ordered_json{{"test_accuracy", test.accuracy}, {"correct", test.correct},
                                            {"total", test.total}}.dump()
                  << "\n";
    else
        std::printf("%s: test accuracy %.2f%% (%d / %d)\n", model->c_str(), 100.0 * test.accuracy, test.correct,
                    test.total);
    return 0;
}

}  // namespace nnlab::cli
