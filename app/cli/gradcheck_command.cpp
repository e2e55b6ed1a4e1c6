// nnlab-cli gradcheck — backpropagation's gradient against centred finite differences.
#include "app/cli/args.h"
#include "app/cli/commands.h"
#include "app/cli/config_flags.h"

#include "core/nn/gradient_check.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

int runGradcheck(const std::vector<std::string>& argv)
{
    std::set<std::string> valueFlags = configFlags();
    valueFlags.insert({"--samples", "--per-layer", "--tolerance", "--epsilon"});
    const Args args(argv, valueFlags, {"--json"});

    // A small network by default: finite differences cost two forward passes per weight.
    TrainConfig defaults;
    defaults.net.sizes = {784, 30, 10};
    NetworkSpec spec = applyConfigFlags(args, defaults).net;
    if (!args.has("--net"))
        spec.sizes = {784, 30, 10};
    spec.dropout = 0.0f;   // dropout makes the cost random: finite differences would be noise
    const int samples = args.integer("--samples", 1, 1000).value_or(10);
    const int perLayer = args.integer("--per-layer", 1, 1000000).value_or(200);
    const double tolerance = args.number("--tolerance", 0.0f, 1.0f).value_or(1e-3f);
    const auto seed = static_cast<std::uint64_t>(args.integer("--seed", 0, 2147483647).value_or(1));
    const Initialisation init = args.has("--init") ? applyConfigFlags(args, defaults).init : Initialisation::Scaled;

    std::mt19937_64 rng(seed);
    Network net = makeNetwork(spec, init, rng);
    // Random inputs in [0, 1] and random one-hot targets: the check holds for any x and y.
    std::uniform_real_distribution<float> pixel(0.0f, 1.0f);
    std::uniform_int_distribution<int> label(0, spec.sizes.back() - 1);
    Eigen::MatrixXf x(spec.sizes.front(), samples), y;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = pixel(rng);
    std::vector<int> labels(samples);
    for (int& l : labels)
        l = label(rng);
    oneHot(labels, spec.sizes.back(), y);

    const float epsilon = args.number("--epsilon", 1e-7f, 1.0f).value_or(1e-5f);
    const GradientCheck check = checkGradients(net, x, y, perLayer, rng, epsilon);
    const bool pass = check.maxRelativeError <= tolerance;
    if (args.has("--json")) {
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
                    pass ? "pass" : "FAIL", tolerance);
    }
    return pass ? 0 : 1;
}

}  // namespace nnlab::cli
