// Chapter 5: the vanishing gradient on the book's networks and real MNIST, the exploding chain of
// single neurons, the fixes, and the "Deep nets" view running the experiment.
#include "ui/bridge/dataset_loader.h"
#include "ui/deep_nets/deep_nets_view.h"
#include "ui/deep_nets/initial_gradient_bars.h"
#include "ui/deep_nets/learning_speed_plot.h"
#include "ui/deep_nets/neuron_chain_plot.h"

#include "core/deep_nets/learning_speed.h"
#include "core/deep_nets/neuron_chain.h"
#include "core/train/presets.h"

#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QtTest>

#include <cmath>

using namespace nnlab;

namespace {

// ‖δ^l‖ of each hidden layer of the preset's network, freshly initialised, over its 1,000 images.
std::vector<double> initialHiddenNorms(const TrainConfig& config)
{
    deep::LearningSpeedRun run(config, mnist().training);
    return run.step();
}

QString joined(const std::vector<double>& values)
{
    QStringList parts;
    for (double v : values)
        parts << QString::number(v, 'f', 4);
    return parts.join(", ");
}

}  // namespace

class TestDeepNets : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { SKIP_WITHOUT_MNIST(); }

    void presetsAreTheBooksSetup_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("hidden");
        QTest::newRow("2") << "ch5-speed-2" << 2;
        QTest::newRow("3") << "ch5-speed-3" << 3;
        QTest::newRow("4") << "ch5-speed-4" << 4;
    }

    void presetsAreTheBooksSetup()
    {
        QFETCH(QString, name);
        QFETCH(int, hidden);
        const Preset* p = findPreset(name.toStdString());
        QVERIFY(p);
        QCOMPARE(p->chapter, 5);
        QCOMPARE(int(p->config.net.sizes.size()), hidden + 2);
        QCOMPARE(p->config.trainingSize, 1000);
        QCOMPARE(p->config.miniBatchSize, 1000);
        QCOMPARE(p->config.epochs, 500);
        QCOMPARE(p->config.hyper.eta, 0.1f);
        QCOMPARE(p->config.hyper.lambda, 5.0f);
        QCOMPARE(p->config.net.cost, Cost::CrossEntropy);
        QCOMPARE(p->config.init, Initialisation::Scaled);
        QCOMPARE(p->config.net.hidden, Activation::Sigmoid);
    }

    // The book: ‖δ¹‖ = 0.003 vs ‖δ⁴‖ = 0.285 for four hidden layers.
    void earlyLayersLearnSlowerAtTheStart()
    {
        for (int layers = 2; layers <= 4; ++layers) {
            const auto norms = initialHiddenNorms(findPreset("ch5-speed-" + std::to_string(layers))->config);
            QCOMPARE(int(norms.size()), layers);
            qInfo("%d hidden layers: ||delta^l|| at the start = %s (first/last %.4f)", layers,
                  qPrintable(joined(norms)), deep::firstToLastRatio(norms));
            for (double v : norms)
                QVERIFY(std::isfinite(v) && v > 0.0);
            if (layers == 4)
                QVERIFY2(norms.front() * 10.0 <= norms.back(), qPrintable(joined(norms)));
        }
    }

    void fullBatchGradientIsTheMeanOverTheImages()
    {
        // Summing two halves' gradients (weighted by their sizes) gives the whole set's.
        const TrainConfig c = findPreset("ch5-speed-2")->config;
        const Dataset data = mnist().training.slice(0, 200);
        std::mt19937_64 rng(c.seed);
        Network net = makeNetwork(c.net, c.init, rng);
        const auto whole = deep::fullBatchBiasGradients(net, data);
        const auto first = deep::fullBatchBiasGradients(net, data.slice(0, 100));
        const auto second = deep::fullBatchBiasGradients(net, data.slice(100, 100));
        QCOMPARE(int(whole.size()), 3);
        for (size_t l = 0; l < whole.size(); ++l)
            QVERIFY(((first[l] + second[l]) / 2 - whole[l]).norm() < 1e-5f * (1 + whole[l].norm()));
    }

    void trainingKeepsGradientsFiniteAndTheGapOpen()
    {
        TrainConfig c = findPreset("ch5-speed-4")->config;
        deep::LearningSpeedRun run(c, mnist().training);
        std::vector<double> norms;
        for (int epoch = 0; epoch < 30; ++epoch)
            norms = run.step();
        QCOMPARE(run.epoch(), 30);
        for (double v : norms)
            QVERIFY(std::isfinite(v) && v > 0.0);
        qInfo("after 30 epochs: ||delta^l|| = %s", qPrintable(joined(norms)));
        QVERIFY(norms.front() < norms.back());
    }

    void chainExplodesByTwentyFivePerLayer()
    {
        const auto chain = deep::balancedChain(5, 100.0, 1.0);
        QCOMPARE(chain.biases[0], -100.0);   // b_1 = −100·x
        QCOMPARE(chain.biases[1], -50.0);    // b_j = −100·σ(0)
        const auto g = deep::chainGradients(chain, 1.0, 0.0);
        for (int j = 0; j < 5; ++j)
            QVERIFY(std::abs(g.z[j]) < 1e-12);
        for (int j = 0; j < 4; ++j) {
            const double growth = g.biasGradients[j] / g.biasGradients[j + 1];
            QVERIFY2(std::abs(growth - 25.0) < 1e-9, qPrintable(QString::number(growth)));
        }
        qInfo("exploding chain: dC/db_1 = %g, dC/db_5 = %g", g.biasGradients[0], g.biasGradients[4]);
        // A vanishing one for contrast: w = 1 shrinks by σ'(0) = 1/4 a layer; ReLU passes it on.
        const auto small = deep::chainGradients(deep::balancedChain(5, 1.0, 1.0), 1.0, 0.0);
        QVERIFY(std::abs(small.biasGradients[0] / small.biasGradients[1] - 0.25) < 1e-9);
        const auto relu = deep::chainGradients(deep::balancedChain(5, 1.0, 1.0, Activation::ReLU), 1.0, 0.0);
        QVERIFY(std::abs(relu.biasGradients[0] / relu.biasGradients[4] - 1.0) < 1e-12);
    }

    void reluClosesTheGap()
    {
        TrainConfig c = findPreset("ch5-speed-4")->config;
        const double sigmoidRatio = deep::firstToLastRatio(initialHiddenNorms(c));
        c.net.hidden = Activation::ReLU;
        const auto relu = initialHiddenNorms(c);
        const double reluRatio = deep::firstToLastRatio(relu);
        qInfo("ReLU: ||delta^l|| at the start = %s (first/last %.4f vs sigmoid %.4f)", qPrintable(joined(relu)),
              reluRatio, sigmoidRatio);
        QVERIFY(reluRatio > 10.0 * sigmoidRatio);
    }

    void viewRunsTheExperiment()
    {
        DatasetLoader loader;
        DeepNetsView view(&loader);
        view.resize(1200, 700);
        view.setHiddenLayers(4);
        view.setEpochs(20);
        QSignalSpy finished(&view, &DeepNetsView::runFinished);
        view.show();
        view.run();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, int(60000 * kSanitizerSlack));
        QCOMPARE(view.epochsShown(), 20);
        QVERIFY(!view.isRunning());
        const QList<QPointF> points = view.speedPlot()->allPoints();
        QCOMPARE(points.size(), 4 * 20);   // one curve per hidden layer
        for (const QPointF& p : points)
            QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()) && p.y() > 0);
        QVERIFY(view.initialRatio() < 0.1);
        const auto bars = view.initialBars()->values();
        QCOMPARE(int(bars.size()), 4);
        for (const auto& layer : bars)
            QCOMPARE(int(layer.size()), InitialGradientBars::neuronsShown);
        QVERIFY(std::abs(view.chainPlot()->growthPerLayer(0) - 25.0) < 1e-6);

        // The fix, one choice away: ReLU re-runs the experiment, and the gap closes.
        const double sigmoidRatio = view.initialRatio();
        view.setHiddenActivation(Activation::ReLU);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, int(60000 * kSanitizerSlack));
        QCOMPARE(view.runId(), 2);
        QVERIFY(view.initialRatio() > 10.0 * sigmoidRatio);
    }

    void stopEndsARun()
    {
        DatasetLoader loader;
        DeepNetsView view(&loader);
        view.setEpochs(5000);
        QSignalSpy finished(&view, &DeepNetsView::runFinished);
        view.run();
        QTRY_VERIFY_WITH_TIMEOUT(view.epochsShown() > 0, int(60000 * kSanitizerSlack));
        view.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, int(10000 * kSanitizerSlack));
        QVERIFY(view.epochsShown() < 5000);
    }
};

QTEST_MAIN(TestDeepNets)
#include "tst_deepnets.moc"
