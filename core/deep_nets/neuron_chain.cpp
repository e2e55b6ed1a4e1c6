#include "core/deep_nets/neuron_chain.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nnlab::deep {

namespace {

double sigma(Activation f, double z)
{
    return f == Activation::ReLU ? std::max(z, 0.0) : 1.0 / (1.0 + std::exp(-z));
}

double sigmaPrime(Activation f, double z)
{
    if (f == Activation::ReLU)
        return z > 0.0 ? 1.0 : 0.0;
    const double s = 1.0 / (1.0 + std::exp(-z));
    return s * (1.0 - s);
}

void check(Activation f)
{
    if (f != Activation::Sigmoid && f != Activation::ReLU)
        throw std::invalid_argument("a neuron chain is sigmoid or ReLU");
}

}  // namespace

NeuronChain balancedChain(int length, double w, double x, Activation activation)
{
    check(activation);
    NeuronChain chain;
    chain.activation = activation;
    double a = x;
    for (int j = 0; j < length; ++j) {
        const double b = activation == Activation::Sigmoid ? -w * a : 0.0;   // z_j = 0 for sigmoid
        chain.weights.push_back(w);
        chain.biases.push_back(b);
        a = sigma(activation, w * a + b);
    }
    return chain;
}

ChainGradients chainGradients(const NeuronChain& chain, double x, double y)
{
    check(chain.activation);
    if (chain.weights.size() != chain.biases.size() || chain.weights.empty())
        throw std::invalid_argument("a chain needs one weight and one bias per neuron");
    const int L = static_cast<int>(chain.weights.size());
    ChainGradients g;
    double a = x;
    for (int j = 0; j < L; ++j) {
        g.z.push_back(chain.weights[j] * a + chain.biases[j]);   // z_j = w_j a_{j−1} + b_j
        a = sigma(chain.activation, g.z.back());
        g.a.push_back(a);
    }
    g.biasGradients.assign(L, 0.0);
    double delta = (g.a.back() - y) * sigmaPrime(chain.activation, g.z.back());   // BP1, quadratic cost
    for (int j = L - 1; j >= 0; --j) {
        g.biasGradients[j] = delta;                                                 // BP3
        if (j > 0)
            delta = chain.weights[j] * delta * sigmaPrime(chain.activation, g.z[j - 1]);   // BP2
    }
    return g;
}

}  // namespace nnlab::deep
