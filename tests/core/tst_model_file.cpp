// Model files: network2.py's JSON format both ways, round trips, and damaged files.
#include "core/io/model_file.h"
#include "core/nn/dense_layer.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include <sys/stat.h>

using namespace nnlab;

namespace {

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string loadError(const std::string& path)
{
    try {
        loadModel(path);
    } catch (const FileError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

class TestModelFile : public QObject {
    Q_OBJECT

private slots:
    // Exactly what network2.py's save() writes (json.dump of sizes, weights as nested lists of
    // rows, biases as lists of one-element lists, and the cost class's name).
    void readsNetwork2Format()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("network2.json").toStdString();
        writeText(path,
                  R"({"sizes": [2, 3, 1], "weights": [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], )"
                  R"([[0.7, -0.8, 0.9]]], "biases": [[[0.01], [-0.02], [0.03]], [[-0.04]]], )"
                  R"("cost": "CrossEntropyCost"})");
        const Network net = loadModel(path);
        QCOMPARE(net.sizes(), (std::vector<int>{2, 3, 1}));
        QCOMPARE(net.cost(), Cost::CrossEntropy);
        QCOMPARE(net.outputActivation(), Activation::Sigmoid);
        const auto& hidden = static_cast<const DenseLayer&>(net.layer(0));
        QCOMPARE(hidden.weights()(2, 1), 0.6f);   // row j = neuron, column k = input: w_jk
        QCOMPARE(hidden.biases()[1], -0.02f);

        // Its output computed by hand.
        Eigen::VectorXf x(2);
        x << 1.0f, 2.0f;
        auto sigma = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
        const double a0 = sigma(0.1 - 0.4 + 0.01), a1 = sigma(0.3 + 0.8 - 0.02), a2 = sigma(-0.5 + 1.2 + 0.03);
        QVERIFY(qAbs(net.feedforward(x)[0] - sigma(0.7 * a0 - 0.8 * a1 + 0.9 * a2 - 0.04)) < 1e-6);
    }

    void writesNetwork2Format()
    {
        std::mt19937_64 rng(1);
        const Network net = makeNetwork({{4, 3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, 0.0f},
                                        Initialisation::Large, rng);
        const auto json = nlohmann::json::parse(serialiseModel(net));
        QCOMPARE(json["sizes"], nlohmann::json({4, 3, 2}));
        QCOMPARE(json["cost"], "QuadraticCost");
        QCOMPARE(json["weights"].size(), std::size_t(2));
        QCOMPARE(json["weights"][0].size(), std::size_t(3));      // n_out rows
        QCOMPARE(json["weights"][0][0].size(), std::size_t(4));   // of n_in entries
        QCOMPARE(json["biases"][1].size(), std::size_t(2));
        QVERIFY(json["biases"][1][0].is_array());                 // [[b0], [b1]] like numpy columns
        QCOMPARE(json["biases"][1][0].size(), std::size_t(1));
    }

    void roundTripIsExact_data()
    {
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("output");
        QTest::addColumn<int>("cost");
        QTest::newRow("sigmoid quadratic") << int(Activation::Sigmoid) << int(Activation::Sigmoid) << int(Cost::Quadratic);
        QTest::newRow("tanh cross-entropy") << int(Activation::Tanh) << int(Activation::Sigmoid) << int(Cost::CrossEntropy);
        QTest::newRow("relu softmax log-likelihood") << int(Activation::ReLU) << int(Activation::Softmax) << int(Cost::LogLikelihood);
    }

    void roundTripIsExact()
    {
        QFETCH(int, hidden);
        QFETCH(int, output);
        QFETCH(int, cost);
        std::mt19937_64 rng(5);
        const Network net = makeNetwork({{784, 30, 20, 10}, Activation(hidden), Activation(output), Cost(cost), 0.0f},
                                        Initialisation::Scaled, rng);
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        saveModel(path, net);
        const Network back = loadModel(path);
        QCOMPARE(back.sizes(), net.sizes());
        QCOMPARE(back.cost(), net.cost());
        QCOMPARE(back.hiddenActivation(), net.hiddenActivation());
        QCOMPARE(back.outputActivation(), net.outputActivation());
        for (int l = 0; l < net.layerCount(); ++l) {
            const auto& a = static_cast<const DenseLayer&>(net.layer(l));
            const auto& b = static_cast<const DenseLayer&>(back.layer(l));
            QVERIFY(a.weights() == b.weights());   // bit for bit: shortest float text round-trips
            QVERIFY(a.biases() == b.biases());
        }
        // No temporary files are left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void damagedFilesGiveOneClearLine_data()
    {
        QTest::addColumn<QString>("contents");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "not a valid JSON model file";
        QTest::newRow("truncated") << R"({"sizes": [2, 1], "weights": [[[0.1, )" << "not a valid JSON model file";
        QTest::newRow("not an object") << "[1, 2, 3]" << "expected a JSON object";
        QTest::newRow("no weights") << R"({"sizes": [2, 1], "biases": [[[0]]]})" << "\"weights\" is missing";
        QTest::newRow("wrong row count") << R"({"sizes": [2, 1], "weights": [[[0.1, 0.2], [0.3, 0.4]]], "biases": [[[0]]]})"
                                         << "weights of layer 1 must have 1 rows";
        QTest::newRow("wrong row length") << R"({"sizes": [2, 1], "weights": [[[0.1]]], "biases": [[[0]]]})"
                                          << "row 0 must have 2 entries";
        QTest::newRow("wrong bias count") << R"({"sizes": [2, 1], "weights": [[[0.1, 0.2]]], "biases": [[[0], [1]]]})"
                                          << "biases of layer 1 must have 1 entries";
        QTest::newRow("NaN written by json.dump") << R"({"sizes": [2, 1], "weights": [[[NaN, 0.2]]], "biases": [[[0]]]})"
                                                  << "holds NaN or Infinity (at byte 33), which JSON does not allow";
        QTest::newRow("-Infinity written by json.dump")
            << R"({"sizes": [2, 1], "weights": [[[0.1, -Infinity]]], "biases": [[[0]]]})"
            << "holds NaN or Infinity (at byte 39), which JSON does not allow";
        QTest::newRow("no sizes, a format") << R"({"format": "network2", "weights": [[[0.1, 0.2]]], "biases": [[[0]]]})"
                                            << "the key \"sizes\" is missing";
        QTest::newRow("another format") << R"({"format": "keras", "layers": []})"
                                        << "unknown model format \"keras\" (nnlab reads network2.py's files";
        QTest::newRow("overflowing weight") << R"({"sizes": [2, 1], "weights": [[[1e300, 0.2]]], "biases": [[[0]]]})"
                                            << "too large for float32";
        QTest::newRow("string weight") << R"({"sizes": [2, 1], "weights": [[["x", 0.2]]], "biases": [[[0]]]})"
                                       << "is not a number";
        QTest::newRow("bad size") << R"({"sizes": [2, -1], "weights": [], "biases": []})" << "layer 1 (-1) needs at least one neuron";
        QTest::newRow("fractional size") << R"({"sizes": [2, 1.5], "weights": [], "biases": []})" << "each of \"sizes\" must be a whole number";
        QTest::newRow("huge network") << R"({"sizes": [100000, 100000], "weights": [], "biases": []})" << "too large";
        // 20 million parameters claimed in a few bytes: refused before allocating 80 MB for them.
        QTest::newRow("big network, short lists") << R"({"sizes": [100000, 200], "weights": [[[0]]], "biases": [[[0]]]})"
                                                  << "weights of layer 1 must have 200 rows";
        QTest::newRow("unknown cost") << R"({"sizes": [2, 1], "weights": [[[0.1, 0.2]]], "biases": [[[0]]], "cost": "Foo"})"
                                      << "unknown \"cost\"";
    }

    void damagedFilesGiveOneClearLine()
    {
        QFETCH(QString, contents);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.json").toStdString();
        writeText(path, contents.toStdString());
        const QString error = QString::fromStdString(loadError(path));
        QVERIFY2(error.startsWith(QString::fromStdString(path) + ": "), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!error.contains('\n'));
    }

    // Convnets go in nnlab's versioned layer-stack format, and come back identical.
    void convnetRoundTrip()
    {
        NetworkSpec spec;
        parseArchitecture("784,conv4x5,pool2,conv6x5,pool2,20,10", spec);
        spec.hidden = Activation::ReLU;
        spec.output = Activation::Softmax;
        spec.cost = Cost::LogLikelihood;
        spec.dropout = 0.5f;
        std::mt19937_64 rng(9);
        const Network net = makeNetwork(spec, Initialisation::Scaled, rng);
        const auto json = nlohmann::json::parse(serialiseModel(net));
        QCOMPARE(json["format"], "nnlab-model");
        QCOMPARE(json["version"], 2);
        QCOMPARE(json["layers"].size(), std::size_t(6));
        QCOMPARE(json["layers"][0]["type"], "conv");
        QCOMPARE(json["layers"][3]["dropout"], 0.5);   // the pooled maps feeding the first dense layer
        QCOMPARE(json["layers"][4]["dropout"], 0.5);
        QVERIFY(!json["layers"][1].contains("dropout"));
        QVERIFY(!json["layers"][5].contains("dropout"));

        QTemporaryDir dir;
        const std::string path = dir.filePath("convnet.json").toStdString();
        saveModel(path, net);
        const Network back = loadModel(path);
        QCOMPARE(back.layerCount(), net.layerCount());
        for (int l = 0; l < net.layerCount(); ++l)
            QCOMPARE(back.layer(l).describe(), net.layer(l).describe());   // dropout included
        const Eigen::MatrixXf x = Eigen::MatrixXf::Random(784, 4).cwiseAbs();
        Eigen::MatrixXf a, b;
        net.infer(x, a);
        back.infer(x, b);
        QVERIFY(a == b);   // bit for bit
    }

    void convnetFileErrors_data()
    {
        QTest::addColumn<QString>("contents");
        QTest::addColumn<QString>("expected");
        const QString head = R"({"format": "nnlab-model", "version": 2, "input": {"channels": 1, "height": 6, "width": 6}, "cost": "log-likelihood", "layers": )";
        QTest::newRow("future version") << R"({"format": "nnlab-model", "version": 3, "layers": []})" << "version 3 is not one this nnlab reads";
        QTest::newRow("unknown layer") << head + R"([{"type": "lstm"}]})" << "unknown layer type";
        const QString output = R"({"type": "dense", "neurons": 10, "activation": "softmax", "weights": [], "biases": []})";
        QTest::newRow("short weights") << head + R"([{"type": "conv", "maps": 2, "kernel": 3, "activation": "relu", "weights": [1, 2], "biases": [0, 0]}, )" + output + "]}"
                                       << "weights must be a list of 18 numbers";
        QTest::newRow("kernel too big") << head + R"([{"type": "conv", "maps": 1, "kernel": 7, "activation": "relu", "weights": [], "biases": [0]}]})"
                                        << "does not fit a 6×6 input";
        QTest::newRow("missing key") << head + R"([{"type": "dense", "activation": "relu"}]})" << "\"neurons\" is missing";
        QTest::newRow("unknown format") << R"({"format": "keras", "layers": []})" << "unknown model format";
        // Claims a few bytes can make, refused before anything is allocated for them (the input's
        // size overflowed an int before; the layers were allocated before their lists were counted).
        const QString huge = R"({"format": "nnlab-model", "version": 2, "input": {"channels": 1, "height": 4096, "width": 4096}, "cost": "log-likelihood", "layers": )";
        QTest::newRow("input overflows int") << R"({"format": "nnlab-model", "version": 2, "input": {"channels": 4096, "height": 4096, "width": 4096}, "cost": "log-likelihood", "layers": [{"type": "pool", "size": 2}]})"
                                             << "the input has 68,719,476,736 values for one example; at most 50,000,000";
        QTest::newRow("huge conv output") << huge + R"([{"type": "conv", "maps": 4096, "kernel": 1, "activation": "relu", "weights": [], "biases": []}]})"
                                          << "layer 1 (conv4096x1) is too large: its output holds";
        QTest::newRow("huge conv patches") << huge + R"([{"type": "conv", "maps": 1, "kernel": 64, "activation": "relu", "weights": [], "biases": []}]})"
                                           << "its patches";
        QTest::newRow("big conv, short lists") << head + R"([{"type": "conv", "maps": 4096, "kernel": 6, "activation": "relu", "weights": [0], "biases": [0]}, )" + output + "]}"
                                               << "weights must be a list of 147456 numbers";
        QTest::newRow("big dense, short lists") << head + R"([{"type": "dense", "neurons": 100000, "activation": "relu", "weights": [0], "biases": [0]}]})"
                                                << "weights must be a list of 3600000 numbers";
    }

    // A stack without a fully connected layer at its end has no output layer: said so, rather
    // than blaming the cost for the activation of whatever layer came last.
    void stacksWithoutAnOutputLayer_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::addColumn<QString>("expected");
        const QString conv = R"({"type": "conv", "maps": 2, "kernel": 3, "activation": "relu", "weights": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "biases": [0, 0]})";
        const QString pool = R"({"type": "pool", "size": 2})";
        const QString zeros = QString("0, ").repeated(35) + "0";   // 36 weights: one neuron reading 6×6 pixels
        const QString hidden = R"({"type": "dense", "neurons": 1, "activation": "relu", "weights": [)" + zeros + R"(], "biases": [0]})";
        const QString softmax = R"({"type": "dense", "neurons": 3, "activation": "softmax", "weights": [], "biases": []})";
        const QString output = R"({"type": "dense", "neurons": 10, "activation": "softmax", "weights": [], "biases": []})";
        const QString noOutput = "the network has no output layer: the last layer must be fully connected ";
        QTest::newRow("only a convolution") << "[" + conv + "]" << noOutput + "(layer 1, conv2x3, is a convolution)";
        QTest::newRow("convolution, pooling") << "[" + conv + ", " + pool + "]" << noOutput + "(layer 2, pool2, is max-pooling)";
        QTest::newRow("only pooling") << "[" + pool + "]" << noOutput + "(layer 1, pool2, is max-pooling)";
        QTest::newRow("convolution after the output") << "[" + output + ", " + conv + "]"
                                                      << "layer 2 (conv2x3): convolutions must come before the fully connected layers";
        QTest::newRow("pooling after the output") << "[" + conv + ", " + output + ", " + pool + "]"
                                                  << "layer 3 (pool2): pooling must come before the fully connected layers";
        QTest::newRow("softmax hidden layer") << "[" + softmax + ", " + output + "]"
                                              << "layer 1: softmax is an output activation; only the last layer may be softmax";
        // An output layer that is there, of the wrong kind for the cost: then the cost is the problem.
        QTest::newRow("relu output") << "[" + hidden + "]" << "log-likelihood cost does not go with a relu output layer";
    }

    void stacksWithoutAnOutputLayer()
    {
        QFETCH(QString, layers);
        QFETCH(QString, expected);
        const QString json = R"({"format": "nnlab-model", "version": 2, "input": {"channels": 1, "height": 6, "width": 6}, "cost": "log-likelihood", "layers": )" + layers + "}";
        QTemporaryDir dir;
        const std::string path = dir.filePath("stack.json").toStdString();
        writeText(path, json.toStdString());
        const QString error = QString::fromStdString(loadError(path));
        QCOMPARE(error, QString::fromStdString(path) + ": " + expected);
    }

    void convnetFileErrors()
    {
        QFETCH(QString, contents);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.json").toStdString();
        writeText(path, contents.toStdString());
        const QString error = QString::fromStdString(loadError(path));
        QVERIFY2(error.startsWith(QString::fromStdString(path) + ": "), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void missingFile()
    {
        QVERIFY(QString::fromStdString(loadError("/nonexistent/model.json")).contains("file not found"));
    }

    void failedSaveLeavesNothingBehind()
    {
        std::mt19937_64 rng(1);
        const Network net = makeNetwork({{3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, 0.0f},
                                        Initialisation::Large, rng);
        QTemporaryDir dir;
        // A folder that doesn't exist.
        const std::string nowhere = dir.filePath("no/such/folder/model.json").toStdString();
        QVERIFY_THROWS_EXCEPTION(FileError, saveModel(nowhere, net));
        // A target that can't be replaced (a non-empty folder of that name): the rename fails,
        // what was there survives, and the temporary file is removed.
        QDir(dir.path()).mkpath("model.json/keep");
        const std::string blocked = dir.filePath("model.json").toStdString();
        try {
            saveModel(blocked, net);
            QFAIL("saving over a folder must fail");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(blocked) + ": "), e.what());
        }
        QVERIFY(QDir(dir.filePath("model.json/keep")).exists());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    // Only regular files are read or replaced: loading a named pipe would wait for a writer
    // forever, and saving over one would replace the pipe with a file (over a device node, as
    // root, the device). Both are refused in one line, and the pipe is still a pipe.
    void namedPipesAreNeitherReadNorReplaced()
    {
        std::mt19937_64 rng(1);
        const Network net = makeNetwork({{3, 2}, Activation::Sigmoid, Activation::Sigmoid, Cost::Quadratic, 0.0f},
                                        Initialisation::Large, rng);
        QTemporaryDir dir;
        const std::string pipe = dir.filePath("model.json").toStdString();
        QCOMPARE(::mkfifo(pipe.c_str(), 0600), 0);
        const QString loading = QString::fromStdString(loadError(pipe));
        QVERIFY2(loading == QString::fromStdString(pipe) + ": is a named pipe (FIFO), not a file", qPrintable(loading));
        try {
            saveModel(pipe, net);
            QFAIL("saving over a named pipe must fail");
        } catch (const FileError& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(pipe) + ": is a named pipe (FIFO)"), e.what());
        }
        struct stat after {};
        QCOMPARE(::stat(pipe.c_str(), &after), 0);
        QVERIFY(S_ISFIFO(after.st_mode));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), 1);   // no temporary left
    }
};

QTEST_APPLESS_MAIN(TestModelFile)
#include "tst_model_file.moc"
