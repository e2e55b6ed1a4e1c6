#include "app/cli/config_flags.h"

namespace nnlab::cli {

const std::set<std::string>& configFlags()
{
    static const std::set<std::string> flags{
        "--net",     "--activation", "--output",     "--cost",      "--init",
        "--eta",     "--batch",      "--epochs",     "--lambda",    "--l1",
        "--momentum", "--dropout",   "--train-size", "--seed",      "--dataset",
        "--eta-schedule", "--early-stop", "--threads", "--rotations"};
    return flags;
}

namespace {

template <typename T, typename Parse>
void applyChoice(const Args& args, const std::string& flag, Parse parse, const std::string& choices, T& field)
{
    if (const auto value = args.text(flag)) {
        const auto parsed = parse(*value);
        if (!parsed)
            throw UsageError(flag + " must be one of " + choices + ", not '" + *value + "'");
        field = *parsed;
    }
}

}  // namespace

DatasetKind datasetFlag(const Args& args)
{
    DatasetKind kind = DatasetKind::Mnist;
    applyChoice(args, "--dataset", parseDatasetKind, "mnist, fashion", kind);
    return kind;
}

std::optional<std::filesystem::path> dataDirFlag(const Args& args)
{
    if (const auto dir = args.text("--data"))
        return std::filesystem::path(*dir);
    return std::nullopt;
}

TrainConfig applyConfigFlags(const Args& args, TrainConfig c)
{
    if (const auto net = args.text("--net")) {
        try {
            parseArchitecture(*net, c.net);
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--net: ") + e.what());
        }
    }
    applyChoice(args, "--activation", parseActivation, "sigmoid, tanh, relu", c.net.hidden);
    applyChoice(args, "--output", parseActivation, "sigmoid, softmax", c.net.output);
    applyChoice(args, "--cost", parseCost, "quadratic, cross-entropy, log-likelihood", c.net.cost);
    applyChoice(args, "--init", parseInitialisation, "large, scaled, network3", c.init);
    applyChoice(args, "--dataset", parseDatasetKind, "mnist, fashion", c.dataset);
    if (args.has("--activation") && c.net.hidden == Activation::Softmax)
        throw UsageError("--activation must be one of sigmoid, tanh, relu, not 'softmax' (use --output softmax)");
    c.hyper.eta = args.number("--eta", 1e-9f, 1e6f).value_or(c.hyper.eta);
    c.hyper.lambda = args.number("--lambda", 0.0f, 1e6f).value_or(c.hyper.lambda);
    c.hyper.l1 = args.number("--l1", 0.0f, 1e6f).value_or(c.hyper.l1);
    c.hyper.momentum = args.number("--momentum", 0.0f, 0.999f).value_or(c.hyper.momentum);
    c.net.dropout = args.number("--dropout", 0.0f, 0.95f).value_or(c.net.dropout);
    c.miniBatchSize = args.integer("--batch", 1, 50000).value_or(c.miniBatchSize);
    c.epochs = args.integer("--epochs", 1, 100000).value_or(c.epochs);
    c.trainingSize = args.integer("--train-size", 1, 50000).value_or(c.trainingSize);
    c.seed = static_cast<std::uint64_t>(args.integer("--seed", 0, 2147483647).value_or(int(c.seed)));
    c.etaHalvingPatience = args.integer("--eta-schedule", 0, 1000).value_or(c.etaHalvingPatience);
    c.earlyStoppingPatience = args.integer("--early-stop", 0, 1000).value_or(c.earlyStoppingPatience);
    c.threads = args.integer("--threads", 0, 2).value_or(c.threads);
    c.expansion.rotationDegrees = args.number("--rotations", 0.0f, 45.0f).value_or(c.expansion.rotationDegrees);
    try {
        validate(c);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return c;
}

}  // namespace nnlab::cli
