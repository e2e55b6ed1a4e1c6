// one_input_network.h — chapter 4's network: one input x, N hidden neurons, one output neuron.
//
// Hidden neuron j computes a_j = σ(w_j x + b_j). The output neuron takes the weighted sum
// z = Σ_j v_j a_j + b and either passes it on (the "weighted output" the book plots first) or
// squashes it, a = σ(z) (the book's sigmoid output neuron, used with the σ⁻¹ trick). The book
// writes the output weights w₁, w₂, …; here they are v_j, so that w always means a hidden weight.
//
// A hidden neuron with a large w is a step at s = −b/w (the book's step parametrisation): change
// s and keep w, and b = −w·s follows.
#pragma once

#include "core/universality/neuron_function.h"

#include <vector>

namespace nnlab::universality {

struct HiddenNeuron {
    double w = 0.0;  // input weight
    double b = 0.0;  // bias
    double v = 0.0;  // weight from this neuron to the output neuron
};

enum class OutputKind {
    WeightedSum,  // a = z = Σ v_j a_j + b
    Sigmoid,      // a = σ(z)
};

double stepPosition(double w, double b);  // s = −b/w (w ≠ 0)
double biasForStep(double w, double s);   // b = −w·s

class OneInputNetwork {
public:
    explicit OneInputNetwork(NeuronFunction hidden = NeuronFunction::Sigmoid,
                             OutputKind output = OutputKind::WeightedSum);

    int hiddenCount() const { return static_cast<int>(m_neurons.size()); }
    const HiddenNeuron& neuron(int j) const { return m_neurons.at(j); }
    HiddenNeuron& neuron(int j) { return m_neurons.at(j); }
    const std::vector<HiddenNeuron>& neurons() const { return m_neurons; }
    void addNeuron(const HiddenNeuron& neuron) { m_neurons.push_back(neuron); }
    void clear() { m_neurons.clear(); }

    NeuronFunction hiddenFunction() const { return m_hidden; }
    void setHiddenFunction(NeuronFunction f) { m_hidden = f; }
    OutputKind outputKind() const { return m_output; }
    void setOutputKind(OutputKind kind) { m_output = kind; }
    double outputBias() const { return m_outputBias; }
    void setOutputBias(double b) { m_outputBias = b; }

    double hiddenActivation(int j, double x) const;  // a_j = σ(w_j x + b_j)
    double weightedOutput(double x) const;           // z = Σ_j v_j a_j + b
    double output(double x) const;                   // z, or σ(z) for a sigmoid output
    // The same for many x at once. For sorted xs this costs O(N log P + P + transitions) rather
    // than O(N·P): a neuron far from its step is constant (σ) or affine (ReLU, linear) in x, which
    // difference arrays add up in one pass; only x near the step need σ itself.
    std::vector<double> output(const std::vector<double>& xs) const;
    std::vector<double> weightedOutput(const std::vector<double>& xs) const;

private:
    std::vector<HiddenNeuron> m_neurons;
    NeuronFunction m_hidden;
    OutputKind m_output;
    double m_outputBias = 0.0;
};

}  // namespace nnlab::universality
