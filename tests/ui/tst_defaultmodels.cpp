// tst_defaultmodels.cpp — the models shipped in resources/models, on the real MNIST test set:
// their accuracy (through the core and through `nnlab-cli evaluate`), the faithfulness of the
// Draw view's canvas pipeline (test digits drawn ×10 on the canvas are read about as well as the
// original 28×28 images) and the time one live update takes.
#include "ui/draw/draw_images.h"
#include "ui/draw/drawing_canvas.h"

#include "core/data/dataset.h"
#include "core/draw/digit_classifier.h"
#include "core/draw/mnist_preprocess.h"
#include "core/io/model_file.h"
#include "core/train/evaluation.h"

#include "tests/support/child_process.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace {

QString defaultModelFile()
{
    return QFINDTESTDATA("../resources/models/fc-784-100-10.json");
}

}  // namespace

class TestDefaultModels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultModelReachesNinetyEightPercent();
    void cliEvaluatesTheShippedFile();
    void shippedConvnetReachesNinetyNinePercent();
    void canvasPipelineIsFaithful();
    void mnistDigitsAreCentredLikeOurs();
    void liveUpdateIsFast();

private:
    std::shared_ptr<const nnlab::DataSplit> m_data;
    std::unique_ptr<nnlab::Network> m_net;
};

void TestDefaultModels::initTestCase()
{
    QVERIFY2(!defaultModelFile().isEmpty(), "resources/models/fc-784-100-10.json is missing");
    m_net = std::make_unique<nnlab::Network>(nnlab::loadModel(defaultModelFile().toStdString()));
    SKIP_WITHOUT_MNIST();
    m_data = sharedMnist();
}

void TestDefaultModels::defaultModelReachesNinetyEightPercent()
{
    QCOMPARE(m_net->sizes(), (std::vector<int>{784, 100, 10}));
    QVERIFY(m_net->isFullyConnected());
    const nnlab::Evaluation e = nnlab::evaluate(*m_net, m_data->test);
    qInfo("default model fc-784-100-10: %d of %d test digits right = %.2f%%", e.correct, e.total,
          100.0 * e.accuracy);
    QCOMPARE(e.total, 10000);
    QVERIFY(e.accuracy >= 0.98);
}

// Chapter 6's convnet shipped in resources/models: ≥ 99% on the test set through the engine, and
// the same figure through `nnlab-cli evaluate` (its layer-stack format loads there too).
void TestDefaultModels::shippedConvnetReachesNinetyNinePercent()
{
    const QString file = QFINDTESTDATA("../resources/models/convnet-relu.json");
    QVERIFY2(!file.isEmpty(), "resources/models/convnet-relu.json is missing");
    const nnlab::Network convnet = nnlab::loadModel(file.toStdString());
    QVERIFY(!convnet.isFullyConnected());
    const nnlab::Evaluation e = nnlab::evaluate(convnet, m_data->test);
    qInfo("shipped convnet: %d of %d test digits right = %.2f%%", e.correct, e.total, 100.0 * e.accuracy);
    QVERIFY(e.accuracy >= 0.99);
    const QString cli = qEnvironmentVariable("NNLAB_CLI");
    if (cli.isEmpty())
        return;   // run outside ctest: the engine's figure is the test
    ChildProcess process(cli, {"evaluate", "--model", file, "--json"});
    QVERIFY(process.waitForFinished(int(120000 * kSanitizerSlack)));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(process.out().contains(QString("\"correct\":%1").arg(e.correct).toUtf8()),
             "nnlab-cli evaluate agrees with the engine");
}

void TestDefaultModels::cliEvaluatesTheShippedFile()
{
    const QString cli = qEnvironmentVariable("NNLAB_CLI");
    if (cli.isEmpty())
        QSKIP("NNLAB_CLI is not set (run through ctest)");
    ChildProcess process(cli, {"evaluate", "--model", defaultModelFile(), "--json"});
    QVERIFY(process.waitForFinished(int(120000 * kSanitizerSlack)));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.out().trimmed();
    const QJsonObject json = QJsonDocument::fromJson(out.split('\n').last()).object();
    QVERIFY2(!json.isEmpty(), out.constData());
    qInfo("nnlab-cli evaluate: %s", out.constData());
    QVERIFY(json.value("test_accuracy").toDouble() >= 0.98);
}

void TestDefaultModels::canvasPipelineIsFaithful()
{
    // Every test digit drawn on the canvas as the "Test digit" button draws it (×10, dark on
    // white), then read back through the canvas's image, exactly as a drawing is.
    const nnlab::Dataset& test = m_data->test;
    DrawingCanvas canvas;
    Eigen::MatrixXf inputs = Eigen::MatrixXf::Zero(784, test.size());
    int empty = 0;
    for (int i = 0; i < test.size(); ++i) {
        canvas.setPicture(digitAsDrawing(test, i, DrawingCanvas::canvasSize));
        const auto input = preprocessCanvas(canvas.image());
        if (!input) {
            ++empty;
            continue;
        }
        inputs.col(i) = Eigen::Map<const Eigen::VectorXf>(input->pixels.data(), 784);
    }
    nnlab::Dataset redrawn = test;
    redrawn.images = inputs;
    const nnlab::Evaluation original = nnlab::evaluate(*m_net, test);
    const nnlab::Evaluation viaCanvas = nnlab::evaluate(*m_net, redrawn);
    qInfo("faithfulness, all %d test digits: original 28x28 %.2f%%, via the canvas (x10, "
          "preprocessed again) %.2f%%, difference %.2f points",
          test.size(), 100.0 * original.accuracy, 100.0 * viaCanvas.accuracy,
          100.0 * (original.accuracy - viaCanvas.accuracy));
    QCOMPARE(empty, 0);
    QVERIFY(std::abs(original.accuracy - viaCanvas.accuracy) <= 0.015);
}

void TestDefaultModels::mnistDigitsAreCentredLikeOurs()
{
    // MNIST put each digit's centre of mass at the middle of the field; our preprocessing puts
    // it at (14, 14) in pixel-index coordinates. Measure where MNIST's really are.
    double sumX = 0, sumY = 0;
    const nnlab::Dataset& test = m_data->test;
    for (int i = 0; i < test.size(); ++i) {
        nnlab::InkImage digit(28, 28);
        std::copy_n(test.images.col(i).data(), 784, digit.pixels.begin());
        const auto com = nnlab::centreOfMass(digit);
        sumX += com->x;
        sumY += com->y;
    }
    const double meanX = sumX / test.size(), meanY = sumY / test.size();
    qInfo("MNIST test digits' mean centre of mass: (%.2f, %.2f) in pixel-index coordinates", meanX, meanY);
    QVERIFY(std::abs(meanX - 14.0) < 0.5);
    QVERIFY(std::abs(meanY - 14.0) < 0.5);
}

void TestDefaultModels::liveUpdateIsFast()
{
    // One live update: the 280×280 canvas → ink → MNIST preprocessing → the network's ten
    // outputs. Timed over many canvases (test digits drawn ×10).
    DrawingCanvas canvas;
    std::vector<double> ms;
    int checksum = 0;
    for (int round = 0; round < 3; ++round)
        for (int i = 0; i < 200; ++i) {
            canvas.setPicture(digitAsDrawing(m_data->test, i, DrawingCanvas::canvasSize));
            QElapsedTimer timer;
            timer.start();
            const auto input = preprocessCanvas(canvas.image());
            const nnlab::Classification c = nnlab::classify(*m_net, input->pixels);
            ms.push_back(timer.nsecsElapsed() / 1e6);
            checksum += c.predicted;
        }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const double p95 = ms[ms.size() * 95 / 100];
    qInfo("live update (preprocess + inference), %zu updates: median %.3f ms, p95 %.3f ms, max %.3f ms",
          ms.size(), median, p95, ms.back());
    QVERIFY(checksum > 0);
    QVERIFY(median < 5.0 * kSanitizerSlack);
    QVERIFY(p95 < 10.0 * kSanitizerSlack);
}

QTEST_MAIN(TestDefaultModels)
#include "tst_defaultmodels.moc"
