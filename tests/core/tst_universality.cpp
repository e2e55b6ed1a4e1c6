// tst_universality.cpp — chapter 4's construction in core/universality, and chapter 1's
// perceptrons: the book's claims checked numerically, no GUI.
//
// References are independent of the code under test where it matters: bumps and towers are
// compared with the heights they were asked for, the approximation with the book's f written out
// again here, the adder with integer arithmetic, the parser with C++ expressions.
#include "core/universality/bump_construction.h"
#include "core/universality/perceptron.h"
#include "core/universality/target_function.h"
#include "core/universality/two_input_network.h"

#include <QtTest>

#include <cmath>

using namespace nnlab::universality;

namespace {

double bookF(double x)  // chapter 4's f, typed again from the book
{
    return 0.2 + 0.4 * x * x + 0.3 * x * std::sin(15 * x) + 0.05 * std::cos(50 * x);
}

// Width of the rise of a(x) = σ(wx + b) from 0.1 to 0.9: ln 81 / w for σ, measured on a grid.
double riseWidth(const OneInputNetwork& net)
{
    double from = -1, to = -1;
    for (int i = 0; i <= 200000; ++i) {
        const double x = -0.5 + 2.0 * i / 200000;
        const double a = net.output(x);
        if (from < 0 && a >= 0.1)
            from = x;
        if (to < 0 && a >= 0.9)
            to = x;
    }
    return to - from;
}

BumpConstruction bookConstruction(int n, OutputKind output, int copies = 1, double w = 10000)
{
    BumpConstruction c;
    c.bumps = equalBumps(bookFunction, n, output, copies);
    c.w = w;
    c.output = output;
    return c;
}

bool insideAnyWindow(double x, const std::vector<Interval>& windows)
{
    for (const Interval& window : windows)
        if (window.contains(x))
            return true;
    return false;
}

}  // namespace

class TestUniversality : public QObject {
    Q_OBJECT

private slots:
    void stepPositionIsMinusBOverW();
    void stepSharpnessGrowsWithW_data();
    void stepSharpnessGrowsWithW();
    void bumpIsHInsideAndZeroOutside_data();
    void bumpIsHInsideAndZeroOutside();
    void linearNeuronsCannotMakeABump();
    void deviationFallsAsNGrows();
    void sigmoidOutputWithInverseSigmoidTrick();
    void windowsOfFailureHoldTheWorstDeviationAndTheFixShrinksIt();
    void smallWBlursStepsAndWidensWindows();
    void challengeDeviationOfRandomHeightsIsLarge();
    void plotPointsResolveSharpSteps();
    void towerIsHeightInsideAndZeroOutside();
    void plateauIsHWithTower2H();
    void stepsAndBumpsInXAndY();
    void towerGridApproximatesFWithSeveralOutputs();
    void gridDeviationIsTheMeanOverCellCentres();
    void threeInputTower();
    void fastPathsAgreeWithTheDirectSums();
    void nandPerceptron();
    void adderAddsTwoBits();
    void brokenGateBreaksTheAdder();
    void formulaEvaluates_data();
    void formulaEvaluates();
    void badFormulaGivesAMessage_data();
    void badFormulaGivesAMessage();
    void drawnCurve();
};

void TestUniversality::stepPositionIsMinusBOverW()
{
    QCOMPARE(stepPosition(100, -40), 0.4);
    QCOMPARE(biasForStep(100, 0.4), -40.0);
    OneInputNetwork net;
    net.addNeuron({1000, biasForStep(1000, 0.3), 1});
    QCOMPARE(net.output(0.3), 0.5);  // σ(0): the step is half way up at s
}

void TestUniversality::stepSharpnessGrowsWithW_data()
{
    QTest::addColumn<NeuronFunction>("function");
    QTest::newRow("sigmoid") << NeuronFunction::Sigmoid;
    QTest::newRow("s(z)") << NeuronFunction::SigmoidLike;
    QTest::newRow("ReLU pair") << NeuronFunction::ReLU;
}

void TestUniversality::stepSharpnessGrowsWithW()
{
    QFETCH(NeuronFunction, function);
    double previous = 1e9;
    for (double w : {5.0, 20.0, 100.0, 1000.0}) {
        BumpConstruction c;  // one step at s = 0.5: a bump whose far edge is off to the right
        c.hidden = function;
        c.w = w;
        c.bumps = {{0.5, 100.0, 1.0}};
        const double width = riseWidth(buildNetwork(c));
        QVERIFY2(width > 0 && width < previous,
                 qPrintable(QString("w = %1: rise width %2 not below %3").arg(w).arg(width).arg(previous)));
        if (function == NeuronFunction::Sigmoid)  // exactly ln 81 / w for σ
            QVERIFY(std::abs(width - std::log(81.0) / w) < 2e-5);
        previous = width;
    }
    QVERIFY(previous < 0.005);  // w = 1000: a step
}

void TestUniversality::bumpIsHInsideAndZeroOutside_data()
{
    stepSharpnessGrowsWithW_data();
}

void TestUniversality::bumpIsHInsideAndZeroOutside()
{
    QFETCH(NeuronFunction, function);
    BumpConstruction c;
    c.hidden = function;
    c.w = 10000;
    c.bumps = {{0.3, 0.6, 0.7}};
    const OneInputNetwork net = buildNetwork(c);
    QCOMPARE(net.hiddenCount(), function == NeuronFunction::ReLU ? 4 : 2);
    const double margin = 5 * windowHalfWidth(function, c.w);
    for (int i = 0; i <= 1000; ++i) {
        const double x = i / 1000.0;
        if (std::abs(x - 0.3) < margin || std::abs(x - 0.6) < margin)
            continue;
        const bool inside = x > 0.3 && x < 0.6;
        QVERIFY2(std::abs(net.output(x) - (inside ? 0.7 : 0.0)) < 1e-6,
                 qPrintable(QString("x = %1: %2").arg(x).arg(net.output(x))));
    }
}

void TestUniversality::linearNeuronsCannotMakeABump()
{
    BumpConstruction c;
    c.hidden = NeuronFunction::Linear;
    c.w = 10;
    c.bumps = {{0.3, 0.6, 0.7}};
    const OneInputNetwork net = buildNetwork(c);
    // h·w(x − s₁) − h·w(x − s₂) = h·w·(s₂ − s₁): the same everywhere, inside and outside.
    for (double x : {0.0, 0.45, 1.0})
        QVERIFY(std::abs(net.output(x) - 0.7 * 10 * 0.3) < 1e-12);
    QVERIFY(std::isinf(windowHalfWidth(NeuronFunction::Linear, 10)));
}

void TestUniversality::deviationFallsAsNGrows()
{
    double previousChallenge = 1e9, previousFine = 1e9;
    for (int n : {5, 20, 100}) {
        const OneInputNetwork net = buildNetwork(bookConstruction(n, OutputKind::WeightedSum));
        QCOMPARE(net.hiddenCount(), 2 * n);
        const double challenge = challengeDeviation(net, bookF);
        const double fine = meanDeviation(net, bookF, uniformGrid(100000));
        qInfo("weighted sum, N = %3d, w = 10000: mean |f - a| = %.4f on x = 0, 0.01, ..., 0.99; "
              "%.4f on 100000 points",
              n, challenge, fine);
        QVERIFY(challenge < previousChallenge);
        QVERIFY(fine < previousFine);
        previousChallenge = challenge;
        previousFine = fine;
    }
    QVERIFY(previousChallenge < 0.01);
    QVERIFY(previousFine < 0.01);
}

void TestUniversality::sigmoidOutputWithInverseSigmoidTrick()
{
    double previous = 1e9;
    for (int n : {5, 20, 100}) {
        const BumpConstruction c = bookConstruction(n, OutputKind::Sigmoid);
        // Hidden heights are σ⁻¹(f(mid)) = ln(f/(1 − f)), output bias 0.
        const double mid = 0.5 / n;
        QVERIFY(std::abs(c.bumps.front().h - std::log(bookF(mid) / (1 - bookF(mid)))) < 1e-12);
        const OneInputNetwork net = buildNetwork(c);
        QCOMPARE(net.outputBias(), 0.0);
        const double challenge = challengeDeviation(net, bookF);  // mean |σ⁻¹∘f − z|
        const double book = meanDeviation(net, bookF, bookGrid());
        const double fine = meanDeviation(net, bookF, uniformGrid(100000));
        qInfo("sigmoid output, N = %3d: mean |sigma^-1(f) - z| = %.4f; mean |f - sigma(z)| = %.4f "
              "(book's grid), %.4f (100000 points)",
              n, challenge, book, fine);
        QVERIFY(challenge < previous);
        previous = challenge;
        if (n == 100) {
            QVERIFY(book < 0.01);
            QVERIFY(fine < 0.01);
        }
    }
    QVERIFY(previous < challengeSuccessThreshold);
}

void TestUniversality::windowsOfFailureHoldTheWorstDeviationAndTheFixShrinksIt()
{
    const std::vector<double> xs = uniformGrid(200000);
    double previousWorst = 1e9, previousMean = 1e9;
    for (int copies : {1, 2, 4}) {
        const BumpConstruction c = bookConstruction(100, OutputKind::Sigmoid, copies);
        const OneInputNetwork net = buildNetwork(c);
        const std::vector<Interval> windows = windowsOfFailure(c);
        const PointDeviation worst = worstDeviation(net, bookF, xs);
        const double mean = meanDeviation(net, bookF, xs);
        // The worst deviation outside every window: the staircase's own error.
        std::vector<double> outside;
        for (double x : xs)
            if (!insideAnyWindow(x, windows))
                outside.push_back(x);
        const PointDeviation worstOutside = worstDeviation(net, bookF, outside);
        qInfo("sigmoid output, N = 100, M = %d shifted copies: mean |f - a| = %.5f, worst %.4f at "
              "x = %.5f (inside a window: %s); worst outside the windows %.4f",
              copies, mean, worst.deviation, worst.x, insideAnyWindow(worst.x, windows) ? "yes" : "no",
              worstOutside.deviation);
        if (copies == 1) {
            // The largest deviation sits in a window of failure, at a step position.
            QVERIFY(insideAnyWindow(worst.x, windows));
            double nearest = 1;
            for (double s : stepPositions(c))
                nearest = std::min(nearest, std::abs(s - worst.x));
            QVERIFY(nearest <= windowHalfWidth(c.hidden, c.w));
            QVERIFY(worst.deviation > 2 * worstOutside.deviation);
        }
        QVERIFY(worst.deviation < previousWorst);
        QVERIFY(mean < previousMean);
        previousWorst = worst.deviation;
        previousMean = mean;
    }
}

void TestUniversality::smallWBlursStepsAndWidensWindows()
{
    double previousWidth = 0;
    for (double w : {10000.0, 1000.0, 100.0}) {
        BumpConstruction c = bookConstruction(10, OutputKind::WeightedSum, 1, w);
        double covered = 0;
        for (const Interval& window : windowsOfFailure(c))
            covered += window.to - window.from;
        QVERIFY(covered > previousWidth);
        previousWidth = covered;
    }
    QVERIFY(previousWidth > 0.5);  // w = 100, 11 steps: windows of ±0.046 cover most of [0, 1]
}

void TestUniversality::challengeDeviationOfRandomHeightsIsLarge()
{
    BumpConstruction c = bookConstruction(5, OutputKind::Sigmoid);
    std::mt19937 rng(7);
    randomiseHeights(c.bumps, rng, -3, 3);
    QVERIFY(challengeDeviation(buildNetwork(c), bookF) > challengeSuccessThreshold);
    // Heights at the bumps' midpoints miss the book's 0.40 with five bumps; the median of σ⁻¹∘f
    // over each bump's grid points (the heights that minimise a mean |deviation|) makes it.
    c.bumps = equalBumps(bookFunction, 5, OutputKind::Sigmoid);
    const double midpoint = challengeDeviation(buildNetwork(c), bookF);
    c.bumps = equalBumps(bookFunction, 5, OutputKind::Sigmoid, 1, HeightRule::Median);
    const double median = challengeDeviation(buildNetwork(c), bookF);
    qInfo("the book's challenge, N = 5: average deviation %.3f with midpoint heights, %.3f with "
          "median heights (success below 0.40)",
          midpoint, median);
    QVERIFY(median < midpoint);
    QVERIFY(median < challengeSuccessThreshold);
}

void TestUniversality::plotPointsResolveSharpSteps()
{
    const BumpConstruction c = bookConstruction(10, OutputKind::WeightedSum);
    const std::vector<double> xs = plotPoints(c, 1000);
    QVERIFY(std::is_sorted(xs.begin(), xs.end()));
    const double half = windowHalfWidth(c.hidden, c.w);
    for (double s : {0.3, 0.7}) {  // several points inside each (0.0009 wide) window
        const auto inside = std::count_if(xs.begin(), xs.end(), [&](double x) { return std::abs(x - s) < half; });
        QVERIFY(inside >= 5);
    }
}

void TestUniversality::towerIsHeightInsideAndZeroOutside()
{
    const Interval x{0.3, 0.6}, y{0.2, 0.5};
    const double h = 40, w = 1000, height = 0.8;
    QCOMPARE(towerThresholdBias(h), -60.0);
    const TwoInputNetwork net = towerNetwork(x, y, w, h, towerThresholdBias(h), height);
    QCOMPARE(net.w1.rows(), 4);  // four hidden neurons
    QVERIFY(net.hasTowerLayer());
    const Eigen::MatrixXd grid = net.outputGrid(100, 100);
    for (int i = 0; i < 100; ++i)
        for (int j = 0; j < 100; ++j) {
            const double px = (i + 0.5) / 100, py = (j + 0.5) / 100;
            const bool nearEdge = std::abs(px - x.from) < 0.01 || std::abs(px - x.to) < 0.01 ||
                                  std::abs(py - y.from) < 0.01 || std::abs(py - y.to) < 0.01;
            if (nearEdge)
                continue;
            const bool inside = x.contains(px) && y.contains(py);
            QVERIFY2(std::abs(grid(i, j) - (inside ? height : 0.0)) < 1e-6,
                     qPrintable(QString("(%1, %2): %3").arg(px).arg(py).arg(grid(i, j))));
        }
    // Without the threshold the tower neuron fires on the plateau too.
    const TwoInputNetwork noThreshold = towerNetwork(x, y, w, h, 0.0, height);
    QVERIFY(noThreshold.output(0.45, 0.9) > 0.99 * height);  // in the x-bump only
}

void TestUniversality::plateauIsHWithTower2H()
{
    const TwoInputNetwork net = plateauNetwork({0.3, 0.6}, {0.2, 0.5}, 0.4, 10000);
    QVERIFY(std::abs(net.output(0.45, 0.35) - 0.8) < 1e-9);  // both bumps: 2h
    QVERIFY(std::abs(net.output(0.45, 0.9) - 0.4) < 1e-9);   // x-bump only: h
    QVERIFY(std::abs(net.output(0.9, 0.35) - 0.4) < 1e-9);   // y-bump only: h
    QVERIFY(std::abs(net.output(0.9, 0.9)) < 1e-9);
}

void TestUniversality::stepsAndBumpsInXAndY()
{
    const TwoInputNetwork sx = stepNetwork(Axis::X, 0.4, 1000);
    QVERIFY(sx.output(0.3, 0.9) < 1e-9 && sx.output(0.5, 0.1) > 1 - 1e-9);
    const TwoInputNetwork sy = stepNetwork(Axis::Y, 0.4, 1000);
    QVERIFY(sy.output(0.9, 0.3) < 1e-9 && sy.output(0.1, 0.5) > 1 - 1e-9);
    const TwoInputNetwork by = bumpNetwork(Axis::Y, 0.2, 0.7, 0.5, 1000);
    QVERIFY(std::abs(by.output(0.1, 0.5) - 0.5) < 1e-9 && std::abs(by.output(0.1, 0.8)) < 1e-9);
}

void TestUniversality::towerGridApproximatesFWithSeveralOutputs()
{
    const Function2D f1 = [](double x, double y) { return 0.5 + 0.3 * std::sin(6 * x) * std::cos(5 * y); };
    const Function2D f2 = [](double x, double y) { return x * y; };
    double previous = 1e9;
    for (int n : {5, 20}) {
        const TwoInputNetwork net = towerGridNetwork({f1, f2}, n, 10000, 60);
        QCOMPARE(net.outputCount(), 2);
        QCOMPARE(net.w2.rows(), n * n);
        double deviation1 = 0, deviation2 = 0;
        const Eigen::MatrixXd g1 = net.outputGrid(97, 97, 0), g2 = net.outputGrid(97, 97, 1);
        for (int i = 0; i < 97; ++i)
            for (int j = 0; j < 97; ++j) {
                deviation1 += std::abs(g1(i, j) - f1((i + 0.5) / 97, (j + 0.5) / 97)) / (97 * 97);
                deviation2 += std::abs(g2(i, j) - f2((i + 0.5) / 97, (j + 0.5) / 97)) / (97 * 97);
            }
        qInfo("tower grid %2d x %2d, h = 60: mean |f1 - a1| = %.4f, mean |f2 - a2| = %.4f", n, n,
              deviation1, deviation2);
        // The engine's own measure (the Universality view shows it) is this sum.
        QVERIFY(std::abs(meanGridDeviation(f1, g1) - deviation1) < 1e-12);
        QVERIFY(std::abs(meanGridDeviation(f2, g2) - deviation2) < 1e-12);
        QVERIFY(deviation1 < previous);
        previous = deviation1;
        if (n == 20)
            QVERIFY(deviation1 < 0.03 && deviation2 < 0.03);
    }
}

void TestUniversality::gridDeviationIsTheMeanOverCellCentres()
{
    const Function2D f = [](double x, double y) { return x + 2 * y; };
    Eigen::MatrixXd grid(4, 3);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j)
            grid(i, j) = f((i + 0.5) / 4, (j + 0.5) / 3);
    QCOMPARE(meanGridDeviation(f, grid), 0.0);
    grid(0, 0) += 1.2;   // one cell of twelve off by 1.2
    QVERIFY(std::abs(meanGridDeviation(f, grid) - 0.1) < 1e-12);
    QCOMPARE(meanGridDeviation(f, Eigen::MatrixXd()), 0.0);
}

void TestUniversality::threeInputTower()
{
    const std::vector<Interval> box{{0.2, 0.6}, {0.3, 0.7}, {0.4, 0.8}};
    const double h = 40, w = 1000;
    QCOMPARE(nInputThresholdBias(3, h), -100.0);  // −(n − ½)h
    QVERIFY(nInputTower({0.4, 0.5, 0.6}, box, w, h) > 0.99);   // in all three bumps
    QVERIFY(nInputTower({0.9, 0.5, 0.6}, box, w, h) < 0.01);   // in two
    QVERIFY(nInputTower({0.9, 0.9, 0.6}, box, w, h) < 0.01);   // in one
    QVERIFY(nInputTower({0.9, 0.9, 0.1}, box, w, h) < 0.01);   // in none
    // Two inputs: the same rule gives the book's −3h/2.
    QCOMPARE(nInputThresholdBias(2, h), towerThresholdBias(h));
}

void TestUniversality::fastPathsAgreeWithTheDirectSums()
{
    // The batch evaluation (difference arrays) against neuron-by-neuron sums, every activation,
    // steep and blurred steps, both signs of w.
    const std::vector<double> xs = plotPoints(bookConstruction(30, OutputKind::Sigmoid), 700);
    for (NeuronFunction f : {NeuronFunction::Sigmoid, NeuronFunction::SigmoidLike, NeuronFunction::ReLU,
                             NeuronFunction::Linear})
        for (double w : {10000.0, 30.0, -500.0}) {
            BumpConstruction c = bookConstruction(30, OutputKind::Sigmoid, 2, w);
            c.hidden = f;
            const OneInputNetwork net = buildNetwork(c);
            const std::vector<double> batch = net.output(xs);
            for (size_t i = 0; i < xs.size(); ++i)
                QVERIFY2(std::abs(batch[i] - net.output(xs[i])) < 1e-9 * std::max(1.0, std::abs(batch[i])),
                         qPrintable(QString("%1, w = %2, x = %3").arg(QString::fromStdString(neuronFunctionName(f))).arg(w).arg(xs[i])));
        }
    // The separable heat map against the network evaluated cell by cell.
    const TwoInputNetwork grid = towerGridNetwork({[](double x, double y) { return x + y * y; }}, 7, 300, 20);
    const Eigen::MatrixXd fast = grid.outputGrid(31, 29);
    for (int i = 0; i < 31; ++i)
        for (int j = 0; j < 29; ++j)
            QVERIFY(std::abs(fast(i, j) - grid.output((i + 0.5) / 31, (j + 0.5) / 29)) < 1e-12);
}

void TestUniversality::nandPerceptron()
{
    const Perceptron gate = nnlab::universality::nandPerceptron();
    QCOMPARE(gate.output({0, 0}), 1);
    QCOMPARE(gate.output({0, 1}), 1);
    QCOMPARE(gate.output({1, 0}), 1);
    QCOMPARE(gate.output({1, 1}), 0);
    QCOMPARE(gate.weightedInput({1, 1}), -1.0);  // the book: (−2)·1 + (−2)·1 + 3 = −1
    QVERIFY(isNand(gate));
}

void TestUniversality::adderAddsTwoBits()
{
    for (int x1 : {0, 1})
        for (int x2 : {0, 1}) {
            const AdderState s = addBits(nnlab::universality::nandPerceptron(), x1, x2);
            QCOMPARE(2 * s.carry + s.sum, x1 + x2);
            QCOMPARE(s.sum, x1 ^ x2);
            QCOMPARE(s.carry, x1 & x2);
        }
}

void TestUniversality::brokenGateBreaksTheAdder()
{
    Perceptron gate = nnlab::universality::nandPerceptron();
    gate.b = 5;  // now fires on (1, 1) too: always 1, no longer NAND
    QVERIFY(!isNand(gate));
    const AdderState s = addBits(gate, 1, 1);
    QVERIFY(2 * s.carry + s.sum != 2);
}

void TestUniversality::formulaEvaluates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("expected");
    const double x = 0.3, y = 0.7;
    QTest::newRow("book's f") << "0.2 + 0.4*x^2 + 0.3*x*sin(15*x) + 0.05*cos(50*x)" << x << 0.0 << bookF(x);
    QTest::newRow("precedence") << "1 + 2*3 - 4/8" << x << 0.0 << 6.5;
    QTest::newRow("unary minus binds below ^") << "-x^2" << x << 0.0 << -(x * x);
    QTest::newRow("right-assoc power") << "2^3^2" << x << 0.0 << 512.0;
    QTest::newRow("negative exponent") << "2^-1" << x << 0.0 << 0.5;
    QTest::newRow("constants") << "pi + e" << x << 0.0 << M_PI + M_E;
    QTest::newRow("scientific") << "1e-3*x + 2.5E2" << x << 0.0 << 1e-3 * x + 250;
    QTest::newRow("functions") << "sqrt(abs(x - 1)) + exp(log(2)) + tanh(x) + tan(x)" << x << 0.0
                               << std::sqrt(std::abs(x - 1)) + 2 + std::tanh(x) + std::tan(x);
    QTest::newRow("parentheses, spaces") << " ( ( x + 1 ) * ( x - 1 ) ) " << x << 0.0 << (x + 1) * (x - 1);
    QTest::newRow("two inputs") << "0.5 + 0.3*sin(6*x)*cos(5*y)" << x << y
                                << 0.5 + 0.3 * std::sin(6 * x) * std::cos(5 * y);
    QTest::newRow("upper case") << "SIN(X)" << x << 0.0 << std::sin(x);
}

void TestUniversality::formulaEvaluates()
{
    QFETCH(QString, text);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, expected);
    const Formula::Result result = Formula::parse(text.toStdString(), true);
    QVERIFY2(result.ok(), result.error.c_str());
    QVERIFY(result.error.empty());
    QVERIFY(std::abs((*result.formula)(x, y) - expected) < 1e-12);
}

void TestUniversality::badFormulaGivesAMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << "  " << 1 << "empty";
    QTest::newRow("implicit product") << "2x" << 2 << "missing operator";
    QTest::newRow("no parentheses") << "sin x" << 5 << "parentheses";
    QTest::newRow("unclosed") << "(x + 1" << 1 << "missing ')'";
    QTest::newRow("unmatched") << "x)" << 2 << "unmatched ')'";
    QTest::newRow("unknown function") << "foo(x)" << 1 << "unknown name 'foo'";
    QTest::newRow("y in one input") << "x + y" << 5 << "use x, not y";
    QTest::newRow("ends early") << "x +" << 4 << "ends too early";
    QTest::newRow("leading operator") << "*x" << 1 << "unexpected '*'";
    QTest::newRow("two dots") << "1..2" << 3 << "unexpected '.'";
    QTest::newRow("bad character") << "x # 2" << 3 << "unexpected '#'";
    QTest::newRow("lonely dot") << "." << 1 << "not a number";
    QTest::newRow("too long") << QString(1001, '(') << 1 << "too long";
}

void TestUniversality::badFormulaGivesAMessage()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(QString, says);
    const Formula::Result result = Formula::parse(text.toStdString(), false);
    QVERIFY(!result.ok());
    QVERIFY2(QString::fromStdString(result.error).contains(says), result.error.c_str());
    QCOMPARE(result.column, column);
}

void TestUniversality::drawnCurve()
{
    SampledCurve curve(101, [](double x) { return x; });
    QVERIFY(std::abs(curve(0.505) - 0.505) < 1e-12);  // linear interpolation
    curve.drawSegment(0.6, 0.9, 0.2, 0.1);             // right to left works too
    QVERIFY(std::abs(curve(0.4) - 0.5) < 1e-12);
    QVERIFY(std::abs(curve(0.1) - 0.1) < 1e-12);       // untouched
    QVERIFY(std::abs(curve(0.8) - 0.8) < 1e-12);
    QCOMPARE(curve(-1.0), curve(0.0));                  // clamped to [0, 1]
}

QTEST_APPLESS_MAIN(TestUniversality)
#include "tst_universality.moc"
