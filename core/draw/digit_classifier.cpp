#include "core/draw/digit_classifier.h"

#include <stdexcept>
#include <string>

namespace nnlab {

Classification readOutput(const Eigen::VectorXf& output, Activation outputActivation)
{
    Classification result;
    result.normalised = outputActivation != Activation::Softmax;
    result.probabilities.assign(output.data(), output.data() + output.size());
    if (result.normalised) {
        // Sigmoid outputs are in (0, 1); tanh/ReLU outputs could be negative: clip those to 0.
        float sum = 0.0f;
        for (float& p : result.probabilities)
            sum += (p = std::max(p, 0.0f));
        for (float& p : result.probabilities)
            p = sum > 0.0f ? p / sum : 1.0f / float(result.probabilities.size());
    }
    Eigen::Index best = 0;
    output.maxCoeff(&best);
    result.predicted = int(best);
    result.confidence = result.probabilities[best];
    return result;
}

Classification classify(const Network& net, const std::vector<float>& pixels)
{
    if (int(pixels.size()) != net.inputSize())
        throw std::invalid_argument("the network takes " + std::to_string(net.inputSize()) +
                                    " inputs, the image has " + std::to_string(pixels.size()));
    const Eigen::Map<const Eigen::VectorXf> x(pixels.data(), Eigen::Index(pixels.size()));
    return readOutput(net.feedforward(x), net.outputActivation());
}

}  // namespace nnlab
