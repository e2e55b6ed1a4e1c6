// Inspecting a trained network: chapter 1's baselines, the confusion matrix, and adversarial
// examples by the fast gradient sign method.
#include "core/inspect/adversarial.h"
#include "core/inspect/baselines.h"
#include "core/inspect/confusion.h"
#include "core/inspect/mistakes.h"
#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "tests/support/mnist.h"

#include <QtTest>

using namespace nnlab;

class TestInspect : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        m_data = sharedMnist();
        const QString model = QFINDTESTDATA("../resources/models/fc-784-100-10.json");
        QVERIFY2(!model.isEmpty(), "the shipped model resources/models/fc-784-100-10.json is missing");
        m_net = std::make_unique<Network>(loadModel(model.toStdString()));
    }

    void baselines()
    {
        const double darkness = accuracy(fitAverageDarkness(m_data->training), m_data->test);
        const double random = randomGuessAccuracy(m_data->test, 1);
        qInfo("average darkness: %.2f%% (the book: 22.25%%); random guessing: %.2f%%", 100 * darkness, 100 * random);
        QVERIFY(darkness > 0.20 && darkness < 0.245);
        QVERIFY(random > 0.09 && random < 0.11);
    }

    void confusionMatrixAddsUp()
    {
        const std::vector<int> predicted = predictClasses(*m_net, m_data->test);
        const ConfusionMatrix m = confusionMatrix(predicted, m_data->test);
        QCOMPARE(m.total(), 10000);
        QCOMPARE(m.correct(), evaluate(*m_net, m_data->test).correct);
        for (int label = 0; label < 10; ++label) {
            int row = 0;
            for (int c : m.counts[label])
                row += c;
            QCOMPARE(row, int(std::count(m_data->test.labels.begin(), m_data->test.labels.end(), label)));
        }
        // A cell's examples are exactly those with that label and prediction.
        const std::vector<int> cell = examplesIn(predicted, m_data->test, 4, 9);
        QCOMPARE(int(cell.size()), m.counts[4][9]);
        for (int j : cell)
            QVERIFY(m_data->test.labels[j] == 4 && predicted[j] == 9);
    }

    // The gallery's mistakes: exactly the examples evaluate() gets wrong, each with its two
    // largest outputs, largest first.
    void mistakesHaveTheirTopTwoClasses()
    {
        const Eigen::MatrixXf outputs = outputActivations(*m_net, m_data->test);
        const std::vector<Mistake> mistakes = findMistakes(outputs, m_data->test.labels, false);
        QCOMPARE(int(mistakes.size()), 10000 - evaluate(*m_net, m_data->test).correct);
        for (const Mistake& m : mistakes) {
            QVERIFY(m.label == m_data->test.labels[m.index] && m.predicted != m.label && m.runnerUp != m.predicted);
            QVERIFY(m.predictedProbability >= m.runnerUpProbability && m.predictedProbability <= 1.0f);
            Eigen::VectorXf a = outputs.col(m.index);
            std::sort(a.data(), a.data() + a.size(), std::greater<float>());
            QVERIFY(std::abs(m.predictedProbability - a[0] / outputs.col(m.index).sum()) < 1e-6f);
            QVERIFY(std::abs(m.runnerUpProbability - a[1] / outputs.col(m.index).sum()) < 1e-6f);
        }
        // A softmax layer's outputs are probabilities already; a hand-made case, label 0.
        Eigen::MatrixXf p(3, 2);
        p << 0.2f, 0.7f,
             0.5f, 0.1f,
             0.3f, 0.2f;
        const std::vector<Mistake> two = findMistakes(p, {0, 0}, true);
        QCOMPARE(int(two.size()), 1);
        QCOMPARE(two[0].index, 0);
        QCOMPARE(two[0].predicted, 1);
        QCOMPARE(two[0].predictedProbability, 0.5f);
        QCOMPARE(two[0].runnerUp, 2);
        QCOMPARE(two[0].runnerUpProbability, 0.3f);
    }

    void inputGradientMatchesFiniteDifferences()
    {
        Network net = *m_net;
        const Eigen::VectorXf x = m_data->test.images.col(0);
        Eigen::MatrixXf y;
        oneHot({m_data->test.labels[0]}, 10, y);
        const Eigen::MatrixXf g = net.inputGradient(x, y);
        auto cost = [&](const Eigen::VectorXf& image) {
            Eigen::MatrixXd out;
            net.inferDouble(image.cast<double>(), out);
            return costValue(net.cost(), out, y.cast<double>());
        };
        for (int pixel : {100, 350, 406, 500, 630}) {
            Eigen::VectorXf plus = x, minus = x;
            plus[pixel] += 1e-3f;
            minus[pixel] -= 1e-3f;
            const double numeric = (cost(plus) - cost(minus)) / (double(plus[pixel]) - double(minus[pixel]));
            QVERIFY2(std::abs(numeric - g(pixel, 0)) < 1e-3 * (1 + std::abs(numeric)),
                     qPrintable(QString("pixel %1: %2 vs %3").arg(pixel).arg(g(pixel, 0)).arg(numeric)));
        }
    }

    void fastGradientSignFlipsTheAnswer()
    {
        const int index = 0;   // a 7 the network reads right
        const Eigen::VectorXf x = m_data->test.images.col(index);
        const int label = m_data->test.labels[index];
        const AdversarialExample none = nnlab::fastGradientSign(*m_net, x, label, 0.0f);
        QVERIFY(none.image == x);
        QVERIFY(none.outputs == none.originalOutputs);
        const AdversarialExample small = nnlab::fastGradientSign(*m_net, x, label, 0.05f);
        const AdversarialExample large = nnlab::fastGradientSign(*m_net, x, label, 0.2f);
        QVERIFY(small.outputs[label] < none.outputs[label]);
        QVERIFY(large.outputs[label] < small.outputs[label]);
        QVERIFY((large.image - x).cwiseAbs().maxCoeff() <= 0.2f + 1e-6f);
        QVERIFY(large.image.minCoeff() >= 0.0f && large.image.maxCoeff() <= 1.0f);
        Eigen::Index predicted = 0;
        large.outputs.maxCoeff(&predicted);
        qInfo("FGSM on test digit %d (a %d): p(%d) %.3f → %.3f at ε = 0.05 → %.3f at ε = 0.2, read as %d", index,
              label, label, none.outputs[label], small.outputs[label], large.outputs[label], int(predicted));
    }

private:
    std::shared_ptr<const DataSplit> m_data;
    std::unique_ptr<Network> m_net;
};

QTEST_APPLESS_MAIN(TestInspect)
#include "tst_inspect.moc"
