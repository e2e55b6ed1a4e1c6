// The step-by-step backprop trace (core/backprop) against the engine's own backprop, against a
// neuron computed by hand, and the gradient-check timing against finite differences.
#include "core/backprop/backprop_trace.h"
#include "core/backprop/gradient_timing.h"
#include "core/nn/dense_layer.h"
#include "core/nn/network.h"

#include <QtTest>

using namespace nnlab;
using namespace nnlab::backprop;

Q_DECLARE_METATYPE(std::vector<int>)

namespace {

Network tinyNetwork(const std::vector<int>& sizes, Activation hidden, Activation output, Cost cost,
                    std::uint64_t seed = 3)
{
    std::mt19937_64 rng(seed);
    return makeNetwork(NetworkSpec{sizes, hidden, output, cost, 0.0f}, Initialisation::Large, rng);
}

Eigen::VectorXf someInput(int n, unsigned seed = 11)
{
    std::srand(seed);
    return (Eigen::VectorXf::Random(n).array() + 1.0f) / 2.0f;   // in [0, 1], like pixels
}

Eigen::VectorXf oneHotY(int n, int label)
{
    Eigen::VectorXf y = Eigen::VectorXf::Zero(n);
    y(label) = 1.0f;
    return y;
}

double maxAbs(const Eigen::MatrixXf& m) { return m.size() ? double(m.cwiseAbs().maxCoeff()) : 0.0; }

}  // namespace

class TestBackpropTrace : public QObject {
    Q_OBJECT

private slots:
    // The trace's ∂C/∂w, ∂C/∂b and forward values equal what Network::backprop leaves in its
    // layers for the same single example.
    void equalsNetworkBackprop_data()
    {
        QTest::addColumn<std::vector<int>>("sizes");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("cost");
        using A = Activation;
        using C = Cost;
        QTest::newRow("2-3-2 sigmoid quadratic") << std::vector<int>{2, 3, 2} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::Quadratic);
        QTest::newRow("4-5-3-2 sigmoid cross-entropy") << std::vector<int>{4, 5, 3, 2} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::CrossEntropy);
        QTest::newRow("784-30-10 sigmoid quadratic (ch1)") << std::vector<int>{784, 30, 10} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::Quadratic);
        QTest::newRow("6-4-4-3 tanh quadratic") << std::vector<int>{6, 4, 4, 3} << int(A::Tanh) << int(A::Sigmoid) << int(C::Quadratic);
        QTest::newRow("5-6-4 relu softmax log-likelihood") << std::vector<int>{5, 6, 4} << int(A::ReLU) << int(A::Softmax) << int(C::LogLikelihood);
        QTest::newRow("3 single layer") << std::vector<int>{3, 2} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::Quadratic);
    }

    void equalsNetworkBackprop()
    {
        QFETCH(std::vector<int>, sizes);
        QFETCH(int, hidden);
        QFETCH(int, output);
        QFETCH(int, cost);
        Network net = tinyNetwork(sizes, Activation(hidden), Activation(output), Cost(cost));
        const Eigen::VectorXf x = someInput(sizes.front());
        const Eigen::VectorXf y = oneHotY(sizes.back(), 1);

        const BackpropTrace trace = traceBackprop(net, x, y);

        std::mt19937_64 rng(1);
        const double cost0 = net.backprop(Eigen::MatrixXf(x), Eigen::MatrixXf(y), rng, false);
        QVERIFY(std::abs(trace.costValue - cost0) <= 1e-6 * std::max(1.0, std::abs(cost0)));
        const int L = int(sizes.size());
        QCOMPARE(trace.L(), L);
        for (int l = 2; l <= L; ++l) {
            const auto& layer = dynamic_cast<const DenseLayer&>(net.layer(l - 2));
            const double scaleW = std::max(1.0, maxAbs(layer.nablaW()));
            const double scaleB = std::max(1.0, maxAbs(layer.nablaB()));
            QVERIFY2(maxAbs(trace.nablaW[l] - layer.nablaW()) <= 1e-6 * scaleW, qPrintable(QString("∂C/∂w of layer %1").arg(l)));
            QVERIFY2(maxAbs(trace.nablaB[l] - layer.nablaB()) <= 1e-6 * scaleB, qPrintable(QString("∂C/∂b of layer %1").arg(l)));
            QVERIFY(maxAbs(trace.z[l] - layer.z()) <= 1e-6 * std::max(1.0, maxAbs(layer.z())));
            QVERIFY(maxAbs(trace.a[l] - layer.a()) <= 1e-6);
        }
        QVERIFY(trace.nablaB[L].cwiseAbs().maxCoeff() > 1e-4f);
    }

    // A chain 1 → 1 → 1 computed by hand: x = 1, w² = 2, b² = −1, w³ = −1, b³ = 0.5, y = 0,
    // quadratic cost. z² = 1, a² = σ(1); z³ = −σ(1) + 0.5; δ³ = a³ σ'(z³); δ² = w³ δ³ σ'(z²).
    void neuronChainByHand()
    {
        Network net = tinyNetwork({1, 1, 1}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        auto& l2 = dynamic_cast<DenseLayer&>(net.layer(0));
        auto& l3 = dynamic_cast<DenseLayer&>(net.layer(1));
        l2.weights()(0, 0) = 2.0f;
        l2.biases()(0) = -1.0f;
        l3.weights()(0, 0) = -1.0f;
        l3.biases()(0) = 0.5f;
        const BackpropTrace t = traceBackprop(net, Eigen::VectorXf::Ones(1), Eigen::VectorXf::Zero(1));

        auto sigma = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
        const double a2 = sigma(1.0), z3 = -a2 + 0.5, a3 = sigma(z3);
        const double delta3 = (a3 - 0.0) * a3 * (1.0 - a3);
        const double delta2 = -1.0 * delta3 * a2 * (1.0 - a2);
        QVERIFY(std::abs(t.z[2](0) - 1.0) < 1e-6);
        QVERIFY(std::abs(t.a[2](0) - a2) < 1e-6);
        QVERIFY(std::abs(t.z[3](0) - z3) < 1e-6);
        QVERIFY(std::abs(t.delta[3](0) - delta3) < 1e-6);
        QVERIFY(std::abs(t.delta[2](0) - delta2) < 1e-6);
        QVERIFY(std::abs(t.nablaW[3](0, 0) - delta3 * a2) < 1e-6);    // BP4: a² δ³
        QVERIFY(std::abs(t.nablaW[2](0, 0) - delta2 * 1.0) < 1e-6);   // BP4: x δ²
        QVERIFY(std::abs(t.costValue - 0.5 * a3 * a3) < 1e-6);
    }

    // Forward for l = 2..L, BP1 at L, BP2 for l = L−1 down to 2, then BP3 and BP4 for each layer
    // from L down to 2 — and each step's text names its own layer.
    void stepsInBookOrder()
    {
        Network net = tinyNetwork({3, 4, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        const BackpropTrace t = traceBackprop(net, someInput(3), oneHotY(2, 0));
        using E = Equation;
        const std::vector<std::pair<E, int>> expected = {
            {E::Forward, 2}, {E::Forward, 3}, {E::Forward, 4}, {E::BP1, 4}, {E::BP2, 3}, {E::BP2, 2},
            {E::BP3, 4}, {E::BP4, 4}, {E::BP3, 3}, {E::BP4, 3}, {E::BP3, 2}, {E::BP4, 2}};
        QCOMPARE(int(t.steps.size()), int(expected.size()));
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(int(t.steps[i].equation), int(expected[i].first));
            QCOMPARE(t.steps[i].layer, expected[i].second);
            QVERIFY(!t.steps[i].values.empty());
        }
        QCOMPARE(QString::fromStdString(t.steps[0].text), QString("z² = w² a¹ + b²,  a² = σ(z²)"));
        QCOMPARE(QString::fromStdString(t.steps[4].text), QString("δ³ = ((w⁴)ᵀ δ⁴) ⊙ σ′(z³)"));
        QVERIFY(QString::fromStdString(t.steps[7].text).startsWith("∂C/∂w⁴ = δ⁴ (a³)ᵀ"));
        // Each step's last value is what it computed.
        QCOMPARE(QString::fromStdString(t.steps[5].values.back().name), QString("δ²"));
        QVERIFY(t.steps[5].values.back().value.isApprox(Eigen::MatrixXf(t.delta[2])));
        QCOMPARE(t.steps[7].values.back().value.rows(), 2);
        QCOMPARE(t.steps[7].values.back().value.cols(), 3);
        QCOMPARE(QString::fromStdString(equationFormula(E::BP2)), QString("δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)"));
        QCOMPARE(QString::fromStdString(superscript(12)), QString("¹²"));

        // What the walk has computed after 5 steps (forward ×3, BP1, BP2 at l = 3): every a, δ⁴, δ³.
        const Known known = knownAfter(t, 5);
        QVERIFY(known.a[1] && known.a[2] && known.a[3] && known.a[4]);
        QVERIFY(known.delta[4] && known.delta[3] && !known.delta[2]);
        QVERIFY(!known.nablaW[4] && !known.nablaB[4]);
        const Known none = knownAfter(t, 0), all = knownAfter(t, 99);
        QVERIFY(none.a[1] && !none.a[2]);
        QVERIFY(all.nablaW[2] && all.nablaB[2] && all.delta[2]);
    }

    // BP1's text follows the cost: the quadratic cost shows ∇ₐC ⊙ σ'(z^L); cross-entropy's σ'
    // cancels (eq. 66).
    void bp1FollowsTheCost()
    {
        Network quadratic = tinyNetwork({2, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        Network crossEntropy = tinyNetwork({2, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy);
        const auto x = someInput(2);
        const auto y = oneHotY(2, 1);
        const BackpropTrace q = traceBackprop(quadratic, x, y), c = traceBackprop(crossEntropy, x, y);
        QVERIFY(QString::fromStdString(q.steps[2].text).contains("∇ₐC ⊙ σ′(z³)"));
        QVERIFY(QString::fromStdString(c.steps[2].text).contains("cancels"));
        // Same weights: the cross-entropy δ^L is the quadratic one without the σ'(z^L) factor.
        const Eigen::VectorXf sigmaPrime = q.a[3].array() * (1.0f - q.a[3].array());
        QVERIFY(c.delta[3].cwiseProduct(sigmaPrime).isApprox(q.delta[3], 1e-5f));
    }

    // Changing one weight w²₁₀ changes z²₁ by Δw·x₀ and nothing else of z², and then a³.
    void editingAWeightChangesTheForwardPass()
    {
        Network net = tinyNetwork({2, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        const Eigen::VectorXf x = (Eigen::VectorXf(2) << 0.8f, 0.3f).finished();
        const Eigen::VectorXf y = oneHotY(2, 0);
        const BackpropTrace before = traceBackprop(net, x, y);
        dynamic_cast<DenseLayer&>(net.layer(0)).weights()(1, 0) += 0.5f;
        const BackpropTrace after = traceBackprop(net, x, y);
        QVERIFY(std::abs(after.z[2](1) - before.z[2](1) - 0.5f * 0.8f) < 1e-5f);
        QCOMPARE(after.z[2](0), before.z[2](0));
        QCOMPARE(after.z[2](2), before.z[2](2));
        QVERIFY((after.a[3] - before.a[3]).cwiseAbs().maxCoeff() > 1e-4f);
        QVERIFY(after.costValue != before.costValue);
    }

    void rejectsWrongSizes()
    {
        Network net = tinyNetwork({2, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, traceBackprop(net, someInput(3), oneHotY(2, 0)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, traceBackprop(net, someInput(2), oneHotY(3, 0)));
    }

    // Every weight and bias of 2-3-2 and of 784-30-10 checked by centred differences: relative
    // error below 1e-4 in each layer, 2 forward passes per parameter, the parameters unchanged.
    void gradientCheckAllParameters_data()
    {
        QTest::addColumn<std::vector<int>>("sizes");
        QTest::addColumn<int>("cost");
        QTest::newRow("2-3-2 quadratic") << std::vector<int>{2, 3, 2} << int(Cost::Quadratic);
        QTest::newRow("784-30-10 quadratic") << std::vector<int>{784, 30, 10} << int(Cost::Quadratic);
        QTest::newRow("784-30-10 cross-entropy") << std::vector<int>{784, 30, 10} << int(Cost::CrossEntropy);
    }

    void gradientCheckAllParameters()
    {
        QFETCH(std::vector<int>, sizes);
        QFETCH(int, cost);
        Network net = tinyNetwork(sizes, Activation::Sigmoid, Activation::Sigmoid, Cost(cost));
        const Network original = net;
        long long expected = 0;
        for (std::size_t l = 1; l < sizes.size(); ++l)
            expected += (long long)sizes[l] * sizes[l - 1] + sizes[l];
        long long lastDone = 0, lastTotal = 0;
        const GradientTiming timing = timeGradients(net, someInput(sizes.front()), oneHotY(sizes.back(), 3 % sizes.back()), 11,
                                                    [&](long long done, long long total) {
                                                        lastDone = done;
                                                        lastTotal = total;
                                                        return true;
                                                    });
        QVERIFY(timing.complete);
        QCOMPARE(timing.parameters, expected);
        QCOMPARE(timing.forwardPasses, 2 * expected);
        QCOMPARE(lastTotal, expected);
        QCOMPARE(lastDone, expected);
        QCOMPARE(int(timing.layers.size()), int(sizes.size()) - 1);
        for (const auto& layer : timing.layers) {
            QCOMPARE(layer.checked, sizes[layer.layer] * sizes[layer.layer - 1] + sizes[layer.layer]);
            QVERIFY2(layer.relativeError < 1e-4, qPrintable(QString("layer %1: %2").arg(layer.layer).arg(layer.relativeError)));
        }
        QVERIFY(timing.backpropSeconds > 0.0);
        if (expected > 10000) {
            // The book's point: 47,720 forward passes take far longer than one backprop pass.
            QVERIFY2(timing.ratio() > 100.0, qPrintable(QString("ratio %1").arg(timing.ratio())));
            qInfo("784-30-10 %s: backprop %.1f µs, finite differences %.1f ms (%lld passes), %.0f× slower; "
                  "relative errors %.2g, %.2g",
                  cost == int(Cost::Quadratic) ? "quadratic" : "cross-entropy", timing.backpropSeconds * 1e6,
                  timing.finiteDifferenceSeconds * 1e3, timing.forwardPasses, timing.ratio(),
                  timing.layers[0].relativeError, timing.layers[1].relativeError);
        }
        for (int l = 0; l < net.layerCount(); ++l)
            QCOMPARE(dynamic_cast<const DenseLayer&>(net.layer(l)).weights(),
                     dynamic_cast<const DenseLayer&>(original.layer(l)).weights());
    }

    // Returning false from progress stops the check early, parameters restored.
    void gradientCheckCanBeStopped()
    {
        Network net = tinyNetwork({784, 30, 10}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic);
        const Network original = net;
        int calls = 0;
        const GradientTiming timing = timeGradients(net, someInput(784), oneHotY(10, 2), 3, [&](long long, long long) {
            return ++calls < 3;
        });
        QVERIFY(!timing.complete);
        QCOMPARE(calls, 3);
        QVERIFY(timing.layers.empty());
        QCOMPARE(dynamic_cast<const DenseLayer&>(net.layer(0)).weights(),
                 dynamic_cast<const DenseLayer&>(original.layer(0)).weights());
    }
};

QTEST_APPLESS_MAIN(TestBackpropTrace)
#include "tst_backprop_trace.moc"
