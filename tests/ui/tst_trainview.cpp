// tst_trainview.cpp — the Train view's controls on real MNIST: presets fill the controls,
// invalid combinations disable Start, the buttons and shortcuts drive a run, η changes while it
// runs, runs overlay, models save and load, metrics export as CSV, settings persist, and
// missing data is explained.
#include "ui/bridge/dataset_loader.h"
#include "ui/shell/main_window.h"
#include "ui/bridge/training_controller.h"
#include "ui/common/data_error_panel.h"
#include "ui/train/architecture_panel.h"
#include "ui/train/csv_export.h"
#include "ui/train/epoch_table.h"
#include "ui/train/gradient_plot.h"
#include "ui/train/hyperparameter_panel.h"
#include "ui/train/metric_plot.h"
#include "ui/train/number_spin_box.h"
#include "ui/train/preset_panel.h"
#include "ui/train/resume_banner.h"
#include "ui/train/run_history.h"
#include "ui/train/train_session.h"
#include "ui/train/train_view.h"
#include "ui/train/training_progress_bar.h"

#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "core/train/presets.h"

#include "tests/support/mnist_loader.h"
#include "tests/support/sanitizer_slack.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

#include <algorithm>
#include <memory>

using nnlab::TrainConfig;
using State = TrainingController::State;

namespace {

constexpr int runTimeoutMs = int(60000 * kSanitizerSlack);

TrainConfig smallRun(int trainingSize, int epochs)
{
    TrainConfig c = nnlab::findPreset("ch1-784-30-10")->config;
    c.trainingSize = trainingSize;
    c.epochs = epochs;
    return c;
}

template <typename T>
T* child(const QWidget& parent, const char* name)
{
    T* w = parent.findChild<T*>(name);
    if (!w)
        qWarning("no child named %s", name);
    return w;
}

}  // namespace

class TestTrainView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);   // QSettings away from the user's own
        QSettings().clear();
        SKIP_WITHOUT_MNIST();
        m_loader = loadedMnist();
        QVERIFY(m_loader);
    }

    void presetFillsTheControls_data()
    {
        QTest::addColumn<QString>("name");
        for (const nnlab::Preset& p : nnlab::presets())
            QTest::newRow(p.name.c_str()) << QString::fromStdString(p.name);
    }

    void presetFillsTheControls()
    {
        QFETCH(QString, name);
        const nnlab::Preset& preset = *nnlab::findPreset(name.toStdString());
        TrainView view(m_loader.get());
        view.selectPreset("");   // Custom first, so that choosing the preset is a change
        QVERIFY(view.selectPreset(name));

        QCOMPARE(child<QLineEdit>(view, "layersEdit")->text(), ArchitecturePanel::formatLayers(preset.config.net));
        QCOMPARE(child<QLineEdit>(view, "layersEdit")->cursorPosition(), 0);   // shown from "784,"
        QCOMPARE(child<QCheckBox>(view, "shiftsCheck")->isChecked(), preset.config.expansion.shifts);
        QCOMPARE(child<QComboBox>(view, "costCombo")->currentData().toInt(), int(preset.config.net.cost));
        QCOMPARE(child<QComboBox>(view, "initCombo")->currentData().toInt(), int(preset.config.init));
        QCOMPARE(float(child<NumberSpinBox>(view, "etaSpin")->value()), preset.config.hyper.eta);
        QCOMPARE(float(child<NumberSpinBox>(view, "lambdaSpin")->value()), preset.config.hyper.lambda);
        QCOMPARE(child<QSpinBox>(view, "epochsSpin")->value(), preset.config.epochs);
        QCOMPARE(child<QSpinBox>(view, "trainingSizeSpin")->value(), preset.config.trainingSize);
        QCOMPARE(child<QSpinBox>(view, "batchSpin")->value(), preset.config.miniBatchSize);
        const auto config = view.config();
        QVERIFY(config);
        QCOMPARE(nnlab::describe(*config), nnlab::describe(preset.config));
        // The book's figure beside the preset.
        const QString note = child<QLabel>(view, "presetNote")->text();
        QVERIFY2(note.contains(QString::fromStdString(preset.bookNote).toHtmlEscaped()), qPrintable(note));
        QVERIFY(!note.contains("changed"));
        child<QSpinBox>(view, "epochsSpin")->setValue(preset.config.epochs + 1);
        QVERIFY(child<QLabel>(view, "presetNote")->text().contains("changed"));
    }

    // Chapter 6's net: each layer's output shape and the parameter count, beside the layers.
    // Chapter 6's 25,000 mini-batches an epoch make the progress line too long for a narrow bar:
    // it then shows the numbers alone, and the whole line as its tooltip; widened, the whole line.
    void progressLineFitsTheBar()
    {
        TrainingProgressBar bar;
        bar.resize(300, 24);
        bar.show();
        bar.begin(40);
        bar.setProgress({1, 14750, 25000, 0.03f});
        const int room = bar.contentsRect().width();
        QVERIFY2(bar.fontMetrics().horizontalAdvance(bar.format()) <= room, qPrintable(bar.format()));
        QCOMPARE(bar.format(), QString("Epoch 1/40 · 14,750/25,000"));
        QCOMPARE(bar.toolTip(), QString("Epoch 1 of 40 · mini-batch 14,750 of 25,000 · η = 0.03"));

        bar.resize(1000, 24);
        QCOMPARE(bar.format(), QString("Epoch 1 of 40 · mini-batch 14,750 of 25,000 · η = 0.03"));
        QVERIFY(bar.toolTip().startsWith("Epoch and mini-batch of the run"));

        // A pause shows as asked for until the trainer has reached it (after an epoch's evaluation).
        bar.setPaused(true);
        QVERIFY2(bar.format().startsWith("Pausing… · Epoch 1 of 40"), qPrintable(bar.format()));
        bar.setPauseReached(true);
        QVERIFY2(bar.format().startsWith("Paused · Epoch 1 of 40"), qPrintable(bar.format()));
        bar.setPaused(false);
        bar.setPaused(true);   // a new pause is asked for again
        QVERIFY2(bar.format().startsWith("Pausing… · "), qPrintable(bar.format()));
        bar.setPaused(false);

        // The epoch's evaluation, after its last mini-batch, until its report comes.
        bar.setProgress({1, 25000, 25000, 0.03f});
        QCOMPARE(bar.format(), QString("Epoch 1 of 40 · all 25,000 mini-batches done · evaluating…"));
        bar.resize(300, 24);
        QCOMPARE(bar.format(), QString("Epoch 1/40 · evaluating…"));
        bar.setEpochEvaluated(1);
        QCOMPARE(bar.format(), QString("Epoch 1/40 · 25,000/25,000"));
        bar.resize(1000, 24);
        QCOMPARE(bar.format(), QString("Epoch 1 of 40 · mini-batch 25,000 of 25,000 · η = 0.03"));

        bar.showMessage("Press Start");   // a message stays itself, whatever the width
        bar.resize(300, 24);
        QCOMPARE(bar.format(), QString("Press Start"));
    }

    void layerShapesAndParameterCount()
    {
        nnlab::NetworkSpec spec;
        QVERIFY(ArchitecturePanel::parseLayers("784, conv20x5, pool2, conv40x5, pool2, 100, 10", spec).isEmpty());
        // 20·25 + 20, 40·500 + 40, 640·100 + 100, 100·10 + 10
        QCOMPARE(ArchitecturePanel::describeShapes(spec),
                 QString("784 → 20×24×24 → 20×12×12 → 40×8×8 → 40×4×4 → 100 → 10 · %L1 parameters").arg(85670));
        spec = nnlab::NetworkSpec{{784, 30, 10}};
        QCOMPARE(ArchitecturePanel::describeShapes(spec), QString("784 → 30 → 10 · %L1 parameters").arg(23860));
        TrainView view(m_loader.get());
        auto* layers = child<QLineEdit>(view, "layersEdit");
        layers->setText("784, conv4x5, pool2, 10");
        QCOMPARE(child<QLabel>(view, "layerShapes")->text(),
                 QString("784 → 4×24×24 → 4×12×12 → 10 · %L1 parameters").arg(4 * 26 + 576 * 10 + 10));
        layers->setText("784, conv4x5, pool5, 10");   // 24 doesn't split into 5×5 blocks: that, instead
        QVERIFY2(child<QLabel>(view, "layerShapes")->text().startsWith("⚠ layers: "),
                 qPrintable(child<QLabel>(view, "layerShapes")->text()));
    }

    // The layer editor asks the core's limits (network_limits.h), as --net and the model loaders
    // do: one past a limit shows the very line they give, under the field and as the reason Start
    // is disabled; the largest network allowed shows its shapes, measured rather than built.
    void layerLimitsAreTheCoresOwn_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::newRow("parameters") << "784, 31447, 10";
        QTest::newRow("maps") << "784, conv4097x5, pool2, 10";
        QTest::newRow("kernel") << "784, conv20x65, 10";
        QTest::newRow("pool") << "784, pool65, 10";
        QTest::newRow("neurons") << "784, 100001, 10";
        QTest::newRow("layers") << "784" + QString(", 10").repeated(1001);
    }

    void layerLimitsAreTheCoresOwn()
    {
        QFETCH(QString, layers);
        QString expected;
        try {
            nnlab::NetworkSpec spec;
            nnlab::parseArchitecture(QString(layers).remove(' ').toStdString(), spec);
            nnlab::validate(spec);
        } catch (const std::invalid_argument& e) {
            expected = QString::fromStdString(e.what());
        }
        QVERIFY(!expected.isEmpty());
        TrainView view(m_loader.get());
        child<QLineEdit>(view, "layersEdit")->setText(layers);
        const QString shown = child<QLabel>(view, "layerShapes")->text();
        QCOMPARE(shown, QString("⚠ layers: %1").arg(expected));
        QVERIFY2(view.problemText().endsWith(expected), qPrintable(view.problemText()));
        QVERIFY(!child<QPushButton>(view, "startButton")->isEnabled());

        child<QLineEdit>(view, "layersEdit")->setText("784, 31446, 10");   // 420 parameters under the limit
        QCOMPARE(child<QLabel>(view, "layerShapes")->text(),
                 QString("784 → 31446 → 10 · %L1 parameters").arg(24999580));
        QVERIFY(view.problemText().isEmpty());
    }

    void everyControlExplainsItself()
    {
        TrainView view(m_loader.get());
        int controls = 0;
        for (QWidget* w : view.findChildren<QWidget*>()) {
            if (!qobject_cast<QAbstractSpinBox*>(w) && !qobject_cast<QComboBox*>(w) && !qobject_cast<QLineEdit*>(w) &&
                !qobject_cast<QAbstractButton*>(w))
                continue;
            if (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget()) ||
                qobject_cast<QTabBar*>(w->parentWidget()))
                continue;   // Qt's own parts: a spin box's line edit, a tab bar's scroll arrows
            if (w->objectName().isEmpty() || w->objectName().startsWith("qt_"))
                continue;
            ++controls;
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName() + " has no tooltip"));
        }
        QVERIFY(controls >= 20);
        // In the book's notation.
        QVERIFY(child<NumberSpinBox>(view, "etaSpin")->toolTip().contains("η"));
        QVERIFY(child<NumberSpinBox>(view, "lambdaSpin")->toolTip().contains("λ"));
        QVERIFY(child<NumberSpinBox>(view, "momentumSpin")->toolTip().contains("μ"));
        QVERIFY(child<QSpinBox>(view, "batchSpin")->toolTip().contains("<b>m</b>"));
        QVERIFY(child<QSpinBox>(view, "trainingSizeSpin")->toolTip().contains("<b>n</b>"));
    }

    void invalidCombinationDisablesStart()
    {
        TrainView view(m_loader.get());
        view.selectPreset("ch1-784-30-10");
        auto* start = child<QPushButton>(view, "startButton");
        auto* problem = child<QLabel>(view, "problemLabel");
        QVERIFY(start->isEnabled());
        QVERIFY(problem->isHidden());

        auto* output = child<QComboBox>(view, "outputCombo");
        output->setCurrentIndex(output->findData(int(nnlab::Activation::Softmax)));   // softmax + quadratic
        QVERIFY(!start->isEnabled());
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains("quadratic cost does not go with a softmax"), qPrintable(problem->text()));

        auto* cost = child<QComboBox>(view, "costCombo");
        cost->setCurrentIndex(cost->findData(int(nnlab::Cost::LogLikelihood)));
        QVERIFY(start->isEnabled());
        QVERIFY(problem->isHidden());

        auto* layers = child<QLineEdit>(view, "layersEdit");
        // What is wrong with the layers shows under their field, in red, where the user types (not
        // only in the disabled Start button's tooltip, nor at the foot of a scrolled panel).
        view.resize(1024, 640);
        view.show();
        auto* under = child<QLabel>(view, "layerShapes");
        layers->setText("784, thirty, 10");
        QVERIFY(!start->isEnabled());
        QVERIFY2(view.problemText().contains("thirty"), qPrintable(view.problemText()));
        QVERIFY2(under->text().contains("'thirty' is not a layer"), qPrintable(under->text()));
        QVERIFY(under->isVisible());
        QVERIFY(problem->isHidden());   // said once, under the field
        const QPoint fieldBottom = layers->mapTo(&view, QPoint(0, layers->height()));
        const QPoint reasonTop = under->mapTo(&view, QPoint(0, 0));
        QVERIFY(reasonTop.y() >= fieldBottom.y() && reasonTop.y() - fieldBottom.y() < 20);
        QVERIFY(under->visibleRegion().boundingRect().height() >= under->height() - 1);   // not scrolled away
        layers->setText("100, 30, 10");
        QVERIFY(!start->isEnabled());
        QVERIFY2(under->text().contains("784"), qPrintable(under->text()));
        layers->setText("784, conv4x5, pool5, 10");   // 24 doesn't split into 5×5 blocks
        QVERIFY(!start->isEnabled());
        QVERIFY2(under->text().startsWith("⚠ layers: "), qPrintable(under->text()));
        layers->setText("[784 30 30 10]");
        QVERIFY(start->isEnabled());
        QVERIFY2(under->text().contains("parameters"), qPrintable(under->text()));
        QCOMPARE(view.config()->net.sizes, (std::vector<int>{784, 30, 30, 10}));
    }

    void buttonsStartPauseResumeStop()
    {
        TrainView view(m_loader.get());
        view.show();
        view.setConfig(smallRun(50000, 30));
        auto* start = child<QPushButton>(view, "startButton");
        auto* pause = child<QPushButton>(view, "pauseButton");
        auto* stop = child<QPushButton>(view, "stopButton");
        QVERIFY(start->isEnabled() && !pause->isEnabled() && !stop->isEnabled());

        QTest::mouseClick(start, Qt::LeftButton);
        QCOMPARE(view.controller()->state(), State::Running);
        QVERIFY(!start->isEnabled() && pause->isEnabled() && stop->isEnabled());
        QVERIFY(!child<QSpinBox>(view, "epochsSpin")->isEnabled());   // defines the run
        QVERIFY(child<NumberSpinBox>(view, "etaSpin")->isEnabled());   // live
        const RunRecord* run = view.history()->selectedRun();
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.size() > 10, int(10000 * kSanitizerSlack));

        // Epoch, mini-batch, η and the time left.
        auto* progress = child<QProgressBar>(view, "trainingProgress");
        QTRY_VERIFY_WITH_TIMEOUT(progress->format().contains(" left"), int(10000 * kSanitizerSlack));
        // The whole line, in the bar or (a narrow bar) as its tooltip.
        const QString line = progress->format().contains("mini-batch") ? progress->format() : progress->toolTip();
        // (or, between an epoch's last mini-batch and its report, that it is being evaluated)
        QVERIFY2(line.contains(QRegularExpression(
                     R"(^Epoch \d+ of 30 · (mini-batch [\d,]+ of 5,000 · η = 3|all 5,000 mini-batches done · evaluating…) · (\d+ min )?\d+ s left$)")),
                 qPrintable(line));
        QVERIFY(progress->value() > 0);

        QTest::mouseClick(pause, Qt::LeftButton);
        QCOMPARE(view.controller()->state(), State::Paused);
        QCOMPARE(pause->text(), QString("Resume"));
        // "Pausing…" until the trainer has stopped between two mini-batches, then "Paused".
        QTRY_VERIFY_WITH_TIMEOUT(view.controller()->trainerWaiting(), int(10000 * kSanitizerSlack));
        QVERIFY2(progress->format().startsWith("Paused · Epoch"), qPrintable(progress->format()));
        const size_t atPause = run->samples.size();
        QTest::qWait(300);
        QCOMPARE(run->samples.size(), atPause);

        QTest::mouseClick(pause, Qt::LeftButton);
        QCOMPARE(view.controller()->state(), State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.size() > atPause + 10, int(10000 * kSanitizerSlack));

        QTest::mouseClick(stop, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), State::Idle, int(5000 * kSanitizerSlack));
        QVERIFY(run->summary);
        QCOMPARE(run->summary->reason, nnlab::StopReason::Stopped);
        QVERIFY(start->isEnabled() && !pause->isEnabled() && !stop->isEnabled());
        QVERIFY(view.summaryText().contains("Stopped by request"));
    }

    void shortcutsStartPauseResumeStop()
    {
        TrainView view(m_loader.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        view.setConfig(smallRun(50000, 30));
        child<QPushButton>(view, "startButton")->setFocus();

        QTest::keyClick(&view, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(view.controller()->state(), State::Running);
        QTest::keyClick(&view, Qt::Key_Space);
        QCOMPARE(view.controller()->state(), State::Paused);
        QTest::keyClick(&view, Qt::Key_Space);
        QCOMPARE(view.controller()->state(), State::Running);
        QTest::keyClick(&view, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), State::Idle, int(5000 * kSanitizerSlack));
        QCOMPARE(view.history()->count(), 1);

        // Space typed into the layer sizes is text, not a pause.
        auto* layers = child<QLineEdit>(view, "layersEdit");
        layers->setFocus();
        layers->setText("784,");
        QTest::keyClicks(layers, " 30, 10");
        QCOMPARE(layers->text(), QString("784, 30, 10"));
        QCOMPARE(view.controller()->state(), State::Idle);
    }

    // η typed into its spin box while training reaches the trainer: the mini-batch metrics show it.
    void liveEtaChangeShowsInTheMetrics()
    {
        TrainView view(m_loader.get());
        view.setConfig(smallRun(50000, 30));
        view.start();
        const RunRecord* run = view.history()->selectedRun();
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.size() > 20, int(10000 * kSanitizerSlack));
        auto* eta = child<NumberSpinBox>(view, "etaSpin");
        eta->setValue(0.25);
        // Samples reach the view some mini-batches after the trainer made them (they are drained in
        // batches), so wait for the first sample made with the new η rather than for a count.
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.back().eta == 0.25f, int(10000 * kSanitizerSlack));
        const size_t changedAt = run->samples.size();
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.size() > changedAt + 20, int(10000 * kSanitizerSlack));
        view.stop();
        QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), State::Idle, int(5000 * kSanitizerSlack));

        QCOMPARE(run->samples.front().eta, 3.0f);
        QCOMPARE(run->samples.back().eta, 0.25f);
        // η is 3 up to the change, then 0.25 from some mini-batch on, never back.
        size_t first = 0;
        while (run->samples[first].eta == 3.0f)
            ++first;
        QVERIFY(first >= 20);
        for (size_t i = first; i < run->samples.size(); ++i)
            QCOMPARE(run->samples[i].eta, 0.25f);
        QCOMPARE(run->config.hyper.eta, 3.0f);   // the run's configuration is what it started with

        // ...and its record lists the change: where it took effect, and what the Runs list and
        // the plots say about it.
        QCOMPARE(int(run->changes.size()), 1);
        const nnlab::HyperparameterChange& change = run->changes.front();
        QCOMPARE(change.parameter, nnlab::LiveHyperparameter::Eta);
        QCOMPARE(change.from, 3.0f);
        QCOMPARE(change.to, 0.25f);
        QCOMPARE(change.batchesPerEpoch, 5000);
        // The first sample with the new η is the block holding the change's mini-batch.
        const nnlab::MiniBatchSample& firstNew = run->samples[first];
        QVERIFY(change.epochPosition() < firstNew.epochPosition);
        QVERIFY(first == 0 || run->samples[first - 1].epochPosition <= change.epochPosition());
        const QString listed = view.history()->tree()->topLevelItem(0)->text(2);
        QVERIFY2(listed.contains(QString("η = 3 → 0.25 (epoch %1)").arg(change.epoch)), qPrintable(listed));
        for (MetricPlot* plot : {view.costPlot(), view.accuracyPlot()}) {
            const auto* line = plot->findChild<QCPItemStraightLine*>("hyperparameterChange");
            QVERIFY2(line, qPrintable(plot->title()));
            QCOMPARE(line->point1->coords().x(), change.epochPosition());
            QCOMPARE(line->point2->coords().x(), change.epochPosition());
            const auto* label = plot->findChild<QCPItemText*>("hyperparameterChangeLabel");
            QVERIFY(label);
            QCOMPARE(label->text(), QString("η = 0.25"));
            QCOMPARE(label->position->coords().x(), change.epochPosition());
        }
    }

    void runsAreKeptAndOverlaid()
    {
        TrainView view(m_loader.get());
        view.resize(1024, 640);
        view.show();
        view.setConfig(smallRun(2000, 3));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        TrainConfig second = smallRun(2000, 1);   // a short run after a longer one
        second.hyper.eta = 0.5f;
        view.setConfig(second);
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);

        QCOMPARE(view.history()->count(), 2);
        QCOMPARE(view.history()->selectedRun()->config.hyper.eta, 0.5f);
        const QTreeWidget* list = view.history()->tree();
        QVERIFY(list->topLevelItem(1)->text(2).contains("η = 3"));   // its configuration, from describe()
        QVERIFY(list->topLevelItem(0)->text(2).contains("η = 0.5"));

        auto graphNames = [&] {
            QStringList names;
            for (int i = 0; i < view.accuracyPlot()->graphCount(); ++i)
                names << view.accuracyPlot()->graph(i)->name();
            return names;
        };
        QVERIFY2(graphNames().contains("Run 1 · test"), qPrintable(graphNames().join('|')));
        const auto* overlay = view.accuracyPlot()->graph(int(graphNames().indexOf("Run 1 · test")));
        QCOMPARE(overlay->pen().style(), Qt::DashLine);
        QCOMPARE(overlay->data()->size(), 3);

        // The axes fit the selected run: 1 epoch, not the 3 of the run overlaid; the y axis fits
        // what is visible of both.
        for (TrainingPlot* plot : view.plots())
            QCOMPARE(plot->xAxis->range().upper, 1.0);
        double lowest = 100.0;
        for (const RunRecord* r : {view.history()->run(1), view.history()->run(2)})
            for (const nnlab::EpochReport& e : r->epochs)
                if (e.epoch <= 1)
                    lowest = std::min({lowest, 100 * e.training.accuracy, 100 * e.validation.accuracy,
                                       100 * e.test.accuracy});
        QVERIFY(view.accuracyPlot()->yAxis->range().lower <= lowest);
        QVERIFY(view.accuracyPlot()->yAxis->range().lower >= lowest - 2.0);

        // Each run's swatch in the list is the colour it is drawn in: the selected run solid in
        // the sets' colours, an overlaid run dashed in its own.
        const auto swatchAt = [list](int row, int x) {
            const QIcon icon = list->topLevelItem(row)->icon(0);
            return QColor(icon.pixmap(12, 12).toImage().pixel(x, 6));
        };
        const auto pen = [](TrainingPlot* plot, const QString& name) {
            for (int i = 0; i < plot->graphCount(); ++i)
                if (plot->graph(i)->name() == name)
                    return plot->graph(i)->pen().color();
            return QColor();
        };
        QCOMPARE(swatchAt(1, 6), pen(view.costPlot(), "Run 1 · training"));
        QCOMPARE(swatchAt(1, 6), pen(view.accuracyPlot(), "Run 1 · test"));
        QCOMPARE(swatchAt(0, 1), pen(view.accuracyPlot(), "training"));
        QCOMPARE(swatchAt(0, 5), pen(view.accuracyPlot(), "validation"));
        QCOMPARE(swatchAt(0, 9), pen(view.accuracyPlot(), "test"));
        view.history()->select(1);   // swapped: Run 1 solid, Run 2 in its own colour
        QCOMPARE(swatchAt(1, 1), pen(view.accuracyPlot(), "training"));
        QCOMPARE(swatchAt(0, 6), pen(view.costPlot(), "Run 2 · training"));
        QCOMPARE(view.costPlot()->xAxis->range().upper, 3.0);
        view.history()->select(2);

        // Every legend entry whole, inside its plot, at this size and a narrower one.
        for (int width : {1024, 800}) {
            view.resize(width, 640);
            QTest::qWait(50);
            // The figures of the epoch table whole (never "0.…"), if need be scrolled sideways.
            const EpochTable* table = view.epochTable();
            for (int column = 0; column < table->columnCount(); ++column) {
                const QString text = table->item(0, column)->text();
                QVERIFY2(table->columnWidth(column) >= table->fontMetrics().horizontalAdvance(text),
                         qPrintable(QString("column %1 (%2 px) cuts %3").arg(column).arg(table->columnWidth(column)).arg(text)));
            }
            for (TrainingPlot* plot : view.plots()) {
                plot->replot();
                // The title and the line under it: broken into lines, never cut at the plot's edges.
                for (int row : {0, 1}) {
                    const auto* heading = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(row, 0));
                    QVERIFY(heading);
                    for (const QString& line : heading->text().split('\n'))
                        QVERIFY2(QFontMetrics(heading->font()).horizontalAdvance(line) <= plot->width(),
                                 qPrintable(line));
                }
                for (int i = 0; i < plot->legend->itemCount(); ++i) {
                    const QCPAbstractLegendItem* item = plot->legend->item(i);
                    if (!item)
                        continue;   // an empty cell of the legend's grid
                    const QRect r = item->outerRect();
                    QVERIFY2(r.width() >= item->minimumOuterSizeHint().width() && r.right() < plot->width(),
                             qPrintable(QString("%1 at %2 px: legend entry %3 is %4 px wide at x = %5, needs %6")
                                            .arg(plot->title()).arg(plot->width()).arg(i).arg(r.width()).arg(r.left())
                                            .arg(item->minimumOuterSizeHint().width())));
                }
            }
        }
        view.history()->setChecked(1, false);
        QVERIFY(!graphNames().contains("Run 1 · test"));
        // The table follows the selected run.
        view.history()->select(1);
        QCOMPARE(view.epochTable()->rowCount(), 3);
        QCOMPARE(view.epochTable()->item(2, 6)->text(),
                 QString::number(100 * view.history()->run(1)->epochs[2].test.accuracy, 'f', 2));
    }

    // With L2 the epoch's training cost includes (λ/2n)Σw² and the mini-batch line does not: the
    // legend says which is which, and that is what the numbers are.
    void regularisedCostsSayWhichIsWhich()
    {
        TrainView view(m_loader.get());
        TrainConfig c = smallRun(1000, 1);
        c.hyper.lambda = 5.0f;
        view.setConfig(c);
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        QStringList names;
        for (int i = 0; i < view.costPlot()->graphCount(); ++i)
            names << view.costPlot()->graph(i)->name();
        QVERIFY2(names.contains("mini-batches: C₀ alone"), qPrintable(names.join('|')));
        QVERIFY2(names.contains("training: C₀ + (λ/2n)Σw²"), qPrintable(names.join('|')));
        QVERIFY2(names.contains("validation: C₀ + (λ/2n)Σw²"), qPrintable(names.join('|')));

        const RunRecord* run = view.history()->selectedRun();
        const nnlab::Dataset training = m_loader->split(nnlab::DatasetKind::Mnist)->training.slice(0, 1000);
        const double c0 = nnlab::evaluate(*run->network, training).cost;
        const double term = 0.5 * (5.0 / 1000) * run->network->sumOfSquaredWeights();
        QVERIFY(std::abs(run->epochs[0].training.cost - (c0 + term)) < 1e-4 * (c0 + term));
        qInfo("λ = 5, n = 1,000: epoch training cost %.3f = C₀ %.3f + λ term %.3f; last mini-batches %.3f",
              run->epochs[0].training.cost, c0, term, run->samples.back().cost);

        // Without a regularisation term, the plain names.
        view.setConfig(smallRun(1000, 1));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        names.clear();
        for (int i = 0; i < view.costPlot()->graphCount(); ++i)
            names << view.costPlot()->graph(i)->name();
        QVERIFY2(names.contains("training, mini-batches") && names.contains("training"), qPrintable(names.join('|')));
    }

    // η = 500 saturates every neuron: the run ends at chance, and the view says so (core's rule).
    void aRunAtChanceSaysSo()
    {
        TrainView view(m_loader.get());
        TrainConfig c = smallRun(1000, 2);
        c.hyper.eta = 500.0f;
        view.setConfig(c);
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        const QString summary = view.summaryText();
        QVERIFY2(summary.contains("Not learning") && summary.contains("Accuracy at chance") &&
                     summary.contains("after 2 epochs") && summary.contains("η = 500 may be too large"),
                 qPrintable(summary));
        QVERIFY(view.history()->tree()->topLevelItem(0)->text(0).endsWith("(at chance)"));
        QVERIFY2(child<QProgressBar>(view, "trainingProgress")->format().contains("at chance"),
                 qPrintable(child<QProgressBar>(view, "trainingProgress")->format()));

        view.setConfig(smallRun(1000, 2));   // η = 3 learns: no such word
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        QVERIFY2(!view.summaryText().contains("chance"), qPrintable(view.summaryText()));
        QVERIFY(!view.history()->tree()->topLevelItem(0)->text(0).contains("chance"));
    }

    // In a 1024×640 window (the view beside the navigation list, under the menu bar) the run bar's
    // controls sit side by side, none overlapping another or cut off; likewise at 1280×680.
    void runBarFitsSmallWindows()
    {
        TrainView view(m_loader.get());
        qInfo("the view needs at least %d×%d", view.minimumSizeHint().width(), view.minimumSizeHint().height());
        QVERIFY(view.minimumSizeHint().width() <= 1024 - 220);
        QVERIFY(view.minimumSizeHint().height() <= 640 - 70);
        for (const QSize size : {QSize(1024 - 220, 640 - 70), QSize(1280 - 220, 680 - 70)}) {
            view.resize(size);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QList<QWidget*> controls;
            for (const char* name : {"startButton", "pauseButton", "stopButton", "trainingProgress", "modelButton",
                                     "exportButton"})
                controls << child<QWidget>(view, name);
            for (int i = 0; i < controls.size(); ++i) {
                const QRect a(controls[i]->mapTo(&view, QPoint(0, 0)), controls[i]->size());
                QVERIFY2(view.rect().contains(a), qPrintable(controls[i]->objectName() + " is cut off"));
                QVERIFY2(a.width() >= controls[i]->minimumSizeHint().width(),
                         qPrintable(controls[i]->objectName() + " is squeezed"));
                for (int j = i + 1; j < controls.size(); ++j) {
                    const QRect b(controls[j]->mapTo(&view, QPoint(0, 0)), controls[j]->size());
                    QVERIFY2(!a.intersects(b), qPrintable(controls[i]->objectName() + " overlaps " +
                                                          controls[j]->objectName()));
                }
            }
        }
    }

    // Banners that come and go (the offer to resume, a run's summary) never move the run bar.
    void bannersDoNotPushTheRunBar()
    {
        TrainView view(m_loader.get());
        view.resize(1024, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto* start = child<QPushButton>(view, "startButton");
        const QPoint before = start->mapTo(&view, QPoint(0, 0));
        nnlab::Checkpoint interrupted;
        interrupted.config = smallRun(1000, 3);
        interrupted.state.epoch = 2;
        view.resumeBanner()->offer(interrupted);
        QTest::qWait(20);
        QVERIFY(view.resumeBanner()->isVisible());
        QCOMPARE(start->mapTo(&view, QPoint(0, 0)), before);
        view.resumeBanner()->hide();
        view.setConfig(smallRun(1000, 1));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        QVERIFY(!view.summaryText().isEmpty());
        QTest::qWait(20);
        QCOMPARE(start->mapTo(&view, QPoint(0, 0)), before);
    }

    // Quitting while a network trains asks first, says the run can be resumed, and Cancel keeps
    // it training.
    void quittingDuringARunAsksFirst()
    {
        QTemporaryDir dir;
        MainWindow window;
        auto* train = window.findChild<TrainView*>();
        QVERIFY(train);
        QVERIFY(!train->enableCheckpoints(dir.filePath("run.ckpt")));
        window.show();
        train->setConfig(smallRun(50000, 30));
        train->start();
        QTRY_VERIFY_WITH_TIMEOUT(train->controller()->state() == State::Running, runTimeoutMs);

        QString asked;
        const auto answer = [&asked](QMessageBox::StandardButton button) {
            auto* poll = new QTimer;
            QObject::connect(poll, &QTimer::timeout, poll, [&asked, poll, button] {
                auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
                if (!box)
                    return;
                asked = box->text() + ' ' + box->informativeText();
                box->button(button)->click();
                poll->deleteLater();
            });
            poll->start(20);
        };
        answer(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY2(asked.contains("training") && asked.contains("resume"), qPrintable(asked));
        QVERIFY(window.isVisible());
        QCOMPARE(train->controller()->state(), State::Running);
        const RunRecord* run = train->history()->selectedRun();
        const size_t samples = run->samples.size();
        QTRY_VERIFY_WITH_TIMEOUT(run->samples.size() > samples, int(10000 * kSanitizerSlack));

        asked.clear();
        answer(QMessageBox::Yes);
        QVERIFY(window.close());
        QVERIFY(!asked.isEmpty());
    }

    void saveAndLoadRoundTrip()
    {
        QTemporaryDir dir;
        TrainView view(m_loader.get());
        view.setConfig(smallRun(5000, 2));
        QString error;
        QVERIFY(!view.saveModelTo(dir.filePath("none.json"), &error));   // nothing trained yet
        QVERIFY(error.contains("no trained network"));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        const RunRecord* trained = view.history()->selectedRun();

        const QString path = dir.filePath("ch1.json");
        QVERIFY2(view.saveModelTo(path, &error), qPrintable(error));
        const nnlab::Network reread = nnlab::loadModel(path.toStdString());
        QCOMPARE(nnlab::serialiseModel(reread), nnlab::serialiseModel(*trained->network));

        QVERIFY2(view.loadModelFrom(path, &error), qPrintable(error));
        QCOMPARE(view.history()->count(), 2);
        const RunRecord* loaded = view.history()->selectedRun();
        QVERIFY(loaded->isLoadedModel());
        QCOMPARE(loaded->name, QString("ch1.json"));
        // Its test accuracy is measured off the GUI thread (seconds for a convnet), then shown.
        QTRY_VERIFY_WITH_TIMEOUT(loaded->loadedTest, int(30000 * kSanitizerSlack));
        QVERIFY(!view.session()->isEvaluatingModel());
        // The same weights classify the test set exactly as the trained network did.
        QCOMPARE(loaded->loadedTest->accuracy, trained->summary->finalTestAccuracy);
        QVERIFY(view.history()->tree()->currentItem()->text(1).contains(
            QString::number(100 * trained->summary->finalTestAccuracy, 'f', 2)));

        // A file that is not a model: the engine's one-line FileError.
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"sizes\": [784, 10]");
        bad.close();
        QVERIFY(!view.loadModelFrom(bad.fileName(), &error));
        QVERIFY2(error.startsWith(bad.fileName()) && !error.contains('\n'), qPrintable(error));
        QCOMPARE(view.history()->count(), 2);
    }

    void csvExportHasOneRowPerEpoch()
    {
        QTemporaryDir dir;
        TrainView view(m_loader.get());
        view.setConfig(smallRun(3000, 3));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        const RunRecord* run = view.history()->selectedRun();
        QCOMPARE(int(run->epochs.size()), 3);

        const QString path = dir.filePath("run-1.csv");
        QString error;
        QVERIFY2(view.exportCsvTo(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QString("epoch,seconds,eta,training_cost,training_accuracy,validation_cost,"
                                   "validation_accuracy,test_cost,test_accuracy,bias_gradient_norm_1,"
                                   "bias_gradient_norm_2"));
        for (int i = 0; i < 3; ++i) {
            const nnlab::EpochReport& e = run->epochs[i];
            const QStringList cells = lines[i + 1].split(',');
            QCOMPARE(cells.size(), 11);
            QCOMPARE(cells[0].toInt(), i + 1);
            QCOMPARE(cells[1].toDouble(), e.seconds);
            QCOMPARE(cells[2].toFloat(), e.eta);
            QCOMPARE(cells[3].toDouble(), e.training.cost);
            QCOMPARE(cells[4].toDouble(), e.training.accuracy);
            QCOMPARE(cells[5].toDouble(), e.validation.cost);
            QCOMPARE(cells[6].toDouble(), e.validation.accuracy);
            QCOMPARE(cells[7].toDouble(), e.test.cost);
            QCOMPARE(cells[8].toDouble(), e.test.accuracy);
            QCOMPARE(cells[9].toDouble(), e.biasGradientNorms[0]);
            QCOMPARE(cells[10].toDouble(), e.biasGradientNorms[1]);
        }
        // Atomic: a failed write leaves no partial file behind and reports the path.
        QVERIFY(!view.exportCsvTo(dir.filePath("no/such/folder/run.csv"), &error));
        QVERIFY2(error.contains("no/such/folder"), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run-1.csv"});
    }

    void plotsExportAsPngAndPdf()
    {
        QTemporaryDir dir;
        TrainView view(m_loader.get());
        view.resize(1280, 800);
        view.show();
        view.setConfig(smallRun(2000, 2));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        for (TrainingPlot* plot : view.plots()) {
            const QString png = dir.filePath(plot->objectName() + ".png");
            const QString pdf = dir.filePath(plot->objectName() + ".pdf");
            QVERIFY(plot->exportTo(png));
            QVERIFY(plot->exportTo(pdf));
            const QImage image(png);
            QCOMPARE(image.width(), 2 * plot->width());
            QFile f(pdf);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.read(5) == "%PDF-");
        }
        QString error;
        QVERIFY(!view.costPlot()->exportTo(dir.filePath("cost.gif"), &error));
        QVERIFY(error.contains(".png or .pdf"));
    }

    void everyPlotHasTitledAxesAndALegend()
    {
        TrainView view(m_loader.get());
        view.setConfig(smallRun(2000, 2));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(!view.controller()->isActive(), runTimeoutMs);
        QCOMPARE(view.costPlot()->yAxis->label(), QString("cost C"));
        QCOMPARE(view.accuracyPlot()->yAxis->label(), QString("accuracy (%)"));
        QVERIFY(view.gradientPlot()->yAxis->label().contains("log scale"));
        QCOMPARE(view.gradientPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        for (TrainingPlot* plot : view.plots()) {
            QCOMPARE(plot->xAxis->label(), QString("epoch"));
            QVERIFY(plot->legend->visible() && plot->legend->itemCount() >= 2);
            QVERIFY(plot->title().contains("ch. "));
        }
        // The book's reference line spans the axis, dashed.
        const auto* book = view.accuracyPlot()->findChild<QCPGraph*>("bookReference");
        QVERIFY(book);
        QCOMPARE(book->pen().style(), Qt::DashLine);
        QCOMPARE(book->data()->begin()->value, 95.42);
        QCOMPARE((book->data()->end() - 1)->key, view.accuracyPlot()->xAxis->range().upper);
    }

    // Before any run, a newcomer sees empty axes that fill their panels: accuracy 0-100%, no
    // empty legend squeezing the axes.
    void emptyPlotsFillTheirPanelsWithUsefulRanges()
    {
        TrainView view(m_loader.get());
        view.resize(1100, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(100);   // the plots' queued replots
        QCOMPARE(view.accuracyPlot()->yAxis->range().lower, 0.0);
        QCOMPARE(view.accuracyPlot()->yAxis->range().upper, 100.0);
        for (TrainingPlot* plot : view.plots()) {
            QVERIFY(!plot->legend->visible());
            const int axesWidth = plot->axisRect()->outerRect().width();
            QVERIFY2(axesWidth >= plot->width() - 2,
                     qPrintable(QString("%1: axes %2 px wide in a %3 px plot").arg(plot->title()).arg(axesWidth)
                                    .arg(plot->width())));
        }
    }

    void lastConfigurationPersists()
    {
        TrainConfig c = smallRun(1234, 7);
        c.hyper.eta = 0.125f;
        c.hyper.lambda = 2.5f;
        nnlab::parseArchitecture("784,conv20x5,pool2,40,10", c.net);
        c.expansion.shifts = true;
        c.expansion.rotationDegrees = 10.0f;
        c.net.cost = nnlab::Cost::CrossEntropy;
        c.init = nnlab::Initialisation::Scaled;
        c.seed = 42;
        {
            TrainView view(m_loader.get());
            view.selectPreset("");
            view.setConfig(c);
        }
        TrainView again(m_loader.get());
        QCOMPARE(nnlab::describe(*again.config()), nnlab::describe(c));
        QCOMPARE(again.config()->seed, 42u);
        QCOMPARE(again.presetPanel()->currentPreset(), nullptr);
    }

    void missingDataIsExplained()
    {
        QTemporaryDir empty;
        DatasetLoader loader;
        loader.setDataDir(std::filesystem::path(empty.path().toStdString()));
        TrainView view(&loader);
        view.setConfig(smallRun(1000, 1));
        view.start();
        QTRY_VERIFY_WITH_TIMEOUT(view.isShowingDataError(), int(10000 * kSanitizerSlack));
        const QString message = view.errorPanel()->message();
        QVERIFY2(message.contains("fetch"), qPrintable(message));
        QVERIFY2(message.contains(empty.path()), qPrintable(message));
        QVERIFY(!view.controller()->isActive());
        QCOMPARE(view.history()->count(), 0);
        QVERIFY(child<QPushButton>(view, "startButton")->isEnabled());   // Start retries
    }

    void cleanupTestCase()
    {
        QSettings().clear();
    }

private:
    std::unique_ptr<DatasetLoader> m_loader;
};

QTEST_MAIN(TestTrainView)
#include "tst_trainview.moc"
