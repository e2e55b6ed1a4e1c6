#include "core/universality/one_input_network.h"

#include <algorithm>

namespace nnlab::universality {

double stepPosition(double w, double b)
{
    return -b / w;
}

double biasForStep(double w, double s)
{
    return -w * s;
}

OneInputNetwork::OneInputNetwork(NeuronFunction hidden, OutputKind output)
    : m_hidden(hidden), m_output(output)
{
}

double OneInputNetwork::hiddenActivation(int j, double x) const
{
    const HiddenNeuron& n = m_neurons.at(j);
    return neuronOutput(m_hidden, n.w * x + n.b);
}

double OneInputNetwork::weightedOutput(double x) const
{
    double z = m_outputBias;
    for (const HiddenNeuron& n : m_neurons)
        z += n.v * neuronOutput(m_hidden, n.w * x + n.b);
    return z;
}

double OneInputNetwork::output(double x) const
{
    const double z = weightedOutput(x);
    return m_output == OutputKind::Sigmoid ? sigmoid(z) : z;
}

std::vector<double> OneInputNetwork::output(const std::vector<double>& xs) const
{
    std::vector<double> a = weightedOutput(xs);
    if (m_output == OutputKind::Sigmoid)
        for (double& v : a)
            v = sigmoid(v);
    return a;
}

std::vector<double> OneInputNetwork::weightedOutput(const std::vector<double>& xs) const
{
    const size_t count = xs.size();
    if (!std::is_sorted(xs.begin(), xs.end())) {
        std::vector<double> z(count);
        for (size_t i = 0; i < count; ++i)
            z[i] = weightedOutput(xs[i]);
        return z;
    }
    // z_i = constant_i + slope_i·x_i + exact_i, where constant and slope are prefix sums of
    // differences: a neuron adds (v·c, v·m) over the index range where it is affine, c + m·x.
    std::vector<double> constant(count + 1, 0.0), slope(count + 1, 0.0), exact(count, 0.0);
    auto addAffine = [&](size_t from, size_t to, double c, double m) {  // indices [from, to)
        if (from >= to)
            return;
        constant[from] += c;
        constant[to] -= c;
        slope[from] += m;
        slope[to] -= m;
    };
    auto firstAbove = [&](double x) {  // index of the first xs[i] > x
        return static_cast<size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin());
    };
    const bool saturating = m_hidden == NeuronFunction::Sigmoid || m_hidden == NeuronFunction::SigmoidLike;
    for (const HiddenNeuron& n : m_neurons) {
        if (m_hidden == NeuronFunction::Linear || n.w == 0.0) {  // affine everywhere (or constant)
            if (m_hidden == NeuronFunction::Linear)
                addAffine(0, count, n.v * n.b, n.v * n.w);
            else
                addAffine(0, count, n.v * neuronOutput(m_hidden, n.b), 0.0);
            continue;
        }
        if (saturating) {
            // σ is exactly 0 below z = −40 and 1 above z = 40 (see sigmoid()); in between, compute.
            const double x1 = (-40.0 - n.b) / n.w, x2 = (40.0 - n.b) / n.w;
            const size_t lo = firstAbove(std::min(x1, x2)), hi = firstAbove(std::max(x1, x2));
            for (size_t i = lo; i < hi; ++i)
                exact[i] += n.v * neuronOutput(m_hidden, n.w * xs[i] + n.b);
            if (n.w > 0.0)
                addAffine(hi, count, n.v, 0.0);  // z > 40 above the window
            else
                addAffine(0, lo, n.v, 0.0);      // z > 40 below it
        } else {  // ReLU: 0 where z ≤ 0, z where z > 0
            const size_t at = firstAbove(-n.b / n.w);
            if (n.w > 0.0)
                addAffine(at, count, n.v * n.b, n.v * n.w);
            else
                addAffine(0, at, n.v * n.b, n.v * n.w);
            // x exactly at the kink: z = 0 either way.
        }
    }
    std::vector<double> z(count);
    double c = 0.0, m = 0.0;
    for (size_t i = 0; i < count; ++i) {
        c += constant[i];
        m += slope[i];
        z[i] = m_outputBias + c + m * xs[i] + exact[i];
    }
    return z;
}

}  // namespace nnlab::universality
