// The training configuration's one description (core/train/config_fields.h) and the three forms
// made from it: every field reads back what it wrote, refuses what is out of its range with a
// message in its own words, and the checkpoint JSON round-trips — also as older files wrote it.
#include "core/io/config_json.h"
#include "core/train/config_fields.h"
#include "core/train/network_fit.h"
#include "core/train/trainer.h"

#include <QtTest>

#include <set>

using namespace nnlab;

namespace {

// A configuration that differs from the default in every field.
TrainConfig unusual()
{
    TrainConfig c;
    parseArchitecture("784,conv20x5,pool2,100,10", c.net);
    c.net.hidden = Activation::ReLU;
    c.net.output = Activation::Softmax;
    c.net.cost = Cost::LogLikelihood;
    c.net.dropout = 0.5f;
    c.init = Initialisation::Network3;
    c.hyper = {0.03f, 0.1f, 0.2f, 0.9f};
    c.miniBatchSize = 64;
    c.epochs = 7;
    c.trainingSize = 1234;
    c.expansion.shifts = true;
    c.expansion.rotationDegrees = 12.5f;
    c.dataset = DatasetKind::Fashion;
    c.etaHalvingPatience = 4;
    c.earlyStoppingPatience = 9;
    c.seed = 4000000000ull;
    c.threads = 2;
    return c;
}

JsonReader reader() { return JsonReader("run.ckpt"); }

}  // namespace

class TestConfig : public QObject {
    Q_OBJECT

private slots:
    void keysAndFlagsAreUnique()
    {
        std::set<std::string> keys, flags;
        for (const ConfigField& f : configFields()) {
            QVERIFY2(keys.insert(f.key).second, f.key.c_str());
            if (!f.flag.empty())
                QVERIFY2(flags.insert(f.flag).second, f.flag.c_str());
            QVERIFY(!f.label.empty() && !f.help.empty());
            QCOMPARE(configField(f.key), &f);
        }
        QVERIFY(configField("--batch") == configField("mini_batch_size"));
        QVERIFY(configField("nonsense") == nullptr);
    }

    void everyFieldReadsBackWhatItWrote()
    {
        const TrainConfig source = unusual();
        TrainConfig copy;
        for (const ConfigField& f : configFields()) {
            QVERIFY2(f.get(copy) != f.get(source), f.key.c_str());   // unusual() changes every field
            f.set(copy, f.get(source));
            QCOMPARE(f.get(copy), f.get(source));
        }
        QCOMPARE(trainConfigJson(copy), trainConfigJson(source));
        QCOMPARE(copy.hyper.eta, 0.03f);   // the shortest text of a float reads back exactly
        QCOMPARE(copy.seed, 4000000000ull);
    }

    // A name field's names are the enum's own (core/util/enum_names.h): each one is accepted
    // and written back as it was given.
    void everyNameOfANameFieldReadsBack()
    {
        for (const ConfigField& f : configFields()) {
            if (f.type != ConfigField::Type::Name)
                continue;
            QVERIFY2(!f.names.empty(), f.key.c_str());
            for (const std::string& name : f.names) {
                TrainConfig c;
                f.set(c, name);
                QCOMPARE(f.get(c), name);
            }
        }
    }

    void outOfRangeIsRefusedInTheFieldsWords_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("η not a number") << "eta" << "fast" << "must be a number from 1e-09 to 1e+30, not 'fast'";
        QTest::newRow("η zero") << "eta" << "0" << "must be a number from";
        QTest::newRow("η trailing text") << "eta" << "0.5x" << "not '0.5x'";
        QTest::newRow("μ one") << "momentum" << "1" << "from 0 to 0.999";
        QTest::newRow("m zero") << "mini_batch_size" << "0" << "must be a whole number from 1 to 50000";
        QTest::newRow("m fraction") << "mini_batch_size" << "2.5" << "whole number";
        QTest::newRow("n too many") << "training_size" << "50001" << "to 50000";
        QTest::newRow("cost") << "cost" << "hinge" << "must be one of quadratic, cross-entropy, log-likelihood";
        QTest::newRow("softmax hidden") << "hidden" << "softmax" << "one of sigmoid, tanh, relu";
        QTest::newRow("switch") << "shifts" << "yes" << "must be true or false";
        QTest::newRow("network") << "architecture" << "784,x,10" << "'x' is not a layer";
        QTest::newRow("threads") << "threads" << "3" << "from 0 to 2";
    }

    void outOfRangeIsRefusedInTheFieldsWords()
    {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(QString, message);
        const ConfigField* field = configField(key.toStdString());
        QVERIFY(field);
        TrainConfig c;
        const std::string before = field->get(c);
        try {
            field->set(c, text.toStdString());
            QFAIL("accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
        QCOMPARE(field->get(c), before);   // nothing half-set
    }

    void rangeEndsAreAccepted()
    {
        for (const ConfigField& f : configFields()) {
            if (f.type != ConfigField::Type::Real && f.type != ConfigField::Type::Integer)
                continue;
            TrainConfig c;
            f.set(c, formatLimit(f.min));
            f.set(c, formatLimit(f.max));
            f.checkRange(c);
        }
    }

    void validateNamesTheFieldOutOfRange()
    {
        TrainConfig c;
        c.hyper.momentum = 1.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(c));
        try {
            validate(c);
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains("momentum co-efficient μ must be from 0 to 0.999"), e.what());
        }
        c = TrainConfig();
        c.epochs = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validate(c));
        validate(unusual());
    }

    void jsonRoundTrips()
    {
        const TrainConfig c = unusual();
        const nlohmann::json j = trainConfigJson(c);
        QVERIFY(j["eta"].is_number_float());
        QVERIFY(j["epochs"].is_number_integer());
        QVERIFY(j["shifts"].is_boolean());
        QVERIFY(j["cost"].is_string());
        QCOMPARE(trainConfigJson(parseTrainConfig(j, reader())), j);
    }

    // Version-1 checkpoints wrote every float as the double it converts to (0.1f as
    // 0.10000000149011612): they read back as the same floats.
    void olderJsonReadsBackTheSameFloats()
    {
        TrainConfig c;
        c.hyper.eta = 0.1f;
        c.hyper.lambda = 5.0f;
        nlohmann::json j = trainConfigJson(c);
        j["eta"] = double(0.1f);
        j["lambda"] = double(5.0f);
        const TrainConfig read = parseTrainConfig(j, reader());
        QCOMPARE(read.hyper.eta, 0.1f);
        QCOMPARE(read.hyper.lambda, 5.0f);
    }

    void damagedJsonFieldsAreOneLineNamingTheKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");   // JSON text
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << "epochs" << "" << "\"epochs\"";
        QTest::newRow("string for number") << "eta" << "\"3\"" << "\"eta\" must be a number";
        QTest::newRow("fraction for integer") << "epochs" << "2.5" << "\"epochs\" must be a whole number";
        QTest::newRow("negative seed") << "seed" << "-1" << "\"seed\" must be a whole number from 0";
        QTest::newRow("number for name") << "cost" << "3" << "\"cost\" must be a string";
        QTest::newRow("unknown name") << "init" << "\"huge\"" << "\"init\" must be one of large, scaled, network3";
        QTest::newRow("string for switch") << "shifts" << "\"no\"" << "\"shifts\" must be true or false";
    }

    void damagedJsonFieldsAreOneLineNamingTheKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, message);
        nlohmann::json j = trainConfigJson(TrainConfig());
        if (value.isEmpty())
            j.erase(key.toStdString());
        else
            j[key.toStdString()] = nlohmann::json::parse(value.toStdString());
        try {
            parseTrainConfig(j, reader());
            QFAIL("accepted");
        } catch (const FileError& e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.startsWith("run.ckpt: ") && what.contains(message) && !what.contains('\n'), e.what());
        }
    }

    void fitIsOneCheckWithOneMessage()
    {
        QVERIFY(fitProblem(784, 10).empty());
        const QString wrongInputs = QString::fromStdString(fitProblem(100, 10));
        QVERIFY2(wrongInputs.contains("maps 100 inputs to 10 outputs") && wrongInputs.contains("784 inputs (28×28 pixels)"),
                 qPrintable(wrongInputs));
        QVERIFY(QString::fromStdString(fitProblem(784, 5)).contains("10 outputs (one per class)"));

        DataSplit data;
        data.training.images = Eigen::MatrixXf::Zero(784, 20);
        data.training.labels.assign(20, 0);
        data.validation = data.test = data.training;
        TrainConfig c;
        QVERIFY(trainingProblem(c).empty());
        c.trainingSize = 21;
        QVERIFY(QString::fromStdString(trainingProblem(c, &data)).contains("n = 21 is larger than the 20 training images"));
        QVERIFY(trainingProblem(c).empty());   // without data, n is not checked
        c.trainingSize = 20;
        c.net.sizes = {784, 30, 5};
        QCOMPARE(trainingProblem(c, &data), fitProblem(784, 5));
        // The trainer refuses with the same words.
        try {
            Trainer trainer(c, data);
            QFAIL("trained a network that doesn't fit");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(std::string(e.what()), fitProblem(784, 5));
        }
        c.hyper.eta = -1.0f;
        QVERIFY(QString::fromStdString(trainingProblem(c, &data)).contains("learning rate η must be from"));
    }

    // A run's description says η, λ and μ as they went: each change with its epoch, λ and μ also
    // when they started at zero; without changes it is describe(config) itself.
    void describeShowsLiveChanges()
    {
        TrainConfig c;
        QCOMPARE(describe(c, {}), describe(c));
        QVERIFY(describe(c).find("η = 3, m = 10") != std::string::npos);
        const std::vector<HyperparameterChange> changes =
            changesBetween({3.0f, 0.0f, 0.0f, 0.0f}, {0.5f, 5.0f, 0.0f, 0.0f}, 4, 120, 5000);
        QCOMPARE(int(changes.size()), 2);
        QCOMPARE(changes[0].epochPosition(), 3 + 119 / 5000.0);
        HyperparameterChange halved{LiveHyperparameter::Eta, 0.5f, 0.25f, 7, 1, 5000, true};
        std::vector<HyperparameterChange> all = changes;
        all.push_back(halved);
        const std::string d = describe(c, all);
        QVERIFY2(d.find("η = 3 → 0.5 (epoch 4) → 0.25 (epoch 7, halved), m = 10") != std::string::npos, d.c_str());
        QVERIFY2(d.find("λ = 0 → 5 (epoch 4)") != std::string::npos, d.c_str());
        QVERIFY2(d.find("μ") == std::string::npos, d.c_str());
        QVERIFY(changesBetween(c.hyper, c.hyper, 1, 1, 10).empty());
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "tst_config.moc"
