// The Train view's run logic without its widgets (ui/train/train_session.h): a start waits for
// its data and then runs, Stop drops a waiting start, missing data drops it with the reason, a
// resumed run is labelled with its preset and picks up its history, and a loaded model's test
// accuracy arrives from the background.
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/training_controller.h"
#include "ui/train/run_history.h"
#include "ui/train/train_session.h"

#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "core/train/trainer.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QSignalSpy>
#include <QTreeWidget>
#include <QTemporaryDir>
#include <QtTest>

using nnlab::DatasetKind;

namespace {

const int runTimeoutMs = int(60000 * kSanitizerSlack);

nnlab::TrainConfig smallRun()
{
    nnlab::TrainConfig c = nnlab::findPreset("ch1-784-30-10")->config;
    c.trainingSize = 2000;
    c.epochs = 2;
    return c;
}

}  // namespace

class TestTrainSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { SKIP_WITHOUT_MNIST(); }

    void aStartWaitsForItsDataThenRuns()
    {
        DatasetLoader loader;   // nothing loaded yet
        RunHistory history;
        TrainSession session(&loader, &history);
        QSignalSpy waiting(&session, &TrainSession::waitingForData);
        QSignalSpy started(&session, &TrainSession::runStarted);
        QSignalSpy finished(&session, &TrainSession::runFinished);
        QVERIFY(session.start(smallRun(), nnlab::findPreset("ch1-784-30-10")));
        QVERIFY(session.isWaitingForData());
        QCOMPARE(waiting.count(), 1);
        QCOMPARE(history.count(), 0);
        QString problem;
        QVERIFY(!session.start(smallRun(), nullptr, &problem));   // one at a time
        QVERIFY(problem.contains("already active"));

        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, runTimeoutMs);
        QVERIFY(!session.isWaitingForData());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, runTimeoutMs);
        const RunRecord* run = history.selectedRun();
        QCOMPARE(run->presetName, QString("ch1-784-30-10"));
        // n = 2,000 and 2 epochs are not the preset's: a custom run derived from it, and so listed.
        QVERIFY(run->presetEdited);
        QCOMPARE(run->presetLabel(), QString("custom (from ch1-784-30-10)"));
        QVERIFY2(history.tree()->topLevelItem(0)->text(2).startsWith("custom (from ch1-784-30-10): "),
                 qPrintable(history.tree()->topLevelItem(0)->text(2)));
        QVERIFY(run->bookAccuracy);
        QCOMPARE(int(run->epochs.size()), 2);
        QVERIFY(!run->samples.empty());
        QCOMPARE(run->summary->reason, nnlab::StopReason::Completed);
        QVERIFY(run->network);
        QVERIFY(!session.liveRun());
    }

    // The preset's own configuration keeps the preset's name (another seed is still the preset).
    void anUneditedPresetKeepsItsName()
    {
        DatasetLoader loader;
        RunHistory history;
        TrainSession session(&loader, &history);
        QSignalSpy started(&session, &TrainSession::runStarted);
        QSignalSpy finished(&session, &TrainSession::runFinished);
        const nnlab::Preset* preset = nnlab::findPreset("ch1-784-30-10");
        nnlab::TrainConfig c = preset->config;
        c.seed = 7;
        QVERIFY(session.start(c, preset));
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, runTimeoutMs);
        session.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, runTimeoutMs);
        const RunRecord* run = history.selectedRun();
        QVERIFY(!run->presetEdited);
        QCOMPARE(run->presetLabel(), QString("ch1-784-30-10"));
        QVERIFY(history.tree()->topLevelItem(0)->text(2).startsWith("ch1-784-30-10: "));
    }

    void stopDropsAWaitingStart()
    {
        DatasetLoader loader;
        RunHistory history;
        TrainSession session(&loader, &history);
        QVERIFY(session.start(smallRun(), nullptr));
        QVERIFY(session.isWaitingForData());
        session.stop();
        QVERIFY(!session.isWaitingForData());
        QTRY_VERIFY_WITH_TIMEOUT(loader.split(DatasetKind::Mnist), runTimeoutMs);
        QTest::qWait(100);
        QCOMPARE(history.count(), 0);   // the data came, and nothing started
        QVERIFY(!session.controller()->isActive());
    }

    void missingDataDropsTheStartWithTheReason()
    {
        QTemporaryDir empty;
        DatasetLoader loader;
        loader.setDataDir(std::filesystem::path(empty.path().toStdString()));
        RunHistory history;
        TrainSession session(&loader, &history);
        QSignalSpy missing(&session, &TrainSession::dataMissing);
        QVERIFY(session.start(smallRun(), nullptr));
        QTRY_COMPARE_WITH_TIMEOUT(missing.count(), 1, runTimeoutMs);
        QVERIFY(!session.isWaitingForData());
        QVERIFY(missing.first().at(1).toString().contains(empty.path()));
        QCOMPARE(history.count(), 0);
    }

    void aResumedRunIsLabelledAndPicksUpItsHistory()
    {
        const nnlab::TrainConfig c = smallRun();
        nnlab::TrainingState stopped;
        {
            nnlab::Trainer trainer(c, mnist());
            trainer.setCheckpointWriter([&](const nnlab::TrainingState& s) { stopped = s; });
            struct StopAfterOneEpoch : nnlab::TrainingObserver {
                nnlab::Trainer* trainer;
                void epochFinished(const nnlab::EpochReport&) override { trainer->stop(); }
            } observer;
            observer.trainer = &trainer;
            trainer.setObserver(&observer);
            trainer.setEta(1.5f);   // changed live in that first epoch
            trainer.run();
        }
        QCOMPARE(int(stopped.history.size()), 1);
        QCOMPARE(stopped.hyper.eta, 1.5f);

        DatasetLoader loader;
        RunHistory history;
        TrainSession session(&loader, &history);
        QSignalSpy finished(&session, &TrainSession::runFinished);
        session.resume({c, stopped, false});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, runTimeoutMs);
        const RunRecord* run = history.selectedRun();
        QCOMPARE(run->presetName, QString());   // n = 2,000 is no preset's configuration
        QCOMPARE(int(run->epochs.size()), 2);    // epoch 1 from the checkpoint, epoch 2 trained now
        QCOMPARE(run->epochs.front().test.accuracy, stopped.history.front().test.accuracy);
        QCOMPARE(run->summary->epochs, 2);
        // It went on with η = 1.5, not the configuration's 3: its record says so.
        QCOMPARE(int(run->changes.size()), 1);
        QCOMPARE(run->changes[0].to, 1.5f);
        QCOMPARE(run->changes[0].epoch, 2);
        QCOMPARE(run->changes[0].batch, 1);
        QVERIFY2(run->description().contains("η = 3 → 1.5 (epoch 2)"), qPrintable(run->description()));
        QCOMPARE(run->epochs.back().eta, 1.5f);
    }

    void aLoadedModelsAccuracyArrivesFromTheBackground()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("net.json");
        nnlab::Trainer trainer(smallRun(), mnist());
        trainer.run();
        nnlab::saveModel(path.toStdString(), trainer.network());
        const double expected = nnlab::evaluate(trainer.network(), mnist().test).accuracy;

        DatasetLoader loader;
        loader.load(DatasetKind::Mnist);
        QTRY_VERIFY_WITH_TIMEOUT(loader.split(DatasetKind::Mnist), runTimeoutMs);
        RunHistory history;
        TrainSession session(&loader, &history);
        QString error;
        QVERIFY2(session.loadModel(path, DatasetKind::Mnist, &error), qPrintable(error));
        QCOMPARE(history.count(), 1);   // the record at once, its accuracy when measured
        QTRY_VERIFY_WITH_TIMEOUT(history.selectedRun()->loadedTest, runTimeoutMs);
        QCOMPARE(history.selectedRun()->loadedTest->accuracy, expected);
        QVERIFY(!session.loadModel(dir.filePath("missing.json"), DatasetKind::Mnist, &error));
        QVERIFY2(error.contains("missing.json") && !error.contains('\n'), qPrintable(error));
        QCOMPARE(history.count(), 1);
    }
};

QTEST_MAIN(TestTrainSession)
#include "tst_trainsession.moc"
