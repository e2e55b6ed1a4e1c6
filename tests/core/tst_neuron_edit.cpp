// Editing the first layer by hand (core/inspect/neuron_edit.h): a silenced neuron is the same as
// a removed one, negating twice and scaling by 1 change nothing, painting changes exactly the
// painted weights — for a fully connected net and for convnets (whose "neurons" are filters).
#include "core/inspect/neuron_edit.h"
#include "core/io/model_file.h"
#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"
#include "core/train/evaluation.h"

#include <QtTest>

#include <algorithm>
#include <memory>
#include <random>
#include <limits>
#include <set>

using namespace nnlab;

namespace {

Network initialised(std::vector<std::unique_ptr<Layer>> layers, unsigned seed)
{
    Network net(std::move(layers), Cost::LogLikelihood);
    std::mt19937_64 rng(seed);
    initialise(net, Initialisation::Large, rng);
    return net;
}

// n_in → hidden → 10, hidden neurons σ.
std::shared_ptr<const Network> denseNet(int inputs, int hidden, unsigned seed)
{
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<DenseLayer>(inputs, hidden, Activation::Sigmoid));
    layers.push_back(std::make_unique<DenseLayer>(hidden, 10, Activation::Softmax));
    return std::make_shared<const Network>(initialised(std::move(layers), seed));
}

// 1×12×12 → conv 3×3 (`maps` filters) → pool 2 → conv 2×2 (3 filters, ReLU) → pool 2 → 10 softmax.
std::unique_ptr<Network> convConvNet(int maps, Activation first)
{
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<ConvLayer>(ImageShape{1, 12, 12}, maps, 3, first));   // maps × 10 × 10
    layers.push_back(std::make_unique<MaxPoolLayer>(ImageShape{maps, 10, 10}, 2));          // maps × 5 × 5
    layers.push_back(std::make_unique<ConvLayer>(ImageShape{maps, 5, 5}, 3, 2, Activation::ReLU));   // 3 × 4 × 4
    layers.push_back(std::make_unique<MaxPoolLayer>(ImageShape{3, 4, 4}, 2));              // 3 × 2 × 2
    layers.push_back(std::make_unique<DenseLayer>(12, 10, Activation::Softmax));
    return std::make_unique<Network>(initialised(std::move(layers), 7));
}

// 1×12×12 → conv 3×3 (`maps` filters, σ) → pool 2 → 10 softmax reading maps × 5 × 5 pixels.
std::unique_ptr<Network> convDenseNet(int maps)
{
    std::vector<std::unique_ptr<Layer>> layers;
    layers.push_back(std::make_unique<ConvLayer>(ImageShape{1, 12, 12}, maps, 3, Activation::Sigmoid));
    layers.push_back(std::make_unique<MaxPoolLayer>(ImageShape{maps, 10, 10}, 2));
    layers.push_back(std::make_unique<DenseLayer>(maps * 25, 10, Activation::Softmax));
    return std::make_unique<Network>(initialised(std::move(layers), 11));
}

// Matrix m without row `row` (rows < 0: keep all) and without columns [col, col + cols).
Eigen::MatrixXf without(const Eigen::MatrixXf& m, int row, int col = 0, int cols = 0)
{
    Eigen::MatrixXf out(m.rows() - (row >= 0 ? 1 : 0), m.cols() - cols);
    for (int r = 0, rOut = 0; r < m.rows(); ++r) {
        if (r == row)
            continue;
        for (int c = 0, cOut = 0; c < m.cols(); ++c)
            if (c < col || c >= col + cols)
                out(rOut, cOut++) = m(r, c);
        ++rOut;
    }
    return out;
}

Eigen::VectorXf without(const Eigen::VectorXf& v, int i)
{
    return without(Eigen::MatrixXf(v), i).col(0);
}

Eigen::MatrixXf outputs(const Network& net, const Eigen::MatrixXf& x)
{
    Eigen::MatrixXf a;
    net.infer(x, a);
    return a;
}

Eigen::MatrixXf inputs(int rows, unsigned seed)
{
    std::srand(seed);
    return (Eigen::MatrixXf::Random(rows, 32).array() + 1.0f) / 2.0f;   // pixels in [0, 1]
}

// Every weight and bias of a and b, in order.
std::vector<float> parametersOf(Network net)
{
    std::vector<float> all;
    for (const Parameter& p : net.parameters())
        all.insert(all.end(), p.value, p.value + p.size);
    return all;
}

const Eigen::MatrixXf& firstWeights(const Network& net)
{
    if (const auto* dense = dynamic_cast<const DenseLayer*>(&net.layer(0)))
        return dense->weights();
    return dynamic_cast<const ConvLayer&>(net.layer(0)).weights();
}

}  // namespace

class TestNeuronEdit : public QObject {
    Q_OBJECT

private slots:
    // Silencing hidden neuron j of n_in → 30 → 10 gives the outputs of the 29-neuron network
    // without it; after that, nothing done to its incoming weights changes an output.
    void silencedDenseNeuronIsARemovedOne()
    {
        const auto trained = denseNet(784, 30, 1);
        const int j = 12;
        NeuronEdits edits(trained);
        QVERIFY(edits.canSilence());
        QCOMPARE(edits.neuronCount(), 30);
        QCOMPARE(edits.imageRows(), 28);
        edits.setSilenced(j, true);
        const Network silenced = edits.apply();

        const auto& w1 = dynamic_cast<const DenseLayer&>(trained->layer(0));
        const auto& w2 = dynamic_cast<const DenseLayer&>(trained->layer(1));
        std::vector<std::unique_ptr<Layer>> layers;
        auto hidden = std::make_unique<DenseLayer>(784, 29, Activation::Sigmoid);
        hidden->weights() = without(w1.weights(), j);
        hidden->biases() = without(w1.biases(), j);
        auto output = std::make_unique<DenseLayer>(29, 10, Activation::Softmax);
        output->weights() = without(w2.weights(), -1, j, 1);
        output->biases() = w2.biases();
        layers.push_back(std::move(hidden));
        layers.push_back(std::move(output));
        const Network removed(std::move(layers), Cost::LogLikelihood);

        const Eigen::MatrixXf x = inputs(784, 3);
        const Eigen::MatrixXf expected = outputs(removed, x);
        const float gap = (outputs(silenced, x) - expected).cwiseAbs().maxCoeff();
        QVERIFY2(gap < 1e-6f, qPrintable(QString::number(gap)));
        QVERIFY((outputs(*trained, x) - expected).cwiseAbs().maxCoeff() > 1e-3f);   // j mattered

        // Its activation is irrelevant: wildly different incoming weights, identical outputs.
        edits.setScale(j, 3.0f);
        edits.setNegated(j, true);
        edits.paint(j, 14, 14, 5, 4.0f);
        QCOMPARE(outputs(edits.apply(), x), outputs(silenced, x));
        QCOMPARE(edits.changedNeurons(), std::vector<int>{j});
    }

    // A convnet's "neurons" are its first layer's filters; silencing filter j is removing it, when
    // a convolution reads the pooled maps (its channel j) and when a dense layer does (map j's
    // pixels), for a ReLU and a sigmoid first layer (σ(z) is never 0: the outgoing weights matter).
    void silencedFilterIsARemovedOne_data()
    {
        QTest::addColumn<bool>("denseReader");
        QTest::addColumn<int>("activation");
        QTest::newRow("conv reads, ReLU") << false << int(Activation::ReLU);
        QTest::newRow("conv reads, sigmoid") << false << int(Activation::Sigmoid);
        QTest::newRow("dense reads, sigmoid") << true << int(Activation::Sigmoid);
    }

    void silencedFilterIsARemovedOne()
    {
        QFETCH(bool, denseReader);
        QFETCH(int, activation);
        const int maps = 4, j = 2;
        std::shared_ptr<const Network> trained =
            denseReader ? convDenseNet(maps) : convConvNet(maps, Activation(activation));
        std::unique_ptr<Network> removed = denseReader ? convDenseNet(maps - 1) : convConvNet(maps - 1, Activation(activation));
        const auto& conv1 = dynamic_cast<const ConvLayer&>(trained->layer(0));
        auto& conv1Removed = dynamic_cast<ConvLayer&>(removed->layer(0));
        conv1Removed.weights() = without(conv1.weights(), j);
        conv1Removed.biases() = without(conv1.biases(), j);
        if (denseReader) {
            const auto& dense = dynamic_cast<const DenseLayer&>(trained->layer(2));
            auto& denseRemoved = dynamic_cast<DenseLayer&>(removed->layer(2));
            denseRemoved.weights() = without(dense.weights(), -1, j * 25, 25);   // map j: 5 × 5 pooled pixels
            denseRemoved.biases() = dense.biases();
        } else {
            const auto& conv2 = dynamic_cast<const ConvLayer&>(trained->layer(2));
            auto& conv2Removed = dynamic_cast<ConvLayer&>(removed->layer(2));
            conv2Removed.weights() = without(conv2.weights(), -1, j * 4, 4);     // channel j: 2 × 2 weights
            conv2Removed.biases() = conv2.biases();
            const auto& dense = dynamic_cast<const DenseLayer&>(trained->layer(4));
            dynamic_cast<DenseLayer&>(removed->layer(4)).weights() = dense.weights();
            dynamic_cast<DenseLayer&>(removed->layer(4)).biases() = dense.biases();
        }

        NeuronEdits edits(trained);
        QVERIFY(edits.isConvolution());
        QCOMPARE(edits.neuronCount(), maps);
        QCOMPARE(edits.weightCount(), 9);
        QCOMPARE(edits.imageRows(), 3);
        QCOMPARE(edits.imageCols(), 3);
        edits.setSilenced(j, true);
        const Network silenced = edits.apply();

        const Eigen::MatrixXf x = inputs(144, 5);
        const Eigen::MatrixXf expected = outputs(*removed, x);
        const float gap = (outputs(silenced, x) - expected).cwiseAbs().maxCoeff();
        QVERIFY2(gap < 1e-6f, qPrintable(QString::number(gap)));
        QVERIFY((outputs(*trained, x) - expected).cwiseAbs().maxCoeff() > 1e-4f);

        edits.setScale(j, 0.0f);
        edits.paint(j, 1, 1, 1, -2.0f);
        QCOMPARE(outputs(edits.apply(), x), outputs(silenced, x));
    }

    // −(−w) = w exactly: the network negated, read again and negated again is the trained one.
    void negateTwiceIsIdentity()
    {
        const auto trained = denseNet(784, 30, 2);
        NeuronEdits once(trained);
        once.setNegated(5, true);
        const auto negated = std::make_shared<const Network>(once.apply());
        QCOMPARE(Eigen::MatrixXf(firstWeights(*negated).row(5)), Eigen::MatrixXf(-firstWeights(*trained).row(5)));
        QVERIFY(parametersOf(*negated) != parametersOf(*trained));
        NeuronEdits twice(negated);
        twice.setNegated(5, true);
        QCOMPARE(parametersOf(twice.apply()), parametersOf(*trained));

        // Toggled on and off on a neuron with other changes: those changes alone.
        NeuronEdits toggled(trained), scaled(trained);
        toggled.setScale(5, 2.0f);
        toggled.setNegated(5, true);
        toggled.setNegated(5, false);
        scaled.setScale(5, 2.0f);
        QCOMPARE(parametersOf(toggled.apply()), parametersOf(scaled.apply()));
        once.setNegated(5, false);
        QVERIFY(!once.isEdited());
    }

    // Scale 1 is the trained net (and no change is listed); scale s multiplies w_j, not b_j, by s.
    void scaleOneIsIdentity()
    {
        auto trained = std::shared_ptr<const Network>(convConvNet(4, Activation::ReLU));
        NeuronEdits edits(trained);
        edits.setScale(1, 1.0f);
        QVERIFY(!edits.isEdited());
        QCOMPARE(parametersOf(edits.apply()), parametersOf(*trained));
        edits.setScale(1, 1.5f);
        edits.setScale(1, 1.0f);   // the slider back to 1: a replaced factor, not a product
        QVERIFY(!edits.isEdited());
        QCOMPARE(parametersOf(edits.apply()), parametersOf(*trained));

        edits.setScale(1, 0.5f);
        edits.setNegated(3, true);
        const Network edited = edits.apply();
        QCOMPARE(Eigen::MatrixXf(firstWeights(edited).row(1)), Eigen::MatrixXf(0.5f * firstWeights(*trained).row(1)));
        QCOMPARE(Eigen::MatrixXf(firstWeights(edited).row(3)), Eigen::MatrixXf(-firstWeights(*trained).row(3)));
        QCOMPARE(dynamic_cast<const ConvLayer&>(edited.layer(0)).biases(),
                 dynamic_cast<const ConvLayer&>(trained->layer(0)).biases());
        QCOMPARE(edits.changedNeurons(), (std::vector<int>{1, 3}));
        edits.reset(1);
        QCOMPARE(edits.changedNeurons(), std::vector<int>{3});
        edits.resetAll();
        QCOMPARE(parametersOf(edits.apply()), parametersOf(*trained));
    }

    // A brush changes the weights under it by exactly δ, and no other parameter of the network.
    void paintChangesExactlyThePaintedWeights()
    {
        const auto trained = denseNet(784, 30, 4);
        const int j = 7;
        NeuronEdits edits(trained);
        // Radius 1 at row 0, column 5: (0, 4), (0, 5), (0, 6) and (1, 5) — k = row · 28 + column.
        QCOMPARE(edits.paint(j, 0, 5, 1, 0.5f), 4);
        // Radius 2 at row 10, column 20: the 13 pixels with dy² + dx² ≤ 4, all inside the image.
        QCOMPARE(edits.paint(j, 10, 20, 2, -0.25f), 13);
        std::set<int> raised = {4, 5, 6, 33};
        std::set<int> lowered;
        for (int dy = -2; dy <= 2; ++dy)
            for (int dx = -2; dx <= 2; ++dx)
                if (std::abs(dy) + std::abs(dx) <= 2)   // |dy| + |dx| ≤ 2 is dy² + dx² ≤ 4 on the grid
                    lowered.insert((10 + dy) * 28 + 20 + dx);
        QCOMPARE(int(lowered.size()), 13);

        const Network edited = edits.apply();
        const Eigen::MatrixXf& before = firstWeights(*trained);
        const Eigen::MatrixXf& after = firstWeights(edited);
        for (int r = 0; r < before.rows(); ++r)
            for (int k = 0; k < before.cols(); ++k) {
                const float expected = r != j ? before(r, k)
                                       : raised.count(k) ? before(r, k) + 0.5f
                                       : lowered.count(k) ? before(r, k) + -0.25f
                                                          : before(r, k);
                if (after(r, k) != expected)
                    QFAIL(qPrintable(QString("w_%1,%2 = %3, expected %4").arg(r).arg(k).arg(after(r, k)).arg(expected)));
            }
        // Everything past the first layer's weights (its biases, the output layer) is untouched.
        const std::vector<float> a = parametersOf(edited), b = parametersOf(*trained);
        QVERIFY(std::equal(a.begin() + before.size(), a.end(), b.begin() + before.size(), b.end()));
        QCOMPARE(edits.weights(j), Eigen::VectorXf(after.row(j).transpose()));

        // Off the image: only the pixels on it count; setWeight sets one weight outright.
        QCOMPARE(edits.paint(j, 27, 27, 1, 1.0f), 3);
        edits.setWeight(j, 400, 0.75f);
        QCOMPARE(edits.weights(j)[400], 0.75f);
        QCOMPARE(firstWeights(edits.apply())(j, 400), 0.75f);
        // Painting on a scaled, negated neuron adds to what it shows: w' = −s·w + Δ.
        edits.setScale(j, 2.0f);
        edits.setNegated(j, true);
        QCOMPARE(edits.weights(j)[5], -2.0f * before(j, 5) + 0.5f);
    }

    // A 5 × 5 kernel of the shipped-model shape: brush pixels index (ky, kx) as the filter does.
    void paintOnAKernel()
    {
        std::vector<std::unique_ptr<Layer>> layers;
        layers.push_back(std::make_unique<ConvLayer>(ImageShape{1, 28, 28}, 20, 5, Activation::ReLU));
        layers.push_back(std::make_unique<MaxPoolLayer>(ImageShape{20, 24, 24}, 2));
        layers.push_back(std::make_unique<DenseLayer>(20 * 12 * 12, 10, Activation::Softmax));
        const auto trained = std::make_shared<const Network>(initialised(std::move(layers), 3));
        NeuronEdits edits(trained);
        QCOMPARE(edits.imageRows(), 5);
        QCOMPARE(edits.imageCols(), 5);
        QVERIFY(edits.canSilence());
        QCOMPARE(edits.paint(19, 4, 2, 0, 1.0f), 1);   // ky = 4, kx = 2: weight 22
        const Eigen::VectorXf change = edits.weights(19) - firstWeights(*trained).row(19).transpose();
        for (int k = 0; k < 25; ++k)
            QCOMPARE(change[k], k == 22 ? 1.0f : 0.0f);
        QCOMPARE(edits.weightImage(19)(4, 2), edits.weights(19)[22]);
        QCOMPARE(edits.weightImage(19)(2, 4), edits.weights(19)[14]);
    }

    // An edited network is an ordinary one: saved and read back, it has the same weights.
    void editedNetworkSavesAndLoads()
    {
        const auto trained = denseNet(784, 30, 5);
        NeuronEdits edits(trained);
        edits.setSilenced(3, true);
        edits.setScale(9, 1.5f);
        edits.paint(20, 14, 14, 3, 0.8f);
        const Network edited = edits.apply();
        const Network loaded = parseModel(serialiseModel(edited), "edited.json");
        QCOMPARE(parametersOf(loaded), parametersOf(edited));

        auto convnet = std::shared_ptr<const Network>(convConvNet(4, Activation::ReLU));
        NeuronEdits convEdits(convnet);
        convEdits.setSilenced(0, true);
        convEdits.setNegated(2, true);
        const Network editedConv = convEdits.apply();
        QCOMPARE(parametersOf(parseModel(serialiseModel(editedConv), "edited.json")), parametersOf(editedConv));
    }

    // The Inspect view classifies the test set again after every edit, and a newer edit stops the
    // older classification: a cancelled predictClasses() returns nothing.
    void predictionStopsWhenCancelled()
    {
        const auto net = denseNet(784, 30, 8);
        Dataset data;
        data.images = inputs(784, 9).replicate(1, 100);   // 3,200 examples
        data.labels.assign(data.images.cols(), 0);
        const std::vector<int> all = predictClasses(*net, data);
        QCOMPARE(int(all.size()), data.size());
        std::atomic<bool> cancelled{false};
        QCOMPARE(predictClasses(*net, data, &cancelled), all);
        cancelled = true;
        QVERIFY(predictClasses(*net, data, &cancelled).empty());
    }

    void refusals()
    {
        const auto trained = denseNet(784, 30, 6);
        NeuronEdits edits(trained);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, edits.setScale(30, 2.0f));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, edits.setNegated(-1, true));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, edits.setWeight(0, 784, 1.0f));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, edits.setScale(0, std::numeric_limits<float>::infinity()));
        QVERIFY(!edits.isEdited());

        // One layer: its neurons are the outputs, and nothing reads them to be silenced.
        std::vector<std::unique_ptr<Layer>> one;
        one.push_back(std::make_unique<DenseLayer>(784, 10, Activation::Softmax));
        NeuronEdits outputs(std::make_shared<const Network>(initialised(std::move(one), 1)));
        QVERIFY(!outputs.canSilence());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, outputs.setSilenced(0, true));
        outputs.setScale(0, 2.0f);   // the rest still works
        QVERIFY(outputs.isEdited());

        // Pooling first: no weights to edit.
        std::vector<std::unique_ptr<Layer>> pooled;
        pooled.push_back(std::make_unique<MaxPoolLayer>(ImageShape{1, 28, 28}, 2));
        pooled.push_back(std::make_unique<DenseLayer>(196, 10, Activation::Softmax));
        const auto poolFirst = std::make_shared<const Network>(initialised(std::move(pooled), 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NeuronEdits{poolFirst});
    }
};

QTEST_MAIN(TestNeuronEdit)
#include "tst_neuron_edit.moc"
