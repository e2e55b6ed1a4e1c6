// Hostile file-system conditions: paths that are not UTF-8, directories nnlab may not write,
// a disk that fills up in the middle of a save, and a 20,000×20,000-pixel image for the canvas.
// Each gives one clear line naming the file, never a crash, and never loses what was there.
#include "ui/draw/draw_images.h"

#include "core/data/dataset.h"
#include "core/io/checkpoint_file.h"
#include "core/io/model_file.h"
#include "core/nn/network.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace nnlab;
namespace fs = std::filesystem;

namespace {

Network smallNet(int hidden, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    return makeNetwork(NetworkSpec{{784, hidden, 10}}, Initialisation::Scaled, rng);
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

std::string contentsOf(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// Entries of a directory: a failed save must leave no temporary file behind.
int entries(const fs::path& dir)
{
    return int(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// A scratch directory removed with std::filesystem (QTemporaryDir can't remove names that are
// not UTF-8: Qt decodes them lossily).
class ScratchDir {
public:
    ScratchDir()
    {
        std::string name = (fs::temp_directory_path() / "nnlab-hostile-XXXXXX").string();
        if (mkdtemp(name.data()))
            m_path = name;
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// A name that is not valid UTF-8 (Latin-1 "naïve" and a stray byte), as old archives have.
const std::string kNotUtf8 = "na\xefve-\xff";

}  // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT

private slots:
    void modelsSaveAndLoadUnderNonUtf8Paths()
    {
        ScratchDir tmp;
        const fs::path dir = tmp.path() / kNotUtf8;
        fs::create_directory(dir);
        const fs::path file = dir / (kNotUtf8 + ".json");
        const Network net = smallNet(20, 1);
        saveModel(file, net);
        QCOMPARE(serialiseModel(loadModel(file)), serialiseModel(net));
        // A damaged file there is named in the error, byte for byte.
        std::ofstream(dir / "bad.json") << "{\"sizes\": [784, 20";
        const std::string error = errorOf([&] { loadModel(dir / "bad.json"); });
        QVERIFY2(error.find(kNotUtf8 + "/bad.json: ") != std::string::npos, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }

    void dataLoadsFromANonUtf8Directory()
    {
        fs::path mnist;
        try {
            mnist = findDataDir(DatasetKind::Mnist);
        } catch (const DataError& e) {
            QSKIP(e.what());
        }
        ScratchDir tmp;
        const fs::path dir = tmp.path() / kNotUtf8;
        fs::create_directory(dir);
        for (const auto& entry : fs::directory_iterator(mnist))
            if (entry.path().filename().string().find("ubyte") != std::string::npos)
                fs::create_symlink(entry.path(), dir / entry.path().filename());
        const DataSplit data = loadSplit(DatasetKind::Mnist, dir);
        QCOMPARE(data.test.size(), 10000);
    }

    // Root may write anywhere it likes; then a directory no one may write (/proc) stands in.
    void savingIntoAReadOnlyDirectoryFailsInOneLine()
    {
        QTemporaryDir tmp;
        fs::path dir = fs::path(tmp.path().toStdString()) / "read-only";
        fs::create_directory(dir);
        fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
        if (access(dir.c_str(), W_OK) == 0)
            dir = "/proc";
        const Network net = smallNet(20, 1);
        for (const fs::path& file : {dir / "model.json", dir / "run.ckpt"}) {
            const std::string error = errorOf([&] {
                if (file.extension() == ".json")
                    saveModel(file, net);
                else
                    saveCheckpoint(file, Checkpoint{});
            });
            QVERIFY2(error.rfind(file.string() + ": cannot create a file in " + dir.string(), 0) == 0, error.c_str());
            QVERIFY(error.find('\n') == std::string::npos);
            QVERIFY(!fs::exists(file));
        }
        fs::permissions(fs::path(tmp.path().toStdString()) / "read-only", fs::perms::owner_all);
    }

    // The disk fills up halfway through writing a larger model over an older one (simulated
    // with a file-size limit, which makes write() fail as a full disk does): the save fails in
    // one line, the old model is still there whole, and no temporary file is left behind.
    void aFullDiskLeavesTheOldFileWhole()
    {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        const fs::path file = dir / "model.json";
        saveModel(file, smallNet(10, 1));
        const std::string before = contentsOf(file);
        QVERIFY(before.size() > 50000);

        const Network bigger = smallNet(100, 2);   // ~10× the bytes
        rlimit old{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);   // EFBIG instead of a signal
        rlimit small = old;
        small.rlim_cur = before.size() * 2;
        QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
        const std::string error = errorOf([&] { saveModel(file, bigger); });
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY2(error.rfind(file.string() + ": write failed: ", 0) == 0, error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
        QVERIFY(contentsOf(file) == before);
        QCOMPARE(entries(dir), 1);
        QCOMPARE(serialiseModel(loadModel(file)), before);
    }

    // 20,000 × 20,000 = 400 megapixels: PNG can't be decoded at a reduced size, and decoding it
    // whole would take 1.6 GB, so it is refused in one line that says why. (JPEGs that large
    // are decoded reduced; 8,000 × 6,000 and 1 × 1 images are in tst_drawview.)
    void aTwentyThousandPixelSquareImageIsRefusedClearly()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath("poster.png");
        {
            QImage poster(20000, 20000, QImage::Format_Mono);   // 50 MB while it is written
            poster.fill(1);
            QVERIFY(poster.save(path));
        }
        QVERIFY(QFileInfo(path).size() < 5'000'000);
        nnlab::InkImage ink;
        QString error;
        QVERIFY(!loadInkImage(path, 280, &ink, &error));
        QVERIFY2(error.startsWith("poster.png: ") && error.contains("20000"), qPrintable(error));
        QVERIFY(!error.contains('\n'));
    }

    // A named pipe chosen as the canvas's image, or as a dataset file: refused at once in one
    // line (opening a pipe used to wait for a writer forever; the app sat at "Loading MNIST…").
    void namedPipesAreRefusedAtOnce()
    {
        ScratchDir dir;
        const fs::path pipe = dir.path() / "digit.png";
        QCOMPARE(::mkfifo(pipe.c_str(), 0600), 0);
        nnlab::InkImage ink;
        QString error;
        QVERIFY(!loadInkImage(QString::fromStdString(pipe.string()), 280, &ink, &error));
        QCOMPARE(error, QString("digit.png: is a named pipe (FIFO), not a file"));

        const fs::path images = dir.path() / "train-images-idx3-ubyte";
        fs::rename(pipe, images);
        for (const char* other : {"train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
            std::ofstream(dir.path() / other) << "x";
        const std::string loading = errorOf([&] { loadDataset(DatasetKind::Mnist, dir.path()); });
        QVERIFY2(QString::fromStdString(loading).contains("is a named pipe (FIFO), not a file"), loading.c_str());
        QVERIFY(!QString::fromStdString(loading).contains('\n'));
    }
};

QTEST_MAIN(TestHostileInputs)
#include "tst_hostile_inputs.moc"
