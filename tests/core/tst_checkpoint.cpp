// Crash-safe runs: a checkpoint holds everything a run needs, resuming from one gives exactly
// the weights of an unbroken run, a damaged one is refused in one line, a version-1 file (JSON
// text) is still read, and a training process killed with SIGKILL, or stopped with Ctrl-C,
// continues from its checkpoint to the same final weights.
#include "core/data/sha256.h"
#include "core/io/checkpoint_file.h"
#include "core/io/model_file.h"
#include "core/io/summary_json.h"
#include "core/train/checkpoint_saver.h"
#include "core/train/trainer.h"
#include "tests/support/child_process.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QThread>

#include <bit>
#include <atomic>
#include <csignal>
#include <cstring>
#include <limits>
#include <sstream>
#include <thread>

using namespace nnlab;
using nlohmann::json;

namespace {

std::vector<Eigen::ArrayXf> parametersOf(const Network& constNet)
{
    Network net = constNet;
    std::vector<Eigen::ArrayXf> out;
    for (const Parameter& p : net.parameters())
        out.push_back(Eigen::Map<const Eigen::ArrayXf>(p.value, p.size));
    return out;
}

bool identical(const std::vector<Eigen::ArrayXf>& a, const std::vector<Eigen::ArrayXf>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].size() != b[i].size() || std::memcmp(a[i].data(), b[i].data(), sizeof(float) * a[i].size()) != 0)
            return false;
    return true;
}

// Stops its trainer at a given mini-batch of a given epoch.
class StopAt : public TrainingObserver {
public:
    StopAt(Trainer& trainer, int epoch, int batch) : m_trainer(trainer), m_epoch(epoch), m_batch(batch) {}
    void miniBatchFinished(const MiniBatchReport& r) override
    {
        if (r.epoch == m_epoch && r.batch == m_batch)
            m_trainer.stop();
    }

private:
    Trainer& m_trainer;
    int m_epoch, m_batch;
};

// Trains `config` to the end, but interrupted at (epoch, batch): the last checkpoint it wrote
// goes through a file (serialised and parsed back) into a fresh trainer, which finishes the run.
Network trainInterrupted(const TrainConfig& config, int epoch, int batch, TrainingState* written = nullptr)
{
    std::string file;
    {
        Trainer first(config, mnist());
        StopAt stopper(first, epoch, batch);
        first.setObserver(&stopper);
        first.setCheckpointWriter([&](const TrainingState& s) { file = serialiseCheckpoint({config, s, false}); });
        first.run();
    }
    const Checkpoint checkpoint = parseCheckpoint(file, "test checkpoint");
    if (written)
        *written = checkpoint.state;
    Trainer second(checkpoint.config, mnist());
    second.restore(checkpoint.state);
    second.run();
    return second.network();
}

TrainConfig denseRun()
{
    TrainConfig c;
    c.net.sizes = {784, 30, 10};
    c.hyper.eta = 3.0f;
    c.hyper.momentum = 0.5f;   // velocities are optimiser state a checkpoint must carry
    c.trainingSize = 2000;
    c.epochs = 3;
    c.seed = 11;
    return c;
}

// Both cores, each with its own dropout stream, and expanded data.
TrainConfig convnetRun()
{
    TrainConfig c;
    parseArchitecture("784,conv4x5,pool2,30,10", c.net);
    c.net.hidden = Activation::ReLU;
    c.net.output = Activation::Softmax;
    c.net.cost = Cost::LogLikelihood;
    c.net.dropout = 0.5f;
    c.init = Initialisation::Scaled;
    c.hyper.eta = 0.03f;
    c.hyper.lambda = 0.1f;
    c.trainingSize = 300;
    c.expansion.shifts = true;
    c.epochs = 2;
    c.seed = 5;
    return c;
}

Network trainUnbroken(const TrainConfig& config)
{
    Trainer trainer(config, mnist());
    trainer.run();
    return trainer.network();
}

// What parseCheckpoint says about `bytes`, checked to be one line naming the file ("run.ckpt").
QString refusalOf(const std::string& bytes)
{
    try {
        parseCheckpoint(bytes, "run.ckpt");
    } catch (const FileError& e) {
        const QString what = QString::fromUtf8(e.what());
        return what.startsWith("run.ckpt: ") && !what.contains('\n') ? what : "not one line naming the file: " + what;
    }
    return "accepted";
}

// A checkpoint's checksum as the format defines it: SHA-256 of the CBOR without "checksum".
std::string checksumOf(json document)
{
    document.erase("checksum");
    const std::vector<std::uint8_t> bytes = json::to_cbor(document);
    return sha256Hex(bytes.data(), bytes.size());
}

QByteArray cbor(const json& value)
{
    const std::vector<std::uint8_t> bytes = json::to_cbor(value);
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

// A version-1 checkpoint written by nnlab before version 2 (2f71aa7, JSON text with base64 floats):
//   nnlab-cli train --net 784,5,10 --eta 3 --momentum 0.5 --train-size 100 --epochs 2 --seed 7
//             --checkpoint checkpoint-v1-784-5-10.nnlab-checkpoint
std::string versionOneFile()
{
    QFile file(QFINDTESTDATA("core/fixtures/checkpoint-v1-784-5-10.nnlab-checkpoint"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

// SHA-256 of the float32 bytes of all the arrays, one after another.
std::string floatsSha256(const std::vector<Eigen::ArrayXf>& arrays)
{
    std::vector<std::uint8_t> bytes;
    for (const Eigen::ArrayXf& a : arrays) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(a.data());
        bytes.insert(bytes.end(), p, p + a.size() * sizeof(float));
    }
    return sha256Hex(bytes.data(), bytes.size());
}

QString cli() { return qEnvironmentVariable("NNLAB_CLI"); }

// A CLI run long enough to be caught mid-way (10 epochs) and short enough to run twice.
const QStringList kCliRun{"train", "--net", "784,100,10", "--cost", "cross-entropy", "--eta", "0.5",
                          "--lambda", "5", "--momentum", "0.2", "--train-size", "20000", "--epochs", "10",
                          "--seed", "3"};

// Waits until the running child's checkpoint holds at least `epochs` finished epochs; false if the
// child ended first or it took too long.
bool waitForEpochs(ChildProcess& child, const QString& checkpoint, int epochs)
{
    QElapsedTimer clock;
    clock.start();
    int done = 0;
    const qint64 patienceMs = qint64(120000 * kSanitizerSlack);
    while (done < epochs && clock.elapsed() < patienceMs && child.running()) {
        QThread::msleep(5);
        if (QFile::exists(checkpoint))
            done = loadCheckpoint(checkpoint.toStdString()).state.epoch - 1;
    }
    return done >= epochs && child.running();
}

// Resumes kCliRun (+ `runs`, e.g. --ensemble 2) from its checkpoint and checks each saved model
// (`saved`: the file names --save writes) is byte for byte the one an unbroken run saves, and
// that the last run's checkpoint (`lastCheckpoint`, default `checkpoint`) ends marked finished.
// `resumeSays`: what the resumed command must print.
void resumeAndCompareWithAnUnbrokenRun(const QTemporaryDir& dir, const QString& checkpoint,
                                       const QStringList& runs = {}, const QStringList& saved = {"run.json"},
                                       QString lastCheckpoint = {}, const QByteArray& resumeSays = {})
{
    QVERIFY(QDir(dir.path()).mkpath("resumed") && QDir(dir.path()).mkpath("unbroken"));
    ChildProcess resume(cli(), QStringList{"train", "--resume", checkpoint, "--save", dir.filePath("resumed/run.json")} + runs);
    QVERIFY(resume.waitForFinished(int(300000 * kSanitizerSlack)));
    QVERIFY2(resume.exitCode() == 0, resume.err().constData());
    QVERIFY2(resume.out().contains(resumeSays), resume.out().constData());
    ChildProcess unbroken(cli(), kCliRun + runs + QStringList{"--save", dir.filePath("unbroken/run.json")});
    QVERIFY(unbroken.waitForFinished(int(300000 * kSanitizerSlack)));
    QCOMPARE(unbroken.exitCode(), 0);

    for (const QString& name : saved) {
        QFile a(dir.filePath("resumed/" + name)), b(dir.filePath("unbroken/" + name));
        QVERIFY2(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly), qPrintable(name));
        const QByteArray resumedModel = a.readAll();
        QVERIFY(resumedModel.size() > 100000);
        QVERIFY2(resumedModel == b.readAll(), qPrintable(name));
    }
    if (lastCheckpoint.isEmpty())
        lastCheckpoint = checkpoint;
    QVERIFY(loadCheckpoint(lastCheckpoint.toStdString()).finished);   // the resumed run completed
}

}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT

private slots:
    // The one saver's policy (core/train/checkpoint_saver.h): written after every epoch and at a
    // stop; marked finished only when the run ended for good; a write that fails is reported and
    // training goes on.
    void saverMarksFinishedOnlyRunsThatEndedForGood_data()
    {
        QTest::addColumn<bool>("stopEarly");
        QTest::addColumn<int>("ending");
        QTest::addColumn<bool>("finished");
        QTest::newRow("completed") << false << int(CheckpointSaver::Ending::ForGood) << true;
        QTest::newRow("stopped by its user") << true << int(CheckpointSaver::Ending::ForGood) << true;
        QTest::newRow("interrupted") << true << int(CheckpointSaver::Ending::Interrupted) << false;
    }

    void saverMarksFinishedOnlyRunsThatEndedForGood()
    {
        QFETCH(bool, stopEarly);
        QFETCH(int, ending);
        QFETCH(bool, finished);
        QTemporaryDir dir;
        const std::string file = dir.filePath("run.ckpt").toStdString();
        TrainConfig c = denseRun();
        c.epochs = 2;
        Trainer trainer(c, mnist());
        StopAt stopper(trainer, 2, 7);
        if (stopEarly)
            trainer.setObserver(&stopper);
        int errors = 0;
        CheckpointSaver saver(file, c, [&](const std::string&) { ++errors; });
        saver.attach(trainer);
        const TrainSummary summary = trainer.run();
        QVERIFY(!loadCheckpoint(file).finished);   // written, not yet marked
        saver.runEnded(CheckpointSaver::Ending(ending));
        const Checkpoint written = loadCheckpoint(file);
        QCOMPARE(written.finished, finished);
        QCOMPARE(written.state.epoch, stopEarly ? 2 : 3);
        QCOMPARE(written.state.batchesDone, stopEarly ? 7 : 0);
        QCOMPARE(errors, 0);
        QCOMPARE(CheckpointSaver::endingOf(summary) == CheckpointSaver::Ending::Interrupted, stopEarly);
    }

    void saverReportsAFailedWriteAndTrainingGoesOn()
    {
        TrainConfig c = denseRun();
        c.epochs = 2;
        Trainer trainer(c, mnist());
        std::vector<std::string> lines;
        CheckpointSaver saver("/nonexistent-folder/run.ckpt", c, [&](const std::string& line) { lines.push_back(line); });
        saver.attach(trainer);
        QCOMPARE(trainer.run().epochs, 2);
        saver.runEnded(CheckpointSaver::Ending::ForGood);
        QCOMPARE(int(lines.size()), 3);   // after each epoch, and the finished mark
        for (const std::string& line : lines)
            QVERIFY2(QString::fromStdString(line).startsWith("checkpoint not written (training goes on): /nonexistent-folder/run.ckpt") &&
                         line.find('\n') == std::string::npos,
                     line.c_str());
    }
    // nnlab-cli's second Ctrl-C ends the process at once, but not in the middle of a file
    // (stop_on_interrupt.h): holdAtomicWrites() waits for the write in progress, here 64 MB seen
    // under way by its temporary, and holds a new one back until released.
    void holdingAtomicWritesWaitsForTheWriteInProgress()
    {
        QTemporaryDir dir;
        const std::filesystem::path target = dir.filePath("big.bin").toStdString();
        const std::filesystem::path next = dir.filePath("next.bin").toStdString();
        const std::string contents(64 << 20, 'x');
        std::jthread writer([&] { writeFileAtomically(target, contents); });
        bool underWay = false;   // its temporary ".big.bin.XXXXXX" seen
        QElapsedTimer clock;
        clock.start();
        while (!underWay && !std::filesystem::exists(target) && clock.elapsed() < 10000)
            for (const QString& name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
                underWay = underWay || name.startsWith(".big.bin.");
        auto held = holdAtomicWrites(std::chrono::seconds(60));
        const bool owned = held.owns_lock();
        const bool whole = std::filesystem::exists(target) && std::filesystem::file_size(target) == contents.size();
        const QStringList files = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        std::atomic<bool> nextWritten{false};
        std::jthread second([&] {
            writeFileAtomically(next, "next");
            nextWritten = true;
        });
        QTest::qSleep(200);
        const bool heldBack = !nextWritten && QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) == files;
        held.unlock();
        second.join();
        writer.join();
        QVERIFY2(underWay, "the write had finished before the test saw it: nothing was tested");
        QVERIFY(owned);
        QVERIFY(whole);
        QCOMPARE(files, QStringList{"big.bin"});   // no temporary left
        QVERIFY(heldBack);
        QVERIFY(nextWritten);
    }

    // One writer and one reader of the summary's figures (core/io/summary_json.h): every figure
    // reads back as written, and a missing one is refused in one line naming the file.
    void summaryFiguresReadBackAsWritten()
    {
        TrainSummary s;
        s.epochs = 30;
        s.trainingSeconds = 12.345678;
        s.finalTestAccuracy = 0.9512;
        s.bestTestAccuracy = 0.9531;
        s.bestTestEpoch = 27;
        s.bestValidationAccuracy = 0.9577;
        s.bestValidationEpoch = 26;
        s.testAccuracyAtBestValidation = 0.9525;
        const JsonReader reader("run.ckpt");
        const json written(summaryFiguresJson(s));
        QCOMPARE(written.size(), std::size_t(8));
        const TrainSummary r = parseSummaryFigures(written, reader);
        QCOMPARE(r.epochs, s.epochs);
        QCOMPARE(r.trainingSeconds, s.trainingSeconds);
        QCOMPARE(r.finalTestAccuracy, s.finalTestAccuracy);
        QCOMPARE(r.bestTestAccuracy, s.bestTestAccuracy);
        QCOMPARE(r.bestTestEpoch, s.bestTestEpoch);
        QCOMPARE(r.bestValidationAccuracy, s.bestValidationAccuracy);
        QCOMPARE(r.bestValidationEpoch, s.bestValidationEpoch);
        QCOMPARE(r.testAccuracyAtBestValidation, s.testAccuracyAtBestValidation);

        json cut = written;
        cut.erase("best_validation_epoch");
        try {
            parseSummaryFigures(cut, reader);
            QFAIL("a summary without best_validation_epoch was read");
        } catch (const FileError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.startsWith("run.ckpt: ") && what.contains("best_validation_epoch") && !what.contains('\n'),
                     qPrintable(what));
        }
    }

    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        QCOMPARE(mnist().training.size(), 50000);
    }

    void resumingAfterAnEpochGivesTheUnbrokenRunsWeights()
    {
        const TrainConfig c = denseRun();
        TrainingState state;
        const Network resumed = trainInterrupted(c, 2, 200, &state);   // 200 = the epoch's last batch
        QCOMPARE(state.epoch, 3);
        QCOMPARE(state.batchesDone, 0);
        QCOMPARE(int(state.history.size()), 2);
        QVERIFY(!state.velocities.empty());
        QVERIFY(identical(parametersOf(resumed), parametersOf(trainUnbroken(c))));
    }

    void resumingMidEpochGivesTheUnbrokenRunsWeights()
    {
        const TrainConfig c = denseRun();
        TrainingState state;
        const Network resumed = trainInterrupted(c, 2, 77, &state);
        QCOMPARE(state.epoch, 2);
        QCOMPARE(state.batchesDone, 77);
        QVERIFY(identical(parametersOf(resumed), parametersOf(trainUnbroken(c))));
    }

    void resumingAConvnetWithDropoutOnTwoCoresGivesTheUnbrokenRunsWeights()
    {
        const TrainConfig c = convnetRun();
        TrainingState state;
        const Network resumed = trainInterrupted(c, 1, 101, &state);
        QVERIFY(!state.replicaRng.empty());   // the second core's dropout stream was saved
        QVERIFY(identical(parametersOf(resumed), parametersOf(trainUnbroken(c))));
    }

    // Without the random streams in the checkpoint the continuation would differ: the test
    // above can fail.
    void aLostRandomStreamChangesTheContinuation()
    {
        const TrainConfig c = denseRun();
        std::string file;
        {
            Trainer first(c, mnist());
            StopAt stopper(first, 2, 50);
            first.setObserver(&stopper);
            first.setCheckpointWriter([&](const TrainingState& s) { file = serialiseCheckpoint({c, s, false}); });
            first.run();
        }
        Checkpoint checkpoint = parseCheckpoint(file, "test checkpoint");
        std::mt19937_64 other(99);
        std::ostringstream text;
        text << other;
        checkpoint.state.rng = text.str();
        Trainer second(c, mnist());
        second.restore(checkpoint.state);
        second.run();
        QVERIFY(!identical(parametersOf(second.network()), parametersOf(trainUnbroken(c))));
    }

    void historyAndSummaryContinue()
    {
        TrainConfig c = denseRun();
        std::string file;
        {
            Trainer first(c, mnist());
            first.setCheckpointWriter([&](const TrainingState& s) { file = serialiseCheckpoint({c, s, false}); });
            first.run();
        }
        const Checkpoint checkpoint = parseCheckpoint(file, "test checkpoint");
        QCOMPARE(serialiseCheckpoint(checkpoint), file);   // the file round-trips exactly
        c.epochs = 5;
        Trainer more(c, mnist());
        more.restore(checkpoint.state);
        const TrainSummary summary = more.run();
        QCOMPARE(summary.epochs, 5);
        QVERIFY(summary.bestTestAccuracy >= checkpoint.state.summary.bestTestAccuracy);
    }

    // Each row changes one value of the file's document (at a JSON pointer) to another, given as
    // CBOR; no value: the file is cut in half.
    void damagedCheckpointsAreRefusedInOneLine_data()
    {
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("cut short") << QByteArray() << QByteArray() << "not a checkpoint: a CBOR decoding error at byte";
        QTest::newRow("other version") << QByteArray("/version") << cbor(7)
                                       << "checkpoint version 7 is not one this nnlab reads (it reads 1 to 2)";
        QTest::newRow("other format") << QByteArray("/format") << cbor("nnlab-model") << "not an nnlab checkpoint";
        QTest::newRow("bad network") << QByteArray("/config/architecture") << cbor("784,x,10") << "\"architecture\" must be a network";
        QTest::newRow("bad eta") << QByteArray("/config/eta") << cbor(-1) << "\"eta\" must be a number from";
        QTest::newRow("floats cut") << QByteArray("/parameters/0") << cbor(json::binary({1, 2, 3, 4, 5}))
                                    << "\"parameters\" [0] is not float32 data";
        QTest::newRow("checksum changed") << QByteArray("/checksum") << cbor(std::string(64, '0'))
                                          << "its contents don't match their checksum";
        QTest::newRow("floats as text") << QByteArray("/velocities/1") << cbor("AAAAAA==")
                                        << "\"velocities\" [1] is not float32 data";
    }

    void damagedCheckpointsAreRefusedInOneLine()
    {
        QFETCH(QByteArray, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, message);
        const TrainConfig c = denseRun();
        Trainer trainer(c, mnist());
        TrainingState state;
        trainer.setCheckpointWriter([&](const TrainingState& s) { state = s; });
        StopAt stopper(trainer, 1, 3);
        trainer.setObserver(&stopper);
        trainer.run();
        std::string bytes = serialiseCheckpoint({c, state, false});
        if (value.isEmpty()) {
            bytes.resize(bytes.size() / 2);
        } else {
            json document = json::from_cbor(bytes);
            const json::json_pointer at(pointer.toStdString());
            QVERIFY(document.contains(at));
            document[at] = json::from_cbor(value);
            if (pointer != "/checksum")   // a crafted file: its checksum made to match, so the field's own check speaks
                document["checksum"] = checksumOf(document);
            bytes.clear();
            json::to_cbor(document, bytes);
        }
        const QString what = refusalOf(bytes);
        QVERIFY2(what.contains(message), qPrintable(what));
    }

    // One changed bit in a weight, or a changed epoch, with the file otherwise intact: refused by
    // the checksum (it used to resume silently with the changed weight).
    void aChangedWeightIsRefusedByTheChecksum()
    {
        Checkpoint c{denseRun(), {}, false};
        c.state.parameters = {Eigen::ArrayXf::Random(1000)};
        c.state.velocities = {Eigen::ArrayXf::Zero(1000)};
        std::string bytes = serialiseCheckpoint(c);
        QCOMPARE(refusalOf(bytes), QString("accepted"));
        json document = json::from_cbor(bytes);
        std::vector<std::uint8_t>& weights = document["parameters"][0].get_binary();
        weights[400] ^= 0x01;   // the lowest mantissa bit of weight 100
        std::string changed;
        json::to_cbor(document, changed);
        QCOMPARE(changed.size(), bytes.size());
        QVERIFY2(refusalOf(changed).contains("its contents don't match their checksum"), qPrintable(refusalOf(changed)));
    }

    // Version 2 keeps every bit of every float, the odd ones too.
    void roundTripIsBitExact()
    {
        const float odd[] = {-0.0f, std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::infinity(),
                             -std::numeric_limits<float>::max(), 1.0f / 3.0f, std::bit_cast<float>(0x7fc01234u)};
        Checkpoint c{denseRun(), {}, true};
        c.state.parameters = {Eigen::Map<const Eigen::ArrayXf>(odd, 6), Eigen::ArrayXf::Random(1000), Eigen::ArrayXf()};
        c.state.velocities = {Eigen::ArrayXf::Random(7)};
        c.state.order = {2, 0, 1};
        const std::string bytes = serialiseCheckpoint(c);
        QCOMPARE(json::from_cbor(bytes)["version"].get<int>(), 2);
        const Checkpoint back = parseCheckpoint(bytes, "test checkpoint");
        QVERIFY(identical(back.state.parameters, c.state.parameters));
        QVERIFY(identical(back.state.velocities, c.state.velocities));
        QCOMPARE(back.state.order, c.state.order);
        QVERIFY(back.finished);
        QCOMPARE(serialiseCheckpoint(back), bytes);
    }

    // The fixture, written by nnlab's version-1 code, reads back whole (every float's bits, checked
    // against an independent decoder), a trainer continues from it, and it goes on as version 2
    // without losing a bit.
    void versionOneCheckpointsAreStillRead()
    {
        const std::string text = versionOneFile();
        QVERIFY(text.rfind("{\"batches_done\":0,", 0) == 0);
        const Checkpoint old = parseCheckpoint(text, "checkpoint-v1-784-5-10.nnlab-checkpoint");
        QVERIFY(old.finished);
        QCOMPARE(formatArchitecture(old.config.net), "784,5,10");
        QCOMPARE(old.state.epoch, 3);
        QCOMPARE(int(old.state.history.size()), 2);
        QCOMPARE(int(old.state.order.size()), 100);
        QCOMPARE(int(old.state.parameters.size()), 4);
        QCOMPARE(int(old.state.parameters[0].size()), 784 * 5);
        // Python's base64 and hashlib, on the file's strings, give these.
        QCOMPARE(floatsSha256(old.state.parameters), "80cee067cce1d18945edbe4a41fcc11a35a1be04d1c28ea7f0a1a5a937357f9d");
        QCOMPARE(floatsSha256(old.state.velocities), "c2a538ff911aedeac30f641356265b5b83bc4a8be4181fc6028182c1d7b1bd28");

        TrainConfig more = old.config;
        more.epochs = 3;
        Trainer trainer(more, mnist());
        trainer.restore(old.state);
        QCOMPARE(trainer.run().epochs, 3);

        const Checkpoint again = parseCheckpoint(serialiseCheckpoint(old), "test checkpoint");
        QVERIFY(identical(again.state.parameters, old.state.parameters));
        QVERIFY(identical(again.state.velocities, old.state.velocities));
        QCOMPARE(again.state.rng, old.state.rng);
        QCOMPARE(again.state.order, old.state.order);
    }

    void damagedVersionOneCheckpointsAreRefusedInOneLine_data()
    {
        QTest::addColumn<QByteArray>("find");
        QTest::addColumn<QByteArray>("replace");
        QTest::addColumn<QString>("message");
        QTest::newRow("cut short") << QByteArray("\"velocities\"") << QByteArray() << "JSON syntax error";
        QTest::newRow("other version") << QByteArray("\"version\":1") << QByteArray("\"version\":0")
                                       << "checkpoint version 0 is not one this nnlab reads";
        QTest::newRow("bad base64") << QByteArray("\"parameters\":[\"") << QByteArray("\"parameters\":[\"!")
                                    << "\"parameters\" [0] is not base64 float32 data";
        // A version-1 file relabelled 2: it lacks the checksum every version-2 file carries.
        QTest::newRow("version 2 as JSON text") << QByteArray("\"version\":1") << QByteArray("\"version\":2")
                                          << "the key \"checksum\" is missing";
    }

    void damagedVersionOneCheckpointsAreRefusedInOneLine()
    {
        QFETCH(QByteArray, find);
        QFETCH(QByteArray, replace);
        QFETCH(QString, message);
        QByteArray text = QByteArray::fromStdString(versionOneFile());
        QVERIFY(text.contains(find));
        if (replace.isEmpty())
            text.truncate(text.indexOf(find));
        else
            text.replace(find, replace);
        const QString what = refusalOf(text.toStdString());
        QVERIFY2(what.contains(message), qPrintable(what));
    }

    // A state that parses but doesn't fit the run (another network, an order that would index
    // outside the training set) is refused before training touches it.
    void stateThatDoesNotFitTheRunIsRefused()
    {
        const TrainConfig c = denseRun();
        TrainingState state;
        {
            Trainer first(c, mnist());
            first.setCheckpointWriter([&](const TrainingState& s) { state = s; });
            first.run();
        }
        TrainingState badOrder = state;
        badOrder.order[5] = 2000;   // n = 2000: out of range
        TrainingState badSize = state;
        badSize.parameters[0].conservativeResize(7);
        TrainingState badPlace = state;
        badPlace.batchesDone = 999;
        for (const TrainingState* s : {&badOrder, &badSize, &badPlace}) {
            Trainer trainer(c, mnist());
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainer.restore(*s));
        }
    }

    // The acceptance test: kill -9 a real training process mid-run, resume it from its
    // checkpoint file, and get bit-for-bit the model an unbroken run saves.
    void sigkilledRunResumesToTheSameWeights()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        ChildProcess victim(cli(), kCliRun + QStringList{"--checkpoint", checkpoint});
        QVERIFY(victim.started());
        QVERIFY(waitForEpochs(victim, checkpoint, 2));
        ::kill(victim.pid(), SIGKILL);
        QVERIFY(victim.waitForFinished());
        QVERIFY(victim.crashed());
        const Checkpoint left = loadCheckpoint(checkpoint.toStdString());
        QVERIFY(!left.finished);
        QVERIFY(left.state.epoch - 1 >= 2 && left.state.epoch - 1 < 10);
        resumeAndCompareWithAnUnbrokenRun(dir, checkpoint);
    }

    // Ctrl-C stops the run between two mini-batches instead of killing it: the checkpoint holds
    // the state at that point (not marked finished), --save still writes the network, the exit
    // status is 130, stderr says how to go on, and going on gives the unbroken run's weights.
    void interruptedRunCheckpointsAndResumesToTheSameWeights()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt"), partial = dir.filePath("partial.json");
        ChildProcess victim(cli(), kCliRun + QStringList{"--checkpoint", checkpoint, "--save", partial});
        QVERIFY(victim.started());
        QVERIFY(waitForEpochs(victim, checkpoint, 1));
        ::kill(victim.pid(), SIGINT);
        QVERIFY(victim.waitForFinished(int(60000 * kSanitizerSlack)));
        QCOMPARE(victim.exitCode(), 130);
        const QString err = QString::fromUtf8(victim.err());
        QVERIFY2(err.contains("Ctrl-C: stopping after this mini-batch"), qPrintable(err));
        QVERIFY2(err.contains("continue with: nnlab-cli train --resume " + checkpoint), qPrintable(err));
        QVERIFY(QString::fromUtf8(victim.out()).contains("stopped by request"));
        const Checkpoint left = loadCheckpoint(checkpoint.toStdString());
        QVERIFY(!left.finished);
        QVERIFY(left.state.epoch - 1 >= 1 && left.state.epoch - 1 < 10);
        QVERIFY(loadModel(partial.toStdString()).layerCount() == 2);
        resumeAndCompareWithAnUnbrokenRun(dir, checkpoint);
    }

    // --ensemble K checkpoints each member to its own file; interrupted in the second member, the
    // set resumes with the same K: member 1 is read back from its finished checkpoint, member 2
    // goes on, and both end as an unbroken ensemble's do. Without K, --resume says to give it.
    void interruptedEnsembleResumesMemberByMember()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("set.ckpt"), member2 = dir.filePath("set-member2.ckpt");
        const QStringList ensemble{"--ensemble", "2"};
        ChildProcess victim(cli(), kCliRun + ensemble + QStringList{"--checkpoint", checkpoint});
        QVERIFY(victim.started());
        QVERIFY(waitForEpochs(victim, member2, 1));
        ::kill(victim.pid(), SIGINT);
        QVERIFY(victim.waitForFinished(int(60000 * kSanitizerSlack)));
        QCOMPARE(victim.exitCode(), 130);
        QVERIFY2(victim.err().contains("continue with: nnlab-cli train --resume " + checkpoint.toUtf8() + " --ensemble 2"),
                 victim.err().constData());
        QVERIFY(!victim.out().contains("ensemble of 2"));   // no vote with a half-trained member
        QVERIFY(!QFile::exists(checkpoint));
        QVERIFY(loadCheckpoint(dir.filePath("set-member1.ckpt").toStdString()).finished);
        QVERIFY(!loadCheckpoint(member2.toStdString()).finished);

        ChildProcess withoutK(cli(), {"train", "--resume", checkpoint});
        QVERIFY(withoutK.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(withoutK.exitCode(), 2);
        QVERIFY(withoutK.err().contains("give their --ensemble K or --best-of K again"));

        resumeAndCompareWithAnUnbrokenRun(dir, checkpoint, ensemble, {"run-member1.json", "run-member2.json"}, member2,
                                          "finished earlier: 10 epochs");
    }

    // A new run's --checkpoint doesn't replace a run that can still be resumed (it used to, after
    // its first epoch): one line saying how to resume, the file untouched; --overwrite replaces it.
    // A finished run's checkpoint is replaced without a word. --save onto the checkpoint is refused.
    void aNewRunDoesNotReplaceAnUnfinishedCheckpoint()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        TrainConfig c = denseRun();
        TrainingState state;
        {
            Trainer trainer(c, mnist());
            trainer.setCheckpointWriter([&](const TrainingState& s) { state = s; });
            StopAt stopper(trainer, 1, 3);
            trainer.setObserver(&stopper);
            trainer.run();
        }
        saveCheckpoint(checkpoint.toStdString(), {c, state, false});
        const QByteArray before = [&] { QFile f(checkpoint); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        const QStringList run{"train", "--net", "784,5,10", "--train-size", "100", "--epochs", "1", "--checkpoint", checkpoint};

        ChildProcess refused(cli(), run);
        QVERIFY(refused.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(refused.exitCode(), 1);
        const QString err = QString::fromUtf8(refused.err());
        QVERIFY2(err.contains(checkpoint + ": holds an unfinished run (stopped in epoch 1 of ") &&
                     err.contains("continue it with nnlab-cli train --resume " + checkpoint) && err.count('\n') == 1,
                 qPrintable(err));
        QFile after(checkpoint);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
        after.close();

        ChildProcess sameFile(cli(), run + QStringList{"--save", checkpoint, "--overwrite"});
        QVERIFY(sameFile.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(sameFile.exitCode(), 2);
        QVERIFY2(sameFile.err().contains("--save and --checkpoint name the same file"), sameFile.err().constData());

        ChildProcess overwritten(cli(), run + QStringList{"--overwrite"});
        QVERIFY(overwritten.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(overwritten.exitCode(), 0);
        QVERIFY(loadCheckpoint(checkpoint.toStdString()).finished);

        ChildProcess again(cli(), run);   // over a finished run's checkpoint: fine
        QVERIFY(again.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(again.exitCode(), 0);
    }

    // One checkpoint, one run: a second process naming a checkpoint in use is refused at once
    // (two used to overwrite each other's file epoch by epoch).
    void twoRunsCannotShareACheckpoint()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        ChildProcess first(cli(), {"train", "--net", "784,5,10", "--train-size", "500", "--epochs", "1000",
                                   "--checkpoint", checkpoint});
        QVERIFY(waitForEpochs(first, checkpoint, 1));
        ChildProcess second(cli(), {"train", "--net", "784,5,10", "--train-size", "500", "--epochs", "2",
                                    "--checkpoint", checkpoint, "--overwrite"});
        QVERIFY(second.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY2(second.err().contains("in use by another nnlab run"), second.err().constData());
        QVERIFY(first.running());
        ::kill(first.pid(), SIGINT);
        QVERIFY(first.waitForFinished(int(60000 * kSanitizerSlack)));
        QCOMPARE(first.exitCode(), 130);
        ChildProcess next(cli(), {"train", "--net", "784,5,10", "--train-size", "100", "--epochs", "1",
                                  "--checkpoint", checkpoint, "--overwrite"});   // the lock went with the first
        QVERIFY(next.waitForFinished(int(30000 * kSanitizerSlack)));
        QVERIFY2(next.exitCode() == 0, next.err().constData());
    }

    // --resume continues the checkpoint's configuration: a flag that changes it is refused naming
    // the old and the new value; the run's own flags repeated unchanged are accepted.
    void resumeRefusesAChangedConfiguration()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        const QStringList run{"train", "--net", "784,5,10", "--eta", "3", "--batch", "10", "--train-size", "100",
                              "--epochs", "1", "--checkpoint", checkpoint};
        ChildProcess first(cli(), run);
        QVERIFY(first.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(first.exitCode(), 0);

        ChildProcess changed(cli(), {"train", "--resume", checkpoint, "--eta", "1", "--batch", "10"});
        QVERIFY(changed.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(changed.exitCode(), 2);
        QVERIFY2(QString::fromUtf8(changed.err()).contains("its --eta is 3, not 1"), changed.err().constData());

        ChildProcess same(cli(), {"train", "--resume", checkpoint, "--net", "784,5,10", "--eta", "3", "--batch", "10",
                                  "--train-size", "100", "--epochs", "2"});
        QVERIFY(same.waitForFinished(int(30000 * kSanitizerSlack)));
        QVERIFY2(same.exitCode() == 0, same.err().constData());
        QCOMPARE(loadCheckpoint(checkpoint.toStdString()).state.summary.epochs, 2);

        ChildProcess asEnsemble(cli(), {"train", "--resume", checkpoint, "--ensemble", "3"});
        QVERIFY(asEnsemble.waitForFinished(int(30000 * kSanitizerSlack)));
        QCOMPARE(asEnsemble.exitCode(), 2);
        QVERIFY2(asEnsemble.err().contains("was written by a single run, not by 3"), asEnsemble.err().constData());

        ChildProcess missing(cli(), {"train", "--resume", "/nonexistent/run.ckpt"});
        QVERIFY(missing.waitForFinished(int(30000 * kSanitizerSlack)));
        QVERIFY(missing.exitCode() != 0);
        QVERIFY(QString::fromUtf8(missing.err()).contains("/nonexistent/run.ckpt"));
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
