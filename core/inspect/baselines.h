// baselines.h — chapter 1's baselines, to know what a network's accuracy is worth: random
// guessing (10%), and classifying a digit by how dark it is ("average darkness", the book: 22.25%).
#pragma once

#include "core/data/dataset.h"

#include <array>
#include <cstdint>

namespace nnlab {

// Fraction of `test` a uniformly random guess gets right (seeded).
double randomGuessAccuracy(const Dataset& test, std::uint64_t seed);

// The book's average-darkness classifier: the mean total darkness (sum of pixels) of each
// digit in `training`; a test digit is given the class whose mean darkness is nearest its own.
struct DarknessClassifier {
    std::array<double, 10> meanDarkness{};
    int classify(const Eigen::Ref<const Eigen::VectorXf>& image) const;
};
DarknessClassifier fitAverageDarkness(const Dataset& training);
double accuracy(const DarknessClassifier& classifier, const Dataset& test);

}  // namespace nnlab
