// confusion.h — which digits a network mistakes for which: counts[true][predicted].
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"

#include <array>
#include <vector>

namespace nnlab {

struct ConfusionMatrix {
    std::array<std::array<int, 10>, 10> counts{};   // rows: true label, columns: prediction
    int total() const;
    int correct() const;   // the diagonal
    double accuracy() const { return total() ? double(correct()) / total() : 0.0; }
};

ConfusionMatrix confusionMatrix(const std::vector<int>& predicted, const Dataset& data);
ConfusionMatrix confusionMatrix(const Network& net, const Dataset& data);

// Indices of the examples with this true label and prediction (a cell's examples).
std::vector<int> examplesIn(const std::vector<int>& predicted, const Dataset& data, int label, int prediction);

}  // namespace nnlab
