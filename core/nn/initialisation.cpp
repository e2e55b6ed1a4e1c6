#include "core/nn/initialisation.h"

#include "core/util/enum_names.h"

#include <cmath>

namespace nnlab {

namespace {
constexpr EnumName<Initialisation> kNames[] = {
    {Initialisation::Large, "large"},
    {Initialisation::Scaled, "scaled"},
    {Initialisation::Network3, "network3"},
};
}  // namespace

std::string initialisationName(Initialisation init) { return enumName(kNames, init); }

std::optional<Initialisation> parseInitialisation(const std::string& name) { return parseEnum(kNames, name); }

void initialiseParameters(Initialisation init, FanInOut fan, Activation activation, float keep,
                          Eigen::MatrixXf& weights, Eigen::VectorXf& biases, NormalStream& normal)
{
    if (init == Initialisation::Network3 && activation == Activation::Softmax) {
        weights.setZero();   // network3.py's SoftmaxLayer starts from zero
        biases.setZero();
        return;
    }
    // Scaled: 1/√n_in keeps z = Σ w x + b from saturating the neuron (chapter 3).
    float sd = 1.0f;
    if (init == Initialisation::Scaled)
        sd = 1.0f / std::sqrt(fan.in);
    else if (init == Initialisation::Network3)
        sd = 1.0f / std::sqrt(fan.out);
    sd *= keep;
    for (Eigen::Index i = 0; i < weights.size(); ++i)
        weights.data()[i] = sd * normal();
    for (Eigen::Index i = 0; i < biases.size(); ++i)
        biases[i] = normal();
}

}  // namespace nnlab
