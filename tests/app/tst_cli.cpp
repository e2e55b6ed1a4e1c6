// nnlab-cli as a user runs it: exit codes, JSON lines, saved models, clear errors.
#include "core/io/checkpoint_file.h"
#include "core/nn/network_spec.h"
#include "core/train/config_fields.h"
#include "tests/support/child_process.h"
#include "tests/support/sanitizer_slack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <csignal>
#include <memory>
#include <stdexcept>

namespace {

ProgramResult runCli(const QStringList& args)
{
    return runProgram(qEnvironmentVariable("NNLAB_CLI"), args, int(300000 * kSanitizerSlack));
}

// The files a folder holds apart from checkpoint locks (file_lock.h's hidden ".NAME.lock"): a
// hidden temporary (".NAME.XXXXXX", atomic_file.h) left there would be a half-written file.
QStringList filesBesideLocks(const QString& dir)
{
    QStringList files;
    for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::Hidden))
        if (!(name.startsWith('.') && name.endsWith(".lock")))
            files << name;
    return files;
}

// nnlab-cli with NNLAB_TEST_PAUSE_AT=point (stop_on_interrupt.h): it pauses there and waits for a
// signal. Sends `signal` once it says so (twice when `twice`: the second once the first is taken).
struct PausedCli {
    PausedCli(const QString& point, const QStringList& args, int signal, bool twice)
    {
        qputenv("NNLAB_TEST_PAUSE_AT", point.toUtf8());
        cli = std::make_unique<ChildProcess>(qEnvironmentVariable("NNLAB_CLI"), args);
        qunsetenv("NNLAB_TEST_PAUSE_AT");
        reachedPoint = waitForErr("nnlab-cli: paused at " + point.toUtf8());
        if (!reachedPoint)
            return;
        ::kill(cli->pid(), signal);
        if (twice && waitForErr(signal == SIGINT ? "Ctrl-C: stopping" : "SIGTERM: stopping"))
            ::kill(cli->pid(), signal);
        finished = cli->waitForFinished(int(120000 * kSanitizerSlack));
        out = QString::fromUtf8(cli->out());
        err = QString::fromUtf8(cli->err());
    }

    bool waitForErr(const QByteArray& text)
    {
        QElapsedTimer clock;
        clock.start();
        while (cli->running() && !cli->err().contains(text) && clock.elapsed() < 60000 * kSanitizerSlack)
            ::usleep(1000);
        return cli->err().contains(text);
    }

    std::unique_ptr<ChildProcess> cli;
    bool reachedPoint = false;
    bool finished = false;
    QString out, err;
};

QList<QJsonObject> jsonLines(const QString& text)
{
    QList<QJsonObject> lines;
    for (const QString& line : text.split('\n', Qt::SkipEmptyParts))
        lines.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return lines;
}

// nnlab-cli under a resource limit the shell sets first: "ulimit -v N" (address space) or
// "ulimit -d N" (data), in kB.
ChildProcess* limitedCli(const QString& ulimit, const QStringList& args)
{
    return new ChildProcess("/bin/sh", QStringList{"-c", ulimit + " && exec \"$0\" \"$@\"",
                                                   qEnvironmentVariable("NNLAB_CLI")} + args);
}

// validate()'s line for a --net, as tst_network_limits finds the loaders give it too.
QString coreProblem(const QString& net)
{
    try {
        nnlab::NetworkSpec spec;
        nnlab::parseArchitecture(net.toStdString(), spec);
        nnlab::validate(spec);
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("NNLAB_CLI")), "NNLAB_CLI must name nnlab-cli"); }

    void badFlagsGiveUsageAndExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << "usage:";
        QTest::newRow("unknown command") << QStringList{"fly"} << "unknown command 'fly'";
        QTest::newRow("unknown flag") << QStringList{"train", "--speed", "9"} << "unknown option '--speed'";
        QTest::newRow("missing value") << QStringList{"train", "--eta"} << "--eta: 1 required NUMBER missing";
        QTest::newRow("bad number") << QStringList{"train", "--eta", "fast"} << "--eta: must be a number";
        QTest::newRow("bad choice") << QStringList{"train", "--cost", "hinge"} << "--cost: must be one of";
        QTest::newRow("bad net") << QStringList{"train", "--net", "784,x,10"} << "'x' is not a layer";
        QTest::newRow("bad preset") << QStringList{"train", "--preset", "nope"} << "no preset named 'nope'";
        QTest::newRow("softmax with quadratic") << QStringList{"train", "--output", "softmax"} << "does not go with";
        QTest::newRow("evaluate without model") << QStringList{"evaluate"} << "needs --model";
    }

    void badFlagsGiveUsageAndExit2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const ProgramResult r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message) || r.out.contains(message), qPrintable(r.err));
        if (!args.isEmpty())
            QCOMPARE(r.err.count('\n'), 1);   // one line
    }

    // The help is made from the options themselves: every configuration field's flag is listed
    // with its range, and every command has its own.
    void helpIsGeneratedFromTheOptions()
    {
        const ProgramResult r = runCli({"train", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const nnlab::ConfigField& field : nnlab::configFields()) {
            if (field.flag.empty())
                continue;
            QVERIFY2(r.out.contains(QString::fromStdString(field.flag)), field.flag.c_str());
            if (field.type == nnlab::ConfigField::Type::Integer)
                QVERIFY2(r.out.contains(QString("[%1..%2]").arg(QString::fromStdString(nnlab::formatLimit(field.min)),
                                                                QString::fromStdString(nnlab::formatLimit(field.max)))),
                         field.flag.c_str());
        }
        for (const char* command : {"presets", "train", "evaluate", "gradcheck", "bench", "baselines"}) {
            const ProgramResult help = runCli({command, "--help"});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.out.contains(QString("usage: nnlab-cli ") + command), command);
        }
        const ProgramResult version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(!version.out.trimmed().isEmpty());
    }

    void presetsListTheBooksExperiments()
    {
        const ProgramResult r = runCli({"presets", "--json"});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QStringList names;
        for (const auto& o : lines)
            names << o["name"].toString();
        for (const char* name : {"ch1-784-30-10", "ch1-784-100-10", "ch3-cross-entropy", "ch3-784-100-10-l2",
                                 "ch3-overfitting", "ch3-overfitting-l2", "ch5-784-30-30-10",
                                 "ch5-784-30-30-30-10", "ch5-784-30-30-30-30-10"})
            QVERIFY2(names.contains(name), name);
        QCOMPARE(lines.first()["book_accuracy"].toDouble(), 0.9542);
    }

    void trainJsonSaveAndEvaluate()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("net.json");
        const ProgramResult r = runCli({"train", "--preset", "ch3-cross-entropy", "--epochs", "2", "--train-size", "5000",
                                 "--json", "--save", model});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3);
        for (int e = 0; e < 2; ++e) {
            QCOMPARE(lines[e]["epoch"].toInt(), e + 1);
            for (const char* key : {"seconds", "eta", "training_cost", "training_accuracy", "validation_accuracy",
                                    "test_accuracy"})
                QVERIFY2(lines[e].contains(key), key);
            QVERIFY(lines[e]["test_accuracy"].toDouble() > 0.5 && lines[e]["test_accuracy"].toDouble() <= 1.0);
            QVERIFY(lines[e]["seconds"].toDouble() > 0.0);
        }
        const QJsonObject summary = lines[2]["summary"].toObject();
        QCOMPARE(summary["epochs"].toInt(), 2);
        QCOMPARE(summary["reason"].toString(), QString("completed"));
        QVERIFY(!summary.contains("hint"));   // it learned

        // The saved model evaluates to the same test accuracy the last epoch reported.
        const ProgramResult e = runCli({"evaluate", "--model", model, "--json"});
        QCOMPARE(e.exitCode, 0);
        QCOMPARE(jsonLines(e.out).first()["test_accuracy"].toDouble(), lines[1]["test_accuracy"].toDouble());
    }

    // The book's "best of three runs": K seeds, the best peak reported, the best network saved.
    void bestOfRuns()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("best.json");
        const ProgramResult r = runCli({"train", "--net", "784,20,10", "--cost", "cross-entropy", "--eta", "0.5", "--epochs",
                                 "2", "--train-size", "2000", "--best-of", "3", "--seed", "4", "--json", "--save", model});
        QCOMPARE(r.exitCode, 0);
        const auto lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 3 * 2 + 1);
        QCOMPARE(lines[0]["run"].toInt(), 1);
        QCOMPARE(lines[5]["run"].toInt(), 3);
        const QJsonObject summary = lines.last()["summary"].toObject();
        QCOMPARE(summary["best_of"].toInt(), 3);
        const QJsonArray runs = summary["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        double best = 0.0, bestFinal = 0.0;
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(runs[i].toObject()["seed"].toInt(), 4 + i);
            if (runs[i].toObject()["best_test_accuracy"].toDouble() > best) {
                best = runs[i].toObject()["best_test_accuracy"].toDouble();
                bestFinal = runs[i].toObject()["final_test_accuracy"].toDouble();
            }
        }
        QCOMPARE(summary["best_test_accuracy"].toDouble(), best);
        const ProgramResult e = runCli({"evaluate", "--model", model, "--json"});
        QCOMPARE(jsonLines(e.out).first()["test_accuracy"].toDouble(), bestFinal);
    }

    // Chapter 6's ensembles: trained together (train --ensemble) or saved members evaluated
    // together later (evaluate --ensemble) give the same vote.
    void ensembleTrainedOrEvaluatedFromFiles()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("ens.json");
        const ProgramResult r = runCli({"train", "--net", "784,20,10", "--cost", "cross-entropy", "--eta", "0.5", "--epochs",
                                 "1", "--train-size", "2000", "--ensemble", "3", "--json", "--save", model});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject trained = jsonLines(r.out).last()["summary"].toObject()["ensemble"].toObject();
        QCOMPARE(trained["size"].toInt(), 3);
        QStringList members;
        for (int k = 1; k <= 3; ++k)
            members << dir.filePath(QString("ens-member%1.json").arg(k));
        const ProgramResult e = runCli({"evaluate", "--ensemble", members.join(','), "--json"});
        QCOMPARE(e.exitCode, 0);
        const QJsonObject report = jsonLines(e.out).first();
        QCOMPARE(report["members"].toArray().size(), 3);
        const QJsonObject voted = report["ensemble"].toObject();
        QCOMPARE(voted["test_accuracy"].toDouble(), trained["test_accuracy"].toDouble());
        QCOMPARE(voted["validation_accuracy"].toDouble(), trained["validation_accuracy"].toDouble());
        const QJsonObject plurality = voted["plurality"].toObject();
        QCOMPARE(plurality["test_accuracy"].toDouble(), trained["plurality"].toObject()["test_accuracy"].toDouble());
        QCOMPARE(plurality["total"].toInt(), 10000);
        QVERIFY(plurality["test_accuracy"].toDouble() > 0.5);   // a vote of three nets, not garbage
        // Test images missed by 0, 1, 2, 3 members: four counts adding up to the test set, and the
        // members' own mistakes: Σ k·count = their errors together.
        const QJsonArray missedBy = voted["test_missed_by"].toArray();
        QCOMPARE(missedBy.size(), 4);
        int images = 0, mistakes = 0, membersCorrect = 0;
        for (int k = 0; k < 4; ++k) {
            images += missedBy[k].toInt();
            mistakes += k * missedBy[k].toInt();
        }
        for (const QJsonValue& m : report["members"].toArray())
            membersCorrect += m.toObject()["correct"].toInt();
        QCOMPARE(images, 10000);
        QCOMPARE(mistakes, 3 * 10000 - membersCorrect);
        for (const QJsonValue& m : report["members"].toArray())
            QVERIFY(m.toObject()["test_accuracy"].toDouble() <= 1.0);

        const ProgramResult one = runCli({"evaluate", "--ensemble", members.first()});
        QCOMPARE(one.exitCode, 2);
        QVERIFY(one.err.contains("two or more"));
    }

    // η = 500 saturates every neuron: the run ends at chance, and the summary says so (the rule
    // of core/train/chance.h, which the Train view shows too).
    void aRunAtChanceSaysSoInItsSummary()
    {
        const QStringList args{"train", "--net", "784,30,10", "--eta", "500", "--epochs", "2", "--train-size", "1000"};
        const ProgramResult json = runCli(args + QStringList{"--json"});
        QCOMPARE(json.exitCode, 0);
        const QString hint = jsonLines(json.out).last()["summary"].toObject()["hint"].toString();
        QVERIFY2(hint.startsWith("accuracy at chance (") && hint.contains("after 2 epochs") &&
                     hint.contains("η = 500 may be too large"),
                 qPrintable(hint));
        const ProgramResult table = runCli(args);
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("\nwarning: " + hint + "\n"), qPrintable(table.out));
    }

    void readableTable()
    {
        const ProgramResult r = runCli({"train", "--net", "784,10,10", "--epochs", "1", "--train-size", "1000"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("test acc"));
        QVERIFY(r.out.contains("completed 1 epochs"));
    }

    void gradcheckPasses()
    {
        const ProgramResult r = runCli({"gradcheck", "--net", "784,30,30,10", "--cost", "cross-entropy", "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = jsonLines(r.out).first();
        QVERIFY(o["pass"].toBool());
        QVERIFY(o["max_relative_error"].toDouble() < 1e-4);
    }

    // Ctrl-C while the data is still loading (the CLI has taken SIGINT over, it loads for a few
    // hundred ms): exit 130, a summary saying nothing was trained, and no file written — neither
    // --save nor --checkpoint. Once crashed with SIGSEGV (the summary indexed an empty run list).
    void interruptWhileLoadingSaysNothingWasTrained_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("lines") << false;
        QTest::newRow("json") << true;
    }

    void interruptWhileLoadingSaysNothingWasTrained()
    {
        QFETCH(bool, json);
        QTemporaryDir dir;
        const QString save = dir.filePath("net.json"), checkpoint = dir.filePath("run.ckpt");
        QStringList args{"train", "--epochs", "1", "--save", save, "--checkpoint", checkpoint};
        if (json)
            args << "--json";
        ChildProcess cli(qEnvironmentVariable("NNLAB_CLI"), args);
        QVERIFY(cli.waitUntilBlocking(SIGINT, int(10000 * kSanitizerSlack)));
        ::kill(cli.pid(), SIGINT);
        QVERIFY(cli.waitForFinished(int(60000 * kSanitizerSlack)));
        QVERIFY(!cli.crashed());
        QCOMPARE(cli.exitCode(), 130);
        const QString out = QString::fromUtf8(cli.out()), err = QString::fromUtf8(cli.err());
        if (err.contains("interrupted before training started")) {   // the usual case: during loading
            QVERIFY2(err.contains("nothing saved"), qPrintable(err));
            // Nothing but the checkpoint's lock companion (file_lock.h).
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{".run.ckpt.lock"});
            if (json)
                QCOMPARE(jsonLines(out).last()["summary"].toObject()["reason"].toString(), QString("interrupted"));
            else
                QVERIFY2(out.contains("interrupted before training started: no epochs run"), qPrintable(out));
        } else {   // the machine loaded the data before the signal came: the ordinary Ctrl-C stop
            QVERIFY2(err.contains("continue with: nnlab-cli train --resume"), qPrintable(err));
        }
        // Nothing half-written: no temporary (a hidden ".name.XXXXXX" beside its target) is left.
        for (const QString& name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
            QVERIFY2(!name.startsWith('.') || name == ".run.ckpt.lock", qPrintable(name));
    }

    // Every stop point of `train` (stop_on_interrupt.h): Ctrl-C or SIGTERM there gives exit 130,
    // a summary line of what was done, saved and checkpointed, and no half-written file. The
    // CLI pauses at the point (NNLAB_TEST_PAUSE_AT) so that the signal lands there every time.
    void everyStopPointEndsIn130AndASummary_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<int>("signal");
        QTest::addColumn<QStringList>("files");    // what the folder holds afterwards
        QTest::addColumn<int>("checkpointEpoch");  // the epoch its checkpoint resumes at (0: none)
        QTest::addColumn<QString>("summary");      // the last line on stderr, ~ standing for the folder
        QTest::newRow("before loading") << "loading" << SIGINT << QStringList{} << 0
                                        << "interrupted before training started; nothing was trained, nothing saved";
        QTest::newRow("before loading, SIGTERM") << "loading" << SIGTERM << QStringList{} << 0
                                                 << "interrupted before training started; nothing was trained, nothing saved";
        // The trainer checkpoints the run's start: --resume goes on from there. The untrained
        // network is not saved.
        QTest::newRow("before the first mini-batch")
            << "first-batch" << SIGINT << QStringList{"run.ckpt"} << 1
            << "interrupted before the first mini-batch; nothing was trained, nothing saved; continue with: "
               "nnlab-cli train --resume ~/run.ckpt";
        // The epoch's evaluation is finished (seconds at most), then the run stops.
        QTest::newRow("during evaluation") << "evaluation" << SIGINT << QStringList{"net.json", "run.ckpt"} << 2
                                           << "interrupted with 1 of 3 epochs done; best test accuracy so far ";
        QTest::newRow("during evaluation, SIGTERM") << "evaluation" << SIGTERM << QStringList{"net.json", "run.ckpt"} << 2
                                                    << "interrupted with 1 of 3 epochs done; best test accuracy so far ";
        QTest::newRow("at the checkpoint") << "checkpoint" << SIGINT << QStringList{"net.json", "run.ckpt"} << 2
                                           << "; saved ~/net.json; checkpoint ~/run.ckpt: continue with: "
                                              "nnlab-cli train --resume ~/run.ckpt";
        // The run had completed: the file is written, and nothing is left to continue.
        QTest::newRow("during --save") << "save" << SIGINT << QStringList{"net.json", "run.ckpt"} << 4
                                       << "interrupted after the run had ended (completed 3 epochs); best test accuracy "
                                          "so far ";
    }

    void everyStopPointEndsIn130AndASummary()
    {
        QFETCH(QString, point);
        QFETCH(int, signal);
        QFETCH(QStringList, files);
        QFETCH(int, checkpointEpoch);
        QFETCH(QString, summary);
        QTemporaryDir dir;
        const QString save = dir.filePath("net.json"), checkpoint = dir.filePath("run.ckpt");
        PausedCli run(point,
                      {"train", "--net", "784,30,10", "--cost", "cross-entropy", "--eta", "0.5", "--epochs", "3",
                       "--train-size", "1000", "--save", save, "--checkpoint", checkpoint},
                      signal, false);
        QVERIFY2(run.reachedPoint, qPrintable(run.cli->err()));
        QVERIFY(run.finished);
        QVERIFY(!run.cli->crashed());
        QCOMPARE(run.cli->exitCode(), 130);
        const QString last = run.err.trimmed().section('\n', -1);
        QVERIFY2(last.startsWith("nnlab-cli: interrupted") && last.contains(QString(summary).replace("~", dir.path())),
                 qPrintable(run.err));
        if (files.contains("net.json"))
            QVERIFY2(last.contains("; saved " + save), qPrintable(last));
        QCOMPARE(filesBesideLocks(dir.path()), files);
        if (checkpointEpoch > 0) {
            const nnlab::Checkpoint c = nnlab::loadCheckpoint(checkpoint.toStdString());
            QCOMPARE(c.state.epoch, checkpointEpoch);
            QCOMPARE(c.finished, point == "save");   // the completed run's; the others can be resumed
        }
        if (files.contains("net.json")) {   // a whole model, as good as the summary says
            const ProgramResult e = runCli({"evaluate", "--model", save});
            QCOMPARE(e.exitCode, 0);
        }
    }

    // A checkpoint write that a signal meets: the checkpoint of the epoch before stays whole, and
    // the new one is written whole (one Ctrl-C) or not at all (a second Ctrl-C quits at once —
    // after a write in progress, which it lets finish).
    void aCheckpointWriteIsNeverLeftHalfDone_data()
    {
        QTest::addColumn<bool>("twice");
        QTest::newRow("Ctrl-C") << false;
        QTest::newRow("Ctrl-C twice") << true;
    }

    void aCheckpointWriteIsNeverLeftHalfDone()
    {
        QFETCH(bool, twice);
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        const QStringList args{"train", "--net", "784,30,10", "--cost", "cross-entropy", "--eta", "0.5", "--train-size",
                               "1000", "--checkpoint", checkpoint};
        QCOMPARE(runCli(args + QStringList{"--epochs", "1"}).exitCode, 0);
        QFile file(checkpoint);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray previous = file.readAll();
        file.close();

        PausedCli run("checkpoint", {"train", "--resume", checkpoint, "--epochs", "3"}, SIGINT, twice);
        QVERIFY2(run.reachedPoint, qPrintable(run.cli->err()));
        QVERIFY(run.finished);
        QVERIFY(!run.cli->crashed());
        QCOMPARE(run.cli->exitCode(), 130);
        QCOMPARE(filesBesideLocks(dir.path()), QStringList{"run.ckpt"});   // no temporary left
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray now = file.readAll();
        const nnlab::Checkpoint c = nnlab::parseCheckpoint(now.toStdString(), "run.ckpt");   // whole
        if (now != previous) {   // written whole: epoch 2's, to be resumed
            QCOMPARE(c.state.epoch, 3);
            QVERIFY(!c.finished);
        } else {                 // the second Ctrl-C came before the write: epoch 1's, untouched
            QVERIFY(twice);
            QVERIFY2(run.err.contains("interrupted again: quitting now"), qPrintable(run.err));
        }
        if (!twice)
            QVERIFY2(run.err.contains("interrupted with 2 of 3 epochs done") &&
                         run.err.contains("continue with: nnlab-cli train --resume " + checkpoint),
                     qPrintable(run.err));
    }

    // A second Ctrl-C while waiting to save quits at once: no model, and no temporary.
    void aSecondCtrlCBeforeSaveLeavesNoFile()
    {
        QTemporaryDir dir;
        const QString save = dir.filePath("net.json");
        PausedCli run("save", {"train", "--net", "784,30,10", "--epochs", "1", "--train-size", "1000", "--save", save},
                      SIGINT, true);
        QVERIFY2(run.reachedPoint, qPrintable(run.cli->err()));
        QVERIFY(run.finished);
        QCOMPARE(run.cli->exitCode(), 130);
        const QStringList files = filesBesideLocks(dir.path());
        QVERIFY2(files.isEmpty() || files == QStringList{"net.json"}, qPrintable(files.join(' ')));
        if (!files.isEmpty())   // the second Ctrl-C came after the save began: it finished it
            QCOMPARE(runCli({"evaluate", "--model", save}).exitCode, 0);
    }

    // SIGTERM between an ensemble's members: the finished member is saved and checkpointed under
    // its own number, and --resume with the same --ensemble trains the rest.
    void interruptBetweenEnsembleMembers()
    {
        QTemporaryDir dir;
        const QString save = dir.filePath("ens.json"), checkpoint = dir.filePath("run.ckpt");
        const QStringList args{"train", "--net", "784,20,10", "--cost", "cross-entropy", "--eta", "0.5", "--epochs", "1",
                               "--train-size", "1000", "--ensemble", "3"};
        PausedCli run("next-member", args + QStringList{"--save", save, "--checkpoint", checkpoint}, SIGTERM, false);
        QVERIFY2(run.reachedPoint, qPrintable(run.cli->err()));
        QVERIFY(run.finished);
        QCOMPARE(run.cli->exitCode(), 130);
        QCOMPARE(filesBesideLocks(dir.path()), (QStringList{"ens-member1.json", "run-member1.ckpt"}));
        const QString last = run.err.trimmed().section('\n', -1);
        QVERIFY2(last.startsWith("nnlab-cli: interrupted after run 1 of 3 had ended (completed 1 epochs); best test "
                                 "accuracy so far ") &&
                     last.contains("(run 1, epoch 1); saved " + dir.filePath("ens-member1.json") + "; checkpoints " +
                                   dir.filePath("run-member1.ckpt") + " … " + dir.filePath("run-member3.ckpt") +
                                   ": continue with: nnlab-cli train --resume " + checkpoint + " --ensemble 3"),
                 qPrintable(last));
        const ProgramResult resumed = runCli({"train", "--resume", checkpoint, "--ensemble", "3", "--save", save});
        QCOMPARE(resumed.exitCode, 0);
        QVERIFY2(resumed.out.contains("finished earlier: 1 epochs"), qPrintable(resumed.out));
        QCOMPARE(filesBesideLocks(dir.path()).size(), 6);   // three models, three checkpoints
    }

    // Where a run will write is checked before it trains: a --save into a missing folder, onto a
    // named pipe, or a --checkpoint where no file can be created (/proc takes none, even from
    // root) is one line at once, before any data is read, and the pipe stays a pipe.
    void unwritableTargetsAreRefusedBeforeTraining_data()
    {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("target");   // relative to a scratch folder, or absolute
        QTest::addColumn<QString>("message");
        QTest::newRow("save, no folder") << "--save" << "no/such/folder/net.json" << "no/such/folder does not exist";
        QTest::newRow("save, pipe") << "--save" << "pipe" << "is a named pipe (FIFO); nnlab writes only to regular files";
        QTest::newRow("checkpoint, pipe") << "--checkpoint" << "pipe" << "is a named pipe (FIFO)";
        QTest::newRow("checkpoint, /proc") << "--checkpoint" << "/proc/nnlab-test.ckpt" << "cannot write in the folder /proc";
    }

    void unwritableTargetsAreRefusedBeforeTraining()
    {
        QFETCH(QString, flag);
        QFETCH(QString, target);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString pipe = dir.filePath("pipe");
        QCOMPARE(::mkfifo(pipe.toLocal8Bit().constData(), 0600), 0);
        const QString path = target.startsWith('/') ? target : dir.filePath(target);
        const ProgramResult r = runCli({"train", "--epochs", "2", "--train-size", "1000", flag, path});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("nnlab-cli: " + path + ": ") && r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));   // not one epoch trained
        QVERIFY(QFileInfo(pipe).exists() && !QFileInfo(pipe).isFile());
    }

    // A checkpoint that could be written at first but not at the end (here its name becomes a
    // folder mid-run, so every later write fails): training goes on, each failure is one line,
    // and the command does not exit 0 (4: the file is behind the run).
    void aCheckpointLeftBehindIsNotSuccess()
    {
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath("run.ckpt");
        ChildProcess cli(qEnvironmentVariable("NNLAB_CLI"),
                         {"train", "--epochs", "60", "--train-size", "500", "--checkpoint", checkpoint});
        QElapsedTimer clock;
        clock.start();
        while (!QFile::exists(checkpoint) && cli.running() && clock.elapsed() < 60000 * kSanitizerSlack)
            QTest::qWait(1);
        QVERIFY(QFile::remove(checkpoint));
        QVERIFY(QDir(dir.path()).mkpath("run.ckpt/keep"));
        QVERIFY(cli.waitForFinished(int(120000 * kSanitizerSlack)));
        const QString err = QString::fromUtf8(cli.err());
        QVERIFY2(err.contains("checkpoint not written (training goes on)"), qPrintable(err));
        QVERIFY2(err.contains(checkpoint + ": the last checkpoint could not be written"), qPrintable(err));
        QCOMPARE(cli.exitCode(), 4);
    }

    void missingDataIsOneClearLine()
    {
        QTemporaryDir empty;
        const ProgramResult r = runCli({"train", "--epochs", "1", "--data", empty.path()});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(empty.path()) && r.err.contains("fetch"), qPrintable(r.err));
    }

    // A path that can't be reached, wherever it is given (data folder, model, save, checkpoint,
    // resume): one line naming it and why, exit 1. (It used to say "no MNIST files there",
    // "cannot look at it: File name too long", or from --resume "filesystem error: status: ...".)
    void unreachablePathsAreOneClearLine()
    {
        QTemporaryDir dir;
        const QString aFile = dir.filePath("a-file");
        QFile(aFile).open(QIODevice::WriteOnly);
        QString tooLong = dir.path();
        while (tooLong.size() < 5000)
            tooLong += "/" + QString(200, 'd');
        const QString longName = dir.filePath(QString(300, 'n'));
        struct Case {
            QStringList args;   // %1: the path
            QString path;
            QString reason;
        };
        const QList<Case> cases = {
            {{"train", "--epochs", "1", "--data", "%1"}, tooLong, "the path is too long ("},
            {{"train", "--epochs", "1", "--data", "%1"}, longName, "in it is too long (300 bytes; a name may have at most 255)"},
            {{"train", "--epochs", "1", "--data", "%1"}, aFile + "/data", aFile + " is a file, not a folder"},
            {{"train", "--epochs", "1", "--data", "%1"}, aFile, "is a file, not a folder"},
            {{"train", "--epochs", "1", "--save", "%1"}, tooLong + "/net.json", "the path is too long ("},
            {{"train", "--epochs", "1", "--save", "%1"}, aFile + "/net.json", aFile + " is a file, not a folder"},
            {{"train", "--epochs", "1", "--checkpoint", "%1"}, longName, "in it is too long (300 bytes"},
            {{"train", "--epochs", "1", "--checkpoint", "%1"}, aFile + "/run.ckpt", aFile + " is a file, not a folder"},
            {{"train", "--resume", "%1"}, tooLong + "/run.ckpt", "the path is too long ("},
            {{"train", "--resume", "%1"}, aFile + "/run.ckpt", aFile + " is a file, not a folder"},
            {{"evaluate", "--model", "%1"}, longName, "in it is too long (300 bytes"},
            {{"evaluate", "--model", "%1"}, aFile + "/net.json", aFile + " is a file, not a folder"},
        };
        for (const Case& c : cases) {
            QStringList args;
            for (const QString& arg : c.args)
                args << (arg == "%1" ? c.path : arg);
            const ProgramResult r = runCli(args);
            const QString context = args.first() + " " + args[args.size() - 2] + " " + c.path.right(40) + ": " + r.err;
            QVERIFY2(r.exitCode == 1, qPrintable(context));
            QVERIFY2(r.err.count('\n') == 1, qPrintable(context));
            QVERIFY2(r.err.startsWith("nnlab-cli: " + c.path + ": ") && r.err.contains(c.reason), qPrintable(context));
        }
    }

    void damagedModelIsOneClearLine()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("broken.json");
        QFile f(model);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"sizes\": [784, 30");
        f.close();
        const ProgramResult r = runCli({"evaluate", "--model", model});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(model) && r.err.contains("not a valid JSON model file"), qPrintable(r.err));
    }

    // --net past one of network_limits.h's limits: a usage error naming the layer, in the very
    // words the model loaders and the Train view use; nothing is allocated (the last row asked
    // for 9.3 GB before).
    void netPastALimitIsAUsageError_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("net");
        QTest::newRow("maps") << "train" << "784,conv4097x5,pool2,10";
        QTest::newRow("kernel") << "train" << "784,conv20x65,10";
        QTest::newRow("pool") << "gradcheck" << "784,conv20x5,pool65,10";
        QTest::newRow("neurons") << "train" << "784,100001,10";
        QTest::newRow("parameters") << "gradcheck" << "784,31447,10";
        QTest::newRow("the issue's convnet") << "train" << "784,conv4000x5,100,10";
    }

    void netPastALimitIsAUsageError()
    {
        QFETCH(QString, command);
        QFETCH(QString, net);
        const QString expected = coreProblem(net);
        QVERIFY(!expected.isEmpty());
        const ProgramResult r = runCli({command, "--net", net});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    // A network within the limits that this machine (here: its ulimit -v) can't hold is refused
    // before anything is allocated, the data included: one line with what it needs and what there
    // is, exit 1.
    void tooLargeForMemoryIsRefusedFirst_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("what");
        QTest::newRow("train, convnet") << QStringList{"train", "--net", "784,conv4096x5,pool2,10", "--batch", "100"}
                                        << "784,conv4096x5,pool2,10 with m = 100 needs about ";
        QTest::newRow("train, ensemble") << QStringList{"train", "--net", "784,31446,10", "--ensemble", "5"}
                                         << "784,31446,10 with m = 10, keeping 6 trained networks, needs about ";
        QTest::newRow("gradcheck") << QStringList{"gradcheck", "--net", "784,conv4096x5,pool2,10", "--samples", "200"}
                                   << "784,conv4096x5,pool2,10 with 200 samples needs about ";
    }

    void tooLargeForMemoryIsRefusedFirst()
    {
        if (kSanitizerSlack > 1.0)
            QSKIP("the sanitizers need terabytes of address space");
        QFETCH(QStringList, args);
        QFETCH(QString, what);
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<ChildProcess> cli(limitedCli("ulimit -v 1500000", args));
        QVERIFY(cli->waitForFinished(60000));
        const QString err = QString::fromUtf8(cli->err());
        QCOMPARE(cli->exitCode(), 1);
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(err.startsWith("nnlab-cli: " + what), qPrintable(err));
        QVERIFY2(err.contains(" of memory; only ") && err.contains("under this process's address-space limit (ulimit -v)"),
                 qPrintable(err));
        QVERIFY2(clock.elapsed() < 5000 * kSanitizerSlack, "refused before loading the data");
    }

    // Past the estimate, yet refused memory (a data limit, ulimit -d, which the estimate doesn't
    // read; or other programs taking memory meanwhile): one line and exit 1 — not SIGABRT from a
    // std::bad_alloc escaping main or a thread, which is what a convnet too large to allocate did.
    void outOfMemoryIsOneLineNotASignal_data()
    {
        QTest::addColumn<QString>("ulimit");
        QTest::addColumn<QStringList>("args");
        // Two cores: the helper thread's half of each mini-batch, and evaluation's second thread.
        QTest::newRow("train, convnet") << "ulimit -d 700000"
                                        << QStringList{"train", "--net", "784,conv200x5,pool2,100,10", "--batch", "50",
                                                       "--epochs", "1", "--train-size", "1000"};
        QTest::newRow("train, the data") << "ulimit -d 150000" << QStringList{"train", "--epochs", "1"};
        QTest::newRow("gradcheck") << "ulimit -d 300000"
                                   << QStringList{"gradcheck", "--net", "784,conv4096x5,pool2,10", "--samples", "10"};
    }

    void outOfMemoryIsOneLineNotASignal()
    {
        if (kSanitizerSlack > 1.0)
            QSKIP("the sanitizers' allocators report a refused allocation themselves");
        QFETCH(QString, ulimit);
        QFETCH(QStringList, args);
        std::unique_ptr<ChildProcess> cli(limitedCli(ulimit, args));
        QVERIFY(cli->waitForFinished(int(120000 * kSanitizerSlack)));
        const QString err = QString::fromUtf8(cli->err());
        QVERIFY2(!cli->crashed(), qPrintable(err));
        QCOMPARE(cli->exitCode(), 1);
        QVERIFY2(err.endsWith("nnlab-cli: out of memory while running " + args.first() +
                              " (the system refused an allocation; a smaller network or mini-batch needs less)\n"),
                 qPrintable(err));
    }

    void fashionMnistIsSelectable()
    {
        const ProgramResult r = runCli({"train", "--dataset", "fashion", "--net", "784,30,10", "--cost", "cross-entropy",
                                 "--eta", "0.5", "--epochs", "1", "--train-size", "5000", "--json"});
        QCOMPARE(r.exitCode, 0);
        const double accuracy = jsonLines(r.out).first()["test_accuracy"].toDouble();
        // Fashion-MNIST is harder than MNIST: a small net learns it to ~70-80% in one short epoch.
        QVERIFY2(accuracy > 0.6, qPrintable(QString::number(accuracy)));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
