// The channel between a trainer on its own thread and the thread that shows it
// (core/train/training_channel.h), without Qt in the code under test: mini-batches summed into
// blocks that never span two epochs, a drain that hands over each block once, requests made
// before the trainer exists applied when it attaches, and none after it detaches.
#include "core/train/training_channel.h"

#include <QtTest>

using namespace nnlab;

namespace {

MiniBatchReport report(int epoch, int batch, int batchesPerEpoch, double cost)
{
    MiniBatchReport r;
    r.epoch = epoch;
    r.batch = batch;
    r.batchesPerEpoch = batchesPerEpoch;
    r.cost = cost;
    r.eta = 0.5f;
    r.biasGradientNorms = {2.0 * cost, 1.0};
    return r;
}

// A tiny stand-in for MNIST: 20 blank images, enough to build a trainer.
const DataSplit& blankData()
{
    static const DataSplit data = [] {
        DataSplit d;
        d.training.images = Eigen::MatrixXf::Zero(784, 20);
        d.training.labels.assign(20, 3);
        d.validation = d.test = d.training;
        return d;
    }();
    return data;
}

TrainConfig tinyRun()
{
    TrainConfig c;
    c.net.sizes = {784, 5, 10};
    c.trainingSize = 20;
    c.epochs = 1;
    return c;
}

}  // namespace

class TestChannel : public QObject {
    Q_OBJECT

private slots:
    void miniBatchesAreAveragedInBlocksThatEndWithTheirEpoch()
    {
        // 300 epochs: 10 points an epoch; 25 mini-batches an epoch: blocks of 2, and a block of 1
        // that closes each epoch.
        TrainingChannel channel(300);
        for (int b = 1; b <= 25; ++b)
            channel.miniBatchFinished(report(1, b, 25, b));
        channel.miniBatchFinished(report(2, 1, 25, 100.0));
        channel.miniBatchFinished(report(2, 2, 25, 200.0));
        const TrainingChannel::Drained d = channel.drain();
        QCOMPARE(int(d.samples.size()), 12 + 1 + 1);
        QCOMPARE(d.samples[0].batches, 2);
        QCOMPARE(d.samples[0].cost, 1.5);                       // mean of mini-batches 1 and 2
        QCOMPARE(d.samples[0].biasGradientNorms[0], 3.0);       // mean of 2 and 4
        QCOMPARE(d.samples[0].epochPosition, 2.0 / 25);
        QCOMPARE(d.samples[12].batches, 1);                     // mini-batch 25 alone: the epoch ended
        QCOMPARE(d.samples[12].cost, 25.0);
        QCOMPARE(d.samples[12].epochPosition, 1.0);
        QCOMPARE(d.samples[13].cost, 150.0);                    // epoch 2 starts a block of its own
        QVERIFY(d.progress);
        QCOMPARE(d.progress->epoch, 2);
        QCOMPARE(d.progress->batch, 2);
        QCOMPARE(d.progress->batchesPerEpoch, 25);
    }

    // A change of η rides with the block of the mini-batch that used it, and the block a stop cut
    // short is delivered when the run ends, with its change.
    void changesRideWithTheirBlockAndTheLastBlockIsDelivered()
    {
        TrainingChannel channel(300);   // blocks of 2 mini-batches for 25 an epoch
        MiniBatchReport r = report(1, 1, 25, 1.0);
        channel.miniBatchFinished(r);
        r = report(1, 2, 25, 1.0);
        r.changes = {{LiveHyperparameter::Eta, 0.5f, 0.25f, 1, 2, 25}};
        channel.miniBatchFinished(r);
        r = report(1, 3, 25, 1.0);
        r.changes = {{LiveHyperparameter::Momentum, 0.0f, 0.5f, 1, 3, 25}};
        channel.miniBatchFinished(r);   // half a block: waits for the next mini-batch
        TrainingChannel::Drained d = channel.drain();
        QCOMPARE(int(d.samples.size()), 1);
        QCOMPARE(int(d.samples[0].changes.size()), 1);
        QCOMPARE(d.samples[0].changes[0].to, 0.25f);
        channel.trainingFinished(TrainSummary{});   // stopped after mini-batch 3
        d = channel.drain();
        QCOMPARE(int(d.samples.size()), 1);
        QCOMPARE(d.samples[0].batches, 1);
        QCOMPARE(d.samples[0].epochPosition, 3.0 / 25);
        QCOMPARE(int(d.samples[0].changes.size()), 1);
        QCOMPARE(d.samples[0].changes[0].parameter, LiveHyperparameter::Momentum);
        channel.trainingFinished(TrainSummary{});   // nothing left: nothing more
        QVERIFY(channel.drain().samples.empty());
    }

    void eachBlockIsDrainedOnce()
    {
        TrainingChannel channel(1);   // one epoch: up to 100 points, here a block per mini-batch
        channel.miniBatchFinished(report(1, 1, 50, 1.0));
        QCOMPARE(int(channel.drain().samples.size()), 1);
        const TrainingChannel::Drained again = channel.drain();
        QVERIFY(again.samples.empty());
        QVERIFY(!again.progress);   // nothing new since the last drain
    }

    void requestsBeforeTheTrainerExistsAreAppliedWhenItAttaches()
    {
        TrainingChannel channel(1);
        QVERIFY(!channel.snapshot());
        channel.setEta(0.25f);
        channel.setLambda(2.0f);
        channel.setMomentum(0.5f);
        channel.pause();
        Trainer trainer(tinyRun(), blankData());
        channel.attach(&trainer);
        QCOMPARE(trainer.hyperparameters().eta, 0.25f);
        QCOMPARE(trainer.hyperparameters().lambda, 2.0f);
        QCOMPARE(trainer.hyperparameters().momentum, 0.5f);
        QVERIFY(trainer.isPaused());
        const auto copy = channel.snapshot();
        QVERIFY(copy);
        QCOMPARE(copy->sizes(), trainer.network().sizes());
        channel.resume();
        QVERIFY(!trainer.isPaused());

        channel.detach();
        channel.setEta(9.0f);   // the trainer is going away: not passed on
        channel.pause();
        QCOMPARE(trainer.hyperparameters().eta, 0.25f);
        QVERIFY(!trainer.isPaused());
        QVERIFY(!channel.snapshot());
    }

    void aStopBeforeTheTrainerExistsEndsTheRunAtOnce()
    {
        TrainingChannel channel(1);
        channel.stop();
        Trainer trainer(tinyRun(), blankData());
        channel.attach(&trainer);
        trainer.setObserver(&channel);
        const TrainSummary summary = trainer.run();
        QCOMPARE(summary.reason, StopReason::Stopped);
        QCOMPARE(summary.epochs, 0);
    }

    void epochAndPauseReportsReachTheCallbacks()
    {
        TrainingChannel channel(1);
        std::vector<int> epochs;
        std::vector<bool> pauses;
        channel.onEpoch = [&](const EpochReport& r) { epochs.push_back(r.epoch); };
        channel.onPaused = [&](bool paused, int) { pauses.push_back(paused); };
        Trainer trainer(tinyRun(), blankData());
        trainer.setObserver(&channel);
        channel.attach(&trainer);
        trainer.run();
        channel.pausedChanged(true);
        QCOMPARE(epochs, std::vector<int>{1});
        QCOMPARE(pauses, std::vector<bool>{true});
        QCOMPARE(int(channel.drain().samples.size()), 2);   // 2 mini-batches of 10, a point each
    }
};

QTEST_APPLESS_MAIN(TestChannel)
#include "tst_channel.moc"
