#include "core/universality/perceptron.h"

#include <cstddef>

namespace nnlab::universality {

double Perceptron::weightedInput(const std::vector<int>& x) const
{
    double z = b;
    for (std::size_t i = 0; i < w.size() && i < x.size(); ++i)
        z += w[i] * x[i];
    return z;
}

int Perceptron::output(const std::vector<int>& x) const
{
    return weightedInput(x) > 0.0 ? 1 : 0;  // eq. 2
}

Perceptron nandPerceptron()
{
    return Perceptron{{-2.0, -2.0}, 3.0};
}

AdderState addBits(const Perceptron& gate, int x1, int x2)
{
    AdderState s;
    s.n1 = gate.output({x1, x2});
    s.n2 = gate.output({x1, s.n1});
    s.n3 = gate.output({x2, s.n1});
    s.sum = gate.output({s.n2, s.n3});
    s.carry = gate.output({s.n1, s.n1});
    return s;
}

bool isNand(const Perceptron& gate)
{
    for (int x1 : {0, 1})
        for (int x2 : {0, 1})
            if (gate.output({x1, x2}) != (x1 && x2 ? 0 : 1))
                return false;
    return true;
}

}  // namespace nnlab::universality
