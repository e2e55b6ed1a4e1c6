// tst_data.cpp — SHA-256, the IDX reader, the book's split and the search for the data folder.
//
// Small fixtures are written into a temporary folder; each damaged one must give a DataError
// that names the file and the problem. The last tests load the real MNIST and Fashion-MNIST.
#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/data/sha256.h"
#include "tests/support/enum_names_check.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <span>

using namespace nnlab;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string sha256Of(const std::string& text)
{
    return sha256Hex(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

// The bytes of an IDX file header, written by hand so tests can make headers writeIdx won't.
Bytes idxHeader(std::uint8_t type, const std::vector<std::uint32_t>& dims)
{
    Bytes header = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t dim : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            header.push_back(static_cast<std::uint8_t>(dim >> shift));
    return header;
}

void writeBytes(const fs::path& path, const Bytes& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    QVERIFY(out.good());
}

Bytes readBytes(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeGzip(const fs::path& path, const Bytes& bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    QVERIFY(file != nullptr);
    QCOMPARE(gzwrite(file, bytes.data(), unsigned(bytes.size())), int(bytes.size()));
    QCOMPARE(gzclose(file), Z_OK);
}

// The pixel and label the fixtures give image j; chosen so that neighbouring images differ and
// both 0 and 255 occur.
std::uint8_t fixturePixel(std::size_t image, std::size_t pixel)
{
    return std::uint8_t((image * 7 + pixel) % 256);
}
std::uint8_t fixtureLabel(std::size_t image) { return std::uint8_t((image / 7) % 10); }

IdxArray fixtureImages(std::uint32_t count, std::uint32_t rows = 28, std::uint32_t cols = 28)
{
    IdxArray images{{count, rows, cols}, Bytes(std::size_t(count) * rows * cols)};
    const std::size_t pixels = std::size_t(rows) * cols;
    for (std::size_t j = 0; j < count; ++j)
        for (std::size_t p = 0; p < pixels; ++p)
            images.data[j * pixels + p] = fixturePixel(j, p);
    return images;
}

IdxArray fixtureLabels(std::uint32_t count)
{
    IdxArray labels{{count}, Bytes(count)};
    for (std::size_t j = 0; j < count; ++j)
        labels.data[j] = fixtureLabel(j);
    return labels;
}

// A complete data folder: 10,050 training images (50 training + 10,000 validation) and 20 test.
void writeSplitFixture(const fs::path& dir, std::uint32_t trainCount = 10050,
                       std::uint32_t testCount = 20)
{
    fs::create_directories(dir);
    writeIdx(dir / "train-images-idx3-ubyte", fixtureImages(trainCount));
    writeIdx(dir / "train-labels-idx1-ubyte", fixtureLabels(trainCount));
    writeIdx(dir / "t10k-images-idx3-ubyte", fixtureImages(testCount));
    writeIdx(dir / "t10k-labels-idx1-ubyte", fixtureLabels(testCount));
}

const ExpectedChecksums noChecksums{};

// Runs `action`, which must throw DataError; returns its message.
QString dataErrorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const DataError& error) {
        const QString message = QString::fromStdString(error.what());
        if (message.contains('\n'))
            return "MESSAGE HAS MORE THAN ONE LINE: " + message;
        return message;
    }
    return "NO DataError THROWN";
}

// The DataError that loading the split from `dir` gives.
QString loadError(DatasetKind kind, const fs::path& dir, int trainingSize = 50,
                  const ExpectedChecksums& expected = noChecksums)
{
    return dataErrorOf([&] { loadSplit(kind, dir, trainingSize, expected); });
}

QString mnistFetchCommand() { return QString::fromStdString(fetchCommand(DatasetKind::Mnist)); }

#define VERIFY_CONTAINS(message, part)                                                            \
    QVERIFY2((message).contains(part), qPrintable("\"" + (message) + "\" lacks \"" + (part) + "\""))

}  // namespace

class TestData : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path tempPath(const char* name) const
    {
        return fs::path(m_dir.path().toStdString()) / name;
    }
    QString tempName(const char* name) const
    {
        return QString::fromStdString(tempPath(name).string());
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // ---- SHA-256 against the FIPS 180-2 examples ------------------------------------------
    void sha256KnownAnswers()
    {
        QCOMPARE(sha256Of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QCOMPARE(sha256Of("abc"),
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // 56 bytes: the padding spills into a second block.
        QCOMPARE(sha256Of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        const Bytes million(1000000, 'a');
        QCOMPARE(sha256Hex(million.data(), million.size()),
                 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    // Pieces hash as the one buffer they make, wherever the cuts fall: within a 64-byte block,
    // on its edge, empty pieces.
    void sha256OfPieces()
    {
        const std::string text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                                 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
        const std::string whole = sha256Of(text);
        for (std::size_t cut : {std::size_t(0), std::size_t(3), std::size_t(63), std::size_t(64),
                                std::size_t(65), text.size()}) {
            const std::span<const std::uint8_t> head(bytes, cut), tail(bytes + cut, text.size() - cut);
            QCOMPARE(sha256Hex({head, {}, tail}), whole);
        }
        QCOMPARE(sha256Hex({}), sha256Of(""));
    }

    // A real MNIST file, hashed as a whole, has the SHA-256 scripts/fetch-data checks it against.
    void sha256OfARealMnistFile()
    {
        const Bytes labels = readBytes(findDataDir(DatasetKind::Mnist) / "t10k-labels-idx1-ubyte");
        QCOMPARE(labels.size(), 10008u);
        QCOMPARE(sha256Hex(labels.data(), labels.size()),
                 "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    }

    // ---- IDX reading and writing ------------------------------------------------------------
    void idxRoundTrip()
    {
        const IdxArray images = fixtureImages(5, 4, 3);
        writeIdx(tempPath("round-images"), images);
        const IdxArray readImages = readIdx(tempPath("round-images"));
        QCOMPARE(readImages.dims, images.dims);
        QVERIFY(readImages.data == images.data);
        // writeIdx writes exactly the header and the data.
        QCOMPARE(readBytes(tempPath("round-images")).size(), 16 + 5 * 4 * 3u);

        const IdxArray labels = fixtureLabels(17);
        writeIdx(tempPath("round-labels"), labels);
        const IdxArray readLabels = readIdx(tempPath("round-labels"));
        QCOMPARE(readLabels.dims, std::vector<std::uint32_t>{17});
        QVERIFY(readLabels.data == labels.data);
    }

    void idxGzipRoundTrip()
    {
        const IdxArray images = fixtureImages(300);  // 235 KB: several zlib buffers
        writeIdx(tempPath("plain-for-gzip"), images);
        writeGzip(tempPath("images.gz"), readBytes(tempPath("plain-for-gzip")));
        const IdxArray read = readIdx(tempPath("images.gz"));
        QCOMPARE(read.dims, images.dims);
        QVERIFY(read.data == images.data);
    }

    void idxBadMagic()
    {
        Bytes bytes(100, 0);
        writeBytes(tempPath("zeros"), bytes);
        const QString message = dataErrorOf([&] { readIdx(tempPath("zeros")); });
        VERIFY_CONTAINS(message, tempName("zeros") + ": bad magic 0x00000000");

        Bytes floats = idxHeader(0x0D, {3});  // an IDX file of floats: not ours
        floats.resize(floats.size() + 12);
        writeBytes(tempPath("floats"), floats);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("floats")); }), "bad magic 0x00000D01");
    }

    void idxTruncated()
    {
        Bytes bytes = idxHeader(0x08, {10, 28, 28});
        bytes.resize(bytes.size() + 1234, 7);
        writeBytes(tempPath("short-images"), bytes);
        const QString message = dataErrorOf([&] { readIdx(tempPath("short-images")); });
        VERIFY_CONTAINS(message, tempName("short-images") + ": truncated");
        VERIFY_CONTAINS(message, "10×28×28 = 7840 bytes");
        VERIFY_CONTAINS(message, "1234");

        writeBytes(tempPath("short-header"), {0, 0, 8, 3, 0, 0});
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("short-header")); }), "truncated");
    }

    void idxTrailingBytes()
    {
        Bytes bytes = idxHeader(0x08, {4});
        bytes.resize(bytes.size() + 4 + 3);
        writeBytes(tempPath("long-labels"), bytes);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("long-labels")); }),
                        tempName("long-labels") + ": trailing bytes: 3 bytes");

        writeGzip(tempPath("long-labels.gz"), bytes);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("long-labels.gz")); }),
                        tempName("long-labels.gz") + ": trailing bytes");
    }

    // A header claiming 2^31 images must be refused from the file size, not by trying to
    // allocate 1.7 TB; the gzip reader must stop at the data that is really there.
    void idxHugeClaimDoesNotAllocate()
    {
        Bytes bytes = idxHeader(0x08, {1u << 31, 28, 28});
        bytes.resize(bytes.size() + 100);
        writeBytes(tempPath("huge"), bytes);
        writeGzip(tempPath("huge.gz"), bytes);

        QElapsedTimer timer;
        timer.start();
        const QString plain = dataErrorOf([&] { readIdx(tempPath("huge")); });
        const QString gzip = dataErrorOf([&] { readIdx(tempPath("huge.gz")); });
        QVERIFY2(timer.elapsed() < 1000, "rejecting a lying header took over a second");
        VERIFY_CONTAINS(plain, tempName("huge") + ": truncated");
        VERIFY_CONTAINS(plain, "2147483648×28×28");
        VERIFY_CONTAINS(gzip, tempName("huge.gz") + ": truncated");

        // A product that overflows 64 bits is refused too.
        Bytes overflow = idxHeader(0x08, {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF});
        writeBytes(tempPath("overflow"), overflow);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("overflow")); }), "impossible size");
    }

    void idxCorruptGzip()
    {
        Bytes plain = idxHeader(0x08, {1000});
        plain.resize(plain.size() + 1000, 3);
        writeGzip(tempPath("good.gz"), plain);
        const Bytes compressed = readBytes(tempPath("good.gz"));

        // The gzip trailer is CRC-32 then length: a wrong CRC means the data is not what was
        // compressed.
        Bytes badCrc = compressed;
        badCrc[badCrc.size() - 8] ^= 0xFF;
        writeBytes(tempPath("bad-crc.gz"), badCrc);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("bad-crc.gz")); }),
                        tempName("bad-crc.gz") + ": corrupt gzip data");

        const Bytes cut(compressed.begin(), compressed.begin() + compressed.size() / 2);
        writeBytes(tempPath("cut.gz"), cut);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("cut.gz")); }),
                        tempName("cut.gz") + ": truncated gzip data");
    }

    void idxMissingFile()
    {
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("no-such-file")); }),
                        tempName("no-such-file") + ": file not found");
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("")); }), "is a folder, not a file");
    }

    // A named pipe or a device where an IDX file should be is refused at once, in one line (fopen
    // on a pipe used to wait for a writer forever: the app sat at "Loading MNIST…").
    void idxThatIsNotARegularFileIsRefusedAtOnce()
    {
        const std::string pipe = tempPath("train-images-idx3-ubyte").string();
        QCOMPARE(::mkfifo(pipe.c_str(), 0600), 0);
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(pipe); }),
                        tempName("train-images-idx3-ubyte") + ": is a named pipe (FIFO), not a file");
        ::unlink(pipe.c_str());
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx("/dev/zero"); }), "/dev/zero: is a character device, not a file");
    }

    // ---- The split and its checks ------------------------------------------------------------
    void splitTakesFirstTrainingAndLastValidation()
    {
        const fs::path dir = tempPath("split");
        writeSplitFixture(dir);
        const DataSplit split = loadSplit(DatasetKind::Mnist, dir, 50, noChecksums);
        QCOMPARE(split.training.size(), 50);
        QCOMPARE(split.validation.size(), 10000);
        QCOMPARE(split.test.size(), 20);
        QCOMPARE(split.training.images.rows(), 784);
        QCOMPARE(split.validation.images.cols(), 10000);

        // Training = images 0..49, validation = images 50..10049, test = t10k's own.
        auto checkImage = [](const Dataset& set, int column, std::size_t image) {
            for (int p = 0; p < 784; ++p)
                if (set.images(p, column) != fixturePixel(image, p) / 255.0f)
                    return false;
            return set.labels[column] == fixtureLabel(image);
        };
        QVERIFY(checkImage(split.training, 0, 0));
        QVERIFY(checkImage(split.training, 49, 49));
        QVERIFY(checkImage(split.validation, 0, 50));
        QVERIFY(checkImage(split.validation, 9999, 10049));
        QVERIFY(checkImage(split.test, 19, 19));

        // Pixel scaling: byte 255 is exactly 1, byte 0 exactly 0.
        QCOMPARE(fixturePixel(0, 255), 255);
        QCOMPARE(split.training.images(255, 0), 1.0f);
        QCOMPARE(split.training.images(0, 0), 0.0f);
        QCOMPARE(split.training.images.maxCoeff(), 1.0f);
        QCOMPARE(split.training.images.minCoeff(), 0.0f);
    }

    void splitTrainingSize()
    {
        const fs::path dir = tempPath("split");
        const DataSplit small = loadSplit(DatasetKind::Mnist, dir, 20, noChecksums);
        QCOMPARE(small.training.size(), 20);
        QCOMPARE(small.validation.size(), 10000);
        QCOMPARE(small.validation.labels.front(), fixtureLabel(50));

        for (int bad : {0, -1, 51}) {
            const QString message = loadError(DatasetKind::Mnist, dir, bad);
            VERIFY_CONTAINS(message, "training size " + QString::number(bad) + " is out of range");
            VERIFY_CONTAINS(message, "1..50");
        }
    }

    void splitFromGzipFiles()
    {
        const fs::path dir = tempPath("split-gz");
        writeSplitFixture(dir, 10001, 3);
        for (const char* name : {"train-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            writeGzip(dir / (std::string(name) + ".gz"), readBytes(dir / name));
            fs::remove(dir / name);
        }
        const DataSplit split = loadSplit(DatasetKind::Fashion, dir, 1, noChecksums);
        QCOMPARE(split.training.size(), 1);
        QCOMPARE(split.validation.size(), 10000);
        QCOMPARE(split.test.labels, (std::vector<std::uint8_t>{0, 0, 0}));
    }

    void splitCountMismatch()
    {
        const fs::path dir = tempPath("mismatch");
        writeSplitFixture(dir);
        writeIdx(dir / "train-labels-idx1-ubyte", fixtureLabels(10049));
        const QString message = loadError(DatasetKind::Mnist, dir);
        VERIFY_CONTAINS(message, "image/label count mismatch: 10050 images in ");
        VERIFY_CONTAINS(message, "train-images-idx3-ubyte but 10049 labels in ");
        VERIFY_CONTAINS(message, "train-labels-idx1-ubyte");
        VERIFY_CONTAINS(message, "; fetch it with: " + mnistFetchCommand());
    }

    void splitWrongDimensions()
    {
        const fs::path dir = tempPath("dims");
        writeSplitFixture(dir);
        writeIdx(dir / "t10k-images-idx3-ubyte", fixtureImages(20, 27, 28));
        const QString message = loadError(DatasetKind::Mnist, dir);
        VERIFY_CONTAINS(message, "t10k-images-idx3-ubyte: wrong dimensions 20×27×28");

        writeIdx(dir / "t10k-images-idx3-ubyte", fixtureImages(20));
        writeIdx(dir / "t10k-labels-idx1-ubyte", IdxArray{{20, 1}, Bytes(20)});
        VERIFY_CONTAINS(loadError(DatasetKind::Mnist, dir),
                        "t10k-labels-idx1-ubyte: wrong dimensions 20×1");
    }

    void splitLabelOutOfRange()
    {
        const fs::path dir = tempPath("labels");
        writeSplitFixture(dir);
        IdxArray labels = fixtureLabels(20);
        labels.data[5] = 12;
        writeIdx(dir / "t10k-labels-idx1-ubyte", labels);
        const QString message = loadError(DatasetKind::Mnist, dir);
        VERIFY_CONTAINS(message, "t10k-labels-idx1-ubyte: label 12 at index 5");
    }

    void splitTooFewTrainingImages()
    {
        const fs::path dir = tempPath("few");
        writeSplitFixture(dir, 10000, 5);
        VERIFY_CONTAINS(loadError(DatasetKind::Mnist, dir, 1),
                        "train-images-idx3-ubyte: only 10000 images");
    }

    void splitMissingFile()
    {
        const fs::path dir = tempPath("missing");
        writeSplitFixture(dir);
        fs::remove(dir / "t10k-labels-idx1-ubyte");
        const QString message = loadError(DatasetKind::Fashion, dir);
        VERIFY_CONTAINS(message, QString::fromStdString((dir / "t10k-labels-idx1-ubyte").string())
                                     + ": file not found");
        QVERIFY(message.endsWith("; fetch it with: sudo apt-get install dataset-fashion-mnist"));
    }

    void splitDamagedFileNamesFetchCommand()
    {
        const fs::path dir = tempPath("damaged");
        writeSplitFixture(dir);
        writeBytes(dir / "train-labels-idx1-ubyte", Bytes(40, 0));
        const QString message = loadError(DatasetKind::Mnist, dir);
        VERIFY_CONTAINS(message, "train-labels-idx1-ubyte: bad magic");
        QVERIFY(message.endsWith("; fetch it with: " + mnistFetchCommand()));
    }

    void splitChecksums()
    {
        const fs::path dir = tempPath("split");
        ExpectedChecksums expected;
        const Bytes testLabels = readBytes(dir / "t10k-labels-idx1-ubyte");
        expected.testLabels = sha256Hex(testLabels.data(), testLabels.size());
        QCOMPARE(loadSplit(DatasetKind::Mnist, dir, 50, expected).test.size(), 20);

        const std::string wrong(64, '0');
        expected.trainImages = wrong;
        const QString message = loadError(DatasetKind::Mnist, dir, 50, expected);
        const Bytes trainImages = readBytes(dir / "train-images-idx3-ubyte");
        const QString got =
            QString::fromStdString(sha256Hex(trainImages.data(), trainImages.size()));
        VERIFY_CONTAINS(message, QString::fromStdString((dir / "train-images-idx3-ubyte").string())
                                     + ": checksum mismatch (SHA-256 " + got + ", expected "
                                     + QString::fromStdString(wrong) + "): the file is damaged");
        VERIFY_CONTAINS(message, "fetch it again with: " + mnistFetchCommand());

        // The gzip files' checksum is that of their decompressed contents.
        const fs::path gzDir = tempPath("split-gz");
        IdxArray plainTestLabels = readIdx(gzDir / "t10k-labels-idx1-ubyte.gz");
        writeIdx(tempPath("decompressed"), plainTestLabels);
        const Bytes decompressed = readBytes(tempPath("decompressed"));
        ExpectedChecksums gzExpected;
        gzExpected.testLabels = sha256Hex(decompressed.data(), decompressed.size());
        QCOMPARE(loadSplit(DatasetKind::Fashion, gzDir, 1, gzExpected).test.size(), 3);

        // Without a table, the published checksums apply, which a fixture cannot match.
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, dir); }),
                        "checksum mismatch");
    }

    // ---- Finding the data folder -------------------------------------------------------------
    void findDataDirOrder()
    {
        const QByteArray savedEnvironment = qgetenv("NNLAB_DATA");
        const bool hadEnvironment = qEnvironmentVariableIsSet("NNLAB_DATA");

        const fs::path explicitDir = tempPath("split");          // holds the files itself
        const fs::path environmentBase = tempPath("env-base");   // holds them in mnist/
        writeSplitFixture(environmentBase / "mnist", 10001, 1);
        qputenv("NNLAB_DATA", QByteArray::fromStdString(environmentBase.string()));

        QCOMPARE(findDataDir(DatasetKind::Mnist, explicitDir), explicitDir);
        QCOMPARE(findDataDir(DatasetKind::Mnist), environmentBase / "mnist");

        // Fashion looks in fashion/ or fashion-mnist/.
        writeSplitFixture(environmentBase / "fashion-mnist", 10001, 1);
        QCOMPARE(findDataDir(DatasetKind::Fashion), environmentBase / "fashion-mnist");

        // An explicit folder without the files is an error, even though NNLAB_DATA has them.
        const fs::path empty = tempPath("empty");
        fs::create_directories(empty);
        const QString message = dataErrorOf([&] { findDataDir(DatasetKind::Mnist, empty); });
        VERIFY_CONTAINS(message, QString::fromStdString(empty.string()) + ": no MNIST files");
        VERIFY_CONTAINS(message, "fetch it with: ");

        if (hadEnvironment)
            qputenv("NNLAB_DATA", savedEnvironment);
        else
            qunsetenv("NNLAB_DATA");
    }

    // The dataset kinds' names, from one table (core/util/enum_names.h); "fashion-mnist" is
    // read as well, but "fashion" is what is written.
    void everyDatasetKindHasItsName()
    {
        checkEnumNames<DatasetKind>(datasetName, parseDatasetKind,
                                    {{DatasetKind::Mnist, "mnist"}, {DatasetKind::Fashion, "fashion"}});
        QCOMPARE(parseDatasetKind("fashion-mnist"), DatasetKind::Fashion);
    }

    void namesAndSlices()
    {
        QCOMPARE(datasetName(DatasetKind::Mnist), "mnist");
        QCOMPARE(datasetName(DatasetKind::Fashion), "fashion");
        QCOMPARE(parseDatasetKind("mnist"), DatasetKind::Mnist);
        QCOMPARE(parseDatasetKind("fashion"), DatasetKind::Fashion);
        QCOMPARE(parseDatasetKind("fashion-mnist"), DatasetKind::Fashion);
        QVERIFY(!parseDatasetKind("cifar"));
        QCOMPARE(classNames(DatasetKind::Mnist).front(), "0");
        QCOMPARE(classNames(DatasetKind::Mnist).back(), "9");
        QCOMPARE(fetchCommand(DatasetKind::Fashion), "sudo apt-get install dataset-fashion-mnist");
        QVERIFY(fs::exists(fetchCommand(DatasetKind::Mnist)));

        const DataSplit split = loadSplit(DatasetKind::Mnist, tempPath("split"), 50, noChecksums);
        const Dataset part = split.training.slice(10, 5);
        QCOMPARE(part.size(), 5);
        QVERIFY(part.images == split.training.images.middleCols(10, 5));
        QCOMPARE(part.labels.front(), split.training.labels[10]);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, split.training.slice(46, 5));
    }

    // ---- The real datasets -------------------------------------------------------------------
    void realMnist()
    {
        QElapsedTimer timer;
        timer.start();
        const DataSplit split = loadDataset(DatasetKind::Mnist);
        qInfo("loadDataset(Mnist) took %lld ms", static_cast<long long>(timer.elapsed()));
        QCOMPARE(split.training.size(), 50000);
        QCOMPARE(split.validation.size(), 10000);
        QCOMPARE(split.test.size(), 10000);
        QCOMPARE(split.training.inputSize(), 784);
        for (const Dataset* set : {&split.training, &split.validation, &split.test})
            QVERIFY(std::all_of(set->labels.begin(), set->labels.end(),
                                [](std::uint8_t label) { return label <= 9; }));
        QCOMPARE(split.training.labels.front(), 5);  // MNIST's first image is a 5
        QCOMPARE(split.test.labels.front(), 7);
        QCOMPARE(split.training.images.maxCoeff(), 1.0f);
        QCOMPARE(split.training.images.minCoeff(), 0.0f);
    }

    void realFashion()
    {
        const DataSplit split = loadDataset(DatasetKind::Fashion);
        QCOMPARE(split.training.size(), 50000);
        QCOMPARE(split.validation.size(), 10000);
        QCOMPARE(split.test.size(), 10000);
        const std::vector<std::string> names = classNames(DatasetKind::Fashion);
        QCOMPARE(names.size(), 10u);
        QCOMPARE(names[0], "T-shirt/top");
        QCOMPARE(names[9], "Ankle boot");
        QCOMPARE(split.training.labels.front(), 9);  // Fashion-MNIST's first image: an ankle boot
    }
};

QTEST_APPLESS_MAIN(TestData)
#include "tst_data.moc"
