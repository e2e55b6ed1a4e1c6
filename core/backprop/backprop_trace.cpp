#include "core/backprop/backprop_trace.h"

#include "core/nn/dense_layer.h"

#include <algorithm>
#include <stdexcept>

namespace nnlab::backprop {

std::string equationLabel(Equation equation)
{
    switch (equation) {
    case Equation::Forward: return "forward";
    case Equation::BP1: return "BP1";
    case Equation::BP2: return "BP2";
    case Equation::BP3: return "BP3";
    case Equation::BP4: return "BP4";
    }
    return {};
}

std::string equationFormula(Equation equation)
{
    switch (equation) {
    case Equation::Forward: return "zˡ = wˡ aˡ⁻¹ + bˡ,  aˡ = σ(zˡ)";
    case Equation::BP1: return "δᴸ = ∇ₐC ⊙ σ′(zᴸ)";
    case Equation::BP2: return "δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)";
    case Equation::BP3: return "∂C/∂bˡ = δˡ";
    case Equation::BP4: return "∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ";
    }
    return {};
}

std::string superscript(int n)
{
    static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    std::string s = n < 0 ? "⁻" : "";
    for (char c : std::to_string(n < 0 ? -n : n))
        s += digits[c - '0'];
    return s;
}

namespace {

// σ'(z) for a hidden or sigmoid output layer, from the engine's own ⊙ σ'(z) (ones ⊙ σ'(z)).
Eigen::VectorXf derivative(Activation f, const Eigen::VectorXf& z, const Eigen::VectorXf& a)
{
    Eigen::MatrixXf ones = Eigen::MatrixXf::Ones(z.size(), 1);
    multiplyByDerivative(f, z, a, ones);
    return ones.col(0);
}

std::string sigmaName(Activation f)
{
    return f == Activation::Softmax ? "softmax" : "σ";
}

}  // namespace

BackpropTrace traceBackprop(const Network& net, const Eigen::VectorXf& x, const Eigen::VectorXf& y)
{
    BackpropTrace t;
    t.sizes = net.sizes();
    t.cost = net.cost();
    t.hidden = net.hiddenActivation();
    t.output = net.outputActivation();
    if (x.size() != net.inputSize() || y.size() != net.outputSize())
        throw std::invalid_argument("x must have " + std::to_string(net.inputSize()) + " entries and y " +
                                    std::to_string(net.outputSize()));
    std::vector<const DenseLayer*> layers(1 + t.sizes.size());   // layers[l]: w^l, b^l (l = 2..L)
    for (int i = 0; i < net.layerCount(); ++i) {
        layers[i + 2] = dynamic_cast<const DenseLayer*>(&net.layer(i));
        if (!layers[i + 2])
            throw std::invalid_argument("the step-by-step trace is for fully connected networks");
    }
    t.x = x;
    t.y = y;
    const int L = t.L();
    t.z.resize(L + 1);
    t.a.resize(L + 1);
    t.delta.resize(L + 1);
    t.nablaB.resize(L + 1);
    t.nablaW.resize(L + 1);
    const std::string sL = superscript(L);

    // The forward pass, layer by layer (eqs. 23 and 25), as DenseLayer::forward does it.
    t.a[1] = x;
    for (int l = 2; l <= L; ++l) {
        const DenseLayer& layer = *layers[l];
        t.z[l] = layer.weights() * t.a[l - 1] + layer.biases();
        Eigen::MatrixXf a;
        activate(layer.activation(), Eigen::MatrixXf(t.z[l]), a);
        t.a[l] = a.col(0);
        const std::string s = superscript(l), sPrev = superscript(l - 1);
        t.steps.push_back({Equation::Forward, l,
                           "z" + s + " = w" + s + " a" + sPrev + " + b" + s + ",  a" + s + " = " +
                               sigmaName(layer.activation()) + "(z" + s + ")",
                           {{"z" + s, t.z[l]}, {"a" + s, t.a[l]}}});
    }
    t.costValue = costValue(t.cost, Eigen::MatrixXf(t.a[L]), Eigen::MatrixXf(y));

    // BP1: the output error. The engine's outputDelta gives δ^L; for the quadratic cost the step
    // also shows its two factors, ∇_a C = a^L − y and σ'(z^L).
    {
        Eigen::MatrixXf delta;
        outputDelta(t.cost, t.output, t.z[L], t.a[L], y, delta);
        t.delta[L] = delta.col(0);
        TraceStep step{Equation::BP1, L, {}, {}};
        if (t.cost == Cost::Quadratic) {
            step.text = "δ" + sL + " = ∇ₐC ⊙ σ′(z" + sL + ") = (a" + sL + " − y) ⊙ σ′(z" + sL + ")";
            step.values.push_back({"∇ₐC = a" + sL + " − y", t.a[L] - y});
            step.values.push_back({"σ′(z" + sL + ")", derivative(t.output, t.z[L], t.a[L])});
        } else if (t.cost == Cost::CrossEntropy) {
            step.text = "δ" + sL + " = a" + sL + " − y   (cross-entropy, eq. 66: σ′(z" + sL + ") cancels)";
            step.values.push_back({"a" + sL, t.a[L]});
            step.values.push_back({"y", y});
        } else {
            step.text = "δ" + sL + " = a" + sL + " − y   (softmax and log-likelihood, eq. 84)";
            step.values.push_back({"a" + sL, t.a[L]});
            step.values.push_back({"y", y});
        }
        step.values.push_back({"δ" + sL, t.delta[L]});
        t.steps.push_back(std::move(step));
    }

    // BP2: the error moves back one layer at a time, l = L−1, …, 2.
    for (int l = L - 1; l >= 2; --l) {
        const std::string s = superscript(l), sNext = superscript(l + 1);
        const Eigen::VectorXf back = layers[l + 1]->weights().transpose() * t.delta[l + 1];
        const Eigen::VectorXf sigmaPrime = derivative(layers[l]->activation(), t.z[l], t.a[l]);
        t.delta[l] = back.cwiseProduct(sigmaPrime);
        t.steps.push_back({Equation::BP2, l,
                           "δ" + s + " = ((w" + sNext + ")ᵀ δ" + sNext + ") ⊙ σ′(z" + s + ")",
                           {{"(w" + sNext + ")ᵀ δ" + sNext, back}, {"σ′(z" + s + ")", sigmaPrime},
                            {"δ" + s, t.delta[l]}}});
    }

    // BP3 and BP4: each layer's gradients from its δ, output layer first.
    for (int l = L; l >= 2; --l) {
        const std::string s = superscript(l), sPrev = superscript(l - 1);
        t.nablaB[l] = t.delta[l];
        t.nablaW[l] = t.delta[l] * t.a[l - 1].transpose();
        t.steps.push_back({Equation::BP3, l, "∂C/∂b" + s + " = δ" + s, {{"∂C/∂b" + s, t.nablaB[l]}}});
        t.steps.push_back({Equation::BP4, l,
                           "∂C/∂w" + s + " = δ" + s + " (a" + sPrev + ")ᵀ,  i.e. ∂C/∂w" + s + "ⱼₖ = a" + sPrev +
                               "ₖ δ" + s + "ⱼ",
                           {{"∂C/∂w" + s, t.nablaW[l]}}});
    }
    return t;
}

Known knownAfter(const BackpropTrace& trace, int done)
{
    const int L = trace.L();
    Known known{std::vector<bool>(L + 1), std::vector<bool>(L + 1), std::vector<bool>(L + 1),
                std::vector<bool>(L + 1)};
    if (L >= 1)
        known.a[1] = true;
    done = std::clamp(done, 0, int(trace.steps.size()));
    for (int i = 0; i < done; ++i) {
        const TraceStep& step = trace.steps[i];
        switch (step.equation) {
        case Equation::Forward: known.a[step.layer] = true; break;
        case Equation::BP1:
        case Equation::BP2: known.delta[step.layer] = true; break;
        case Equation::BP3: known.nablaB[step.layer] = true; break;
        case Equation::BP4: known.nablaW[step.layer] = true; break;
        }
    }
    return known;
}

}  // namespace nnlab::backprop
