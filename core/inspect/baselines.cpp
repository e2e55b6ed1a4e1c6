#include "core/inspect/baselines.h"

#include <cmath>
#include <random>

namespace nnlab {

double randomGuessAccuracy(const Dataset& test, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> guess(0, 9);
    int correct = 0;
    for (std::uint8_t label : test.labels)
        correct += guess(rng) == label;
    return test.size() ? double(correct) / test.size() : 0.0;
}

int DarknessClassifier::classify(const Eigen::Ref<const Eigen::VectorXf>& image) const
{
    const double darkness = image.cast<double>().sum();
    int best = 0;
    for (int digit = 1; digit < 10; ++digit)
        if (std::abs(meanDarkness[digit] - darkness) < std::abs(meanDarkness[best] - darkness))
            best = digit;
    return best;
}

DarknessClassifier fitAverageDarkness(const Dataset& training)
{
    DarknessClassifier classifier;
    std::array<int, 10> counts{};
    for (int j = 0; j < training.size(); ++j) {
        classifier.meanDarkness[training.labels[j]] += training.images.col(j).cast<double>().sum();
        ++counts[training.labels[j]];
    }
    for (int digit = 0; digit < 10; ++digit)
        if (counts[digit])
            classifier.meanDarkness[digit] /= counts[digit];
    return classifier;
}

double accuracy(const DarknessClassifier& classifier, const Dataset& test)
{
    int correct = 0;
    for (int j = 0; j < test.size(); ++j)
        correct += classifier.classify(test.images.col(j)) == test.labels[j];
    return test.size() ? double(correct) / test.size() : 0.0;
}

}  // namespace nnlab
