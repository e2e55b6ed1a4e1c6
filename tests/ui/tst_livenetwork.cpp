// The Train view's network, shared with the views that show one (ui/bridge/live_network.h): a
// copy at most once a second while a run learns, one after each epoch, and the final network;
// in the window, Draw, Inspect and Backprop subscribe themselves and end up with the trained net.
#include "ui/backprop/backprop_view.h"
#include "ui/backprop/real_digit_panel.h"
#include "ui/bridge/live_network.h"
#include "ui/bridge/training_controller.h"
#include "ui/common/model_source_selector.h"
#include "ui/draw/draw_view.h"
#include "ui/inspect/inspect_view.h"
#include "ui/shell/main_window.h"
#include "ui/train/run_history.h"
#include "ui/train/train_view.h"

#include "core/train/presets.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

namespace {

const int runTimeoutMs = int(120000 * kSanitizerSlack);

nnlab::TrainConfig smallRun(int epochs)
{
    nnlab::TrainConfig c = nnlab::findPreset("ch1-784-30-10")->config;
    c.trainingSize = 10000;
    c.epochs = epochs;
    return c;
}

}  // namespace

class TestLiveNetwork : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void copiesWhileLearningAfterEachEpochAndAtTheEnd()
    {
        TrainingController controller;
        LiveNetwork live(&controller);
        QVERIFY(!live.latest());
        QSignalSpy learning(&live, &LiveNetwork::learning);
        QSignalSpy epochs(&live, &LiveNetwork::epochFinished);
        QSignalSpy finished(&live, &LiveNetwork::finished);
        std::shared_ptr<const nnlab::Network> trained;
        connect(&controller, &TrainingController::runFinished, this,
                [&](const auto&, std::shared_ptr<const nnlab::Network> net) { trained = net; });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(controller.start(smallRun(3), sharedMnist()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, runTimeoutMs);
        const double seconds = clock.elapsed() / 1000.0;
        QVERIFY2(epochs.count() == 2 || epochs.count() == 3, qPrintable(QString::number(epochs.count())));   // the last epoch's net is finished's
        QVERIFY(learning.count() >= 1);
        // At most one copy a second while it learns (the first at once).
        QVERIFY2(learning.count() <= int(seconds * 1000 / LiveNetwork::learningIntervalMs) + 1,
                 qPrintable(QString("%1 copies in %2 s").arg(learning.count()).arg(seconds)));
        QVERIFY(trained);
        QCOMPARE(finished.first().at(0).value<std::shared_ptr<const nnlab::Network>>(), trained);
        QCOMPARE(live.latest(), trained);
    }

    void theViewsThatShowANetworkFollowTheTrainView()
    {
        MainWindow window;
        auto* train = window.findChild<TrainView*>();
        auto* draw = window.findChild<DrawView*>();
        auto* inspect = window.findChild<InspectView*>();
        auto* backprop = window.findChild<BackpropView*>();
        QVERIFY(train && draw && inspect && backprop);
        train->setConfig(smallRun(2));
        train->start();
        QTRY_VERIFY_WITH_TIMEOUT(train->history()->count() == 1 && !train->controller()->isActive(), runTimeoutMs);
        const std::shared_ptr<const nnlab::Network> trained = train->history()->selectedRun()->network;
        QVERIFY(trained);

        draw->modelSource()->setSource(ModelSourceSelector::TrainView);
        QTRY_COMPARE_WITH_TIMEOUT(draw->modelSource()->network(), trained, 5000);
        inspect->modelSelector()->setSource(ModelSourceSelector::TrainView);
        QCOMPARE(inspect->modelSelector()->network(), trained);
        backprop->realDigit()->setModel(RealDigitPanel::TrainView);
        QTRY_COMPARE_WITH_TIMEOUT(backprop->realDigit()->network(), trained, 5000);
    }
};

QTEST_MAIN(TestLiveNetwork)
#include "tst_livenetwork.moc"
