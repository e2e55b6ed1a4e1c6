// One limit on a network's size (core/nn/network_limits.h), asked by --net's parser and
// validate(), the Train view's layer editor (tst_trainview) and both model-file loaders: the
// largest network that can be built round-trips through a file, and one just past any limit is
// refused everywhere with the same line.
#include "core/io/model_file.h"
#include "core/nn/network_limits.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <stdexcept>

using namespace nnlab;

namespace {

// What --net (and the Train view) says about a spec: parseArchitecture's or validate()'s line.
std::string specProblem(const std::string& text)
{
    try {
        NetworkSpec spec;
        spec.cost = Cost::CrossEntropy;
        parseArchitecture(text, spec);
        validate(spec);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}

// What the loader says about a model file holding `json`, without "<file>: ".
std::string fileProblem(const std::string& json)
{
    try {
        parseModel(json, "model.json");
    } catch (const FileError& e) {
        const std::string what = e.what();
        return what.rfind("model.json: ", 0) == 0 ? what.substr(12) : what;
    }
    return {};
}

// "784,10,10,...,10": `hidden` layers of 10 between the input and the output.
std::string manyLayers(int hidden)
{
    std::string text = "784";
    for (int l = 0; l < hidden + 1; ++l)
        text += ",10";
    return text;
}

// network2.py's format claiming these sizes, with no weights: refused before the lists are read.
std::string network2Claiming(const std::vector<long long>& sizes)
{
    std::string list;
    for (long long n : sizes)
        list += (list.empty() ? "" : ", ") + std::to_string(n);
    return R"({"sizes": [)" + list + R"(], "weights": [], "biases": [], "cost": "CrossEntropyCost"})";
}

// nnlab's layer-stack format with this input and these layers (JSON objects without weights).
std::string stackClaiming(int side, const std::string& layers)
{
    return R"({"format": "nnlab-model", "version": 2, "input": {"channels": 1, "height": )" + std::to_string(side) +
           R"(, "width": )" + std::to_string(side) + R"(}, "cost": "cross-entropy", "layers": [)" + layers + "]}";
}

std::string dense(int neurons)
{
    return R"({"type": "dense", "neurons": )" + std::to_string(neurons) +
           R"(, "activation": "sigmoid", "weights": [], "biases": []})";
}

}  // namespace

class TestNetworkLimits : public QObject {
    Q_OBJECT

private slots:
    // Each limit, and each way a layer can fail to fit, is one line naming the layer as --net
    // writes it; nothing is built (a probe layer of the largest sizes would take gigabytes).
    void eachLimitIsOneLineNamingTheLayer_data()
    {
        QTest::addColumn<QString>("net");
        QTest::addColumn<QString>("expected");
        QTest::newRow("maps") << "784,conv4097x5,10" << "layer 1 (conv4097x5) has 4,097 feature maps; at most 4,096";
        QTest::newRow("kernel") << "784,conv20x65,10" << "layer 1 (conv20x65) has a 65×65 kernel; at most 64×64";
        QTest::newRow("pool") << "784,conv20x5,pool65,10" << "layer 2 (pool65) pools 65×65 blocks; at most 64×64";
        QTest::newRow("neurons") << "784,100001,10" << "layer 1 (100001) has 100,001 neurons; at most 100,000";
        QTest::newRow("neurons, later layer") << "784,30,200000,10" << "layer 2 (200000) has 200,000 neurons";
        QTest::newRow("no maps") << "784,conv0x5,10" << "layer 1 (conv0x5) needs at least one feature map";
        QTest::newRow("input") << "50000001,10" << "the input has 50,000,001 values for one example; at most 50,000,000";
        QTest::newRow("layers") << QString::fromStdString(manyLayers(1000)) << "the network has 1,001 layers; at most 1,000";
        QTest::newRow("parameters") << "784,31447,10"
                                    << "the network is too large: 25,000,375 weights and biases; at most 25,000,000";
        // 10⁵ × 10⁵ weights: refused by count, never allocated (40 GB).
        QTest::newRow("parameters, two wide layers") << "784,100000,100000,10" << "the network is too large";
        QTest::newRow("conv output") << "1000000,conv4096x2,10"
                                     << "layer 1 (conv4096x2) is too large: its output holds 4,087,812,096 values";
        // 937² positions × 64² inputs per filter.
        QTest::newRow("conv patches") << "1000000,conv1x64,10"
                                      << "layer 1 (conv1x64) is too large: its patches (output positions × inputs "
                                         "per filter) hold 3,596,161,024 values";
        QTest::newRow("kernel does not fit") << "784,conv20x5,pool2,conv40x13,10"
                                             << "layer 3 (conv40x13): a 13×13 convolution does not fit a 12×12 input";
        QTest::newRow("pool does not divide") << "784,conv20x5,pool5,10"
                                              << "layer 2 (pool5): 5×5 pooling does not divide 24×24 maps";
        QTest::newRow("number too long") << "784,conv99999999999999999999x5,10" << "is not a layer";
    }

    void eachLimitIsOneLineNamingTheLayer()
    {
        QFETCH(QString, net);
        QFETCH(QString, expected);
        const QString problem = QString::fromStdString(specProblem(net.toStdString()));
        QVERIFY2(problem.contains(expected), qPrintable(problem));
        QVERIFY(!problem.contains('\n'));
    }

    // The largest network at each limit: --net accepts it, and the file it is saved to loads as
    // the same network, bit for bit.
    void largestNetworksRoundTrip_data()
    {
        QTest::addColumn<QString>("net");
        // 785·31,446 + 31,447·10 = 24,999,580 parameters, 420 short of the limit: a 331 MB file.
        QTest::newRow("parameters") << "784,31446,10";
        QTest::newRow("maps") << "784,conv4096x5,pool2,10";
        QTest::newRow("kernel") << "4096,conv2x64,10";
        QTest::newRow("pool, first") << "4096,pool64,10";
        QTest::newRow("neurons") << "100,100000,10";
        QTest::newRow("layers") << QString::fromStdString(manyLayers(999));
        // 7,040² = 49,561,600 input values, 64×64 pooled to 110×110.
        QTest::newRow("input") << "49561600,pool64,10";
    }

    void largestNetworksRoundTrip()
    {
        QFETCH(QString, net);
        NetworkSpec spec;
        spec.cost = Cost::CrossEntropy;
        parseArchitecture(net.toStdString(), spec);
        validate(spec);
        std::mt19937_64 rng(3);
        const Network original = makeNetwork(spec, Initialisation::Scaled, rng);
        QTemporaryDir dir;
        const std::string path = dir.filePath("largest.json").toStdString();
        saveModel(path, original);
        const Network loaded = loadModel(path);
        QCOMPARE(loaded.layerCount(), original.layerCount());
        QCOMPARE(measureNetwork(loaded).parameters, measureNetwork(spec).parameters);
        Network a = original, b = loaded;   // parameters() is not const
        const std::vector<Parameter> pa = a.parameters(), pb = b.parameters();
        QCOMPARE(pa.size(), pb.size());
        for (std::size_t i = 0; i < pa.size(); ++i) {
            QCOMPARE(pa[i].size, pb[i].size);
            QVERIFY(Eigen::Map<const Eigen::ArrayXf>(pa[i].value, pa[i].size)
                        .cwiseEqual(Eigen::Map<const Eigen::ArrayXf>(pb[i].value, pb[i].size))
                        .all());
        }
        for (int l = 0; l < loaded.layerCount(); ++l)
            QCOMPARE(loaded.layer(l).describe(), original.layer(l).describe());
    }

    // One past a limit: --net's parser or validate() and the loader (of either format) refuse it
    // with the same line (the Train view's layer editor too: tst_trainview).
    void justPastALimitIsRefusedAlikeEverywhere_data()
    {
        QTest::addColumn<QString>("net");
        QTest::addColumn<QString>("file");
        QTest::newRow("parameters") << "784,31447,10" << QString::fromStdString(network2Claiming({784, 31447, 10}));
        QTest::newRow("parameters, convnet")
            << "784,conv4096x5,pool2,50,10"
            << QString::fromStdString(stackClaiming(28, R"({"type": "conv", "maps": 4096, "kernel": 5, "activation": "sigmoid", "weights": [], "biases": []}, {"type": "pool", "size": 2}, )" + dense(50) + ", " + dense(10)));
        QTest::newRow("maps") << "784,conv4097x5,pool2,10"
                              << QString::fromStdString(stackClaiming(28, R"({"type": "conv", "maps": 4097, "kernel": 5, "activation": "sigmoid", "weights": [], "biases": []}, {"type": "pool", "size": 2}, )" + dense(10)));
        QTest::newRow("kernel") << "784,conv20x65,10"
                                << QString::fromStdString(stackClaiming(28, R"({"type": "conv", "maps": 20, "kernel": 65, "activation": "sigmoid", "weights": [], "biases": []}, )" + dense(10)));
        QTest::newRow("pool") << "784,pool65,10"
                              << QString::fromStdString(stackClaiming(28, R"({"type": "pool", "size": 65}, )" + dense(10)));
        QTest::newRow("neurons") << "784,100001,10" << QString::fromStdString(network2Claiming({784, 100001, 10}));
        QTest::newRow("neurons, stack") << "784,conv2x5,100001,10"
                                        << QString::fromStdString(stackClaiming(28, R"({"type": "conv", "maps": 2, "kernel": 5, "activation": "sigmoid", "weights": [], "biases": []}, )" + dense(100001) + ", " + dense(10)));
        std::vector<long long> sizes(1002, 10);
        sizes.front() = 784;
        QTest::newRow("layers") << QString::fromStdString(manyLayers(1000)) << QString::fromStdString(network2Claiming(sizes));
        QTest::newRow("no neurons") << "784,0,10" << QString::fromStdString(network2Claiming({784, 0, 10}));
        QTest::newRow("no maps") << "784,conv0x5,10"
                                 << QString::fromStdString(stackClaiming(28, R"({"type": "conv", "maps": 0, "kernel": 5, "activation": "sigmoid", "weights": [], "biases": []}, )" + dense(10)));
        QTest::newRow("beyond any int") << "784,30000000000,10" << QString::fromStdString(network2Claiming({784, 30000000000LL, 10}));
        QTest::newRow("input") << "50000001,10" << QString::fromStdString(network2Claiming({50000001, 10}));
        QTest::newRow("input, square") << "50013184,pool64,10"
                                       << QString::fromStdString(stackClaiming(7072, R"({"type": "pool", "size": 64}, )" + dense(10)));
    }

    void justPastALimitIsRefusedAlikeEverywhere()
    {
        QFETCH(QString, net);
        QFETCH(QString, file);
        const std::string fromNet = specProblem(net.toStdString());
        QVERIFY(!fromNet.empty());
        QCOMPARE(fileProblem(file.toStdString()), fromNet);
    }

    // The worst case for a model file's size: float32's shortest text is at most 15 characters
    // ("-1.17549435e-38"), so with its brackets and comma a parameter takes at most 18, and the
    // loader's byte limit leaves room for kMaxParameters of them (static_assert in model_file.cpp).
    void longestNumbersStillFitTheFileLimit()
    {
        std::mt19937_64 rng(1);
        Network net = makeNetwork({{1, 1, 1}, Activation::Sigmoid, Activation::Sigmoid, Cost::CrossEntropy, 0.0f},
                                  Initialisation::Scaled, rng);
        std::size_t longest = 0;
        for (float x : {-1.17549435e-38f, -3.40282347e+38f, -1.40129846e-45f, -0.123456791f, -1.00000012f,
                        -9.99999975e-06f, -7.0064923e-45f}) {
            for (const Parameter& p : net.parameters())
                std::fill(p.value, p.value + p.size, x);
            const std::string text = serialiseModel(net);
            // The weight of layer 1: "weights": [[[x]], ...
            const std::size_t from = text.find("\"weights\":[[[") + 13;
            longest = std::max(longest, text.find(']', from) - from);
            QCOMPARE(loadModelText(text).layer(0).parameters().front().value[0], x);
        }
        QVERIFY2(longest <= 15, qPrintable(QString::number(longest)));
    }

private:
    static Network loadModelText(const std::string& text) { return parseModel(text, "model.json"); }
};

QTEST_APPLESS_MAIN(TestNetworkLimits)
#include "tst_network_limits.moc"
