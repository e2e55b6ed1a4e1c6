#include "core/slowdown/single_neuron.h"

#include <cmath>

namespace nnlab {

namespace {

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));   // eq. 3
}

SingleNeuronState stateAt(const SingleNeuronSetup& setup, int epoch, double w, double b)
{
    const double a = sigmoid(w * setup.x + b);
    return {epoch, w, b, a, singleNeuronCost(setup.cost, a, setup.y)};
}

}  // namespace

SingleNeuronSetup bookSingleNeuronRun(Cost cost, bool saturatedStart)
{
    SingleNeuronSetup s;
    s.w = saturatedStart ? 2.0 : 0.6;
    s.b = saturatedStart ? 2.0 : 0.9;
    s.cost = cost;
    s.eta = cost == Cost::CrossEntropy ? 0.005 : 0.15;
    return s;
}

double singleNeuronCost(Cost cost, double a, double y)
{
    if (cost == Cost::CrossEntropy)
        return -(y * std::log(a) + (1.0 - y) * std::log(1.0 - a));   // eq. 57, one input
    return 0.5 * (a - y) * (a - y);                                   // eq. 6, one input
}

SingleNeuronGradient singleNeuronGradient(const SingleNeuronSetup& setup, double w, double b)
{
    const double z = w * setup.x + b;
    const double a = sigmoid(z);
    // Cross-entropy: δ = a − y (eqs. 61, 62). Quadratic: δ = (a − y)σ'(z), σ' = a(1 − a) (eqs. 55, 56).
    const double delta = setup.cost == Cost::CrossEntropy ? a - setup.y : (a - setup.y) * a * (1.0 - a);
    return {delta * setup.x, delta};
}

std::vector<SingleNeuronState> trainSingleNeuron(const SingleNeuronSetup& setup)
{
    std::vector<SingleNeuronState> run;
    run.reserve(static_cast<size_t>(setup.epochs) + 1);
    double w = setup.w, b = setup.b;
    run.push_back(stateAt(setup, 0, w, b));
    for (int epoch = 1; epoch <= setup.epochs; ++epoch) {
        const SingleNeuronGradient g = singleNeuronGradient(setup, w, b);
        w -= setup.eta * g.w;   // eq. 20
        b -= setup.eta * g.b;   // eq. 21
        run.push_back(stateAt(setup, epoch, w, b));
    }
    return run;
}

int epochsToOutputBelow(const std::vector<SingleNeuronState>& run, double threshold)
{
    for (const SingleNeuronState& s : run)
        if (s.a < threshold)
            return s.epoch;
    return -1;
}

}  // namespace nnlab
