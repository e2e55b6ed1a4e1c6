// The Draw view's hidden-layer facts (core/draw/hidden_activity.h): the kept pass against a tiny
// net computed by hand and against the training pass's own z and a, firing levels, weight images
// laid out like the inputs they read, and the strongest connections onward.
#include "core/draw/hidden_activity.h"
#include "core/io/model_file.h"
#include "core/nn/dense_layer.h"

#include <QtTest>

#include <cmath>

using namespace nnlab;

namespace {

float sigmoid(float z) { return 1.0f / (1.0f + std::exp(-z)); }

// 3 inputs → 2 sigmoid → 2 softmax, every weight chosen by hand.
Network tinyNet()
{
    std::vector<std::unique_ptr<Layer>> layers;
    auto hidden = std::make_unique<DenseLayer>(3, 2, Activation::Sigmoid);
    hidden->weights() << 1.0f, -2.0f, 0.5f,
                         0.0f, 3.0f, -1.0f;
    hidden->biases() << 0.25f, -0.5f;
    auto output = std::make_unique<DenseLayer>(2, 2, Activation::Softmax);
    output->weights() << 2.0f, -0.5f,
                         -3.0f, 1.5f;
    output->biases() << 0.0f, 0.1f;
    layers.push_back(std::move(hidden));
    layers.push_back(std::move(output));
    return Network(std::move(layers), Cost::LogLikelihood);
}

// A small chapter 6 net with random weights: conv 3×5 → pool 2 → 10 ReLU → 10 softmax.
Network smallConvnet()
{
    NetworkSpec spec;
    parseArchitecture("784,conv3x5,pool2,10,10", spec);
    spec.hidden = Activation::ReLU;
    spec.output = Activation::Softmax;
    spec.cost = Cost::LogLikelihood;
    std::mt19937_64 rng(7);
    return makeNetwork(spec, Initialisation::Scaled, rng);
}

std::vector<float> someDigit(unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> ink(0.0f, 1.0f);
    std::vector<float> pixels(784, 0.0f);
    for (int y = 6; y < 22; ++y)
        for (int x = 10; x < 18; ++x)
            pixels[y * 28 + x] = ink(rng);
    return pixels;
}

}  // namespace

class TestHiddenActivity : public QObject {
    Q_OBJECT

private slots:
    // z = w·a + b and a = σ(z) of every neuron, worked out by hand (eq. 25).
    void tinyNetByHand()
    {
        const Network net = tinyNet();
        const NetworkActivity act = traceActivity(net, {1.0f, 0.5f, 2.0f});
        QCOMPARE(act.zs.size(), size_t(2));
        QCOMPARE(act.activations.size(), size_t(2));
        const float z0 = 1.0f - 1.0f + 1.0f + 0.25f, z1 = 0.0f + 1.5f - 2.0f - 0.5f;   // 1.25, −1
        QCOMPARE(act.zs[0](0), z0);
        QCOMPARE(act.zs[0](1), z1);
        QCOMPARE(act.activations[0](0), sigmoid(z0));
        QCOMPARE(act.activations[0](1), sigmoid(z1));
        const float a0 = sigmoid(z0), a1 = sigmoid(z1);
        const float o0 = 2.0f * a0 - 0.5f * a1, o1 = -3.0f * a0 + 1.5f * a1 + 0.1f;
        QVERIFY(std::abs(act.zs[1](0) - o0) < 1e-6f);
        QVERIFY(std::abs(act.zs[1](1) - o1) < 1e-6f);
        const float e0 = std::exp(o0), e1 = std::exp(o1);   // softmax (eq. 78)
        QVERIFY(std::abs(act.activations[1](0) - e0 / (e0 + e1)) < 1e-6f);
        // The classification is the one classify() gives, from the same pass.
        const Classification c = classify(net, {1.0f, 0.5f, 2.0f});
        QCOMPARE(act.classification.predicted, c.predicted);
        QCOMPARE(act.classification.probabilities, c.probabilities);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, traceActivity(net, {1.0f, 2.0f}));
    }

    // Network::inferLayers keeps what the training pass keeps: each layer's z and a, also through
    // convolution and pooling, and its last a is what infer() returns.
    void keptPassMatchesTheTrainingPass()
    {
        Network net = smallConvnet();
        const std::vector<float> pixels = someDigit(3);
        const NetworkActivity act = traceActivity(net, pixels);
        const Eigen::Map<const Eigen::VectorXf> x(pixels.data(), 784);
        std::mt19937_64 unused(0);
        net.forward(Eigen::MatrixXf(x), /*training=*/false, unused);
        QCOMPARE(int(act.zs.size()), net.layerCount());
        for (int l = 0; l < net.layerCount(); ++l) {
            QCOMPARE(act.zs[l].size(), Eigen::Index(net.layer(l).outputSize()));
            QVERIFY2(act.zs[l].isApprox(net.layer(l).z().col(0), 1e-5f), qPrintable(QString("z of layer %1").arg(l)));
            QVERIFY2(act.activations[l].isApprox(net.layer(l).a().col(0), 1e-5f),
                     qPrintable(QString("a of layer %1").arg(l)));
        }
        QVERIFY(act.activations.back().isApprox(net.feedforward(x), 1e-6f));
        // Pooling has no z of its own: its z is its a.
        QCOMPARE(act.zs[1], act.activations[1]);
    }

    void featureMapShapes()
    {
        const Network net = smallConvnet();
        const auto conv = featureMapShape(net.layer(0)), pool = featureMapShape(net.layer(1));
        QVERIFY(conv && pool);
        QCOMPARE(conv->channels, 3);
        QCOMPARE(conv->height, 24);
        QCOMPARE(pool->width, 12);
        QVERIFY(!featureMapShape(net.layer(2)));

        // The pool layer's a for a digit as 3 maps of 12×12: map c, pixel (y, x) is a(c·144 + y·12 + x).
        const NetworkActivity act = traceActivity(net, someDigit(5));
        const std::vector<Eigen::MatrixXf> maps = featureMaps(act.activations[1], *pool);
        QCOMPARE(maps.size(), size_t(3));
        QCOMPARE(maps[2].rows(), Eigen::Index(12));
        QCOMPARE(maps[2](7, 3), act.activations[1](2 * 144 + 7 * 12 + 3));
        QCOMPARE(maps[0](0, 11), act.activations[1](11));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, featureMaps(act.activations[0], *pool));
    }

    void firingLevelsPerActivation()
    {
        Eigen::VectorXf a(3);
        a << 0.0f, 0.25f, 1.0f;
        QCOMPARE(firingLevels(Activation::Sigmoid, a), a);
        a << -1.0f, 0.0f, 0.5f;
        Eigen::VectorXf expected(3);
        expected << 0.0f, 0.5f, 0.75f;
        QCOMPARE(firingLevels(Activation::Tanh, a), expected);
        a << 0.0f, 2.0f, 8.0f;   // ReLU: relative to the layer's strongest
        expected << 0.0f, 0.25f, 1.0f;
        QCOMPARE(firingLevels(Activation::ReLU, a), expected);
        QCOMPARE(firingLevels(Activation::ReLU, Eigen::VectorXf::Zero(4)), Eigen::VectorXf::Zero(4));
    }

    // The first layer's weights as the 28×28 picture they read; a deeper layer's as its inputs'
    // maps or neurons, the cells that are no input NaN.
    void weightImagesLookLikeTheirInputs()
    {
        const Network fc = loadModel(QFINDTESTDATA("../resources/models/fc-784-100-10.json").toStdString());
        const auto& first = dynamic_cast<const DenseLayer&>(fc.layer(0));
        const Eigen::MatrixXf image = weightImage(fc, 0, 37);
        QCOMPARE(image.rows(), Eigen::Index(28));
        QCOMPARE(image.cols(), Eigen::Index(28));
        QCOMPARE(image(5, 20), first.weights()(37, 5 * 28 + 20));   // pixel (y, x) is input y·28 + x
        QCOMPARE(image(27, 0), first.weights()(37, 27 * 28));
        // The output layer reads 100 neurons: a 10×10 grid.
        const Eigen::MatrixXf outputs = weightImage(fc, 1, 3);
        QCOMPARE(outputs.rows(), Eigen::Index(10));
        QCOMPARE(outputs(2, 4), dynamic_cast<const DenseLayer&>(fc.layer(1)).weights()(3, 24));

        // After a pool layer of 3 maps 12×12: a 2×2 grid of maps one cell apart, the fourth NaN.
        const Network conv = smallConvnet();
        const auto& dense = dynamic_cast<const DenseLayer&>(conv.layer(2));
        const Eigen::MatrixXf maps = weightImage(conv, 2, 4);
        QCOMPARE(maps.rows(), Eigen::Index(25));
        QCOMPARE(maps.cols(), Eigen::Index(25));
        QCOMPARE(maps(3, 7), dense.weights()(4, 0 * 144 + 3 * 12 + 7));     // map 0, top left
        QCOMPARE(maps(2, 13 + 5), dense.weights()(4, 1 * 144 + 2 * 12 + 5));   // map 1, top right
        QCOMPARE(maps(13 + 11, 0), dense.weights()(4, 2 * 144 + 11 * 12));    // map 2, bottom left
        QVERIFY(std::isnan(maps(12, 0)));    // the gap between rows of maps
        QVERIFY(std::isnan(maps(20, 20)));   // where a fourth map would be
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, weightImage(conv, 0, 0));   // a conv layer
    }

    // Column j of the next layer's w, largest |w| first, with its sign.
    void strongestConnectionsOnward()
    {
        const Network net = tinyNet();
        // From hidden neuron 0 into the outputs: w = 2 (→ 0), −3 (→ 1).
        const auto from0 = strongestConnections(net, 0, 0, 3);
        QCOMPARE(from0.size(), size_t(2));
        QCOMPARE(from0[0].to, 1);
        QCOMPARE(from0[0].weight, -3.0f);
        QCOMPARE(from0[1].to, 0);
        QCOMPARE(from0[1].weight, 2.0f);
        QCOMPARE(strongestConnections(net, 0, 1, 1).size(), size_t(1));
        QCOMPARE(strongestConnections(net, 0, 1, 1)[0].weight, 1.5f);
        QVERIFY(strongestConnections(net, 1, 0, 3).empty());   // the output layer sends nothing on

        // On the shipped network: the same as sorting the column by hand.
        const Network fc = loadModel(QFINDTESTDATA("../resources/models/fc-784-100-10.json").toStdString());
        const Eigen::VectorXf column = dynamic_cast<const DenseLayer&>(fc.layer(1)).weights().col(42);
        const auto top = strongestConnections(fc, 0, 42, 3);
        QCOMPARE(top.size(), size_t(3));
        Eigen::Index best = 0;
        column.cwiseAbs().maxCoeff(&best);
        QCOMPARE(top[0].to, int(best));
        QCOMPARE(top[0].weight, column(best));
        QVERIFY(std::abs(top[0].weight) >= std::abs(top[1].weight));
        QVERIFY(std::abs(top[1].weight) >= std::abs(top[2].weight));
        for (int k = 0; k < 10; ++k)
            if (k != top[0].to && k != top[1].to && k != top[2].to)
                QVERIFY(std::abs(column(k)) <= std::abs(top[2].weight));
    }

    void neuronFactsForThePanel()
    {
        const Network net = tinyNet();
        const NetworkActivity act = traceActivity(net, {1.0f, 0.5f, 2.0f});
        const NeuronFacts facts = neuronFacts(net, &act, 0, 1);
        QCOMPARE(facts.layer, 0);
        QCOMPARE(facts.neuron, 1);
        QCOMPARE(facts.bias, -0.5f);
        QVERIFY(facts.z && facts.a);
        QCOMPARE(*facts.z, -1.0f);
        QCOMPARE(*facts.a, sigmoid(-1.0f));
        QVERIFY(facts.intoOutput);
        QCOMPARE(facts.strongest.size(), size_t(2));
        QCOMPARE(facts.strongest[0].weight, 1.5f);
        // Nothing drawn: the weights' facts, no z or a.
        const NeuronFacts idle = neuronFacts(net, nullptr, 0, 0);
        QVERIFY(!idle.z && !idle.a);
        QCOMPARE(idle.strongest.size(), size_t(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, neuronFacts(net, &act, 0, 2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, neuronFacts(smallConvnet(), nullptr, 1, 0));
    }
};

QTEST_APPLESS_MAIN(TestHiddenActivity)
#include "tst_hidden_activity.moc"
