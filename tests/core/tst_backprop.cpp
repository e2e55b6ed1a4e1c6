// Backpropagation against independent references: centred finite differences for many
// shapes, activations and costs; each cost's δ^L against the derivative of its value; and a
// forward pass computed by hand.
#include "core/nn/dense_layer.h"
#include "core/nn/gradient_check.h"
#include "core/nn/network.h"
#include "core/nn/small_batch_products.h"
#include "core/train/sgd.h"
#include "tests/support/enum_names_check.h"

#include <QtTest>

using namespace nnlab;

Q_DECLARE_METATYPE(std::vector<int>)

class TestBackprop : public QObject {
    Q_OBJECT

private slots:
    void gradientCheck_data()
    {
        QTest::addColumn<std::vector<int>>("sizes");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("cost");
        QTest::addColumn<int>("init");
        using A = Activation;
        using C = Cost;
        const int large = int(Initialisation::Large), scaled = int(Initialisation::Scaled);
        QTest::newRow("1 layer, sigmoid, quadratic") << std::vector<int>{12, 4} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::Quadratic) << large;
        QTest::newRow("784-30-10 sigmoid quadratic (ch1)") << std::vector<int>{784, 30, 10} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::Quadratic) << large;
        QTest::newRow("784-30-10 cross-entropy (ch3)") << std::vector<int>{784, 30, 10} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::CrossEntropy) << scaled;
        QTest::newRow("4 hidden layers, cross-entropy (ch5)") << std::vector<int>{784, 30, 30, 30, 30, 10} << int(A::Sigmoid) << int(A::Sigmoid) << int(C::CrossEntropy) << scaled;
        QTest::newRow("tanh, quadratic") << std::vector<int>{20, 15, 10} << int(A::Tanh) << int(A::Sigmoid) << int(C::Quadratic) << scaled;
        QTest::newRow("tanh, cross-entropy, 3 hidden") << std::vector<int>{20, 8, 8, 8, 10} << int(A::Tanh) << int(A::Sigmoid) << int(C::CrossEntropy) << large;
        QTest::newRow("relu, softmax, log-likelihood") << std::vector<int>{30, 20, 20, 10} << int(A::ReLU) << int(A::Softmax) << int(C::LogLikelihood) << scaled;
        QTest::newRow("2 × 300 relu: few examples, many neurons") << std::vector<int>{100, 300, 300, 10} << int(A::ReLU) << int(A::Softmax) << int(C::LogLikelihood) << scaled;
        QTest::newRow("sigmoid, softmax, log-likelihood") << std::vector<int>{784, 30, 10} << int(A::Sigmoid) << int(A::Softmax) << int(C::LogLikelihood) << scaled;
    }

    void gradientCheck()
    {
        QFETCH(std::vector<int>, sizes);
        QFETCH(int, hidden);
        QFETCH(int, output);
        QFETCH(int, cost);
        QFETCH(int, init);
        NetworkSpec spec{sizes, Activation(hidden), Activation(output), Cost(cost), 0.0f};
        std::mt19937_64 rng(7);
        Network net = makeNetwork(spec, Initialisation(init), rng);
        const int m = 5;
        Eigen::MatrixXf x = (Eigen::MatrixXf::Random(sizes.front(), m).array() + 1.0f) / 2.0f;
        std::vector<int> labels;
        for (int j = 0; j < m; ++j)
            labels.push_back(j % sizes.back());
        Eigen::MatrixXf y;
        oneHot(labels, sizes.back(), y);

        const GradientCheck check = checkGradients(net, x, y, 150, rng);
        QCOMPARE(int(check.layers.size()), int(sizes.size()) - 1);
        for (const auto& layer : check.layers) {
            QVERIFY(layer.checked > 0);
            QVERIFY2(layer.relativeError < 1e-4,
                     qPrintable(QString("layer %1: relative error %2").arg(layer.layer).arg(layer.relativeError)));
        }
    }

    // The products a wide layer uses for a few examples (m ≤ 8, ≥ 256 neurons) against Eigen's,
    // for every m they take and row counts that don't fill their 32-row blocks.
    // Whole, and in the two halves two cores take (rows of z and of wᵀδ, columns of ∂C/∂w, with
    // its Σ nablaW²), for every m the kernels cover and two beyond (Eigen's products then), on
    // sizes that leave a few rows after the last block of 16 or 32.
    void smallBatchProductsMatchTheGeneralProduct()
    {
        for (const auto& [rows, depth] : {std::pair{256, 33}, {1000, 640}, {300, 7}, {1025, 100}, {517, 431}}) {
            const Eigen::MatrixXf w = Eigen::MatrixXf::Random(rows, depth);
            QVERIFY(!preferSmallBatchProducts(w, 0) && !preferSmallBatchProducts(w, 11));
            for (int m = 1; m <= 12; ++m) {
                QCOMPARE(preferSmallBatchProducts(w, m), m <= 10);
                const Eigen::MatrixXf a = Eigen::MatrixXf::Random(depth, m), delta = Eigen::MatrixXf::Random(rows, m);
                const Eigen::MatrixXf zRef = w * a, dRef = w.transpose() * delta, nRef = delta * a.transpose();
                const QString where = QString("%1×%2, m = %3").arg(rows).arg(depth).arg(m);
                Eigen::MatrixXf z, dAPrev, nablaW;
                weightedInput(w, a, z);
                backpropagatedError(w, delta, dAPrev);
                weightGradient(delta, a, nablaW);
                QVERIFY2(z.isApprox(zRef, 1e-5f), qPrintable(where));
                QVERIFY2(dAPrev.isApprox(dRef, 1e-5f), qPrintable(where));
                QVERIFY2(nablaW.isApprox(nRef, 1e-5f), qPrintable(where));

                Eigen::MatrixXf zHalves(rows, m), dHalves(depth, m), nHalves(rows, depth);
                double squaredNorm = 0.0;
                for (int core = 0; core < 2; ++core) {
                    const Eigen::Index rowsFrom = core * (rows / 2), rowsCount = core ? rows - rows / 2 : rows / 2;
                    const Eigen::Index colsFrom = core * (depth / 2), colsCount = core ? depth - depth / 2 : depth / 2;
                    weightedInput(w, a, zHalves, rowsFrom, rowsCount);
                    backpropagatedError(w, delta, dHalves, colsFrom, colsCount);
                    squaredNorm += weightGradient(delta, a, nHalves, colsFrom, colsCount);
                }
                QVERIFY2(zHalves.isApprox(zRef, 1e-5f), qPrintable(where + ", halves"));
                QVERIFY2(dHalves.isApprox(dRef, 1e-5f), qPrintable(where + ", halves"));
                QVERIFY2(nHalves.isApprox(nRef, 1e-5f), qPrintable(where + ", halves"));
                QVERIFY2(std::abs(squaredNorm - double(nRef.squaredNorm())) < 1e-4 * nRef.squaredNorm(), qPrintable(where));
            }
        }
        QVERIFY(!preferSmallBatchProducts(Eigen::MatrixXf::Zero(100, 50), 5));   // narrow: Eigen's
    }

    // δ^L from each cost against the derivative of the cost's value with respect to z^L,
    // computed by centred differences in double precision.
    void costDerivatives_data()
    {
        QTest::addColumn<int>("cost");
        QTest::addColumn<int>("output");
        QTest::newRow("quadratic, sigmoid") << int(Cost::Quadratic) << int(Activation::Sigmoid);
        QTest::newRow("cross-entropy, sigmoid") << int(Cost::CrossEntropy) << int(Activation::Sigmoid);
        QTest::newRow("log-likelihood, softmax") << int(Cost::LogLikelihood) << int(Activation::Softmax);
    }

    void costDerivatives()
    {
        QFETCH(int, cost);
        QFETCH(int, output);
        const Cost c = Cost(cost);
        const Activation f = Activation(output);
        Eigen::MatrixXf z(4, 3);
        z << 0.5f, -1.0f, 2.0f, -0.3f, 0.8f, 1.5f, 1.2f, -2.2f, 0.1f, 0.0f, 0.7f, -0.9f;
        Eigen::MatrixXf y = Eigen::MatrixXf::Zero(4, 3);
        y(1, 0) = y(3, 1) = y(0, 2) = 1.0f;
        Eigen::MatrixXf a, delta;
        activate(f, z, a);
        outputDelta(c, f, z, a, y, delta);

        const Eigen::MatrixXd zd = z.cast<double>(), yd = y.cast<double>();
        auto costAt = [&](const Eigen::MatrixXd& zz) {
            Eigen::MatrixXd aa;
            activate(f, zz, aa);
            return costValue(c, aa, yd);
        };
        const double h = 1e-6;
        for (Eigen::Index i = 0; i < z.size(); ++i) {
            Eigen::MatrixXd plus = zd, minus = zd;
            plus.data()[i] += h;
            minus.data()[i] -= h;
            const double numeric = (costAt(plus) - costAt(minus)) / (2 * h);
            QVERIFY2(std::abs(numeric - delta.data()[i]) < 1e-5,
                     qPrintable(QString("entry %1: δ %2, numeric %3").arg(i).arg(delta.data()[i]).arg(numeric)));
        }
    }

    void costValues()
    {
        // One example, a = (0.8, 0.2), y = (1, 0).
        Eigen::MatrixXf a(2, 1), y(2, 1);
        a << 0.8f, 0.2f;
        y << 1.0f, 0.0f;
        QVERIFY(qAbs(costValue(Cost::Quadratic, a, y) - 0.5 * (0.04 + 0.04)) < 1e-7);
        QVERIFY(qAbs(costValue(Cost::CrossEntropy, a, y) - (-std::log(0.8) - std::log(0.8))) < 1e-6);
        QVERIFY(qAbs(costValue(Cost::LogLikelihood, a, y) - (-std::log(0.8))) < 1e-6);
        // network2.py's nan_to_num: a saturated wrong output costs a large finite number.
        a << 0.0f, 1.0f;
        QVERIFY(std::isfinite(costValue(Cost::CrossEntropy, a, y)));
    }

    // Each enum's names are written once, in a table (core/util/enum_names.h), which both
    // directions read: every enumerator keeps its name and parses back from it.
    void enumNamesRoundTrip()
    {
        checkEnumNames<Cost>(costName, parseCost,
                             {{Cost::Quadratic, "quadratic"},
                              {Cost::CrossEntropy, "cross-entropy"},
                              {Cost::LogLikelihood, "log-likelihood"}});
        checkEnumNames<Activation>(activationName, parseActivation,
                                   {{Activation::Sigmoid, "sigmoid"},
                                    {Activation::Tanh, "tanh"},
                                    {Activation::ReLU, "relu"},
                                    {Activation::Softmax, "softmax"}});
        checkEnumNames<Initialisation>(initialisationName, parseInitialisation,
                                       {{Initialisation::Large, "large"},
                                        {Initialisation::Scaled, "scaled"},
                                        {Initialisation::Network3, "network3"}});
    }

    void incompatibleCostAndOutputIsRejected()
    {
        NetworkSpec spec{{4, 3, 2}, Activation::Sigmoid, Activation::Softmax, Cost::Quadratic, 0.0f};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(spec));
        spec = {{4, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::LogLikelihood, 0.0f};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(spec));
    }

    // A 2-2-1 sigmoid network computed by hand.
    void forwardPassByHand()
    {
        std::vector<std::unique_ptr<Layer>> layers;
        auto hidden = std::make_unique<DenseLayer>(2, 2, Activation::Sigmoid);
        hidden->weights() << 1.0f, -1.0f, 0.5f, 2.0f;
        hidden->biases() << 0.0f, -1.0f;
        auto out = std::make_unique<DenseLayer>(2, 1, Activation::Sigmoid);
        out->weights() << 2.0f, -3.0f;
        out->biases() << 0.5f;
        layers.push_back(std::move(hidden));
        layers.push_back(std::move(out));
        const Network net(std::move(layers), Cost::Quadratic);

        Eigen::VectorXf x(2);
        x << 1.0f, 0.5f;
        auto sigma = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
        const double a1 = sigma(1.0 * 1 - 1.0 * 0.5 + 0), a2 = sigma(0.5 * 1 + 2.0 * 0.5 - 1);
        const double expected = sigma(2 * a1 - 3 * a2 + 0.5);
        QVERIFY(qAbs(net.feedforward(x)[0] - expected) < 1e-6);
    }

    // eq. 93/94 by hand: w → (1 − ηλ/n) w − (η/m) Σ ∂C_x/∂w, biases without decay.
    void sgdStepFollowsTheBook()
    {
        Eigen::ArrayXf w(2), nablaW(2), b(1), nablaB(1);
        w << 1.0f, -2.0f;
        nablaW << 0.4f, 0.2f;
        b << 0.5f;
        nablaB << 1.0f;
        std::vector<Parameter> params{{w.data(), nablaW.data(), 2, true}, {b.data(), nablaB.data(), 1, false}};
        SgdOptimizer sgd;
        sgd.step(params, /*m=*/2, /*n=*/100, {0.5f, 10.0f, 0.0f, 0.0f});
        QVERIFY(qAbs(w[0] - ((1 - 0.5 * 10 / 100.0) * 1.0 - 0.5 / 2 * 0.4)) < 1e-6);
        QVERIFY(qAbs(w[1] - ((1 - 0.5 * 10 / 100.0) * -2.0 - 0.5 / 2 * 0.2)) < 1e-6);
        QVERIFY(qAbs(b[0] - (0.5 - 0.5 / 2 * 1.0)) < 1e-6);

        // Momentum (eqs. 107, 108): v ← μv − η∇C; w ← w + v. Two steps with the same gradient.
        Eigen::ArrayXf u(1), g(1);
        u << 0.0f;
        g << 1.0f;
        std::vector<Parameter> one{{u.data(), g.data(), 1, false}};
        SgdOptimizer withMomentum;
        withMomentum.step(one, 1, 1, {0.1f, 0.0f, 0.0f, 0.9f});
        withMomentum.step(one, 1, 1, {0.1f, 0.0f, 0.0f, 0.9f});
        QVERIFY(qAbs(u[0] - (-0.1 + (0.9 * -0.1 - 0.1))) < 1e-6);

        // L1 (eq. 97): w → w − (ηλ/n) sgn(w) − (η/m)∇.
        Eigen::ArrayXf v(2), zero = Eigen::ArrayXf::Zero(2);
        v << 0.5f, -0.5f;
        std::vector<Parameter> l1{{v.data(), zero.data(), 2, true}};
        SgdOptimizer sparse;
        sparse.step(l1, 1, 10, {1.0f, 0.0f, 1.0f, 0.0f});
        QVERIFY(qAbs(v[0] - 0.4f) < 1e-6 && qAbs(v[1] + 0.4f) < 1e-6);
    }
};

QTEST_APPLESS_MAIN(TestBackprop)
#include "tst_backprop.moc"
