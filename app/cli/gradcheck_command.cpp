// nnlab-cli gradcheck — backpropagation's gradient against centred finite differences.
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"

#include "core/nn/gradient_check.h"
#include "core/train/memory_estimate.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

struct GradcheckOptions {
    ConfigFlags network;   // --net --activation --output --cost --init --seed
    int samples = 10;
    int perLayer = 200;
    double tolerance = 1e-3;
    double epsilon = 1e-5;
    bool json = false;
};

// A small network by default: finite differences cost two forward passes per weight. Scaled
// initialisation keeps the neurons out of saturation, where the differences say little.
TrainConfig defaults()
{
    TrainConfig c;
    c.net.sizes = {784, 30, 10};
    c.init = Initialisation::Scaled;
    return c;
}

int runGradcheck(const GradcheckOptions& options)
{
    const TrainConfig config = options.network.applyTo(defaults());
    NetworkSpec spec = config.net;
    spec.dropout = 0.0f;   // dropout makes the cost random: finite differences would be noise
    const std::string what = formatArchitecture(spec) + " with " + std::to_string(options.samples) + " samples";
    if (const std::string problem = memoryProblem(what, gradientCheckMemory(spec, options.samples)); !problem.empty())
        throw std::runtime_error(problem);
    std::mt19937_64 rng(config.seed);
    Network net = makeNetwork(spec, config.init, rng);
    // Random inputs in [0, 1] and random one-hot targets: the check holds for any x and y.
    std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
    std::uniform_int_distribution<int> label(0, spec.sizes.back() - 1);
    Eigen::MatrixXf x(spec.sizes.front(), options.samples), y;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = pixel(rng);
    std::vector<int> labels(options.samples);
    for (int& l : labels)
        l = label(rng);
    oneHot(labels, spec.sizes.back(), y);

    const GradientCheck check = checkGradients(net, x, y, options.perLayer, rng, float(options.epsilon));
    const bool pass = check.maxRelativeError <= options.tolerance;
    if (options.json) {
        nlohmann::ordered_json layers = nlohmann::ordered_json::array();
        for (const auto& l : check.layers)
            layers.push_back({{"layer", l.layer}, {"checked", l.checked}, {"relative_error", l.relativeError},
                              {"backprop_seconds", l.backpropSeconds},
                              {"finite_difference_seconds", l.finiteDifferenceSeconds}});
        std::cout << nlohmann::ordered_json{{"max_relative_error", check.maxRelativeError}, {"pass", pass},
                                            {"layers", layers}}.dump()
                  << "\n";
    } else {
        std::printf("%5s %8s %15s %14s %18s\n", "layer", "checked", "relative error", "backprop (s)",
                    "finite diff (s)");
        for (const auto& l : check.layers)
            std::printf("%5d %8d %15.3g %14.6f %18.6f\n", l.layer, l.checked, l.relativeError, l.backpropSeconds,
                        l.finiteDifferenceSeconds);
        std::printf("max relative error %.3g (%s, tolerance %.g)\n", check.maxRelativeError,
                    pass ? "pass" : "FAIL", options.tolerance);
    }
    return pass ? 0 : 1;
}

}  // namespace

CommandRunner addGradcheckCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand("gradcheck", "backprop against finite differences (chapter 2); "
                                                        "exit status 1 when the error exceeds the tolerance");
    auto options = std::make_shared<GradcheckOptions>();
    options->network.addTo(*command, defaults(), {"--net", "--activation", "--output", "--cost", "--init", "--seed"});
    inRange(command->add_option("--samples", options->samples, "random examples in the mini-batch")
        ->capture_default_str(), 1, 1000);
    inRange(command->add_option("--per-layer", options->perLayer, "weights and biases checked per layer")
        ->capture_default_str(), 1, 1000000);
    inRange(command->add_option("--tolerance", options->tolerance, "largest relative error that passes")
        ->capture_default_str(), 0.0, 1.0);
    inRange(command->add_option("--epsilon", options->epsilon, "the finite difference's step ε")
        ->capture_default_str(), 1e-7, 1.0);
    addJsonFlag(*command, options->json, "one JSON object");
    return [options] { return runGradcheck(*options); };
}

}  // namespace nnlab::cli
