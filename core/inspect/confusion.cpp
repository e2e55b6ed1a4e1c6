#include "core/inspect/confusion.h"

#include "core/train/evaluation.h"

namespace nnlab {

int ConfusionMatrix::total() const
{
    int sum = 0;
    for (const auto& row : counts)
        for (int c : row)
            sum += c;
    return sum;
}

int ConfusionMatrix::correct() const
{
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        sum += counts[i][i];
    return sum;
}

ConfusionMatrix confusionMatrix(const std::vector<int>& predicted, const Dataset& data)
{
    ConfusionMatrix m;
    for (int j = 0; j < data.size(); ++j)
        if (predicted[j] >= 0 && predicted[j] < 10)
            ++m.counts[data.labels[j]][predicted[j]];
    return m;
}

ConfusionMatrix confusionMatrix(const Network& net, const Dataset& data)
{
    return confusionMatrix(predictClasses(net, data), data);
}

std::vector<int> examplesIn(const std::vector<int>& predicted, const Dataset& data, int label, int prediction)
{
    std::vector<int> indices;
    for (int j = 0; j < data.size(); ++j)
        if (data.labels[j] == label && predicted[j] == prediction)
            indices.push_back(j);
    return indices;
}

}  // namespace nnlab
