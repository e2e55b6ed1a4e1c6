// The app's crash-safe runs: the Train view checkpoints every epoch; a run that ends or is
// stopped marks its checkpoint finished; one cut short (the window closed mid-run, or a crash)
// is offered for resuming next time, and resuming it ends with exactly the weights the
// uninterrupted run gives.
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/training_controller.h"
#include "ui/train/preset_panel.h"
#include "ui/train/resume_banner.h"
#include "ui/train/run_history.h"
#include "ui/train/train_view.h"

#include "core/io/checkpoint_file.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"

#include "tests/support/mnist_loader.h"
#include "tests/support/sanitizer_slack.h"

#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <memory>

using State = TrainingController::State;

namespace {

nnlab::TrainConfig smallRun()
{
    nnlab::TrainConfig c;
    c.net.sizes = {784, 30, 10};
    c.hyper.eta = 3.0f;
    c.hyper.momentum = 0.3f;
    c.trainingSize = 2000;
    c.epochs = 5;
    c.seed = 4;
    return c;
}

bool sameParameters(nnlab::Network a, nnlab::Network b)
{
    const auto pa = a.parameters(), pb = b.parameters();
    if (pa.size() != pb.size())
        return false;
    for (std::size_t i = 0; i < pa.size(); ++i)
        if (pa[i].size != pb[i].size || std::memcmp(pa[i].value, pb[i].value, sizeof(float) * pa[i].size) != 0)
            return false;
    return true;
}

// Starts a run far too long to finish and returns once its first checkpoint is on disk.
bool startLongRun(TrainingController& controller, const QString& file, const DatasetLoader& loader)
{
    controller.setCheckpointFile(file);
    nnlab::TrainConfig c = smallRun();
    c.epochs = 500;
    if (!controller.start(c, loader.split(nnlab::DatasetKind::Mnist)))
        return false;
    QElapsedTimer clock;
    clock.start();
    while (!QFile::exists(file) && clock.elapsed() < 60000 * kSanitizerSlack)
        QTest::qWait(10);
    return QFile::exists(file);
}

}  // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        SKIP_WITHOUT_MNIST();
        m_loader = loadedMnist();
        QVERIFY(m_loader);
    }

    void aRunThatEndsMarksItsCheckpointFinished()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        TrainingController controller;
        controller.setCheckpointFile(file);
        nnlab::TrainConfig c = smallRun();
        c.epochs = 2;
        QVERIFY(controller.start(c, m_loader->split(nnlab::DatasetKind::Mnist)));
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Idle, int(60000 * kSanitizerSlack));
        const nnlab::Checkpoint checkpoint = nnlab::loadCheckpoint(file.toStdString());
        QVERIFY(checkpoint.finished);
        QCOMPARE(int(checkpoint.state.history.size()), 2);

        // ... and so is nothing to offer.
        TrainView view(m_loader.get());
        QVERIFY(!view.enableCheckpoints(file));
        QVERIFY(view.resumeBanner()->isHidden());
    }

    void stoppingMarksItFinishedToo()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        TrainingController controller;
        QVERIFY(startLongRun(controller, file, *m_loader));
        controller.stop();
        QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Idle, int(10000 * kSanitizerSlack));
        QVERIFY(nnlab::loadCheckpoint(file.toStdString()).finished);
    }

    // The window closes mid-run (stopAndWait, as ~TrainView does): next time the Train view
    // offers the run, and Resume finishes it with the uninterrupted run's exact weights.
    void anInterruptedRunIsOfferedAndResumesToTheSameWeights()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        // Long enough that the run is still going when the GUI has heard of epoch 2, even when a
        // busy machine delays the GUI thread by a second or more.
        nnlab::TrainConfig c = smallRun();
        c.epochs = 25;
        {
            TrainingController controller;
            controller.setCheckpointFile(file);
            int epochs = 0;
            connect(&controller, &TrainingController::epochFinished, this, [&] { ++epochs; });
            QVERIFY(controller.start(c, m_loader->split(nnlab::DatasetKind::Mnist)));
            QTRY_VERIFY_WITH_TIMEOUT(epochs >= 2, int(60000 * kSanitizerSlack));
            controller.stopAndWait();
        }
        const nnlab::Checkpoint left = nnlab::loadCheckpoint(file.toStdString());
        QVERIFY(!left.finished);
        QVERIFY(left.state.epoch - 1 >= 2 && left.state.epoch - 1 < c.epochs);

        TrainView view(m_loader.get());
        QVERIFY(view.enableCheckpoints(file));
        QVERIFY(!view.resumeBanner()->isHidden());
        QVERIFY(view.resumeBanner()->text().contains("interrupted"));
        QVERIFY(view.resumeBanner()->text().contains("of 25"));
        view.resumeBanner()->resumeButton()->click();
        QVERIFY(!view.presetPanel()->currentPreset());   // a custom configuration stays custom
        QVERIFY(view.resumeBanner()->isHidden());
        QVERIFY(view.controller()->isActive());
        const RunRecord* run = view.history()->selectedRun();
        QVERIFY(run);
        QVERIFY(int(run->epochs.size()) >= left.state.epoch - 1);   // the history is back in the plots
        QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), State::Idle, int(60000 * kSanitizerSlack));
        QCOMPARE(int(run->epochs.size()), c.epochs);
        QVERIFY(run->summary && run->summary->reason == nnlab::StopReason::Completed);
        QVERIFY(run->network);

        nnlab::Trainer unbroken(c, *m_loader->split(nnlab::DatasetKind::Mnist));
        unbroken.run();
        QVERIFY(sameParameters(*run->network, unbroken.network()));
        QVERIFY(nnlab::loadCheckpoint(file.toStdString()).finished);
    }

    // A run of one of the book's presets comes back under that preset, the book's figure beside it.
    void aPresetRunComesBackAsThatPreset()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        const nnlab::TrainConfig c = nnlab::findPreset("ch1-784-30-10")->config;
        {
            struct StopAtOnce : nnlab::TrainingObserver {
                nnlab::Trainer* trainer = nullptr;
                void miniBatchFinished(const nnlab::MiniBatchReport&) override { trainer->stop(); }
            } stopper;
            nnlab::Trainer trainer(c, *m_loader->split(nnlab::DatasetKind::Mnist));
            stopper.trainer = &trainer;
            trainer.setObserver(&stopper);
            trainer.setCheckpointWriter([&](const nnlab::TrainingState& s) {
                nnlab::saveCheckpoint(file.toStdString(), {c, s, false});
            });
            trainer.run();
        }
        TrainView view(m_loader.get());
        QVERIFY(view.enableCheckpoints(file));
        QVERIFY(view.resumeBanner()->text().contains("mini-batch 1"));
        view.resumeBanner()->resumeButton()->click();
        QVERIFY(view.presetPanel()->currentPreset());
        QCOMPARE(view.presetPanel()->currentPreset()->name, std::string("ch1-784-30-10"));
        QVERIFY(view.controller()->isActive());
        view.controller()->stopAndWait();
    }

    void discardForgetsTheRun()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        {
            TrainingController controller;
            QVERIFY(startLongRun(controller, file, *m_loader));
            controller.stopAndWait();
        }
        TrainView view(m_loader.get());
        QVERIFY(view.enableCheckpoints(file));
        view.resumeBanner()->discardButton()->click();
        QVERIFY(!QFile::exists(file));
        QVERIFY(!view.controller()->isActive());
    }

    void aDamagedCheckpointIsNotOffered()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.ckpt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"nnlab-checkpoint\", \"version\": 1, \"fini");
        f.close();
        TrainView view(m_loader.get());
        QVERIFY(!view.enableCheckpoints(file));
        QVERIFY(view.resumeBanner()->isHidden());
        QVERIFY(QFile::exists(file));   // kept for the user to look at
    }

private:
    std::unique_ptr<DatasetLoader> m_loader;
};

QTEST_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
