#include "core/train/network_fit.h"

#include <stdexcept>

namespace nnlab {

std::string fitProblem(int inputs, int outputs, int pixels)
{
    if (inputs == pixels && outputs == kClasses)
        return {};
    const int side = pixels == 784 ? 28 : 0;
    const std::string image = side ? " (" + std::to_string(side) + "×" + std::to_string(side) + " pixels)" : " (one per pixel)";
    return "the network maps " + std::to_string(inputs) + " inputs to " + std::to_string(outputs) +
           " outputs; these images need " + std::to_string(pixels) + " inputs" + image + " and " +
           std::to_string(kClasses) + " outputs (one per class)";
}

std::string fitProblem(const Network& net, const Dataset& data)
{
    return fitProblem(net.inputSize(), net.outputSize(), data.inputSize());
}

std::string trainingProblem(const TrainConfig& config, const DataSplit* data)
{
    try {
        validate(config);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    const int pixels = data ? data->training.inputSize() : 784;
    if (std::string problem = fitProblem(config.net.sizes.front(), config.net.sizes.back(), pixels); !problem.empty())
        return problem;
    if (data && config.trainingSize > data->training.size())
        return "the training-set size n = " + std::to_string(config.trainingSize) + " is larger than the " +
               std::to_string(data->training.size()) + " training images loaded";
    return {};
}

}  // namespace nnlab
