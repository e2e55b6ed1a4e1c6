// tst_slowdown.cpp — chapter 3's learning-slowdown demo and softmax: the single-neuron runs
// (core/slowdown/single_neuron.h) against the book's claims and against finite differences, and the
// Slowdown view driven through its buttons and sliders.
#include "core/slowdown/single_neuron.h"
#include "ui/shell/main_window.h"
#include "ui/slowdown/single_neuron_panel.h"
#include "ui/slowdown/slowdown_view.h"
#include "ui/slowdown/softmax_panel.h"

#include <qcustomplot.h>

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QtTest>

#include <cmath>
#include <numeric>

using namespace nnlab;

namespace {

// Epochs to a < 0.2, with room enough for the slowest run to get there.
int epochsToLeave(SingleNeuronSetup setup)
{
    setup.epochs = 20000;
    return epochsToOutputBelow(trainSingleNeuron(setup), 0.2);
}

}  // namespace

class TestSlowdown : public QObject {
    Q_OBJECT

private slots:
    void bookRunsStartWhereTheBookSays();
    void saturatedStartSlowsTheQuadraticCostOnly();
    void crossEntropyLeavesTheSaturatedStartFaster();
    void bothCostsLearnFromTheUnsaturatedStart();
    void gradientsMatchFiniteDifferences_data();
    void gradientsMatchFiniteDifferences();
    void softmaxSumsToOneAndFollowsZ();
    void runButtonDrawsTheCurves();
    void resetClearsTheRuns();
    void softmaxSlidersMoveTheBars();
    void mainWindowHasTheView();
};

void TestSlowdown::bookRunsStartWhereTheBookSays()
{
    // The book: from (0.6, 0.9) the output starts at 0.82; from (2, 2) at 0.98.
    const auto easy = trainSingleNeuron(bookSingleNeuronRun(Cost::Quadratic, false));
    const auto stuck = trainSingleNeuron(bookSingleNeuronRun(Cost::Quadratic, true));
    QCOMPARE(easy.size(), size_t(301));
    QVERIFY(std::abs(easy.front().a - 0.82) < 0.005);
    QVERIFY(std::abs(stuck.front().a - 0.98) < 0.005);
    QCOMPARE(bookSingleNeuronRun(Cost::CrossEntropy, true).eta, 0.005);
    QCOMPARE(bookSingleNeuronRun(Cost::Quadratic, true).eta, 0.15);
    // Each step goes downhill.
    for (size_t e = 1; e < stuck.size(); ++e)
        QVERIFY(stuck[e].cost < stuck[e - 1].cost);
}

void TestSlowdown::saturatedStartSlowsTheQuadraticCostOnly()
{
    // The book's figure: from (2, 2) the quadratic cost hardly moves for its first 100 or so epochs.
    const auto quadratic = trainSingleNeuron(bookSingleNeuronRun(Cost::Quadratic, true));
    QVERIFY(quadratic[100].a > 0.95);
    // The slowdown relative to the easy start: the quadratic cost needs over twice the epochs from
    // the saturated start, cross-entropy (whatever its η) under 1.5 times.
    for (double eta : {0.005, 0.15}) {
        SingleNeuronSetup ce = bookSingleNeuronRun(Cost::CrossEntropy, false);
        ce.eta = eta;
        SingleNeuronSetup ceStuck = bookSingleNeuronRun(Cost::CrossEntropy, true);
        ceStuck.eta = eta;
        SingleNeuronSetup q = bookSingleNeuronRun(Cost::Quadratic, false);
        q.eta = eta;
        SingleNeuronSetup qStuck = bookSingleNeuronRun(Cost::Quadratic, true);
        qStuck.eta = eta;
        const double quadraticRatio = double(epochsToLeave(qStuck)) / epochsToLeave(q);
        const double crossEntropyRatio = double(epochsToLeave(ceStuck)) / epochsToLeave(ce);
        QVERIFY2(quadraticRatio > 2.0, qPrintable(QString::number(quadraticRatio)));
        QVERIFY2(crossEntropyRatio < 1.5, qPrintable(QString::number(crossEntropyRatio)));
    }
}

void TestSlowdown::crossEntropyLeavesTheSaturatedStartFaster()
{
    // At the same η, cross-entropy leaves (2, 2) in well under half the quadratic cost's epochs.
    const SingleNeuronSetup quadratic = bookSingleNeuronRun(Cost::Quadratic, true);
    SingleNeuronSetup crossEntropy = bookSingleNeuronRun(Cost::CrossEntropy, true);
    crossEntropy.eta = quadratic.eta;
    const int q = epochsToOutputBelow(trainSingleNeuron(quadratic), 0.2);
    const int ce = epochsToOutputBelow(trainSingleNeuron(crossEntropy), 0.2);
    qInfo("from (2, 2), eta = 0.15: quadratic a < 0.2 after %d epochs, cross-entropy after %d", q, ce);
    QVERIFY(ce > 0);
    QVERIFY(q == -1 || ce < q / 2);   // within 300 epochs the quadratic run may not get there at all
    QVERIFY(epochsToLeave(quadratic) > 2 * ce);
    // With the book's η = 0.005, cross-entropy's first step already moves the output further than the
    // quadratic cost's first step at 30× the learning rate.
    const auto qRun = trainSingleNeuron(quadratic);
    const auto ceRun = trainSingleNeuron(bookSingleNeuronRun(Cost::CrossEntropy, true));
    QVERIFY(ceRun[0].a - ceRun[1].a > qRun[0].a - qRun[1].a);
}

void TestSlowdown::bothCostsLearnFromTheUnsaturatedStart()
{
    for (Cost cost : {Cost::Quadratic, Cost::CrossEntropy}) {
        const auto run = trainSingleNeuron(bookSingleNeuronRun(cost, false));
        // The output falls from 0.82 to 0.20 (quadratic) or 0.42 (cross-entropy, η = 0.005).
        QVERIFY(run.back().a < 0.55 * run.front().a);
        QVERIFY(run.back().cost < 0.5 * run.front().cost);
    }
    QVERIFY(epochsToOutputBelow(trainSingleNeuron(bookSingleNeuronRun(Cost::Quadratic, false)), 0.2) > 0);
}

void TestSlowdown::gradientsMatchFiniteDifferences_data()
{
    QTest::addColumn<int>("cost");
    QTest::addColumn<double>("w");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::newRow("quadratic, book start") << int(Cost::Quadratic) << 0.6 << 0.9 << 1.0 << 0.0;
    QTest::newRow("quadratic, saturated") << int(Cost::Quadratic) << 2.0 << 2.0 << 1.0 << 0.0;
    QTest::newRow("quadratic, other x, y") << int(Cost::Quadratic) << -0.7 << 0.3 << 1.7 << 0.4;
    QTest::newRow("cross-entropy, book start") << int(Cost::CrossEntropy) << 0.6 << 0.9 << 1.0 << 0.0;
    QTest::newRow("cross-entropy, saturated") << int(Cost::CrossEntropy) << 2.0 << 2.0 << 1.0 << 0.0;
    QTest::newRow("cross-entropy, other x, y") << int(Cost::CrossEntropy) << -0.7 << 0.3 << 1.7 << 0.4;
}

void TestSlowdown::gradientsMatchFiniteDifferences()
{
    QFETCH(int, cost);
    QFETCH(double, w);
    QFETCH(double, b);
    QFETCH(double, x);
    QFETCH(double, y);
    SingleNeuronSetup s;
    s.cost = Cost(cost);
    s.x = x;
    s.y = y;
    auto c = [&](double wi, double bi) {
        return singleNeuronCost(s.cost, 1.0 / (1.0 + std::exp(-(wi * x + bi))), y);
    };
    const double h = 1e-6;
    const double dw = (c(w + h, b) - c(w - h, b)) / (2 * h);
    const double db = (c(w, b + h) - c(w, b - h)) / (2 * h);
    const SingleNeuronGradient g = singleNeuronGradient(s, w, b);
    QVERIFY2(std::abs(g.w - dw) <= 1e-7 + 1e-6 * std::abs(dw), qPrintable(QString("%1 vs %2").arg(g.w).arg(dw)));
    QVERIFY2(std::abs(g.b - db) <= 1e-7 + 1e-6 * std::abs(db), qPrintable(QString("%1 vs %2").arg(g.b).arg(db)));
}

void TestSlowdown::softmaxSumsToOneAndFollowsZ()
{
    SoftmaxPanel panel;
    QCOMPARE(panel.z(0), 2.5);
    QCOMPARE(panel.z(1), -1.0);
    QCOMPARE(panel.z(2), 3.2);
    QCOMPARE(panel.z(3), 0.5);
    const std::vector<double> before = panel.activations();
    QCOMPARE(before.size(), size_t(4));
    QVERIFY(std::abs(std::accumulate(before.begin(), before.end(), 0.0) - 1.0) < 1e-12);
    // Book values: a = e^z / Σ e^z by hand.
    const double total = std::exp(2.5) + std::exp(-1.0) + std::exp(3.2) + std::exp(0.5);
    QVERIFY(std::abs(before[2] - std::exp(3.2) / total) < 1e-12);

    panel.setZ(1, 2.0);
    const std::vector<double> after = panel.activations();
    QVERIFY(std::abs(std::accumulate(after.begin(), after.end(), 0.0) - 1.0) < 1e-12);
    QVERIFY(after[1] > before[1]);
    for (int j : {0, 2, 3})
        QVERIFY(after[j] < before[j]);
}

void TestSlowdown::runButtonDrawsTheCurves()
{
    SingleNeuronPanel panel;
    panel.resize(1000, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.choosePreset(1);   // book: quadratic from (2, 2)
    QCOMPARE(panel.currentCostGraph()->dataCount(), 1);   // only the start before Run
    QSignalSpy finished(&panel, &SingleNeuronPanel::runFinished);
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    QVERIFY(panel.isRunning());
    // The animation reveals epochs over time, then finishes on its own in ~3 s.
    QTRY_VERIFY_WITH_TIMEOUT(panel.shownEpoch() > 10, 2000);
    QVERIFY(panel.currentCostGraph()->dataCount() < 301);
    QVERIFY(finished.wait(SingleNeuronPanel::animationMs + 3000));
    QCOMPARE(panel.currentCostGraph()->dataCount(), 301);
    QCOMPARE(panel.currentOutputGraph()->dataCount(), 301);
    QCOMPARE(finished.first().at(1).toInt(), -1);   // the quadratic run stays above 0.2 in 300 epochs
    const double aEnd = (panel.currentOutputGraph()->data()->constEnd() - 1)->value;
    QCOMPARE(aEnd, panel.currentRun().back().a);

    // A second run keeps the first on the plot for comparison (choosing it keeps it already).
    panel.choosePreset(4);   // cross-entropy, (2, 2), η = 0.15
    QCOMPARE(panel.costPlot()->graphCount(), 2);
    QCOMPARE(panel.currentCostGraph()->dataCount(), 1);
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    panel.finishAnimation();
    QCOMPARE(panel.costPlot()->graphCount(), 2);
    QCOMPARE(finished.count(), 2);
    QVERIFY(finished.last().at(1).toInt() > 0 && finished.last().at(1).toInt() < 50);
}

void TestSlowdown::resetClearsTheRuns()
{
    SingleNeuronPanel panel;
    panel.runSequence({bookSingleNeuronRun(Cost::Quadratic, false), bookSingleNeuronRun(Cost::CrossEntropy, false)});
    panel.finishAnimation();
    QCOMPARE(panel.outputPlot()->graphCount(), 2);
    QTest::mouseClick(panel.resetButton(), Qt::LeftButton);
    QVERIFY(!panel.isRunning());
    QCOMPARE(panel.outputPlot()->graphCount(), 1);
    QCOMPARE(panel.currentOutputGraph()->dataCount(), 1);
    QCOMPARE(panel.shownEpoch(), 0);
}

void TestSlowdown::softmaxSlidersMoveTheBars()
{
    SoftmaxPanel panel;
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const double before = panel.bars()->data()->at(3)->value;
    QSlider* slider = panel.slider(3);
    slider->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(slider, Qt::Key_PageUp);   // +1 in z per page
    QCOMPARE(panel.z(3), 0.5 + 3.0 * slider->pageStep() / SoftmaxPanel::sliderScale);
    const double after = panel.bars()->data()->at(3)->value;
    QVERIFY(after > before);
    double sum = 0.0;
    for (int j = 0; j < SoftmaxPanel::neurons; ++j)
        sum += panel.bars()->data()->at(j)->value;
    QVERIFY(std::abs(sum - 1.0) < 1e-12);
    QVERIFY(after > panel.bars()->data()->at(2)->value);   // z4 = 3.5 > z3 = 3.2
}

void TestSlowdown::mainWindowHasTheView()
{
    MainWindow window(std::filesystem::path("/nonexistent"));
    QVERIFY(window.showView(QStringLiteral("slowdown")));
    auto* view = window.findChild<SlowdownView*>();
    QVERIFY(view);
    auto* views = qobject_cast<QStackedWidget*>(view->parentWidget());
    QVERIFY(views);
    QCOMPARE(views->currentWidget(), view);
}

QTEST_MAIN(TestSlowdown)
#include "tst_slowdown.moc"
