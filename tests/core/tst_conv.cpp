// Convolutional and max-pooling layers (chapter 6): against naive references, gradient checks,
// and the two-core mini-batch split against the one-core result.
#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/gradient_check.h"
#include "core/nn/max_pool_layer.h"
#include "core/train/data_parallel_backprop.h"
#include "core/train/helper_thread.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <thread>

using namespace nnlab;

namespace {

Eigen::MatrixXf randomColumns(int rows, int cols, unsigned seed)
{
    std::srand(seed);
    return Eigen::MatrixXf::Random(rows, cols);
}

// z_j(y, x) = b_j + Σ_c Σ_ky Σ_kx w_j,c,ky,kx · a_c(y + ky, x + kx), straight from eq. 125.
float naiveZ(const ConvLayer& conv, const Eigen::VectorXf& image, int j, int y, int x)
{
    const ImageShape in = conv.input();
    const int k = conv.kernel();
    double z = conv.biases()[j];
    for (int c = 0; c < in.channels; ++c)
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx)
                z += double(conv.weights()(j, (c * k + ky) * k + kx)) *
                     image[(c * in.height + y + ky) * in.width + x + kx];
    return float(z);
}

// A chapter 6 net: the given layers, softmax output with the log-likelihood cost.
NetworkSpec softmaxNet(const std::string& architecture, Activation hidden, float dropout = 0.0f)
{
    NetworkSpec spec;
    parseArchitecture(architecture, spec);
    spec.hidden = hidden;
    spec.output = Activation::Softmax;
    spec.cost = Cost::LogLikelihood;
    spec.dropout = dropout;
    return spec;
}

// The layers the initialisation test draws, by name: n_in and n_out in the comments.
std::unique_ptr<Layer> layerToInitialise(const QString& kind)
{
    if (kind == "conv")   // n_in = 3·5² = 75, n_out = 40·5² = 1000 (250 with 2×2 pooling after)
        return std::make_unique<ConvLayer>(ImageShape{3, 12, 12}, 40, 5, Activation::ReLU);
    auto dense = std::make_unique<DenseLayer>(400, 300, Activation::Sigmoid);   // n_in 400, n_out 300
    if (kind == "dense behind dropout 0.5")
        dense->setInputDropout(0.5f);
    return dense;
}

// The standard deviation of n draws about their mean, and how far its estimate strays (4σ).
double spread(const Eigen::Map<const Eigen::ArrayXf>& values)
{
    return std::sqrt((values - values.mean()).square().sum() / double(values.size()));
}
double spreadTolerance(Eigen::Index n) { return 4.0 / std::sqrt(2.0 * double(n)); }

}  // namespace

class TestConv : public QObject {
    Q_OBJECT

private slots:
    void convolutionMatchesNaiveReference_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("maps");
        QTest::addColumn<int>("kernel");
        QTest::newRow("MNIST first layer 1→20, 5×5") << 1 << 28 << 20 << 5;
        QTest::newRow("second layer 20→40, 5×5") << 20 << 12 << 40 << 5;
        QTest::newRow("3→2, 3×3 on 7×7") << 3 << 7 << 2 << 3;
        QTest::newRow("1×1 kernel") << 4 << 5 << 3 << 1;
        QTest::newRow("kernel as large as the image") << 2 << 4 << 3 << 4;
    }

    void convolutionMatchesNaiveReference()
    {
        QFETCH(int, channels);
        QFETCH(int, size);
        QFETCH(int, maps);
        QFETCH(int, kernel);
        ConvLayer conv({channels, size, size}, maps, kernel, Activation::Tanh);
        conv.weights() = randomColumns(maps, channels * kernel * kernel, 1);
        conv.biases() = Eigen::VectorXf::Random(maps);
        const Eigen::MatrixXf x = randomColumns(channels * size * size, 3, 2);
        Eigen::MatrixXf a;
        conv.infer(x, a);
        const ImageShape out = conv.output();
        QCOMPARE(a.rows(), Eigen::Index(out.size()));
        for (int s = 0; s < 3; ++s)
            for (int j = 0; j < maps; ++j)
                for (int y = 0; y < out.height; ++y)
                    for (int xx = 0; xx < out.width; ++xx) {
                        const float expected = std::tanh(naiveZ(conv, x.col(s), j, y, xx));
                        const float got = a((j * out.height + y) * out.width + xx, s);
                        QVERIFY2(std::abs(expected - got) < 1e-4f,
                                 qPrintable(QString("example %1 map %2 (%3,%4): %5 vs %6").arg(s).arg(j).arg(y).arg(xx).arg(got).arg(expected)));
                    }
        // The training pass computes the same.
        std::mt19937_64 rng(1);
        QVERIFY((conv.forward(x, true, rng) - a).cwiseAbs().maxCoeff() < 1e-6f);
    }

    void maxPoolMatchesNaiveReference()
    {
        MaxPoolLayer pool({3, 6, 4}, 2);
        const Eigen::MatrixXf x = randomColumns(3 * 6 * 4, 2, 3);
        Eigen::MatrixXf a;
        pool.infer(x, a);
        QCOMPARE(a.rows(), Eigen::Index(3 * 3 * 2));
        for (int s = 0; s < 2; ++s)
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < 3; ++y)
                    for (int xx = 0; xx < 2; ++xx) {
                        float best = -1e30f;
                        for (int py = 0; py < 2; ++py)
                            for (int px = 0; px < 2; ++px)
                                best = std::max(best, x((c * 6 + 2 * y + py) * 4 + 2 * xx + px, s));
                        QCOMPARE(a((c * 3 + y) * 2 + xx, s), best);
                    }
        // Backward sends each gradient to the winner only.
        std::mt19937_64 rng(1);
        pool.forward(x, true, rng);
        Eigen::MatrixXf delta = Eigen::MatrixXf::Ones(a.rows(), 2), dPrev;
        pool.backward(delta, &dPrev);
        for (int s = 0; s < 2; ++s)
            for (int c = 0; c < 3; ++c)
                for (int y = 0; y < 3; ++y)
                    for (int xx = 0; xx < 2; ++xx) {
                        int routed = 0;
                        for (int py = 0; py < 2; ++py)
                            for (int px = 0; px < 2; ++px) {
                                const int i = (c * 6 + 2 * y + py) * 4 + 2 * xx + px;
                                if (dPrev(i, s) != 0.0f) {
                                    ++routed;
                                    QCOMPARE(dPrev(i, s), 1.0f);
                                    QCOMPARE(x(i, s), a((c * 3 + y) * 2 + xx, s));   // to the max
                                }
                            }
                        QCOMPARE(routed, 1);
                    }
    }

    // Dropout on a pooling layer's outputs (chapter 6's nets drop the inputs of every fully
    // connected layer): while training about p of them are zero and the rest scaled by
    // 1/(1 − p); the gradient flows back only through the kept ones; inference is untouched.
    void poolOutputDropout()
    {
        MaxPoolLayer pool({4, 8, 8}, 2);
        pool.setDropout(0.5f);
        const Eigen::MatrixXf x = randomColumns(4 * 8 * 8, 50, 4).array() + 2.0f;   // all > 0
        Eigen::MatrixXf a;
        pool.infer(x, a);
        std::mt19937_64 rng(5);
        const Eigen::MatrixXf dropped = pool.forward(x, true, rng);
        QVERIFY(pool.a() == a);   // a itself is kept undropped, for the views
        int zeros = 0;
        for (Eigen::Index i = 0; i < a.size(); ++i) {
            if (dropped.data()[i] == 0.0f)
                ++zeros;
            else
                QCOMPARE(dropped.data()[i], 2.0f * a.data()[i]);
        }
        QVERIFY2(zeros > 0.45 * a.size() && zeros < 0.55 * a.size(), qPrintable(QString::number(zeros)));
        Eigen::MatrixXf dA = Eigen::MatrixXf::Ones(a.rows(), a.cols());
        pool.outputGradientToDelta(dA);
        for (Eigen::Index i = 0; i < a.size(); ++i)
            QCOMPARE(dA.data()[i], dropped.data()[i] == 0.0f ? 0.0f : 2.0f);
        QVERIFY(pool.forward(x, false, rng) == a);   // no dropout outside training
    }

    // --dropout p reaches the convolutional section's last outputs and the hidden neurons, as
    // network3.py's layers drop their inputs; not the first pooling nor the output layer.
    void dropoutGoesOnEveryFullyConnectedInput()
    {
        for (const char* architecture : {"784,conv4x5,pool2,conv6x5,pool2,20,10", "36,conv3x3,10"}) {
            const NetworkSpec spec = softmaxNet(architecture, Activation::ReLU, 0.5f);
            std::mt19937_64 rng(2);
            const Network net = makeNetwork(spec, Initialisation::Scaled, rng);
            const int lastFeature = int(spec.features.size()) - 1;
            for (int l = 0; l < net.layerCount(); ++l) {
                const bool dropped = l >= lastFeature && l < net.layerCount() - 1;
                QCOMPARE(net.layer(l).describe().find("(dropout 0.50)") != std::string::npos, dropped);
            }
        }
    }

    // --init network3 starts the weights as the book's network3.py does: N(0, 1/n_out), with a conv
    // layer's n_out = maps·k²/p² (p the pooling after it), biases N(0, 1), and the softmax layer at
    // zero. Behind a dropout the weights are halved, like every initialisation's (dropout.h).
    void network3InitialisationAsTheBook()
    {
        auto sd = [](const auto& m) {
            const double mean = m.mean();
            return std::sqrt((m.array() - mean).square().sum() / double(m.size()));
        };
        for (float dropout : {0.0f, 0.5f}) {
            const NetworkSpec spec = softmaxNet("784,conv20x5,pool2,conv40x5,pool2,300,10", Activation::ReLU, dropout);
            std::mt19937_64 rng(5);
            Network net = makeNetwork(spec, Initialisation::Network3, rng);
            const auto& conv1 = dynamic_cast<const ConvLayer&>(net.layer(0));
            const auto& conv2 = dynamic_cast<const ConvLayer&>(net.layer(2));
            const auto& hidden = dynamic_cast<const DenseLayer&>(net.layer(4));
            const auto& output = dynamic_cast<const DenseLayer&>(net.layer(5));
            QVERIFY(std::abs(sd(conv1.weights()) - 1 / std::sqrt(20.0 * 25 / 4)) < 0.1 / std::sqrt(125.0));  // 500 draws
            QVERIFY(std::abs(sd(conv2.weights()) - 1 / std::sqrt(40.0 * 25 / 4)) < 0.03 / std::sqrt(250.0));
            const double hiddenSd = (1 - dropout) / std::sqrt(300.0);   // n_out, not n_in = 640
            QVERIFY2(std::abs(sd(hidden.weights()) - hiddenSd) < 0.02 * hiddenSd,
                     qPrintable(QString::number(sd(hidden.weights()))));
            QVERIFY(std::abs(sd(hidden.biases()) - 1.0) < 0.15);
            QVERIFY(output.weights().isZero(0.0f) && output.biases().isZero(0.0f));
        }
        // Without pooling after it, a conv layer's n_out is maps·k².
        std::mt19937_64 rng(5);
        const Network plain = makeNetwork(softmaxNet("784,conv30x5,100,10", Activation::ReLU, 0.0f),
                                          Initialisation::Network3, rng);
        const auto& conv = dynamic_cast<const ConvLayer&>(plain.layer(0));
        QVERIFY(std::abs(sd(conv.weights()) - 1 / std::sqrt(30.0 * 25)) < 0.1 / std::sqrt(750.0));
        QCOMPARE(parseInitialisation("network3"), std::optional(Initialisation::Network3));
        QCOMPARE(initialisationName(Initialisation::Network3), std::string("network3"));
    }

    // Every kind of layer draws its own parameters (Layer::initialise) by the rule it is given
    // and the n_in, n_out it knows: weights N(0, 1) (large), N(0, 1/n_in) (scaled) or
    // N(0, 1/n_out) (network3), × (1 − p) behind a dropout; biases N(0, 1). Read through Layer.
    void layersInitialiseThemselves_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("init");
        QTest::addColumn<int>("poolingAfter");
        QTest::addColumn<double>("weightSd");
        const int large = int(Initialisation::Large), scaled = int(Initialisation::Scaled),
                  network3 = int(Initialisation::Network3);
        QTest::newRow("dense, large") << "dense" << large << 1 << 1.0;
        QTest::newRow("dense, scaled: 1/√n_in") << "dense" << scaled << 1 << 1 / std::sqrt(400.0);
        QTest::newRow("dense, network3: 1/√n_out") << "dense" << network3 << 1 << 1 / std::sqrt(300.0);
        QTest::newRow("dense behind dropout, large") << "dense behind dropout 0.5" << large << 1 << 0.5;
        QTest::newRow("dense behind dropout, scaled") << "dense behind dropout 0.5" << scaled << 1 << 0.5 / std::sqrt(400.0);
        QTest::newRow("dense behind dropout, network3") << "dense behind dropout 0.5" << network3 << 1 << 0.5 / std::sqrt(300.0);
        QTest::newRow("conv, large") << "conv" << large << 4 << 1.0;
        QTest::newRow("conv, scaled: 1/√(C·k²)") << "conv" << scaled << 4 << 1 / std::sqrt(75.0);
        QTest::newRow("conv, network3: 1/√(maps·k²)") << "conv" << network3 << 1 << 1 / std::sqrt(1000.0);
        QTest::newRow("conv, network3, pooled 2×2: 1/√(maps·k²/4)") << "conv" << network3 << 4 << 1 / std::sqrt(250.0);
    }

    void layersInitialiseThemselves()
    {
        QFETCH(QString, kind);
        QFETCH(int, init);
        QFETCH(int, poolingAfter);
        QFETCH(double, weightSd);
        const std::unique_ptr<Layer> layer = layerToInitialise(kind);
        std::mt19937_64 rng(11);
        NormalStream normal(rng);
        layer->initialise(Initialisation(init), normal, poolingAfter);
        const std::vector<Parameter> parameters = layer->parameters();
        QCOMPARE(int(parameters.size()), 2);
        QVERIFY(parameters[0].isWeight && !parameters[1].isWeight);
        const Eigen::Map<const Eigen::ArrayXf> weights(parameters[0].value, parameters[0].size);
        const Eigen::Map<const Eigen::ArrayXf> biases(parameters[1].value, parameters[1].size);
        const double tolerance = spreadTolerance(weights.size());
        QVERIFY2(std::abs(spread(weights) / weightSd - 1.0) < tolerance,
                 qPrintable(QString("sd %1, expected %2").arg(spread(weights)).arg(weightSd)));
        QVERIFY(std::abs(weights.mean()) < 4 * weightSd / std::sqrt(double(weights.size())));
        QVERIFY2(std::abs(spread(biases) - 1.0) < spreadTolerance(biases.size()),
                 qPrintable(QString::number(spread(biases))));
    }

    // network3.py's softmax output layer starts at zero and draws nothing; the other rules draw
    // it like any layer.
    void network3SoftmaxLayerStartsAtZero()
    {
        DenseLayer softmax(100, 10, Activation::Softmax);
        Layer& layer = softmax;
        softmax.weights().setOnes();
        softmax.biases().setOnes();
        std::mt19937_64 rng(3), untouched(3);
        NormalStream normal(rng);
        layer.initialise(Initialisation::Network3, normal, 1);
        QVERIFY(softmax.weights().isZero(0.0f) && softmax.biases().isZero(0.0f));
        QCOMPARE(rng(), untouched());
        layer.initialise(Initialisation::Scaled, normal, 1);
        const Eigen::Map<const Eigen::ArrayXf> weights(softmax.weights().data(), softmax.weights().size());
        QVERIFY(std::abs(spread(weights) * std::sqrt(100.0) - 1.0) < spreadTolerance(weights.size()));
    }

    // Pooling has no parameters: it draws nothing, and tells the convolution before it how many
    // of that layer's outputs become one of its own (p², network3.py's fan-out divisor).
    void poolingDrawsNothingAndTellsItsArea()
    {
        MaxPoolLayer pool({4, 12, 12}, 3);
        Layer& layer = pool;
        QCOMPARE(layer.poolingArea(), 9);
        QCOMPARE(MaxPoolLayer({4, 12, 12}, 2).poolingArea(), 4);
        QCOMPARE(ConvLayer({1, 8, 8}, 2, 3, Activation::ReLU).poolingArea(), 1);
        QCOMPARE(DenseLayer(4, 3, Activation::Sigmoid).poolingArea(), 1);
        std::mt19937_64 rng(3), untouched(3);
        NormalStream normal(rng);
        layer.initialise(Initialisation::Large, normal, 1);
        QVERIFY(layer.parameters().empty());
        QCOMPARE(rng(), untouched());
    }

    // makeNetwork draws layer after layer from one stream of N(0, 1) numbers: each layer's
    // weights in storage order, then its biases; pooling draws none. So a seed gives the same
    // weights as every earlier nnlab, also after a layer with an odd count (31·432 + 31 here),
    // where a fresh distribution per layer would drop the spare number of a pair.
    void networkDrawsOneStreamLayerByLayer()
    {
        const float p = 0.25f;
        NetworkSpec spec;
        parseArchitecture("784,conv3x5,pool2,31,7,10", spec);
        spec.dropout = p;
        std::mt19937_64 rng(9), reference(9);
        const Network net = makeNetwork(spec, Initialisation::Scaled, rng);
        std::normal_distribution<float> gaussian(0.0f, 1.0f);
        // n_in of each layer, and 1 − p where the layer sits behind a dropout.
        const float fanIn[] = {25, 0, 3 * 12 * 12, 31, 7};
        const float keep[] = {1, 1, 1 - p, 1 - p, 1 - p};
        for (int l = 0; l < net.layerCount(); ++l) {
            for (Parameter parameter : const_cast<Network&>(net).layer(l).parameters()) {
                const float sd = parameter.isWeight ? 1.0f / std::sqrt(fanIn[l]) * keep[l] : 1.0f;
                for (Eigen::Index i = 0; i < parameter.size; ++i) {
                    const float expected = parameter.isWeight ? sd * gaussian(reference) : gaussian(reference);
                    if (parameter.value[i] != expected)
                        QFAIL(qPrintable(QString("layer %1, value %2: %3, expected %4")
                                             .arg(l).arg(i).arg(parameter.value[i]).arg(expected)));
                }
            }
        }
        QCOMPARE(rng(), reference());
    }

    // Every kind of layer knows its own dropout; makeNetwork puts the spec's p on the hidden
    // layers and on the last conv/pool layer (the fully connected section's inputs).
    void layersReportTheirDropout()
    {
        std::vector<std::unique_ptr<Layer>> kinds;
        kinds.push_back(std::make_unique<DenseLayer>(8, 3, Activation::Sigmoid));
        kinds.push_back(std::make_unique<ConvLayer>(ImageShape{1, 8, 8}, 2, 3, Activation::ReLU));
        kinds.push_back(std::make_unique<MaxPoolLayer>(ImageShape{2, 6, 6}, 2));
        for (const auto& layer : kinds) {
            QCOMPARE(layer->dropout(), 0.0f);
            layer->setDropout(0.3f);
            QCOMPARE(layer->dropout(), 0.3f);
            QCOMPARE(layer->clone()->dropout(), 0.3f);
            QVERIFY(layer->describe().find("(dropout 0.30)") != std::string::npos);
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layer->setDropout(1.0f));
        }
        QCOMPARE(DenseLayer(8, 3, Activation::Sigmoid, 0.2f).dropout(), 0.2f);

        const NetworkSpec spec = softmaxNet("784,conv4x5,pool2,conv6x5,pool2,20,10", Activation::ReLU, 0.5f);
        std::mt19937_64 rng(2);
        const Network net = makeNetwork(spec, Initialisation::Scaled, rng);
        std::vector<float> dropouts;
        for (int l = 0; l < net.layerCount(); ++l)
            dropouts.push_back(net.layer(l).dropout());
        QCOMPARE(dropouts, (std::vector<float>{0, 0, 0, 0.5f, 0.5f, 0}));
    }

    // Only dense layers are fully connected, and a network is when all its layers are.
    void onlyDenseLayersAreFullyConnected()
    {
        QVERIFY(DenseLayer(8, 3, Activation::Sigmoid).isFullyConnected());
        QVERIFY(!ConvLayer({1, 8, 8}, 2, 3, Activation::ReLU).isFullyConnected());
        QVERIFY(!MaxPoolLayer({2, 6, 6}, 2).isFullyConnected());
        std::mt19937_64 rng(2);
        QVERIFY(makeNetwork(NetworkSpec{{16, 5, 3}}, Initialisation::Large, rng).isFullyConnected());
        QVERIFY(!makeNetwork(softmaxNet("16,pool2,3", Activation::ReLU), Initialisation::Large, rng).isFullyConnected());
    }

    // Behind a dropout a layer learns at the pace of the book's unhalved weights (dropout.h):
    // its step on w is (1 − p) times the book's step on w_book = w/(1 − p), i.e. ∂C/∂w_book =
    // δ·(mask ⊙ a)ᵀ without rescaling; δ for the layer before, and the biases, are untouched.
    void layerBehindADropoutLearnsAtTheBooksPace()
    {
        const float p = 0.5f;
        DenseLayer layer(8, 3, Activation::Sigmoid);
        layer.setInputDropout(p);
        layer.weights() = Eigen::MatrixXf::Random(3, 8);
        const Eigen::MatrixXf a = randomColumns(8, 4, 6).cwiseAbs();
        Eigen::MatrixXf mask = (randomColumns(8, 4, 7).array() > 0.0f).cast<float>();
        const Eigen::MatrixXf dropped = (a.array() * mask.array() / (1.0f - p)).matrix();   // what it is given
        std::mt19937_64 rng(1);
        layer.forward(dropped, true, rng);
        const Eigen::MatrixXf delta = randomColumns(3, 4, 8);
        Eigen::MatrixXf dAPrev;
        layer.backward(delta, &dAPrev);
        const Eigen::MatrixXf bookGradient = delta * (a.array() * mask.array()).matrix().transpose();
        QVERIFY(layer.nablaW().isApprox((1.0f - p) * bookGradient, 1e-5f));
        QVERIFY(layer.nablaB().isApprox(delta.rowwise().sum(), 1e-6f));
        QVERIFY(dAPrev.isApprox(layer.weights().transpose() * delta, 1e-6f));

        // Network sets it for every fully connected layer behind a dropout, and they start halved.
        const NetworkSpec spec = softmaxNet("784,conv4x5,pool2,300,10", Activation::ReLU, p);
        std::mt19937_64 init(4);
        const Network net = makeNetwork(spec, Initialisation::Scaled, init);
        const auto& hidden = dynamic_cast<const DenseLayer&>(net.layer(2));
        QCOMPARE(hidden.inputDropout(), p);
        QCOMPARE(dynamic_cast<const DenseLayer&>(net.layer(3)).inputDropout(), p);
        const double sd = std::sqrt(hidden.weights().array().square().mean());
        const double expected = (1.0 - p) / std::sqrt(576.0);   // 4 maps × 12 × 12 inputs
        QVERIFY2(std::abs(sd - expected) < 0.03 * expected, qPrintable(QString::number(sd / expected)));
        NetworkSpec dense{{784, 30, 10}};
        dense.dropout = p;
        const Network plain = makeNetwork(dense, Initialisation::Scaled, init);
        QCOMPARE(dynamic_cast<const DenseLayer&>(plain.layer(0)).inputDropout(), 0.0f);   // pixels aren't dropped
        QCOMPARE(dynamic_cast<const DenseLayer&>(plain.layer(1)).inputDropout(), p);
    }

    void layersThatDoNotFitAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ConvLayer({1, 4, 4}, 2, 5, Activation::ReLU));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, MaxPoolLayer({1, 5, 5}, 2));
        NetworkSpec spec;
        parseArchitecture("784,conv20x5,pool5,10", spec);   // 24×24 maps don't split into 5×5 blocks
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(spec));
    }

    void architectureText()
    {
        NetworkSpec spec;
        parseArchitecture("784,conv20x5,pool2,conv40x5,pool2,100,10", spec);
        QCOMPARE(spec.sizes, (std::vector<int>{784, 100, 10}));
        QCOMPARE(int(spec.features.size()), 4);
        QCOMPARE(spec.features[2].maps, 40);
        QCOMPARE(spec.features[3].pool, 2);
        QCOMPARE(formatArchitecture(spec), std::string("784,conv20x5,pool2,conv40x5,pool2,100,10"));
        for (const char* bad : {"784,conv20,10", "784,100,conv20x5,10", "784", "784,abc,10", "784,pool0,10"}) {
            NetworkSpec s;
            bool threw = false;
            try {
                parseArchitecture(bad, s);
                validate(s);
            } catch (const std::invalid_argument&) {
                threw = true;
            }
            QVERIFY2(threw, bad);
        }
        spec.hidden = Activation::ReLU;
        spec.output = Activation::Softmax;
        spec.cost = Cost::LogLikelihood;
        std::mt19937_64 rng(1);
        const Network net = makeNetwork(spec, Initialisation::Scaled, rng);
        QCOMPARE(net.layerCount(), 6);
        QCOMPARE(net.layer(3).outputSize(), 40 * 4 * 4);   // 28 → 24 → 12 → 8 → 4
        QCOMPARE(net.layer(4).inputSize(), 640);
    }

    void gradientCheck_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("activation");
        QTest::newRow("conv-pool-dense, ReLU") << "36,conv3x3,pool2,10" << int(Activation::ReLU);
        QTest::newRow("conv-pool-dense, sigmoid") << "36,conv3x3,pool2,10" << int(Activation::Sigmoid);
        QTest::newRow("two convs, tanh") << "64,conv3x3,conv4x3,pool2,12,10" << int(Activation::Tanh);
        QTest::newRow("the book's net, small maps") << "784,conv4x5,pool2,conv5x5,pool2,12,10" << int(Activation::ReLU);
    }

    void gradientCheck()
    {
        QFETCH(QString, architecture);
        QFETCH(int, activation);
        const NetworkSpec spec = softmaxNet(architecture.toStdString(), Activation(activation));
        std::mt19937_64 rng(11);
        Network net = makeNetwork(spec, Initialisation::Scaled, rng);
        const Eigen::MatrixXf x = (randomColumns(spec.sizes.front(), 3, 5).array() + 1.0f) / 2.0f;
        Eigen::MatrixXf y;
        oneHot({1, 7, 3}, 10, y);
        const GradientCheck check = checkGradients(net, x, y, 120, rng);
        QCOMPARE(int(check.layers.size()), net.layerCount());
        for (const auto& layer : check.layers)
            QVERIFY2(layer.relativeError < 1e-3,
                     qPrintable(QString("layer %1: relative error %2").arg(layer.layer).arg(layer.relativeError)));
    }

    // Both cores compute the gradient one core does (up to float summation order), and share
    // the update: step after step (with momentum and L2, so every term of it runs in halves)
    // the weights, and the helper's copy of them, follow the one-core run's.
    // Each output survives with probability 1 − p (the masks come two to a 64-bit draw), and
    // survivors are scaled by 1/(1 − p): the expected output is the input. 99,999 outputs: the
    // kept fraction's standard deviation is under 0.0016, so these bounds are 5 of them.
    void dropoutKeepsOneMinusPOfTheOutputs_data()
    {
        QTest::addColumn<float>("p");
        QTest::newRow("p = 0.5, the book's") << 0.5f;
        QTest::newRow("p = 0.2") << 0.2f;
        QTest::newRow("p = 0.9") << 0.9f;
    }

    void dropoutKeepsOneMinusPOfTheOutputs()
    {
        QFETCH(float, p);
        Dropout dropout(p);
        const Eigen::MatrixXf a = Eigen::MatrixXf::Ones(99999, 1);   // odd: the last draw half used
        std::mt19937_64 rng(5);
        const Eigen::MatrixXf dropped = dropout.apply(a, true, rng);
        const double kept = (dropped.array() > 0.0f).cast<double>().mean();
        QVERIFY2(std::abs(kept - (1.0 - p)) < 0.008, qPrintable(QString::number(kept)));
        QVERIFY(((dropped.array() == 0.0f) || (dropped.array() - 1.0f / (1.0f - p)).abs() < 1e-6f).all());
        Eigen::MatrixXf gradient = Eigen::MatrixXf::Ones(99999, 1);
        dropout.maskGradient(gradient);
        QVERIFY(gradient == dropped);   // dropped outputs pass nothing back, kept ones scale alike
        const Eigen::MatrixXf again = dropout.apply(a, true, rng);
        QVERIFY(again != dropped);      // a new mask each time
        QVERIFY(dropout.apply(a, false, rng) == a);   // not while evaluating
    }

    // The helper thread: many short hand-overs in a row (a training step makes several), each
    // core doing its half, none lost or run twice.
    void helperThreadRunsEveryJobOnBothCores()
    {
        HelperThread helper;
        long counts[2] = {0, 0};
        std::vector<int> cells(2000, 0);
        for (int round = 0; round < 5000; ++round) {
            helper.run([&](int core) {
                ++counts[core];
                for (int i = core * 1000; i < (core + 1) * 1000; ++i)
                    cells[std::size_t(i)] += 1;
            });
            if (round == 2500)
                std::this_thread::sleep_for(std::chrono::milliseconds(5));   // let the helper fall asleep
        }
        QCOMPARE(counts[0], 5000L);
        QCOMPARE(counts[1], 5000L);
        QVERIFY(std::all_of(cells.begin(), cells.end(), [](int c) { return c == 5000; }));
    }

    // The split products: m = 10 and 9 examples, the halves of 500 and 575 rows or columns with
    // a few rows left over at the end of each (not a multiple of 16).
    void twoCoresGiveTheOneCoreGradient_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<bool>("splitsProducts");
        QTest::addColumn<float>("dropout");
        QTest::addColumn<int>("m");
        QTest::newRow("small: passes over the parameters on one core")
            << "784,conv6x5,pool2,conv8x5,pool2,30,10" << false << 0.0f << 9;
        QTest::newRow("wide: passes split, fully connected products split")
            << "784,conv4x5,pool2,500,500,10" << true << 0.0f << 9;
        QTest::newRow("wide, odd sizes, m = 10") << "784,conv3x5,pool2,431,517,10" << true << 0.0f << 10;
        QTest::newRow("wide, a last mini-batch of one") << "784,conv4x5,pool2,500,500,10" << true << 0.0f << 1;
        QTest::newRow("small, a last mini-batch of one") << "784,conv6x5,pool2,conv8x5,pool2,30,10" << false << 0.0f << 1;
        // Dropout on the fully connected layers only (not the pooled maps, whose masks each core
        // draws for its own half): the split draws the same masks, from the same stream, as one
        // core does.
        QTest::newRow("wide, dropout on the hidden layers") << "784,conv4x5,pool2,500,500,10" << true << 0.5f << 10;
    }

    void twoCoresGiveTheOneCoreGradient()
    {
        QFETCH(QString, architecture);
        QFETCH(bool, splitsProducts);
        QFETCH(float, dropout);
        QFETCH(int, m);
        const NetworkSpec spec = softmaxNet(architecture.toStdString(), Activation::ReLU, dropout);
        std::mt19937_64 rng(3);
        Network serial = makeNetwork(spec, Initialisation::Scaled, rng);
        if (dropout > 0.0f)
            dynamic_cast<MaxPoolLayer&>(serial.layer(int(spec.features.size()) - 1)).setDropout(0.0f);
        Network split = serial;
        QVERIFY(DataParallelBackprop::worthwhile(split, 10));
        QVERIFY(!DataParallelBackprop::worthwhile(split, 1));
        const Eigen::MatrixXf x = (randomColumns(784, m, 8).array() + 1.0f) / 2.0f;
        Eigen::MatrixXf y;
        std::vector<int> labels(m);
        std::iota(labels.begin(), labels.end(), 0);
        oneHot(labels, 10, y);
        std::mt19937_64 rngA(1), rngB(1);
        DataParallelBackprop parallel(split, 1);
        QCOMPARE(parallel.splitsProducts(), splitsProducts);
        SgdOptimizer sgdSerial, sgdSplit;
        const Hyperparameters h{0.1f, 5.0f, 0.0f, 0.5f};   // η, λ, λ₁, μ
        auto close = [](const float* a, const float* b, Eigen::Index size) {
            const Eigen::Map<const Eigen::ArrayXf> u(a, size), v(b, size);
            return (u - v).abs().maxCoeff() <= 1e-4f * (1.0f + u.abs().maxCoeff());
        };
        for (int repeat = 0; repeat < 4; ++repeat) {   // the helper thread is reused step after step
            const double costSerial = serial.backprop(x, y, rngA);
            const double costSplit = parallel.backprop(x, y, rngB);
            QVERIFY2(std::abs(costSplit - costSerial) <= 1e-4 * std::abs(costSerial) + 1e-6, qPrintable(QString("repeat %1: %2 vs %3").arg(repeat).arg(costSplit).arg(costSerial)));
            const auto a = serial.parameters(), b = split.parameters();
            QCOMPARE(parallel.nablaSquaredNorms().size(), a.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                QVERIFY2(close(a[i].nabla, b[i].nabla, a[i].size), qPrintable(QString("parameter array %1").arg(i)));
                const double norm2 = Eigen::Map<const Eigen::VectorXf>(a[i].nabla, a[i].size).squaredNorm();
                QVERIFY(std::abs(parallel.nablaSquaredNorms()[i] - norm2) <= 1e-4 * norm2 + 1e-12);
            }
            sgdSerial.step(a, m, 100, h);
            parallel.step(sgdSplit, m, 100, h);
            for (std::size_t i = 0; i < a.size(); ++i)
                QVERIFY2(close(a[i].value, b[i].value, a[i].size), qPrintable(QString("weights %1").arg(i)));
        }
    }
};

QTEST_APPLESS_MAIN(TestConv)
#include "tst_conv.moc"
