// The trainer on real MNIST: it learns, it is deterministic, it stops on divergence, and it
// can be paused, resumed, stopped and retuned from another thread.
#include "core/train/trainer.h"

#include "core/nn/dense_layer.h"
#include "core/train/chance.h"
#include "core/train/explosion.h"
#include "tests/support/mnist.h"

#include <QElapsedTimer>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <numeric>
#include <thread>

using namespace nnlab;

namespace {

class Recorder : public TrainingObserver {
public:
    void miniBatchFinished(const MiniBatchReport& r) override
    {
        ++batches;
        lastEta = r.eta;
        if (r.biasGradientNorms.size() != layers)
            badReport = true;
        if (!r.changes.empty()) {
            std::lock_guard lock(mutex);
            changes.insert(changes.end(), r.changes.begin(), r.changes.end());
            etaAtChange.push_back(r.eta);
        }
    }
    void epochFinished(const EpochReport& r) override { epochs.push_back(r); }
    void pausedChanged(bool p) override { paused = p; }

    std::size_t layers = 2;
    std::atomic<int> batches{0};
    std::atomic<float> lastEta{0.0f};
    std::atomic<bool> paused{false};
    std::atomic<bool> badReport{false};
    std::vector<EpochReport> epochs;
    std::mutex mutex;
    std::vector<HyperparameterChange> changes;   // as reported, with the η of the mini-batch that did
    std::vector<float> etaAtChange;
};

TrainConfig smallRun(int trainingSize, int epochs)
{
    TrainConfig c;
    c.net.sizes = {784, 30, 10};
    c.net.cost = Cost::CrossEntropy;
    c.hyper.eta = 0.5f;
    c.trainingSize = trainingSize;
    c.epochs = epochs;
    return c;
}

bool sameWeights(const Network& a, const Network& b)
{
    for (int l = 0; l < a.layerCount(); ++l) {
        const auto& x = static_cast<const DenseLayer&>(a.layer(l));
        const auto& y = static_cast<const DenseLayer&>(b.layer(l));
        if (x.weights() != y.weights() || x.biases() != y.biases())
            return false;
    }
    return true;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        QCOMPARE(mnist().training.size(), 50000);
    }

    // 784-30-10, cross-entropy, η = 0.5 on 10,000 images for 3 epochs. Such a net reaches
    // about 92–93% here; 90% leaves honest margin while any real bug falls far below it.
    void learnsOnRealMnist()
    {
        Trainer trainer(smallRun(10000, 3), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        const TrainSummary s = trainer.run();
        QCOMPARE(s.reason, StopReason::Completed);
        QCOMPARE(s.epochs, 3);
        QCOMPARE(int(recorder.epochs.size()), 3);
        QCOMPARE(recorder.batches.load(), 3 * 1000);
        QVERIFY(!recorder.badReport);
        qInfo("test accuracy after 3 epochs on 10,000 images: %.2f%%", 100 * s.finalTestAccuracy);
        QVERIFY(s.finalTestAccuracy > 0.90);
        QVERIFY(recorder.epochs[2].training.cost < recorder.epochs[0].training.cost);
        QCOMPARE(recorder.epochs[0].validation.total, 10000);
        QCOMPARE(recorder.epochs[0].training.total, 10000);
    }

    void sameSeedSameWeights()
    {
        TrainConfig c = smallRun(2000, 2);
        c.net.dropout = 0.2f;   // dropout masks come from the seed too
        c.hyper.momentum = 0.5f;
        Trainer a(c, mnist()), b(c, mnist());
        a.run();
        b.run();
        QVERIFY(sameWeights(a.network(), b.network()));
        c.seed = 2;
        Trainer other(c, mnist());
        other.run();
        QVERIFY(!sameWeights(a.network(), other.network()));
    }

    void divergenceStopsAndKeepsTheLastGoodWeights()
    {
        TrainConfig c = smallRun(1000, 5);
        c.net.hidden = Activation::ReLU;
        c.net.output = Activation::Softmax;
        c.net.cost = Cost::LogLikelihood;
        c.hyper.eta = 1e30f;   // the first update blows the weights up
        Trainer trainer(c, mnist());
        const TrainSummary s = trainer.run();
        QCOMPARE(s.reason, StopReason::Diverged);
        QVERIFY2(QString::fromStdString(s.message).contains("diverged"), s.message.c_str());
        QVERIFY(trainer.network().allFinite());
    }

    // Runs whose cost or weights explode while staying finite (explosion.h) stop as diverged, at
    // once rather than after their epochs, with the likely cause named.
    void explodedRunsStopWithTheLikelyCause_data()
    {
        QTest::addColumn<QString>("net");
        QTest::addColumn<int>("hidden");   // Activation
        QTest::addColumn<int>("cost");     // Cost
        QTest::addColumn<int>("init");     // Initialisation
        QTest::addColumn<float>("eta");
        QTest::addColumn<int>("trainingSize");
        QTest::addColumn<QString>("what");    // what exploded
        QTest::addColumn<QString>("cause");
        const int sigmoid = int(Activation::Sigmoid), relu = int(Activation::ReLU);
        const int quadratic = int(Cost::Quadratic), crossEntropy = int(Cost::CrossEntropy),
                  logLikelihood = int(Cost::LogLikelihood);
        const int large = int(Initialisation::Large), scaled = int(Initialisation::Scaled);
        // Its cost falls (every output goes to 0): only the weights show it.
        QTest::newRow("sigmoid, quadratic, η = 10⁶") << "784,30,10" << sigmoid << quadratic << large << 1e6f << 2000
                                                    << "the weights exploded" << "η = 1e+06 is probably too large";
        QTest::newRow("cross-entropy, η = 1000") << "784,30,10" << sigmoid << crossEntropy << scaled << 1000.0f << 2000
                                                << "the weights exploded" << "η = 1000 is probably too large";
        QTest::newRow("cross-entropy, η = 100") << "784,30,10" << sigmoid << crossEntropy << scaled << 100.0f << 2000
                                               << "the cost exploded in epoch 1" << "η = 100 is probably too large";
        // Chapter 6's network typed out with N(0, 1) weights, even at the book's η = 0.03.
        QTest::newRow("ReLU convnet, large init") << "784,conv20x5,pool2,conv40x5,pool2,100,10" << relu << logLikelihood
                                                 << large << 0.03f << 1000 << "the weights exploded"
                                                 << "the large N(0, 1) initialisation is probably the cause on this ReLU network";
        QTest::newRow("deep ReLU net, large init") << "784,100,100,10" << relu << logLikelihood << large << 1.0f << 2000
                                                  << "the weights exploded"
                                                  << "the large N(0, 1) initialisation is probably the cause on this ReLU network";
    }

    void explodedRunsStopWithTheLikelyCause()
    {
        QFETCH(QString, net);
        QFETCH(int, hidden);
        QFETCH(int, cost);
        QFETCH(int, init);
        QFETCH(float, eta);
        QFETCH(int, trainingSize);
        QFETCH(QString, what);
        QFETCH(QString, cause);
        TrainConfig c;
        parseArchitecture(net.toStdString(), c.net);
        c.net.hidden = Activation(hidden);
        c.net.cost = Cost(cost);
        c.net.output = c.net.cost == Cost::LogLikelihood ? Activation::Softmax : Activation::Sigmoid;
        c.init = Initialisation(init);
        c.hyper.eta = eta;
        c.trainingSize = trainingSize;
        c.epochs = 5;
        Trainer trainer(c, mnist());
        const TrainSummary s = trainer.run();
        const QString message = QString::fromStdString(s.message);
        QCOMPARE(s.reason, StopReason::Diverged);
        QVERIFY2(s.epochs <= 1, qPrintable(message));   // stopped at once, not after 5 epochs
        QVERIFY2(message.startsWith("diverged: " + what) && message.contains(cause), qPrintable(message));
        QVERIFY(trainer.network().allFinite());
    }

    void theLikelyCauseFitsTheNetwork_data()
    {
        QTest::addColumn<QString>("net");
        QTest::addColumn<bool>("relu");
        QTest::addColumn<bool>("large");
        QTest::addColumn<float>("eta");
        QTest::addColumn<QString>("cause");
        const QString eta3 = "η = 3 is probably too large for this network";
        QTest::newRow("chapter 1, large init") << "784,30,10" << false << true << 3.0f << eta3;
        QTest::newRow("deep, scaled init") << "784,30,30,30,10" << false << false << 3.0f << eta3;
        QTest::newRow("ReLU, scaled init") << "784,100,10" << true << false << 3.0f << eta3;
        QTest::newRow("ReLU, large init") << "784,100,10" << true << true << 3.0f
                                          << "the large N(0, 1) initialisation is probably the cause on this ReLU "
                                             "network (the scaled N(0, 1/n_in) suits it), or η = 3 is too large for it";
        QTest::newRow("deep, large init") << "784,30,30,10" << false << true << 0.5f
                                          << "the large N(0, 1) initialisation is probably the cause on this deep network";
        QTest::newRow("convnet, large init") << "784,conv20x5,pool2,100,10" << false << true << 0.1f
                                             << "the large N(0, 1) initialisation is probably the cause on this "
                                                "convolutional network";
        QTest::newRow("ReLU, large init, huge η") << "784,100,10" << true << true << 1e30f
                                                  << "η = 1e+30 is probably too large for this network, and the large "
                                                     "N(0, 1) initialisation doesn't suit a ReLU network";
    }

    void theLikelyCauseFitsTheNetwork()
    {
        QFETCH(QString, net);
        QFETCH(bool, relu);
        QFETCH(bool, large);
        QFETCH(float, eta);
        QFETCH(QString, cause);
        TrainConfig c;
        parseArchitecture(net.toStdString(), c.net);
        c.net.hidden = relu ? Activation::ReLU : Activation::Sigmoid;
        c.init = large ? Initialisation::Large : Initialisation::Scaled;
        const QString said = QString::fromStdString(explosionCause(c, eta));
        QVERIFY2(said.startsWith(cause), qPrintable(said));
    }

    // The rules leave a run alone whose cost rises early and then falls: cross-entropy at η = 5
    // nearly doubles its cost over the first mini-batches (its weights grow tens of times) and
    // still learns.
    void anEarlyCostRiseIsNotAnExplosion()
    {
        TrainConfig c = smallRun(5000, 3);
        c.hyper.eta = 5.0f;
        Trainer trainer(c, mnist());
        struct Costs : TrainingObserver {
            std::vector<double> costs;
            void miniBatchFinished(const MiniBatchReport& r) override { costs.push_back(r.cost); }
        } costs;
        trainer.setObserver(&costs);
        const TrainSummary s = trainer.run();
        // The premise: some ten mini-batches in a row cost half as much again as the first.
        double highest = 0.0;
        for (std::size_t i = 0; i + 10 <= 500; ++i)
            highest = std::max(highest, std::accumulate(&costs.costs[i], &costs.costs[i] + 10, 0.0) / 10);
        qInfo("first mini-batch's cost %.2f, highest mean of ten %.2f", costs.costs[0], highest);
        QVERIFY(highest > 1.5 * costs.costs[0]);
        QCOMPARE(s.reason, StopReason::Completed);
        QCOMPARE(s.epochs, 3);
        QVERIFY2(s.finalTestAccuracy > 0.6, qPrintable(QString::number(s.finalTestAccuracy)));
    }

    // The cost of guessing, which the cost rule measures from: ½(1 − 1/k), the cross-entropy of
    // outputs 1/k, ln k — the costs a network answering 1/k for every class has.
    void guessingCostIsTheCostOfUniformOutputs()
    {
        const Eigen::MatrixXd a = Eigen::MatrixXd::Constant(10, 1, 0.1);
        Eigen::MatrixXd y = Eigen::MatrixXd::Zero(10, 1);
        y(3) = 1.0;
        for (Cost cost : {Cost::Quadratic, Cost::CrossEntropy, Cost::LogLikelihood})
            QVERIFY(std::abs(guessingCost(cost, 10) - costValue(cost, a, y)) < 1e-12);
        QVERIFY(std::abs(guessingCost(Cost::LogLikelihood, 10) - std::log(10.0)) < 1e-12);
        QVERIFY(costExploded(101 * guessingCost(Cost::CrossEntropy, 10), Cost::CrossEntropy, 10));
        QVERIFY(!costExploded(99 * guessingCost(Cost::CrossEntropy, 10), Cost::CrossEntropy, 10));
        QVERIFY(weightsExploded(1001.0, 1.0));
        QVERIFY(!weightsExploded(999.0, 1.0));
        QVERIFY(!weightsExploded(1.0, 0.0));   // all-zero weights at the start: nothing to measure from
    }

    void pauseResumeStopFromAnotherThread()
    {
        Trainer trainer(smallRun(50000, 100), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        TrainSummary summary;
        std::thread worker([&] { summary = trainer.run(); });

        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 100, 5000);
        trainer.pause();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 2000);
        const int atPause = recorder.batches.load();
        QTest::qSleep(200);
        QCOMPARE(recorder.batches.load(), atPause);   // nothing moves while paused

        trainer.setEta(0.125f);                      // retuned while paused...
        trainer.resume();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > atPause + 50, 5000);
        QCOMPARE(recorder.lastEta.load(), 0.125f);    // ...and used by the next mini-batches

        trainer.pause();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 2000);
        trainer.stop();                              // stop while paused ends the run
        worker.join();
        QCOMPARE(summary.reason, StopReason::Stopped);
        QVERIFY(trainer.network().allFinite());
    }

    // Step: while paused, exactly one more mini-batch, then it waits again; resume drops the
    // steps not yet taken.
    void stepRunsOneMiniBatchThenWaits()
    {
        Trainer trainer(smallRun(50000, 100), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        trainer.pause();   // before the first mini-batch
        std::thread worker([&] { trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 5000);
        QCOMPARE(recorder.batches.load(), 0);
        for (int step = 1; step <= 3; ++step) {
            trainer.step();
            QTRY_COMPARE_WITH_TIMEOUT(recorder.batches.load(), step, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 2000);
            QTest::qSleep(100);
            QCOMPARE(recorder.batches.load(), step);   // and no further
        }
        QCOMPARE(trainer.stepsRequested(), 3);
        trainer.resume();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 50, 5000);
        trainer.stop();
        worker.join();
    }

    // Time spent paused is not training time: an epoch paused for 1.5 s reports only the seconds
    // its mini-batches took, and so does the summary; a run stopped while paused keeps its pause
    // out of the half-done epoch's seconds that its checkpoint carries.
    void pausedTimeIsNotTrainingTime()
    {
        Trainer trainer(smallRun(20000, 1), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        TrainSummary summary;
        QElapsedTimer wall;
        wall.start();
        std::thread worker([&] { summary = trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 100, 5000);
        trainer.pause();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 2000);
        QElapsedTimer paused;
        paused.start();
        QTest::qSleep(1500);
        const double pausedSeconds = paused.elapsed() / 1000.0;
        trainer.resume();
        worker.join();
        const double wallSeconds = wall.elapsed() / 1000.0;
        QCOMPARE(int(recorder.epochs.size()), 1);
        const double epochSeconds = recorder.epochs[0].seconds;
        qInfo("epoch: %.3f s of training in %.3f s, %.3f s of it paused", epochSeconds, wallSeconds, pausedSeconds);
        QVERIFY(epochSeconds > 0.0);
        // Had the 1.5 s pause been counted, the epoch would report more than 1.5 s; the margin of
        // 0.5 s keeps clock granularity and a loaded machine's scheduling out of the verdict.
        QVERIFY2(epochSeconds < wallSeconds - pausedSeconds + 0.5 && epochSeconds < pausedSeconds,
                 qPrintable(QString("%1 s reported, %2 s wall, %3 s paused").arg(epochSeconds).arg(wallSeconds)
                                .arg(pausedSeconds)));
        QCOMPARE(summary.trainingSeconds, epochSeconds);

        Trainer stopped(smallRun(20000, 1), mnist());
        Recorder second;
        stopped.setObserver(&second);
        TrainingState last;
        stopped.setCheckpointWriter([&last](const TrainingState& state) { last = state; });
        wall.restart();
        std::thread other([&] { stopped.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(second.batches.load() > 100, 5000);
        stopped.pause();
        QTRY_VERIFY_WITH_TIMEOUT(second.paused.load(), 2000);
        QTest::qSleep(1500);
        stopped.stop();
        other.join();
        QCOMPARE(last.epoch, 1);
        QVERIFY(last.batchesDone > 0);
        QVERIFY2(last.epochSeconds > 0.0 && last.epochSeconds < wall.elapsed() / 1000.0 - 1.0,
                 qPrintable(QString::number(last.epochSeconds)));
    }

    // η and λ set while paused are reported once, by the first mini-batch that uses them, with its
    // epoch and mini-batch.
    void liveChangesAreReportedByTheMiniBatchThatUsesThem()
    {
        Trainer trainer(smallRun(20000, 2), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        std::thread worker([&] { trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 100, 5000);
        trainer.pause();
        QTRY_VERIFY_WITH_TIMEOUT(recorder.paused.load(), 2000);
        const int atPause = recorder.batches.load();
        trainer.setEta(0.125f);
        trainer.setLambda(2.0f);
        trainer.setEta(0.25f);   // the last value before the next mini-batch is the one it uses
        trainer.resume();
        worker.join();
        QVERIFY(atPause < 2000);   // paused in epoch 1 (2,000 mini-batches of 10)
        QCOMPARE(int(recorder.changes.size()), 2);
        const HyperparameterChange& eta = recorder.changes[0];
        QCOMPARE(eta.parameter, LiveHyperparameter::Eta);
        QCOMPARE(eta.from, 0.5f);
        QCOMPARE(eta.to, 0.25f);
        QCOMPARE(eta.epoch, 1);
        QCOMPARE(eta.batch, atPause + 1);
        QCOMPARE(eta.batchesPerEpoch, 2000);
        QVERIFY(!eta.bySchedule);
        QCOMPARE(eta.epochPosition(), atPause / 2000.0);
        QCOMPARE(recorder.etaAtChange[0], 0.25f);
        const HyperparameterChange& lambda = recorder.changes[1];
        QCOMPARE(lambda.parameter, LiveHyperparameter::Lambda);
        QCOMPARE(lambda.from, 0.0f);
        QCOMPARE(lambda.to, 2.0f);
        QCOMPARE(lambda.batch, atPause + 1);
        QCOMPARE(recorder.epochs[1].eta, 0.25f);
    }

    // The rule the Train view and nnlab-cli's summary share: at chance is below 1.5/k, after at
    // least one epoch. η = 500 saturates every neuron of chapter 1's network at once: it ends at
    // chance, and the hint says so with its η.
    void aRunAtChanceIsRecognised()
    {
        QCOMPARE(chanceAccuracy(10), 0.1);
        QVERIFY(isAtChance(0.098, 10));
        QVERIFY(isAtChance(0.1135, 10));   // always answering "1", the test set's commonest digit
        QVERIFY(!isAtChance(0.16, 10));
        QVERIFY(!isAtChance(0.60, 10));
        QVERIFY(isAtChance(0.70, 2));      // two classes: chance is 50%
        QVERIFY(!isAtChance(0.80, 2));
        TrainSummary none;   // no epoch yet: nothing to judge
        QVERIFY(!isAtChance(none, 10));
        QVERIFY(atChanceHint(none, 10, 3.0f).empty());

        TrainConfig c;
        c.net.sizes = {784, 30, 10};
        c.hyper.eta = 500.0f;
        c.trainingSize = 1000;
        c.epochs = 2;
        const TrainSummary s = Trainer(c, mnist()).run();
        QCOMPARE(s.epochs, 2);
        QVERIFY2(isAtChance(s, 10), qPrintable(QString::number(s.finalTestAccuracy)));
        const std::string hint = atChanceHint(s, 10, c.hyper.eta);
        QVERIFY2(hint.find("accuracy at chance") == 0 && hint.find("after 2 epochs") != std::string::npos &&
                     hint.find("η = 500 may be too large") != std::string::npos,
                 hint.c_str());

        c.hyper.eta = 3.0f;   // the book's η: it learns
        c.epochs = 3;
        const TrainSummary learned = Trainer(c, mnist()).run();
        QVERIFY2(!isAtChance(learned, 10), qPrintable(QString::number(learned.finalTestAccuracy)));
    }

    void stopEndsWithinAMiniBatch()
    {
        Trainer trainer(smallRun(50000, 100), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        std::thread worker([&] { trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 10, 5000);
        trainer.stop();
        const int atStop = recorder.batches.load();
        worker.join();
        QVERIFY(recorder.batches.load() <= atStop + 1);
        QVERIFY(recorder.epochs.empty());
    }

    void rapidControlNeverDeadlocks()
    {
        for (int round = 0; round < 50; ++round) {
            Trainer trainer(smallRun(1000, 1000), mnist());
            std::thread worker([&] { trainer.run(); });
            for (int i = 0; i < 5; ++i) {
                trainer.pause();
                trainer.resume();
            }
            if (round % 2)
                trainer.pause();
            trainer.stop();
            worker.join();
        }
        QVERIFY(true);   // reaching here is the assertion: 50 runs joined without a hang
    }

    void snapshotIsConsistentWhileTraining()
    {
        Trainer trainer(smallRun(50000, 100), mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        std::thread worker([&] { trainer.run(); });
        QTRY_VERIFY_WITH_TIMEOUT(recorder.batches.load() > 10, 5000);
        for (int i = 0; i < 20; ++i) {
            const Network copy = trainer.snapshot();
            QCOMPARE(copy.sizes(), (std::vector<int>{784, 30, 10}));
            QVERIFY(copy.allFinite());
        }
        trainer.stop();
        worker.join();
    }

    void etaScheduleHalvesAndStops()
    {
        // On 100 images, validation accuracy soon stops improving: η is halved after each
        // flat epoch and the run ends when η reaches η/128.
        TrainConfig c = smallRun(100, 200);
        c.etaHalvingPatience = 1;
        Trainer trainer(c, mnist());
        Recorder recorder;
        trainer.setObserver(&recorder);
        const TrainSummary s = trainer.run();
        QCOMPARE(s.reason, StopReason::EtaScheduleFinished);
        QVERIFY(s.epochs < 200);
        QVERIFY(recorder.epochs.back().eta <= 0.5f / 64 + 1e-7f);
        QVERIFY(recorder.epochs.back().eta >= 0.5f / 64 - 1e-7f);
        // Each halving is a change of η, marked as the schedule's, taking effect with the next
        // epoch's first mini-batch: 0.5 → 0.25 → ... → 0.5/64.
        QCOMPARE(int(recorder.changes.size()), 6);
        float eta = 0.5f;
        for (const HyperparameterChange& change : recorder.changes) {
            QCOMPARE(change.parameter, LiveHyperparameter::Eta);
            QVERIFY(change.bySchedule);
            QCOMPARE(change.from, eta);
            QCOMPARE(change.to, eta / 2);
            QCOMPARE(change.batch, 1);
            QVERIFY(change.epoch > 1);
            eta /= 2;
        }
    }

    void earlyStopping()
    {
        TrainConfig c = smallRun(100, 300);
        c.earlyStoppingPatience = 3;
        Trainer trainer(c, mnist());
        const TrainSummary s = trainer.run();
        QCOMPARE(s.reason, StopReason::EarlyStopped);
        QCOMPARE(s.epochs, s.bestValidationEpoch + 3);
    }

    void badConfigurationIsRejected()
    {
        TrainConfig c = smallRun(1000, 1);
        c.hyper.eta = -1.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, mnist()));
        c = smallRun(1000, 1);
        c.net.sizes = {784, 30, 9};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, mnist()));
        c = smallRun(1000, 1);
        c.net.sizes = {100, 30, 10};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, mnist()));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
