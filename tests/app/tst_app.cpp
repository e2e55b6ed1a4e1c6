// The nnlab window's command line as a user meets it: help and version need no display, a missing
// display or an option naming nothing gives one clear line and an exit code, not a Qt abort.
#include "tests/support/child_process.h"
#include "tests/support/sanitizer_slack.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

ProgramResult runApp(const QStringList& args)
{
    return runProgram(qEnvironmentVariable("NNLAB_GUI"), args, int(60000 * kSanitizerSlack));
}

// Takes the display away from the programs this test starts, as on a server or over ssh.
class NoDisplay {
public:
    NoDisplay()
    {
        for (const char* name : kNames) {
            m_saved.append(qgetenv(name));
            qunsetenv(name);
        }
    }
    ~NoDisplay()
    {
        for (int i = 0; i < int(std::size(kNames)); ++i)
            if (!m_saved[i].isNull())
                qputenv(kNames[i], m_saved[i]);
    }

private:
    static constexpr const char* kNames[] = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"};
    QList<QByteArray> m_saved;
};

}  // namespace

class TestApp : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("NNLAB_GUI")), "NNLAB_GUI must name nnlab"); }

    void helpAndVersionNeedNoDisplay()
    {
        NoDisplay noDisplay;
        const ProgramResult help = runApp({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("--start-preset <name>") && help.out.contains("--universality <page>") &&
                     help.out.contains("--no-tour"),
                 qPrintable(help.out + help.err));
        const ProgramResult version = runApp({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith("nnlab "), qPrintable(version.out + version.err));
    }

    void noDisplayIsOneClearLine()
    {
        NoDisplay noDisplay;
        const ProgramResult r = runApp({});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("nnlab: no display") && r.err.contains("nnlab-cli"), qPrintable(r.err));
    }

    void optionsNamingNothingAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("view") << QStringList{"--view", "nope"} << "nnlab: no view titled 'nope'";
        QTest::newRow("preset") << QStringList{"--start-preset", "nope"} << "nnlab: no preset named 'nope'";
        QTest::newRow("universality page") << QStringList{"--universality", "3d"} << "no Universality page '3d'";
        QTest::newRow("dataset") << QStringList{"--dataset", "cifar"} << "nnlab: unknown dataset 'cifar'";
    }

    void optionsNamingNothingAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        // The offscreen platform (set for every test) stands in for a display here.
        const ProgramResult r = runApp(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    // A damaged checkpoint named on the command line is refused in one line saying what is wrong
    // (it used to be ignored without a word).
    void aDamagedCheckpointFileIsRefused()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("run.nnlab-checkpoint");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"nnlab-checkpoint\", \"version\": 1, \"finished\": fal");
        f.close();
        const ProgramResult r = runApp({"--checkpoint-file", file});
        QCOMPARE(r.exitCode, 2);
        // One line of ours (Qt may add its own notes about the environment).
        const QStringList ours = r.err.split('\n').filter(QRegularExpression("^nnlab: "));
        QCOMPARE(ours.size(), 1);
        QVERIFY2(ours.first().startsWith("nnlab: --checkpoint-file: " + file + ": not a checkpoint: a JSON syntax error"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestApp)
#include "tst_app.moc"
