// tst_universalityview.cpp — the Universality view driven as a person would: handles dragged with
// the mouse on the plots (pixel positions from the axes' coordToPixel), targets typed and drawn,
// the controls set, and the numbers that come out checked against the book's formulas.
#include "ui/shell/main_window.h"
#include "ui/universality/adder_diagram.h"
#include "ui/universality/bump_panel.h"
#include "ui/universality/deviation_gauge.h"
#include "ui/universality/draggable_plot.h"
#include "ui/universality/formula_edit.h"
#include "ui/universality/formula_text.h"
#include "ui/universality/hidden_neuron_model.h"
#include "ui/universality/neuron_panel.h"
#include "ui/universality/parameter_slider.h"
#include "ui/universality/perceptron_panel.h"
#include "ui/universality/tower_panel.h"
#include "ui/universality/universality_view.h"

#include "tests/support/one_view.h"
#include "tests/support/sanitizer_slack.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QTableWidget>
#include <QTabWidget>
#include <QtTest>

#include <cmath>

using namespace nnlab::universality;

namespace {

QPoint toPoint(const QPointF& p)
{
    return {static_cast<int>(std::lround(p.x())), static_cast<int>(std::lround(p.y()))};
}

// Drags with the mouse from `from` to `to` on the plot, in a few moves as a hand would.
void drag(QWidget* plot, QPoint from, QPoint to)
{
    QTest::mousePress(plot, Qt::LeftButton, {}, from);
    for (int i = 1; i <= 4; ++i)
        QTest::mouseMove(plot, from + (to - from) * i / 4);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
}

double coordsPerPixel(QCPAxis* axis)
{
    return std::abs(axis->pixelToCoord(1) - axis->pixelToCoord(0));
}

}  // namespace

class TestUniversalityView : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void draggingAStepMovesTheBiasAsMinusWS();
    void draggingABumpChangesItsHeightAndTheDeviation();
    void autoConstructImprovesWithN();
    void shiftedCopiesShrinkTheError();
    void smallWWidensTheWindows();
    void linearNeuronsFail();
    void resetRandomisesHeights();
    void typedFormulaWithInlineError();
    void drawnTarget();
    void singleNeuronStepDrag();
    void twoNeuronBumpDrag();
    void towerHeatMap();
    void towerEdgeDragMovesTheStepNeuron();
    void towerGridWithTwoOutputs();
    void perceptronsAndAdder();
    void viewIsInTheMainWindow();
    void largestSettingsStayResponsive();
    void signedValuesInFormulas();
    void bumpCaptionShowsTheSigns();
    void captionFollowsAutoConstruct();
    void stackedPlotsShareTheirXAxes();
    void sliderScaleBothWays();
    void sliderHandleStaysUnderThePointer();
    void pagesFitSmallAndLargeScreens();

private:
    UniversalityView* m_view = nullptr;
};

void TestUniversalityView::init()
{
    m_view = new UniversalityView;
    m_view->resize(1090, 760);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void TestUniversalityView::cleanup()
{
    delete m_view;
    m_view = nullptr;
}

void TestUniversalityView::draggingAStepMovesTheBiasAsMinusWS()
{
    BumpPanel* panel = m_view->bumpPanel();
    DraggablePlot* plot = panel->weightedPlot();
    plot->replot();  // lay out the axes, so coordToPixel is where the handles are drawn
    const double w = panel->construction().w;
    QCOMPARE(w, 1000.0);
    QCOMPARE(panel->construction().bumps.size(), size_t(5));

    // Step handle 2 is the step at s = 0.4, shared by bump 2's down step and bump 3's up step:
    // hidden neurons 3 and 4 (0-based), both with b = −w·0.4 = −400 now.
    QCOMPARE(panel->network().neuron(3).b, -400.0);
    const QPoint from = toPoint(plot->handlePixel(2));
    const double target = 0.47;
    const QPoint to(toPoint({plot->xAxis->coordToPixel(target), 0}).x(), from.y());
    drag(plot, from, to);

    const double s = panel->construction().bumps[1].s2;
    QCOMPARE(panel->construction().bumps[2].s1, s);  // both ends moved together
    const double tolerance = 1.5 * coordsPerPixel(plot->xAxis);
    QVERIFY2(std::abs(s - target) < tolerance, qPrintable(QString("s = %1").arg(s)));
    for (int j : {3, 4}) {
        QCOMPARE(panel->network().neuron(j).w, w);
        QVERIFY(std::abs(panel->network().neuron(j).b - (-w * target)) < w * tolerance);  // b = −w·s
        QCOMPARE(panel->network().neuron(j).b, -w * s);
    }
    // The other steps did not move.
    QCOMPARE(panel->network().neuron(2).b, -200.0);
    QCOMPARE(panel->network().neuron(5).b, -600.0);
    // The numbers beside the plot say so.
    QVERIFY(panel->selectionLabel()->text().contains(formulaNumber(-w * s, 'g', 6)));
    auto* model = panel->findChild<HiddenNeuronModel*>();
    QVERIFY(model);
    QCOMPARE(model->data(model->index(3, HiddenNeuronModel::Bias)).toString(), QString::number(-w * s, 'g', 6));
    QVERIFY(!plot->isDragging());
}

void TestUniversalityView::draggingABumpChangesItsHeightAndTheDeviation()
{
    BumpPanel* panel = m_view->bumpPanel();
    DraggablePlot* plot = panel->weightedPlot();
    plot->replot();
    const double h = panel->construction().bumps[2].h;
    const double deviation = panel->challengeDeviation();
    const QString readout = panel->deviationLabel()->text();
    QCOMPARE(panel->gauge()->deviation(), deviation);

    const QPoint from = toPoint(plot->handlePixel(BumpPanel::heightHandleBase + 2));
    const QPoint to = from + QPoint(0, -50);  // up: a taller bump
    const double expected = plot->yAxis->pixelToCoord(to.y()) - plot->yAxis->pixelToCoord(from.y());
    drag(plot, from, to);

    const double newH = panel->construction().bumps[2].h;
    QVERIFY2(std::abs(newH - h - expected) < 1.5 * coordsPerPixel(plot->yAxis),
             qPrintable(QString("h %1 → %2, expected +%3").arg(h).arg(newH).arg(expected)));
    // Output weights of the bump's two neurons are +h and −h.
    QCOMPARE(panel->network().neuron(4).v, newH);
    QCOMPARE(panel->network().neuron(5).v, -newH);
    // Only bump 3 changed.
    QCOMPARE(panel->construction().bumps[1].h, equalBumps(bookFunction, 5, OutputKind::Sigmoid)[1].h);
    // The deviation is recomputed, shown, and matches core's.
    QVERIFY(panel->challengeDeviation() != deviation);
    QCOMPARE(panel->challengeDeviation(), challengeDeviation(panel->network(), bookFunction));
    QCOMPARE(panel->gauge()->deviation(), panel->challengeDeviation());
    QVERIFY(panel->deviationLabel()->text() != readout);
    QVERIFY(panel->deviationLabel()->text().contains(QString::number(panel->challengeDeviation(), 'f', 3)));
}

void TestUniversalityView::autoConstructImprovesWithN()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setStepWeight(10000);
    double previous = 1e9;
    for (int n : {5, 20, 100}) {
        panel->setBumpCount(n);
        QCOMPARE(panel->construction().bumps.size(), size_t(n));
        QCOMPARE(panel->network().hiddenCount(), 2 * n);
        QVERIFY(panel->challengeDeviation() < previous);
        previous = panel->challengeDeviation();
    }
    QVERIFY(panel->meanDeviation() < 0.01);
    QVERIFY(panel->weightedPlot()->handles().isEmpty());  // 100 bumps: too dense to drag
    panel->setBumpCount(10);
    QCOMPARE(panel->weightedPlot()->handles().size(), 11 + 10);  // 11 step positions, 10 heights
}

void TestUniversalityView::shiftedCopiesShrinkTheError()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setBumpCount(20);
    panel->setStepWeight(1000);
    const double one = panel->meanDeviation();
    const int windows = panel->windowCount();
    panel->setCopies(2);
    QCOMPARE(panel->construction().bumps.size(), size_t(20 + 21));
    QVERIFY(panel->meanDeviation() < one);
    QVERIFY(panel->windowCount() > windows);
    panel->setCopies(4);
    const double four = panel->meanDeviation();
    panel->setCopies(2);
    QVERIFY(four < panel->meanDeviation());
}

void TestUniversalityView::smallWWidensTheWindows()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setBumpCount(10);
    panel->setStepWeight(10000);
    const double sharp = panel->meanDeviation();
    panel->setStepWeight(30);
    QVERIFY(panel->meanDeviation() > sharp);  // blurred steps
    QVERIFY(panel->windowCount() < 11);      // windows of ±0.15 merge into few
}

void TestUniversalityView::linearNeuronsFail()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setOutputKind(OutputKind::WeightedSum);
    const double sigmoid = panel->meanDeviation();
    panel->setHiddenFunction(NeuronFunction::Linear);
    QVERIFY(panel->meanDeviation() > 10 * sigmoid);
    QCOMPARE(panel->windowCount(), 1);  // the whole of [0, 1] fails
    panel->setHiddenFunction(NeuronFunction::ReLU);
    QCOMPARE(panel->network().hiddenCount(), 4 * 5);
    QVERIFY(panel->meanDeviation() < 1.5 * sigmoid);  // ramps make steps too
    panel->setHiddenFunction(NeuronFunction::SigmoidLike);
    QVERIFY(panel->meanDeviation() < 1.5 * sigmoid);
}

void TestUniversalityView::resetRandomisesHeights()
{
    BumpPanel* panel = m_view->bumpPanel();
    const auto before = panel->construction().bumps;
    panel->randomiseHeights();
    const auto after = panel->construction().bumps;
    QCOMPARE(after.size(), before.size());
    int changed = 0;
    for (size_t j = 0; j < after.size(); ++j) {
        QCOMPARE(after[j].s1, before[j].s1);
        changed += after[j].h != before[j].h;
        QVERIFY(after[j].h >= -3 && after[j].h <= 3);
    }
    QCOMPARE(changed, 5);
}

void TestUniversalityView::typedFormulaWithInlineError()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setTargetKind(BumpPanel::TargetKind::Formula);
    FormulaEdit* edit = panel->formulaEdit();
    QVERIFY(edit->isVisible());
    edit->lineEdit()->clear();
    QTest::keyClicks(edit->lineEdit(), "0.2 + 0.6*x^2");
    QVERIFY(!edit->hasError());
    QCOMPARE(panel->target(0.5), 0.2 + 0.6 * 0.25);
    const double h = panel->construction().bumps[0].h;
    QCOMPARE(h, inverseSigmoid(0.2 + 0.6 * 0.01));  // bump 1's midpoint is x = 0.1

    QTest::keyClicks(edit->lineEdit(), " 2x");  // "… x^2 2x": a typo
    QVERIFY(edit->hasError());
    QVERIFY2(edit->errorText().contains("missing operator"), qPrintable(edit->errorText()));
    QCOMPARE(panel->target(0.5), 0.2 + 0.6 * 0.25);  // the last good formula stays
    QCOMPARE(panel->construction().bumps[0].h, h);
}

void TestUniversalityView::drawnTarget()
{
    BumpPanel* panel = m_view->bumpPanel();
    panel->setTargetKind(BumpPanel::TargetKind::Drawn);
    QCOMPARE(panel->target(0.3), bookFunction(0.3));  // starts from the curve that was there
    DraggablePlot* plot = panel->outputPlot();
    plot->replot();
    QVERIFY(plot->isDrawingEnabled());
    const int y = static_cast<int>(std::lround(plot->yAxis->coordToPixel(0.7)));
    const int x0 = static_cast<int>(std::lround(plot->xAxis->coordToPixel(0.2)));
    const int x1 = static_cast<int>(std::lround(plot->xAxis->coordToPixel(0.4)));
    drag(plot, {x0, y}, {x1, y});
    QVERIFY(std::abs(panel->target(0.3) - 0.7) < 2 * coordsPerPixel(plot->yAxis));
    QCOMPARE(panel->target(0.9), bookFunction(0.9));  // untouched
    // The bumps follow the drawing: bump 2 (midpoint 0.3) is now σ⁻¹(0.7).
    QVERIFY(std::abs(panel->construction().bumps[1].h - inverseSigmoid(panel->target(0.3))) < 1e-9);
}

void TestUniversalityView::singleNeuronStepDrag()
{
    m_view->showPage("neuron");
    NeuronPanel* panel = m_view->neuronPanel();
    DraggablePlot* plot = panel->neuronPlot();
    plot->replot();
    panel->setStepParametrisation(true);
    QCOMPARE(panel->weight(), 1000.0);  // a large w, the step kept where it was
    QCOMPARE(panel->stepPosition(), 0.5);
    plot->replot();
    const QPoint from = toPoint(plot->handlePixel(0));
    const QPoint to(static_cast<int>(std::lround(plot->xAxis->coordToPixel(0.3))), from.y());
    drag(plot, from, to);
    QVERIFY(std::abs(panel->stepPosition() - 0.3) < 1.5 * coordsPerPixel(plot->xAxis));
    QCOMPARE(panel->bias(), -panel->weight() * panel->stepPosition());
    QVERIFY(panel->neuronReadout()->text().contains(QString::number(panel->stepPosition(), 'f', 3)));

    // Raising w sharpens; in step mode the step stays put.
    panel->setWeight(5000);
    QVERIFY(std::abs(panel->stepPosition() - 0.3) < 1.5 * coordsPerPixel(plot->xAxis));
    panel->setStepParametrisation(false);
    panel->setWeight(10);
    panel->setBias(-5);
    QCOMPARE(panel->stepPosition(), 0.5);
}

void TestUniversalityView::twoNeuronBumpDrag()
{
    m_view->showPage("neuron");
    NeuronPanel* panel = m_view->neuronPanel();
    DraggablePlot* plot = panel->pairPlot();
    plot->replot();
    const QPoint from = toPoint(plot->handlePixel(1));  // s₂
    const QPoint to(static_cast<int>(std::lround(plot->xAxis->coordToPixel(0.8))), from.y());
    drag(plot, from, to);
    QVERIFY(std::abs(panel->pairStep(1) - 0.8) < 1.5 * coordsPerPixel(plot->xAxis));
    plot->replot();
    const QPoint top = toPoint(plot->handlePixel(2));  // the height
    drag(plot, top, top + QPoint(0, -30));
    QVERIFY(panel->outputWeight(0) > 0.8);
    QCOMPARE(panel->outputWeight(1), -panel->outputWeight(0));  // still a bump
}

void TestUniversalityView::towerHeatMap()
{
    m_view->showPage("2d");
    TowerPanel* panel = m_view->towerPanel();
    panel->setMode(TowerPanel::Mode::Tower);
    QCPColorMapData* data = panel->colorMap()->data();
    int i = 0, j = 0;
    data->coordToCell(0.45, 0.52, &i, &j);  // the square is [0.3, 0.6] × [0.35, 0.7]
    const double inside = data->cell(i, j);
    data->coordToCell(0.45, 0.9, &i, &j);    // on the x-bump's plateau, outside the square
    const double outside = data->cell(i, j);
    QVERIFY(std::abs(inside - 0.8) < 1e-3);
    QVERIFY(std::abs(outside) < 1e-3);
    QVERIFY(panel->readout()->text().contains("0.800"));
    // Without the threshold bias the plateau shows through.
    panel->setMode(TowerPanel::Mode::Plateau);
    data->coordToCell(0.45, 0.9, &i, &j);
    QVERIFY(std::abs(panel->colorMap()->data()->cell(i, j) - 0.6) < 1e-3);  // h
    data->coordToCell(0.45, 0.52, &i, &j);
    QVERIFY(std::abs(panel->colorMap()->data()->cell(i, j) - 1.2) < 1e-3);  // 2h
    QVERIFY(panel->nInputText()->text().contains("n = 3"));
    QVERIFY(panel->nInputText()->text().contains("b = −100"));
}

void TestUniversalityView::towerEdgeDragMovesTheStepNeuron()
{
    m_view->showPage("2d");
    TowerPanel* panel = m_view->towerPanel();
    panel->setMode(TowerPanel::Mode::StepX);
    DraggablePlot* plot = panel->map();
    plot->replot();
    const QPoint from = toPoint(plot->handlePixel(0));
    const QPoint to(static_cast<int>(std::lround(plot->xAxis->coordToPixel(0.7))), from.y());
    drag(plot, from, to);
    const double w = panel->network().w1(0, 0);
    const double s = -panel->network().b1(0) / w;
    QCOMPARE(panel->network().w1(0, 1), 0.0);  // a step in x only
    QVERIFY(std::abs(s - 0.7) < 1.5 * coordsPerPixel(plot->xAxis));
    // Clicking the map moves the cross-section.
    QTest::mouseClick(plot, Qt::LeftButton, {},
                      toPoint({plot->xAxis->coordToPixel(0.2), plot->yAxis->coordToPixel(0.25)}));
    const double y = panel->crossSectionPlot()->graph(1)->name().section('=', 1).section(')', 0, 0).toDouble();
    QVERIFY2(std::abs(y - 0.25) < 0.011, qPrintable(panel->crossSectionPlot()->graph(1)->name()));
}

void TestUniversalityView::towerGridWithTwoOutputs()
{
    m_view->showPage("2d");
    TowerPanel* panel = m_view->towerPanel();
    panel->setMode(TowerPanel::Mode::TowerGrid);
    panel->setTowerCount(5);
    const double coarse = panel->gridDeviation(0);
    panel->setTowerCount(20);
    QCOMPARE(panel->network().outputCount(), 2);
    QCOMPARE(panel->network().w2.rows(), 400);
    QVERIFY(panel->gridDeviation(0) < coarse);
    QVERIFY(panel->gridDeviation(0) < 0.03);
    QVERIFY(panel->gridDeviation(1) < 0.03);
    panel->setShownOutput(1);
    int i = 0, j = 0;
    panel->colorMap()->data()->coordToCell(0.8, 0.8, &i, &j);
    QVERIFY(std::abs(panel->colorMap()->data()->cell(i, j) - 0.64) < 0.05);  // f₂ = xy
}

void TestUniversalityView::perceptronsAndAdder()
{
    m_view->showPage("perceptrons");
    PerceptronPanel* panel = m_view->perceptronPanel();
    QTableWidget* adder = panel->adderTable();
    for (int row = 0; row < 4; ++row)
        QCOMPARE(adder->item(row, 5)->text(), QString("✓"));
    QCOMPARE(adder->item(3, 2)->text(), QString("1"));  // 1 + 1: carry 1
    QCOMPARE(adder->item(3, 3)->text(), QString("0"));  //        sum 0
    QVERIFY(panel->verdict()->text().contains("is a NAND gate"));
    QCOMPARE(panel->diagram()->state().carry, 1);

    panel->setGate(-2, -2, 5);
    QVERIFY(panel->verdict()->text().contains("Not NAND"));
    QCOMPARE(panel->gateTable()->item(3, 4)->text(), QString("✗"));
    QCOMPARE(adder->item(3, 5)->text(), QString("✗"));

    panel->setGate(-1, -1, 1.5);  // another NAND
    for (int row = 0; row < 4; ++row)
        QCOMPARE(adder->item(row, 5)->text(), QString("✓"));
}

void TestUniversalityView::viewIsInTheMainWindow()
{
    MainWindow window;
    auto* view = window.findChild<UniversalityView*>();
    QVERIFY(view);
    auto* navigation = window.findChild<QListWidget*>("navigation");
    QVERIFY(navigation);
    QCOMPARE(navigation->findItems("Universality", Qt::MatchStartsWith).size(), 1);
    QVERIFY(view->showPage("2d"));
    QCOMPARE(view->tabs()->currentWidget(), view->towerPanel());
    QVERIFY(!view->showPage("nonsense"));
    QVERIFY(view->showPage("2d/grid"));
    QCOMPARE(view->towerPanel()->mode(), TowerPanel::Mode::TowerGrid);
    QVERIFY(!view->showPage("2d/nonsense"));
    QVERIFY(!view->showPage("1d/grid"));
    QVERIFY(view->showPage("perceptrons"));
    QCOMPARE(view->tabs()->currentWidget(), view->perceptronPanel());
}

void TestUniversalityView::largestSettingsStayResponsive()
{
    // Every change recomputes on the GUI thread; the heaviest settings must still feel live.
    BumpPanel* bumps = m_view->bumpPanel();
    bumps->setHiddenFunction(NeuronFunction::ReLU);  // 4 neurons a bump
    bumps->setCopies(8);
    QElapsedTimer timer;
    timer.start();
    bumps->setBumpCount(200);  // 8 × 201 bumps: 6432 hidden neurons
    const qint64 oneDimension = timer.elapsed();
    QCOMPARE(bumps->network().hiddenCount(), 4 * (200 + 7 * 201));
    bumps->setHiddenFunction(NeuronFunction::Sigmoid);
    timer.restart();
    bumps->setStepWeight(30);  // blurred: no shortcut for saturated neurons
    const qint64 blurred = timer.elapsed();

    TowerPanel* towers = m_view->towerPanel();
    towers->setMode(TowerPanel::Mode::TowerGrid);
    timer.restart();
    towers->setTowerCount(30);  // 900 towers
    const qint64 twoDimensions = timer.elapsed();
    qInfo("recompute: N = 200, M = 8, ReLU %lld ms; sigmoid, w = 30 %lld ms; 30 x 30 towers %lld ms",
          oneDimension, blurred, twoDimensions);
    const double bound = 1500 * kSanitizerSlack;
    QVERIFY(oneDimension < bound && blurred < bound && twoDimensions < bound);  // loose: a shared CI core
}

// "v = +h and −h" with h < 0 read "+-1.312 and −-1.312": one helper writes every signed value.
void TestUniversalityView::signedValuesInFormulas()
{
    const QString minus = QStringLiteral("\u2212");
    QCOMPARE(formulaNumber(1.312, 'f', 3, Sign::Always), QString("+1.312"));
    QCOMPARE(formulaNumber(-1.312, 'f', 3, Sign::Always), minus + "1.312");
    QCOMPARE(formulaNumber(0.0, 'f', 3, Sign::Always), QString("0.000"));
    QCOMPARE(formulaNumber(-0.0002, 'f', 3, Sign::Always), QString("0.000"));   // never "−0.000"
    QCOMPARE(formulaNumber(-0.0, 'f', 3), QString("0.000"));
    QCOMPARE(formulaNumber(-400.0, 'g', 6), minus + "400");
    QCOMPARE(formulaNumber(400.0, 'g', 6), QString("400"));
    QCOMPARE(formulaNumber(-4.0, 'g', 5, Sign::Operator), minus + " 4");
    QCOMPARE(formulaNumber(4.0, 'g', 5, Sign::Operator), QString("+ 4"));
    QCOMPARE(formulaNumber(0.0, 'g', 5, Sign::Operator), QString("+ 0"));

    // The single neuron's z = wx + b, with b negative, zero and positive.
    m_view->showPage("neuron");
    NeuronPanel* neuron = m_view->neuronPanel();
    neuron->setWeight(8);
    for (const auto& [b, written] : {std::pair{-4.0, minus + " 4"}, {0.0, QString("+ 0")}, {2.5, QString("+ 2.5")}}) {
        neuron->setBias(b);
        const QString text = neuron->neuronReadout()->text();
        QVERIFY2(text.contains("z = wx + b = 8x " + written + ";"), qPrintable(text));
    }
}

void TestUniversalityView::bumpCaptionShowsTheSigns()
{
    BumpPanel* panel = m_view->bumpPanel();
    DraggablePlot* plot = panel->weightedPlot();
    plot->replot();
    // With a sigmoid output the heights are σ⁻¹(f): bump 1's is negative (f(0.1) < ½).
    const double h = panel->construction().bumps[0].h;
    QVERIFY(h < 0);
    const QPoint at = toPoint(plot->handlePixel(BumpPanel::heightHandleBase));
    QTest::mousePress(plot, Qt::LeftButton, {}, at);
    QTest::mouseRelease(plot, Qt::LeftButton, {}, at);
    const QString text = panel->selectionLabel()->text();
    const QString minus = QStringLiteral("\u2212");
    QVERIFY2(text.contains(QString("h = %1%2").arg(minus).arg(-h, 0, 'f', 3)), qPrintable(text));
    QVERIFY2(text.contains(QString("v = %1%2 and +%2").arg(minus).arg(-h, 0, 'f', 3)), qPrintable(text));
    for (const QString& wrong : {QString("+-"), QString("+") + minus, minus + "-", minus + minus, QString("--")})
        QVERIFY2(!text.contains(wrong), qPrintable(text));
}

// The caption under "Weights and biases" describes the pressed handle's neurons; every change of
// their numbers (auto-construct, w, N) must show there, never a stale "s = 0.660".
void TestUniversalityView::captionFollowsAutoConstruct()
{
    BumpPanel* panel = m_view->bumpPanel();
    DraggablePlot* plot = panel->weightedPlot();
    plot->replot();
    // Step handle 3 is the step at s = 0.6; drag it to 0.66.
    const QPoint from = toPoint(plot->handlePixel(3));
    drag(plot, from, QPoint(toPoint({plot->xAxis->coordToPixel(0.66), 0}).x(), from.y()));
    const double dragged = panel->construction().bumps[2].s2;
    QVERIFY(std::abs(dragged - 0.66) < 0.01);
    QVERIFY(panel->selectionLabel()->text().contains("s = " + formulaNumber(dragged)));

    panel->autoConstruct();   // back to equal bumps: the step is at 0.6 again
    QVERIFY(std::abs(panel->construction().bumps[2].s2 - 0.6) < 1e-12);
    QString text = panel->selectionLabel()->text();
    QVERIFY2(text.contains("s = 0.600") && !text.contains(formulaNumber(dragged)), qPrintable(text));
    QVERIFY2(text.contains("b = −w·s = " + formulaNumber(-1000 * 0.6, 'g', 6)), qPrintable(text));

    panel->setStepWeight(30);
    text = panel->selectionLabel()->text();
    QVERIFY2(text.contains("w = 30,") && text.contains(formulaNumber(-30 * 0.6, 'g', 6)), qPrintable(text));

    // Fewer bumps: handle 3 is now another step, described afresh; too many: no handle at all.
    panel->setBumpCount(2);   // steps at 0, 0.5, 1: handle 3 is gone
    QVERIFY2(panel->selectionLabel()->text().contains("Press a handle"), qPrintable(panel->selectionLabel()->text()));
    panel->setBumpCount(BumpPanel::maxDraggableBumps + 1);
    QVERIFY(panel->selectionLabel()->text().contains("too many to drag"));
    panel->setBumpCount(5);
    QVERIFY(panel->selectionLabel()->text().contains("Press a handle"));
}

// Plots stacked in a column put x = 0 and x = 1 at the same pixels, whatever their y labels,
// a right-hand axis or a colour scale: a QCPMarginGroup across the plots.
void TestUniversalityView::stackedPlotsShareTheirXAxes()
{
    struct Stack {
        QString page;
        QCustomPlot* top;
        QCustomPlot* bottom;
    };
    const QList<Stack> stacks = {
        {"neuron", m_view->neuronPanel()->neuronPlot(), m_view->neuronPanel()->pairPlot()},
        {"1d", m_view->bumpPanel()->weightedPlot(), m_view->bumpPanel()->outputPlot()},
        {"2d/tower", m_view->towerPanel()->map(), m_view->towerPanel()->crossSectionPlot()},
        {"2d/grid", m_view->towerPanel()->map(), m_view->towerPanel()->crossSectionPlot()},
    };
    auto left = [](QCustomPlot* plot) { return plot->mapToGlobal(plot->axisRect()->rect().topLeft()).x(); };
    auto right = [](QCustomPlot* plot) { return plot->mapToGlobal(plot->axisRect()->rect().topRight()).x(); };
    for (const Stack& stack : stacks) {
        QVERIFY(m_view->showPage(stack.page));
        // Labels of different widths on the two plots' y axes.
        if (stack.page == "neuron")
            m_view->neuronPanel()->setOutputWeight(0, -2.5);
        QTRY_COMPARE(left(stack.top), left(stack.bottom));
        QTRY_COMPARE(right(stack.top), right(stack.bottom));
        QVERIFY(stack.top->axisRect()->width() > 100);
    }
    // The colour scale lies above the map, as wide as it.
    QCPColorScale* scale = nullptr;
    for (int i = 0; i < m_view->towerPanel()->map()->plotLayout()->elementCount(); ++i)
        if (auto* s = qobject_cast<QCPColorScale*>(m_view->towerPanel()->map()->plotLayout()->elementAt(i)))
            scale = s;
    QVERIFY(scale);
    QCOMPARE(scale->axis()->axisType(), QCPAxis::atTop);
    QCOMPARE(scale->rect().left(), m_view->towerPanel()->map()->axisRect()->left());
    QCOMPARE(scale->rect().right(), m_view->towerPanel()->map()->axisRect()->right());
}

void TestUniversalityView::sliderScaleBothWays()
{
    struct Case {
        double minimum, maximum;
        SliderScale::Kind kind;
        double worstStepFactor;   // the most one step of 1,000 may multiply the value by (log)
    };
    const QList<Case> cases = {
        {1, 10000, SliderScale::Kind::SignedLog, 1.0093},     // 10^(4/1000)
        {1, 100000, SliderScale::Kind::SignedLog, 1.0116},
        {1, 200, SliderScale::Kind::SignedLog, 1.0054},
        {-10000, 10000, SliderScale::Kind::SignedLog, 1.0194},   // 4 decades in 0.96 of a half
        {-1.5, 1.5, SliderScale::Kind::Linear, 0},
        {0, 1, SliderScale::Kind::Linear, 0},
    };
    for (const Case& c : cases) {
        const SliderScale scale(c.minimum, c.maximum, c.kind);
        const QString name = QString("[%1, %2]").arg(c.minimum).arg(c.maximum);
        // The ends exactly, both ways.
        QCOMPARE(scale.valueAt(0.0), c.minimum);
        QCOMPARE(scale.valueAt(1.0), c.maximum);
        QCOMPARE(scale.fraction(c.minimum), 0.0);
        QCOMPARE(scale.fraction(c.maximum), 1.0);
        QCOMPARE(scale.fraction(c.minimum - 1), 0.0);
        QCOMPARE(scale.fraction(c.maximum + 1), 1.0);
        double previous = -std::numeric_limits<double>::infinity();
        for (int i = 0; i <= ParameterSlider::sliderSteps; ++i) {
            const double t = double(i) / ParameterSlider::sliderSteps;
            const double v = scale.valueAt(t);
            QVERIFY2(v > previous, qPrintable(name + QString(": not increasing at step %1").arg(i)));
            // position → value → position
            QVERIFY2(std::abs(scale.fraction(v) - t) < 1e-9, qPrintable(name + QString(": step %1").arg(i)));
            // A small drag is a small change: one step multiplies a logarithmic value by a little.
            const double core = c.maximum * SliderScale::coreMagnitude;   // beyond the linear stretch
            if (c.kind == SliderScale::Kind::SignedLog && i > 0 && std::min(std::abs(previous), std::abs(v)) >= core)
                QVERIFY2(v / previous <= c.worstStepFactor && v / previous >= 1 / c.worstStepFactor,
                         qPrintable(name + QString(": step %1 multiplies by %2").arg(i).arg(v / previous)));
            previous = v;
        }
        // value → position → value, for values across the range.
        for (double u = 0.01; u < 1; u += 0.0731) {
            const double v = c.minimum + u * (c.maximum - c.minimum);
            QVERIFY2(std::abs(scale.valueAt(scale.fraction(v)) - v) < 1e-9 * std::max(1.0, std::abs(v)),
                     qPrintable(name + QString(": value %1").arg(v)));
        }
    }
    // Through zero: 0 in the middle, the book's w = 8 and 1000 where a log scale puts them.
    const SliderScale w(-10000, 10000, SliderScale::Kind::SignedLog);
    QCOMPARE(w.valueAt(0.5), 0.0);
    QCOMPARE(w.fraction(0.0), 0.5);
    QVERIFY(std::abs(w.fraction(-8) - (1 - w.fraction(8))) < 1e-12);   // symmetric
    // From 8 to 10,000 is log10(1250) = 3.1 of the half's 4 decades: most of the half, not a sliver.
    QVERIFY(std::abs((w.fraction(10000) - w.fraction(8)) - 0.5 * 0.96 * std::log10(1250.0) / 4) < 1e-9);
}

// Dragging the w slider: the value follows the pointer, and the view handing the value back
// (rounded to three digits, then to the spin box's decimals) never moves the handle off it.
void TestUniversalityView::sliderHandleStaysUnderThePointer()
{
    m_view->showPage("neuron");
    NeuronPanel* panel = m_view->neuronPanel();
    auto* weight = panel->findChild<ParameterSlider*>("neuronWeight");
    QVERIFY(weight);
    QSlider* slider = weight->slider();
    QTRY_VERIFY(slider->isVisible() && slider->width() > 100);
    QStyleOptionSlider option;
    option.initFrom(slider);
    option.orientation = slider->orientation();
    option.minimum = slider->minimum();
    option.maximum = slider->maximum();
    option.sliderPosition = slider->sliderPosition();
    option.sliderValue = slider->value();
    const QRect handle = slider->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, slider);
    QVERIFY(handle.isValid());

    int pointerPosition = -1;   // where the pointer put the slider (QSlider::sliderMoved)
    connect(slider, &QSlider::sliderMoved, this, [&](int p) { pointerPosition = p; });
    const double start = panel->weight();
    QCOMPARE(start, 8.0);
    QPoint at = handle.center();
    QTest::mousePress(slider, Qt::LeftButton, {}, at);
    QVERIFY(slider->isSliderDown());
    double previous = start;
    for (int step = 0; step < 40; ++step) {
        at += QPoint(step < 20 ? 2 : -2, 0);
        QTest::mouseMove(slider, at);
        QVERIFY(pointerPosition >= 0);
        QCOMPARE(slider->value(), pointerPosition);            // the handle is where the pointer is
        QCOMPARE(slider->sliderPosition(), pointerPosition);
        QCOMPARE(panel->weight(), weight->value());
        // Two pixels of drag change w by a small factor, not by a jump.
        const double factor = panel->weight() / previous;
        QVERIFY2(factor < 1.35 && factor > 1 / 1.35, qPrintable(QString("w %1 → %2").arg(previous).arg(panel->weight())));
        previous = panel->weight();
    }
    QTest::mouseRelease(slider, Qt::LeftButton, {}, at);
    QCOMPARE(slider->value(), pointerPosition);
    // Arrow keys: one step each, never stuck on a value that rounds back.
    slider->setFocus();
    const int before = slider->value();
    for (int i = 0; i < 5; ++i)
        QTest::keyClick(slider, Qt::Key_Right);
    QCOMPARE(slider->value(), before + 5);
}

// Every page in the real window at 1024×640, 1280×800 and 1920×1080: the window gets that small,
// nothing overlaps, the plots keep room to be read, and a column of controls too tall for the
// window scrolls instead of being squeezed.
void TestUniversalityView::pagesFitSmallAndLargeScreens()
{
    for (const QSize size : {QSize(1024, 640), QSize(1280, 800), QSize(1920, 1080)}) {
        MainWindow window;
        auto* view = window.findChild<UniversalityView*>();
        keepOnlyView(window, view);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString page : {"neuron", "1d", "2d/tower", "2d/grid", "perceptrons"}) {
            QVERIFY(view->showPage(page));
            QTest::qWait(30);
            const QString where = QString("%1×%2, %3").arg(size.width()).arg(size.height()).arg(page);
            QVERIFY2(window.size() == size, qPrintable(where + ": the window can't be that small"));
            const QStringList overlaps = overlappingSiblings(view);
            QVERIFY2(overlaps.isEmpty(), qPrintable(where + ": " + overlaps.join("; ")));
            const QStringList squeezed = squeezedLabels(view);
            QVERIFY2(squeezed.isEmpty(), qPrintable(where + ": " + squeezed.join("; ")));
            QWidget* current = view->tabs()->currentWidget();
            for (QCustomPlot* plot : current->findChildren<QCustomPlot*>()) {
                if (!plot->isVisible() || plot->objectName() == "deviationGauge")
                    continue;
                QVERIFY2(plot->axisRect()->width() >= 200 && plot->axisRect()->height() >= 60,
                         qPrintable(QString("%1: %2's axes are %3×%4").arg(where, plot->objectName())
                                        .arg(plot->axisRect()->width()).arg(plot->axisRect()->height())));
            }
            for (QScrollArea* scroll : current->findChildren<QScrollArea*>("controlsScroll")) {
                QWidget* controls = scroll->widget();
                QVERIFY2(controls->height() >= controls->minimumSizeHint().height(),
                         qPrintable(where + ": the controls are squeezed"));
                QVERIFY(scroll->width() >= controls->width() + scroll->verticalScrollBar()->sizeHint().width());
            }
        }
    }
}

QTEST_MAIN(TestUniversalityView)
#include "tst_universalityview.moc"
