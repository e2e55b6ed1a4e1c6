// tst_file_kind.cpp — a path that can't be reached says why (core/io/file_kind.h), wherever it
// is used: reading or saving a model, a checkpoint and its lock, a data folder (tst_data).
//
// Each reason is one line naming the path: too long (the whole path, or one name in it), a file or
// a pipe where a folder should be, a loop of symbolic links, a folder this user may not enter.
#include "core/io/atomic_file.h"
#include "core/io/checkpoint_file.h"
#include "core/io/file_kind.h"
#include "core/io/file_lock.h"
#include "core/io/model_file.h"
#include "core/nn/network.h"
#include "tests/support/forked_child.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <functional>

using namespace nnlab;
namespace fs = std::filesystem;

namespace {

// What `action` threw (FileError or DataError alike), or a note that it threw nothing.
std::string errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "NOTHING THROWN";
}

Network tinyNet()
{
    std::mt19937_64 rng(1);
    return makeNetwork(NetworkSpec{{2, 3, 1}}, Initialisation::Scaled, rng);
}

// Every way nnlab reads or writes a file at `path`, each giving its message (or "" when the
// check passes, for the two that return their reason).
std::vector<std::pair<const char*, std::string>> messagesFor(const fs::path& path)
{
    const Network net = tinyNet();
    return {
        {"whyNotARegularFile", path.string() + ": " + whyNotARegularFile(path)},
        {"readFile", errorOf([&] { readFile(path, 1000); })},
        {"loadModel", errorOf([&] { loadModel(path); })},
        {"loadCheckpoint", errorOf([&] { loadCheckpoint(path); })},
        {"saveModel", errorOf([&] { saveModel(path, net); })},
        {"writeFileAtomically", errorOf([&] { writeFileAtomically(path, "x"); })},
        {"requireWritableTarget", errorOf([&] { requireWritableTarget(path); })},
        {"requireReplaceable", errorOf([&] { requireReplaceable(path); })},
        {"FileLock", errorOf([&] { FileLock lock(path); })},
    };
}

// A path of about `length` bytes under `base`, made of 200-byte names (none too long itself).
fs::path longPath(const fs::path& base, std::size_t length)
{
    fs::path path = base;
    while (path.native().size() < length)
        path /= std::string(200, 'd');
    return path;
}

}  // namespace

class TestFileKind : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path temp(const char* name) const { return fs::path(m_dir.path().toStdString()) / name; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::ofstream(temp("a-file")) << "x";
        QCOMPARE(::mkfifo(temp("a-pipe").c_str(), 0600), 0);
        fs::create_symlink(temp("loop"), temp("loop"));
        fs::create_directory(temp("deep"));   // the kernel checks a name's length once it gets there
    }

    // Each path, through each way of reading or writing it: one line, "<path>: <reason>". (They
    // used to say "cannot look at it: File name too long", "file not found" for a file on the way,
    // "filesystem error: ..." from --resume, and "no MNIST files there" for a data folder.)
    void aPathThatCannotBeReachedSaysWhy()
    {
        const std::string aFile = temp("a-file").string(), aPipe = temp("a-pipe").string();
        const std::vector<std::pair<fs::path, std::string>> cases = {
            {longPath(temp("deep"), 5000) / "net.json", "the path is too long ("},
            {temp("deep") / std::string(300, 'n') / "net.json", "\" in it is too long (300 bytes; a name may have at most 255)"},
            {temp("deep") / std::string(256, 'n'), "\" in it is too long (256 bytes; a name may have at most 255)"},
            {temp("a-file") / "net.json", aFile + " is a file, not a folder"},
            {temp("a-file") / "sub" / "net.json", aFile + " is a file, not a folder"},
            {temp("a-pipe") / "net.json", aPipe + " is a named pipe (FIFO), not a folder"},
            {temp("loop") / "net.json", "too many symbolic links on the way"},
        };
        for (const auto& [path, reason] : cases) {
            for (const auto& [how, message] : messagesFor(path)) {
                const QString context = QString("%1 on %2: %3").arg(how, QString::fromStdString(path.string()).right(60),
                                                                     QString::fromStdString(message));
                QVERIFY2(message.rfind(path.string() + ": ", 0) == 0, qPrintable(context));
                QVERIFY2(message.find('\n') == std::string::npos, qPrintable(context));
                // A checkpoint's lock file is named after it, so its message is about that name.
                if (std::string(how) != "FileLock" || reason.find("in it is too long") == std::string::npos)
                    QVERIFY2(message.find(reason) != std::string::npos, qPrintable(context));
                else
                    QVERIFY2(message.find("\" in it is too long (") != std::string::npos, qPrintable(context));
            }
            QVERIFY2(whyNotAFolder(path).find(reason) != std::string::npos, whyNotAFolder(path).c_str());
        }
    }

    // Folders asked for as folders: the reason says what is there instead.
    void whatIsThereInsteadOfAFolder()
    {
        QCOMPARE(whyNotAFolder(temp("")), "");
        QCOMPARE(whyNotAFolder(temp("a-file")), "is a file, not a folder");
        QCOMPARE(whyNotAFolder(temp("a-pipe")), "is a named pipe (FIFO), not a folder");
        QCOMPARE(whyNotAFolder(temp("missing")), "folder not found");
        QCOMPARE(whyNotAFolder(temp("missing") / "deeper"), "folder not found");
        QCOMPARE(whyNotARegularFile(temp("")), "is a folder, not a file");
        QCOMPARE(whyNotARegularFile(temp("missing") / "net.json"), "file not found");
        QCOMPARE(errorOf([&] { requireWritableTarget(temp("missing") / "net.json"); }),
                 (temp("missing") / "net.json").string() + ": the folder " + temp("missing").string() + " does not exist");
    }

    // A name of 250 bytes is legal; nnlab's temporary file beside it must not make saving fail.
    void aLongButLegalNameCanBeSaved()
    {
        const fs::path path = temp("") / (std::string(245, 'm') + ".json");
        QCOMPARE(path.filename().native().size(), 250u);
        auto entries = [&] { return std::distance(fs::directory_iterator(temp("")), fs::directory_iterator()); };
        const auto before = entries();
        saveModel(path, tinyNet());
        QCOMPARE(loadModel(path).sizes(), (std::vector<int>{2, 3, 1}));
        QCOMPARE(entries(), before + 1);   // no temporary left beside it
        fs::remove(path);
    }

    // A reader never sees half a file while a writer renames new ones over it (the CI failure of
    // 2026-12-03: readFile took the size from the path and read that much of the newer, longer
    // file, so a checkpoint read during a run came back "cut short"). Two contents of different
    // sizes alternate; every read is exactly one of them.
    void aFileReplacedWhileItIsReadIsReadWhole()
    {
        const fs::path path = temp("") / "replaced.ckpt";
        const std::string small(1000, 's'), large(300000, 'L');
        writeFileAtomically(path, small);
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            for (int i = 0; !stop; ++i)
                writeFileAtomically(path, i % 2 ? small : large);
        });
        int wrong = 0, reads = 0;
        std::string firstWrong;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (std::chrono::steady_clock::now() < deadline) {
            std::string got;
            try {
                got = readFile(path, 1u << 20);
            } catch (const FileError& e) {
                got = e.what();
            }
            ++reads;
            if (got != small && got != large && wrong++ == 0)
                firstWrong = got.size() < 200 ? got : std::to_string(got.size()) + " bytes";
        }
        stop = true;
        writer.join();
        QVERIFY(reads > 100);
        QVERIFY2(wrong == 0, qPrintable(QString("%1 of %2 reads were neither file, the first %3")
                                             .arg(wrong).arg(reads).arg(QString::fromStdString(firstWrong))));
    }

    // Permissions: root may enter any folder, so this runs as "nobody" when the test is root.
    void aFolderThatMayNotBeEntered()
    {
        const fs::path open = temp("open"), locked = open / "locked";
        fs::create_directories(locked);
        std::ofstream(locked / "net.json") << "{}";
        const auto enterable = fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec;
        fs::permissions(temp(""), enterable);
        fs::permissions(open, enterable);
        fs::permissions(locked, fs::perms::owner_all);
        const fs::path inside = locked / "net.json";
        const ChildReport report = runInChild(
            [&] {
                std::string lines;
                for (const auto& [how, message] : messagesFor(inside))
                    lines += message + "\n";
                return lines + "folder: " + whyNotAFolder(locked);
            },
            {0, 65534, 20000});
        fs::permissions(locked, enterable);
        QVERIFY2(report.finished, report.text.c_str());
        const QStringList lines = QString::fromStdString(report.text).split('\n');
        QCOMPARE(lines.size(), 10);
        for (int i = 0; i < 9; ++i)
            QVERIFY2(lines[i].startsWith(QString::fromStdString(inside.string()) + ": ")
                         && lines[i].contains("permission denied: the folder " + QString::fromStdString(locked.string())
                                              + " can't be entered"),
                     qPrintable(lines[i]));
        QCOMPARE(lines[9], "folder: permission denied: the folder can't be entered");
    }
};

QTEST_APPLESS_MAIN(TestFileKind)
#include "tst_file_kind.moc"
