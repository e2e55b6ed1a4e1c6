#include "core/train/explosion.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace nnlab {

namespace {

constexpr double kCostFactor = 100.0;     // two orders of magnitude over guessing
constexpr double kWeightFactor = 1000.0;  // three over the start

// Several hidden layers, convolutions counted, or ReLU ones: where N(0, 1) weights multiply
// each layer's output instead of keeping it in range (chapter 5's unstable gradients).
bool largeInitIsRisky(const NetworkSpec& net)
{
    const std::size_t hidden = net.sizes.size() - 2 +
        std::count_if(net.features.begin(), net.features.end(),
                      [](const FeatureLayerSpec& f) { return f.kind == FeatureLayerSpec::Kind::Convolution; });
    return net.hidden == Activation::ReLU || hidden >= 2;
}

}  // namespace

double guessingCost(Cost cost, int classes)
{
    const double k = std::max(2, classes);
    switch (cost) {
    case Cost::Quadratic: return 0.5 * (1.0 - 1.0 / k);   // ½[(1 − 1/k)² + (k − 1)/k²]
    case Cost::CrossEntropy: return std::log(k) + (k - 1.0) * std::log(k / (k - 1.0));
    case Cost::LogLikelihood: return std::log(k);
    }
    return 1.0;
}

bool costExploded(double dataCost, Cost cost, int classes)
{
    return dataCost > kCostFactor * guessingCost(cost, classes);
}

bool weightsExploded(double rms, double initialRms)
{
    return initialRms > 0.0 && rms > kWeightFactor * initialRms;
}

std::string explosionCause(const TrainConfig& config, float eta)
{
    std::ostringstream s;   // η as describe() writes it
    s << "η = " << eta;
    const std::string etaText = s.str();
    if (config.init != Initialisation::Large || !largeInitIsRisky(config.net))
        return etaText + " is probably too large for this network";
    const NetworkSpec& net = config.net;
    const std::string kind = net.hidden == Activation::ReLU ? "ReLU" : !net.features.empty() ? "convolutional" : "deep";
    // Above every η of the book (0.025 to 3) η comes first.
    if (eta >= 10.0f)
        return etaText + " is probably too large for this network, and the large N(0, 1) initialisation doesn't suit "
                         "a " + kind + " network (the scaled N(0, 1/n_in) does)";
    return "the large N(0, 1) initialisation is probably the cause on this " + kind +
           " network (the scaled N(0, 1/n_in) suits it), or " + etaText + " is too large for it";
}

}  // namespace nnlab
