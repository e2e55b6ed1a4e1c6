// The Backprop view (chapter 2): stepping the tiny network's trace shows the right equation and
// colours the diagram as the walk goes; editing a weight changes the forward values; the real
// digit's trace; the gradient check off the GUI thread; the view in the main window.
#include "ui/backprop/backprop_step_panel.h"
#include "ui/backprop/backprop_view.h"
#include "ui/backprop/gradient_check_panel.h"
#include "ui/backprop/layer_heat_strips.h"
#include "ui/backprop/network_diagram.h"
#include "ui/backprop/real_digit_panel.h"
#include "ui/backprop/tiny_net_panel.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/plotting/palette.h"
#include "ui/shell/main_window.h"

#include "core/nn/dense_layer.h"

#include "tests/support/mnist_loader.h"
#include "tests/support/sanitizer_slack.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QtTest>

#include <memory>

using namespace nnlab;

class TestBackpropView : public QObject {
    Q_OBJECT

private slots:
    // 2-3-2: forward ×2, BP1, BP2 (l = 2), BP3/BP4 for l = 3 and 2 — 8 steps; each Step shows the
    // equation it applies, Back undoes, Reset returns to the input.
    void stepsShowTheEquations()
    {
        TinyNetPanel panel;
        panel.resize(1100, 600);
        panel.show();
        BackpropStepPanel* steps = panel.stepPanel();
        QCOMPARE(steps->stepCount(), 8);
        QCOMPARE(steps->done(), 0);
        QVERIFY(steps->equationText().startsWith("Start"));
        auto* stepButton = steps->findChild<QPushButton*>("stepButton");
        auto* backButton = steps->findChild<QPushButton*>("backButton");
        QVERIFY(stepButton && backButton);
        QVERIFY(!backButton->isEnabled());

        const QStringList expected = {"Forward  zˡ = wˡ aˡ⁻¹ + bˡ,  aˡ = σ(zˡ)", "Forward  zˡ = wˡ aˡ⁻¹ + bˡ,  aˡ = σ(zˡ)",
                                      "BP1  δᴸ = ∇ₐC ⊙ σ′(zᴸ)",               "BP2  δˡ = ((wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)",
                                      "BP3  ∂C/∂bˡ = δˡ",                     "BP4  ∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ",
                                      "BP3  ∂C/∂bˡ = δˡ",                     "BP4  ∂C/∂wˡ = δˡ (aˡ⁻¹)ᵀ"};
        for (int i = 0; i < expected.size(); ++i) {
            QTest::mouseClick(stepButton, Qt::LeftButton);
            QCOMPARE(steps->done(), i + 1);
            QCOMPARE(steps->equationText(), expected[i]);
        }
        QVERIFY(!stepButton->isEnabled());
        QVERIFY(steps->stepText().contains("∂C/∂w² = δ² (a¹)ᵀ"));
        // BP2's numbers are the trace's δ².
        QTest::mouseClick(backButton, Qt::LeftButton);
        QTest::mouseClick(backButton, Qt::LeftButton);
        QTest::mouseClick(backButton, Qt::LeftButton);
        QTest::mouseClick(backButton, Qt::LeftButton);
        QCOMPARE(steps->done(), 4);
        QVERIFY(steps->stepText().contains("δ² = ((w³)ᵀ δ³) ⊙ σ′(z²)"));
        QVERIFY(steps->valuesText().contains(BackpropStepPanel::formatValues(panel.trace().delta[2])));
        steps->reset();
        QCOMPARE(steps->done(), 0);
    }

    // The diagram follows the walk: a hidden neuron is grey before the forward pass reaches it,
    // green (its activation) after, red or blue (its δ) once BP2 has given δ².
    void diagramColoursFollowTheWalk()
    {
        TinyNetPanel panel;
        panel.resize(1100, 600);
        panel.show();
        NetworkDiagram* diagram = panel.diagram();
        const QColor notYet = diagram->neuronColour(2, 0);
        panel.stepPanel()->setDone(1);   // forward into layer 2
        QTRY_COMPARE(diagram->neuronColour(2, 0), palette::activation(panel.trace().a[2](0)));
        QVERIFY(diagram->neuronColour(2, 0) != notYet);
        panel.stepPanel()->setDone(4);   // BP2: δ²
        const QColor delta = diagram->neuronColour(2, 0);
        QVERIFY(delta.red() != delta.blue());   // signed colour: red for δ > 0, blue for δ < 0
        QCOMPARE(panel.trace().delta[2](0) > 0, delta.red() > delta.blue());
    }

    // Editing w²₂₁ (through the diagram's drag signal or the spin box) changes z²₂ by Δw·x₁ and the
    // output, and keeps the walk at the step being looked at.
    void editingAWeightChangesTheForwardValues()
    {
        TinyNetPanel panel;
        panel.resize(1100, 600);
        panel.show();
        panel.stepPanel()->setDone(2);
        const Eigen::VectorXf z2 = panel.trace().z[2], a3 = panel.trace().a[3];
        const NetworkDiagram::Parameter w{2, 1, 0};
        const double before = panel.parameter(w);
        panel.setParameter(w, before + 0.5);
        QCOMPARE(float(panel.parameter(w)), float(before + 0.5));
        QVERIFY(std::abs(panel.trace().z[2](1) - z2(1) - 0.5f * panel.x()(0)) < 1e-5f);
        QCOMPARE(panel.trace().z[2](0), z2(0));
        QVERIFY((panel.trace().a[3] - a3).cwiseAbs().maxCoeff() > 1e-5f);
        QCOMPARE(panel.stepPanel()->done(), 2);
        QVERIFY(panel.stepPanel()->valuesText().contains(BackpropStepPanel::formatValues(panel.trace().a[3])));

        // Clicking an edge in the diagram picks that weight for the spin box.
        NetworkDiagram* diagram = panel.diagram();
        const QPointF middle = (diagram->neuronCentre(2, 2) + diagram->neuronCentre(3, 1)) / 2;
        QTest::mouseClick(diagram, Qt::LeftButton, {}, middle.toPoint());
        QVERIFY(diagram->selected().has_value());
        QCOMPARE(*diagram->selected(), (NetworkDiagram::Parameter{3, 1, 2}));
        auto* spin = panel.findChild<QDoubleSpinBox*>("parameterSpin");
        QVERIFY(spin && spin->isEnabled());
        spin->setValue(1.25);
        QCOMPARE(panel.parameter({3, 1, 2}), 1.25);
        const auto& layer = dynamic_cast<const DenseLayer&>(panel.network().layer(1));
        QVERIFY(std::abs(panel.trace().z[3](1) - (layer.weights().row(1).dot(panel.trace().a[2]) + layer.biases()(1))) < 1e-5f);

        // Sizes, x, y and the cost are editable; bad text is refused with a reason.
        QVERIFY(panel.setSizes("3,4,4,2"));
        QCOMPARE(panel.stepPanel()->stepCount(), 3 + 1 + 2 + 6);
        QVERIFY(!panel.setSizes("2,30,2"));
        QVERIFY(!panel.errorText().isEmpty());
        QVERIFY(panel.setInput("0.1, 0.2, 0.3"));
        QVERIFY(!panel.setInput("0.1"));
        QVERIFY(panel.setTarget("0, 1"));
        panel.setCost(Cost::CrossEntropy);
        QCOMPARE(panel.trace().cost, Cost::CrossEntropy);
        panel.stepPanel()->setDone(4);
        QVERIFY(panel.stepPanel()->stepText().contains("cancels"));
    }

    // Run all animates every remaining step.
    void runAllReachesTheEnd()
    {
        TinyNetPanel panel;
        panel.show();
        panel.stepPanel()->runAll();
        QVERIFY(panel.stepPanel()->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(panel.stepPanel()->done(), 8, int(10000 * kSanitizerSlack));
        QVERIFY(panel.stepPanel()->equationText().startsWith("BP4"));
    }

    // The gradient check of the tiny net and of 784-30-10 (grey image when MNIST is absent), off the
    // GUI thread: a row per layer with relative error below 10⁻⁴, and the book's point in words.
    void gradientCheckOffTheGuiThread()
    {
        DatasetLoader loader;
        BackpropView view(&loader);
        view.resize(1200, 800);
        GradientCheckPanel* check = view.gradientCheck();
        check->setSource(BackpropView::CheckTinyNet);
        check->check();
        QTRY_VERIFY_WITH_TIMEOUT(check->result().has_value(), int(10000 * kSanitizerSlack));
        QCOMPARE(check->table()->rowCount(), 3);   // w², w³, all
        QCOMPARE(check->result()->parameters, 3 * 2 + 3 + 2 * 3 + 2);

        check->setSource(BackpropView::CheckRealDigit);
        QElapsedTimer clock;
        clock.start();
        check->check();
        QVERIFY(check->isRunning());
        QVERIFY(clock.elapsed() < 200);   // returned at once: the work is on another thread
        QTRY_VERIFY_WITH_TIMEOUT(!check->isRunning(), int(120000 * kSanitizerSlack));
        QCOMPARE(check->result()->parameters, 784 * 30 + 30 + 30 * 10 + 10);
        QCOMPARE(check->table()->rowCount(), 3);
        for (const auto& layer : check->result()->layers)
            QVERIFY2(layer.relativeError < 1e-4, qPrintable(QString::number(layer.relativeError)));
        QVERIFY(check->result()->ratio() > 100.0);
        QVERIFY(check->summaryText().contains("47,720 forward passes"));
        QVERIFY(check->summaryText().contains("slower"));
        qInfo("%s", qPrintable(check->summaryText()));

        // Cancel stops a check part-way, and a cancelled check leaves the last result alone.
        check->check();
        check->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!check->isRunning(), int(60000 * kSanitizerSlack));
        QCOMPARE(check->result()->parameters, 23860);
    }

    // The real digit tab traces MNIST test digits through 784-30-10 and steps like the tiny net.
    void realDigitTrace()
    {
        SKIP_WITHOUT_MNIST();
        const std::unique_ptr<DatasetLoader> loaded = loadedMnist();
        QVERIFY(loaded);
        DatasetLoader& loader = *loaded;
        BackpropView view(&loader);
        view.resize(1200, 800);
        view.show();
        view.showRealDigit(true);
        RealDigitPanel* digit = view.realDigit();
        QTRY_VERIFY_WITH_TIMEOUT(digit->isReady(), int(10000 * kSanitizerSlack));
        digit->setDigit(7);
        const auto split = loader.split(DatasetKind::Mnist);
        QCOMPARE(digit->x(), Eigen::VectorXf(split->test.images.col(7)));
        QCOMPARE(digit->y()(split->test.labels[7]), 1.0f);
        BackpropStepPanel* steps = digit->stepPanel();
        QCOMPARE(steps->stepCount(), 2 + 1 + 1 + 4);
        steps->setDone(3);
        QCOMPARE(steps->equationText(), QString("BP1  δᴸ = ∇ₐC ⊙ σ′(zᴸ)"));
        QCOMPARE(digit->strips()->done(), 3);
        steps->setDone(4);   // BP2: (w³)ᵀ δ³ and δ² have 30 entries: long vectors are summarised
        QVERIFY(steps->stepText().contains("δ² = ((w³)ᵀ δ³) ⊙ σ′(z²)"));
        QVERIFY(steps->valuesText().contains("30 values"));
        steps->setDone(steps->stepCount());
        QVERIFY(steps->valuesText().contains("30 × 784 matrix"));

        // One epoch of chapter 1's SGD, in the background: the 7 is then read as a 7, at a far
        // lower cost than the fresh network's.
        const double freshCost = steps->trace().costValue;
        const auto fresh = digit->network();
        digit->setModel(RealDigitPanel::OneEpoch);
        QTRY_VERIFY_WITH_TIMEOUT(digit->network() != fresh, int(120000 * kSanitizerSlack));
        const auto& trained = steps->trace();
        Eigen::Index guess = 0;
        trained.a[3].maxCoeff(&guess);
        QCOMPARE(int(guess), int(split->test.labels[7]));
        QVERIFY(trained.costValue < freshCost / 4);

        // The built-in 784-100-10 (softmax, log-likelihood): BP1 is a − y.
        digit->setModel(RealDigitPanel::BuiltIn);
        QTRY_VERIFY_WITH_TIMEOUT(digit->network() && digit->network()->sizes()[1] == 100, int(30000 * kSanitizerSlack));
        steps->setDone(3);
        QVERIFY(steps->stepText().contains("eq. 84"));

        // The Train view's network: none until a run ends; only fully connected 784-…-10 nets.
        digit->setModel(RealDigitPanel::TrainView);
        QVERIFY(!digit->network());
        QVERIFY(!digit->isReady());
        QCOMPARE(steps->stepCount(), 0);
        std::mt19937_64 rng(5);
        digit->setLiveNetwork(std::make_shared<Network>(
            makeNetwork(NetworkSpec{{100, 20, 10}}, Initialisation::Scaled, rng)));   // not MNIST-sized
        QVERIFY(!digit->network());
        digit->setLiveNetwork(std::make_shared<Network>(
            makeNetwork(NetworkSpec{{784, 20, 20, 10}}, Initialisation::Scaled, rng)));
        QVERIFY(digit->isReady());
        QCOMPARE(steps->stepCount(), 3 + 1 + 2 + 6);
        QCOMPARE(steps->trace().sizes, (std::vector<int>{784, 20, 20, 10}));
    }

    void viewIsInTheMainWindow()
    {
        MainWindow window(std::filesystem::path("/nonexistent"));
        QVERIFY(window.showView(QStringLiteral("backprop")));
        auto* view = window.findChild<BackpropView*>();
        QVERIFY(view);
        auto* views = qobject_cast<QStackedWidget*>(view->parentWidget());
        QCOMPARE(views->currentWidget(), view);
        auto* navigation = window.findChild<QListWidget*>("navigation");
        const auto items = navigation->findItems("Backprop", Qt::MatchStartsWith);
        QCOMPARE(items.size(), 1);
        QVERIFY(items.front()->text().contains("ch. 2"));
        // Between chapter 1's Draw and chapter 3's Slowdown.
        QCOMPARE(navigation->row(items.front()), navigation->row(navigation->findItems("Draw", Qt::MatchStartsWith).front()) + 1);
    }

    // Every control of the view explains itself.
    void everyControlHasATooltip()
    {
        DatasetLoader loader;
        BackpropView view(&loader);
        for (auto* widget : view.findChildren<QAbstractButton*>())
            if (!qobject_cast<QAbstractButton*>(widget)->text().isEmpty() && widget->objectName() != "qt_tabwidget_leftbutton")
                QVERIFY2(!widget->toolTip().isEmpty() || widget->inherits("QTabBar"), qPrintable(widget->text()));
        for (auto* widget : view.findChildren<QAbstractSpinBox*>())
            QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
        for (auto* widget : view.findChildren<QLineEdit*>())
            if (!widget->parent()->inherits("QAbstractSpinBox"))
                QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
        for (auto* widget : view.findChildren<QComboBox*>())
            QVERIFY2(!widget->toolTip().isEmpty(), qPrintable(widget->objectName()));
    }
};

QTEST_MAIN(TestBackpropView)
#include "tst_backpropview.moc"
