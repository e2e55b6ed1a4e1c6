#include "core/inspect/adversarial.h"

namespace nnlab {

AdversarialExample fastGradientSign(const Network& net, const Eigen::VectorXf& image, int label, float epsilon)
{
    Network copy = net;
    Eigen::MatrixXf y;
    oneHot({label}, net.outputSize(), y);
    const Eigen::MatrixXf gradient = copy.inputGradient(image, y);
    AdversarialExample result;
    // Each pixel one step of size ε up the cost; pixels stay valid intensities.
    result.image = (image.array() + epsilon * gradient.col(0).array().sign()).cwiseMax(0.0f).cwiseMin(1.0f).matrix();
    result.outputs = net.feedforward(result.image);
    result.originalOutputs = net.feedforward(image);
    return result;
}

}  // namespace nnlab
