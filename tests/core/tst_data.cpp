// tst_data.cpp — SHA-256, the IDX reader, the book's split and the search for the data folder.
//
// Small fixtures are written into a temporary folder; each damaged one must give a DataError
// that names the file and the problem. The last tests load the real MNIST and Fashion-MNIST.
#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/data/sha256.h"
#include "tests/support/enum_names_check.h"
#include "tests/support/forked_child.h"
#include "tests/support/sanitizer_slack.h"

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

Bytes gzipBytes(const Bytes& bytes)
{
    Bytes compressed(compressBound(uLong(bytes.size())) + 64);
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);   // 16: a gzip wrapper
    z.next_in = const_cast<Bytef*>(bytes.data());
    z.avail_in = uInt(bytes.size());
    z.next_out = compressed.data();
    z.avail_out = uInt(compressed.size());
    deflate(&z, Z_FINISH);
    compressed.resize(z.total_out);
    deflateEnd(&z);
    return compressed;
}

// A gzip file of `header` followed by `zeroMiB` MiB of zeros, made in milliseconds however far it
// expands: after a full flush deflate starts afresh, so one MiB of zeros compresses to the same
// ~1 KB every time and the file repeats that block. Its CRC and length are right; only its size
// gives it away (a "gzip bomb").
void writeGzipBomb(const fs::path& path, const Bytes& header, std::uint64_t zeroMiB)
{
    z_stream z{};
    QCOMPARE(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);  // raw deflate
    auto compress = [&](const Bytes& in, int flush) {
        Bytes out(compressBound(uLong(in.size())) + 64);
        z.next_in = const_cast<Bytef*>(in.data());
        z.avail_in = uInt(in.size());
        z.next_out = out.data();
        z.avail_out = uInt(out.size());
        deflate(&z, flush);
        out.resize(out.size() - z.avail_out);
        return out;
    };
    const Bytes zeros(std::size_t(1) << 20, 0);
    const Bytes start = compress(header, Z_FULL_FLUSH);
    const Bytes block = compress(zeros, Z_FULL_FLUSH);
    QVERIFY(compress(zeros, Z_FULL_FLUSH) == block);  // the block really is self-contained
    const Bytes end = compress({}, Z_FINISH);
    deflateEnd(&z);

    uLong crc = crc32(0, header.data(), uInt(header.size()));
    const uLong zerosCrc = crc32(0, zeros.data(), uInt(zeros.size()));
    for (std::uint64_t i = 0; i < zeroMiB; ++i)
        crc = crc32_combine(crc, zerosCrc, z_off_t(zeros.size()));
    const std::uint64_t length = header.size() + (zeroMiB << 20);

    std::ofstream out(path, std::ios::binary);
    auto put = [&](const Bytes& bytes) {
        out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    };
    put({0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});  // gzip: deflate, no name, best compression, Unix
    put(start);
    for (std::uint64_t i = 0; i < zeroMiB; ++i)
        put(block);
    put(end);
    put({Bytef(crc), Bytef(crc >> 8), Bytef(crc >> 16), Bytef(crc >> 24), Bytef(length),
         Bytef(length >> 8), Bytef(length >> 16), Bytef(length >> 24)});  // CRC-32, size mod 2^32
    QVERIFY(out.good());
}

// readIdx(path) in a forked child whose address space may grow by 512 MB at most: its message
// (or "read N bytes"), its time and how far its peak memory rose.
ChildReport readIdxInChild(const fs::path& path)
{
    return runInChild(
        [&] {
            try {
                return "read " + std::to_string(readIdx(path).data.size()) + " bytes";
            } catch (const DataError& error) {
                return std::string(error.what());
            }
        },
        {512, -1, int(60000 * kSanitizerSlack)});
}

// A refusal that took at most `ms` and `mb` of memory (beyond what the sanitizers add). The
// bounds on time are loose (a shared machine); what they catch is reading gigabytes, which takes
// many seconds.
#define VERIFY_REFUSED_WITHIN(report, ms, mb)                                                     \
    do {                                                                                          \
        qInfo("refused in %.3f s, peak memory +%ld KB", (report).seconds, (report).peakGrowthKb); \
        QVERIFY2((report).finished, (report).text.c_str());                                       \
        QVERIFY2((report).seconds * 1000 < (ms) * kSanitizerSlack,                                \
                 qPrintable(QString("took %1 s: %2").arg((report).seconds).arg((report).text.c_str()))); \
        QVERIFY2((report).peakGrowthKb < (mb) * 1024L + kSanitizerRssKb,                          \
                 qPrintable(QString("peak memory rose by %1 MB: %2")                              \
                                .arg((report).peakGrowthKb / 1024).arg((report).text.c_str())));  \
    } while (false)

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


// `count` bytes that deflate cannot shrink, so a gzip file of them is as large as they are.
Bytes incompressible(std::size_t count)
{
    Bytes bytes(count);
    std::uint64_t state = 0x9E3779B97F4A7C15u;
    for (std::uint8_t& byte : bytes) {  // xorshift64: cheap, and random enough for deflate
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        byte = std::uint8_t(state >> 56);
    }
    return bytes;
}

Bytes concat(Bytes first, const Bytes& second)
{
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

// A folder of links to the four files of a real dataset in `from` (plain or .gz, as they are).
void linkDataset(const fs::path& from, const fs::path& to)
{
    fs::create_directories(to);
    for (const fs::directory_entry& entry : fs::directory_iterator(from))
        if (entry.path().filename().string().find("-ubyte") != std::string::npos)
            fs::create_symlink(entry.path(), to / entry.path().filename());
}

// The folder of the real `kind` found as a fresh checkout finds it; empty if it is not installed.
fs::path realDataset(DatasetKind kind)
{
    try {
        return findDataDir(kind);
    } catch (const DataError&) {
        return {};
    }
}

// A path of `length` bytes under `base` made of 200-byte names, so no single name is too long.
fs::path longPath(const fs::path& base, std::size_t length)
{
    fs::path path = base;
    while (path.native().size() < length)
        path /= std::string(200, 'd');
    return path;
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

    // ---- Lying headers and gzip bombs: refused in bounded memory and time ----------------------
    // Each read runs in a child whose address space may grow by 512 MB at most, so the build
    // before this fix (a 16 MB file whose header claims 10⁷ images took 8.4 GB and 52 s) fails
    // these tests without taking the machine's memory.

    // A header claiming 10⁷ images (7.84 GB of data) in a gzip file, whatever the file holds.
    void tenMillionImagesClaimedInAGzipFile()
    {
        const Bytes header = idxHeader(0x08, {10000000, 28, 28});

        // 100 bytes of data: the file is too small to hold the claim, which is refused unread.
        writeBytes(tempPath("claim-tiny.gz"), gzipBytes(concat(header, Bytes(100, 7))));
        ChildReport report = readIdxInChild(tempPath("claim-tiny.gz"));
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QVERIFY2(report.text.find(tempPath("claim-tiny.gz").string()
                                  + ": truncated: header claims 10000000×28×28 = 7840000000 bytes "
                                    "of data, more than this ")
                     == 0,
                 report.text.c_str());

        // 8 MiB that don't compress: a file big enough to pass that bound. With 10⁷ claimed it is
        // refused for the claim's size; with 10⁶ (784 MB) its data is read, and the memory follows
        // what is there (8 MiB), not the claim.
        const Bytes data = incompressible(8 << 20);
        writeBytes(tempPath("claim-8mb.gz"), gzipBytes(concat(header, data)));
        QVERIFY(fs::file_size(tempPath("claim-8mb.gz")) * 1032 > 7840000000u);
        report = readIdxInChild(tempPath("claim-8mb.gz"));
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QCOMPARE(QString::fromStdString(report.text),
                 tempName("claim-8mb.gz") + ": too large: header claims 10000000×28×28 = 7840000000 "
                 "bytes of data; nnlab reads at most 1073741824 (1 GiB) from one IDX file");
        writeBytes(tempPath("claim-8mb.gz"), gzipBytes(concat(idxHeader(0x08, {1000000, 28, 28}), data)));
        report = readIdxInChild(tempPath("claim-8mb.gz"));
        VERIFY_REFUSED_WITHIN(report, 5000, 40);
        QCOMPARE(QString::fromStdString(report.text),
                 tempName("claim-8mb.gz") + ": truncated: header claims 1000000×28×28 = 784000000 "
                 "bytes of data, the file holds only 8388608 (10699 of the 1000000 items of 28×28)");

        // A bomb: 8.5 GB of zeros in 8.7 MB, more than the claim, so only the claim stops it. The
        // loader knows the published file has 60,000 images and refuses the header at once.
        const fs::path dir = tempPath("claim-bomb");
        fs::create_directories(dir);
        writeGzipBomb(dir / "train-images-idx3-ubyte.gz", header, 8500);
        writeIdx(dir / "train-labels-idx1-ubyte", fixtureLabels(60000));
        QVERIFY(fs::file_size(dir / "train-images-idx3-ubyte.gz") * 1032 > 7840000000u);
        report = runInChild(
            [&] {
                try {
                    loadDataset(DatasetKind::Mnist, dir);
                    return std::string("loaded");
                } catch (const DataError& error) {
                    return std::string(error.what());
                }
            },
            {512, -1, int(60000 * kSanitizerSlack)});
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QVERIFY2(report.text.find((dir / "train-images-idx3-ubyte.gz").string()
                                  + ": header claims 10000000 images, but the published MNIST file "
                                    "has 60000; fetch it with: ")
                     == 0,
                 report.text.c_str());
        // Read on its own, the bomb is refused for its size: the file could back the claim, but
        // no IDX file nnlab reads has more than 1 GiB of data.
        report = readIdxInChild(dir / "train-images-idx3-ubyte.gz");
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QCOMPARE(QString::fromStdString(report.text),
                 QString::fromStdString((dir / "train-images-idx3-ubyte.gz").string())
                     + ": too large: header claims 10000000×28×28 = 7840000000 bytes of data; nnlab "
                       "reads at most 1073741824 (1 GiB) from one IDX file");
    }

    // A small gzip file that expands to far more than its header claims: reading stops one byte
    // past the claim. Decompressing all 16 GB would take many seconds.
    void gzipBombStopsOneBytePastItsClaim()
    {
        writeGzipBomb(tempPath("bomb.gz"), idxHeader(0x08, {1000, 28, 28}), 16384);
        QVERIFY(fs::file_size(tempPath("bomb.gz")) < (20u << 20));
        const ChildReport report = readIdxInChild(tempPath("bomb.gz"));
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QCOMPARE(QString::fromStdString(report.text),
                 tempName("bomb.gz") + ": trailing bytes: the file holds more data than its header "
                 "claims (header claims 1000×28×28 = 784000 bytes of data; reading stopped there)");

        // The same bomb with a header that tells the truth is read whole, CRC and all: the bound
        // is the claim, not a guess at what is plausible.
        writeGzipBomb(tempPath("honest-bomb.gz"), idxHeader(0x08, {64, 1024, 1024}), 64);
        QCOMPARE(QString::fromStdString(readIdxInChild(tempPath("honest-bomb.gz")).text),
                 QString("read 67108864 bytes"));
    }

    // Bytes beyond the claim, inside the gzip data or after it, are refused; gzip members that are
    // simply concatenated (RFC 1952 allows it) are one file.
    void gzipTrailingData()
    {
        const Bytes idx = concat(idxHeader(0x08, {4, 2}), {1, 2, 3, 4, 5, 6, 7, 8});
        auto errorOf = [&](const char* name, const Bytes& bytes) {
            writeBytes(tempPath(name), bytes);
            return dataErrorOf([&] { readIdx(tempPath(name)); });
        };
        VERIFY_CONTAINS(errorOf("more-data.gz", gzipBytes(concat(idx, {9, 9, 9}))),
                        tempName("more-data.gz") + ": trailing bytes: the file holds more data");
        VERIFY_CONTAINS(errorOf("junk-after.gz", concat(gzipBytes(idx), {'g', 'a', 'r', 'b', 'a', 'g', 'e'})),
                        tempName("junk-after.gz") + ": trailing bytes: 7 bytes after the end of the gzip data");
        VERIFY_CONTAINS(errorOf("one-junk-byte.gz", concat(gzipBytes(idx), {0})),
                        tempName("one-junk-byte.gz") + ": trailing bytes: 1 bytes after the end");
        VERIFY_CONTAINS(errorOf("second-member.gz", concat(gzipBytes(idx), gzipBytes({9}))),
                        tempName("second-member.gz") + ": trailing bytes: the file holds more data");
        // Data that ends early, then bytes that are not gzip.
        VERIFY_CONTAINS(errorOf("short-then-junk.gz", concat(gzipBytes(Bytes(idx.begin(), idx.end() - 3)), {'x'})),
                        tempName("short-then-junk.gz") + ": truncated: header claims 4×2 = 8 bytes of data, "
                        "the gzip data holds only 5 (2 of the 4 items of 2), then 1 bytes that are not gzip");

        const Bytes split = concat(gzipBytes(Bytes(idx.begin(), idx.begin() + 10)),
                                   gzipBytes(Bytes(idx.begin() + 10, idx.end())));
        writeBytes(tempPath("two-members.gz"), concat(split, gzipBytes({})));
        QVERIFY(readIdx(tempPath("two-members.gz")).data == Bytes({1, 2, 3, 4, 5, 6, 7, 8}));
    }

    // A gzip file cut anywhere: in its own header, in the IDX header, in the data, in its trailer.
    void gzipCutShort()
    {
        const Bytes compressed = gzipBytes(concat(idxHeader(0x08, {100, 100}), incompressible(10000)));
        const std::vector<std::pair<std::size_t, QString>> cuts = {
            {5, "truncated gzip data: the compressed stream ends inside the IDX header"},
            {compressed.size() / 2, "truncated gzip data: the compressed stream ends after "},
            {compressed.size() - 8, "truncated gzip data: the compressed stream ends before its trailer"},
            {compressed.size() - 1, "truncated gzip data: the compressed stream ends before its trailer"},
        };
        for (const auto& [keep, message] : cuts) {
            writeBytes(tempPath("cut-short.gz"), Bytes(compressed.begin(), compressed.begin() + keep));
            const QString error = dataErrorOf([&] { readIdx(tempPath("cut-short.gz")); });
            VERIFY_CONTAINS(error, tempName("cut-short.gz") + ": " + message);
        }
    }

    // Plain files whose header lies: the claim is held against the file's size before anything is
    // allocated.
    void plainFileWithALyingHeader()
    {
        writeBytes(tempPath("plain-claim"), concat(idxHeader(0x08, {10000000, 28, 28}), Bytes(100)));
        const ChildReport report = readIdxInChild(tempPath("plain-claim"));
        VERIFY_REFUSED_WITHIN(report, 3000, 16);
        QCOMPARE(QString::fromStdString(report.text),
                 tempName("plain-claim") + ": truncated: header claims 10000000×28×28 = 7840000000 "
                 "bytes of data, the file holds only 100 after its 16-byte header (0 of the 10000000 "
                 "items of 28×28)");

        // A plain file that really holds 10⁷ images (sparse: it takes no disk) is refused for its
        // size, not allocated.
        writeBytes(tempPath("plain-huge"), idxHeader(0x08, {10000000, 28, 28}));
        fs::resize_file(tempPath("plain-huge"), 16 + 7840000000u);
        const ChildReport huge = readIdxInChild(tempPath("plain-huge"));
        VERIFY_REFUSED_WITHIN(huge, 3000, 16);
        QCOMPARE(QString::fromStdString(huge.text),
                 tempName("plain-huge") + ": too large: header claims 10000000×28×28 = 7840000000 "
                 "bytes of data; nnlab reads at most 1073741824 (1 GiB) from one IDX file");
        fs::remove(tempPath("plain-huge"));

        writeBytes(tempPath("plain-fewer"), concat(idxHeader(0x08, {1, 28, 28}), Bytes(2 * 784)));
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("plain-fewer")); }),
                        tempName("plain-fewer") + ": trailing bytes: 784 bytes after the data");

        writeBytes(tempPath("plain-zero-dim"), concat(idxHeader(0x08, {5, 0}), Bytes(5)));
        VERIFY_CONTAINS(dataErrorOf([&] { readIdx(tempPath("plain-zero-dim")); }),
                        tempName("plain-zero-dim") + ": trailing bytes: 5 bytes");

        // Through the loader, a header that is not the published file's is refused unread.
        const fs::path dir = tempPath("plain-claim-dir");
        fs::create_directories(dir);
        fs::copy_file(tempPath("plain-claim"), dir / "t10k-images-idx3-ubyte");
        writeBytes(dir / "t10k-labels-idx1-ubyte", Bytes());
        fs::create_symlink(fs::absolute(realDataset(DatasetKind::Mnist) / "train-images-idx3-ubyte"),
                           dir / "train-images-idx3-ubyte");
        fs::create_symlink(fs::absolute(realDataset(DatasetKind::Mnist) / "train-labels-idx1-ubyte"),
                           dir / "train-labels-idx1-ubyte");
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, dir); }),
                        QString::fromStdString((dir / "t10k-images-idx3-ubyte").string())
                            + ": header claims 10000000 images, but the published MNIST file has 10000");
    }

    // A labels file whose count disagrees with the images file is refused at its header, before
    // its data is read, however many labels it claims.
    void labelCountDisagreesWithTheImages()
    {
        const fs::path dir = tempPath("label-count");
        writeSplitFixture(dir);
        const QString imagesPath = QString::fromStdString((dir / "train-images-idx3-ubyte").string());
        for (std::uint32_t claimed : {10049u, 10051u, 10000000u}) {
            fs::remove(dir / "train-labels-idx1-ubyte");
            if (claimed < 100000) {
                writeIdx(dir / "train-labels-idx1-ubyte", fixtureLabels(claimed));
            } else {
                fs::remove(dir / "train-labels-idx1-ubyte.gz");
                writeGzipBomb(dir / "train-labels-idx1-ubyte.gz", idxHeader(0x08, {claimed}), 64);
            }
            const ChildReport report = runInChild(
                [&] { return loadError(DatasetKind::Mnist, dir).toStdString(); },
                {512, -1, int(60000 * kSanitizerSlack)});
            VERIFY_REFUSED_WITHIN(report, 5000, 64);   // the 7.9 MB images file is read first
            VERIFY_CONTAINS(QString::fromStdString(report.text),
                            "image/label count mismatch: 10050 images in " + imagesPath + " but "
                                + QString::number(claimed) + " labels in ");
        }
        fs::remove(dir / "train-labels-idx1-ubyte.gz");
        writeIdx(dir / "train-labels-idx1-ubyte", fixtureLabels(10050));
    }

    // ---- The other dataset where one was asked for -----------------------------------------------
    // MNIST and Fashion-MNIST have the same file names and headers; their SHA-256 tells them apart.

    // The search passes over a folder of the other dataset and goes on to the next place, both
    // ways, and in a base whose named subfolder holds the other dataset.
    void otherDatasetIsPassedOver()
    {
        const fs::path mnist = realDataset(DatasetKind::Mnist);
        const fs::path fashion = realDataset(DatasetKind::Fashion);
        if (fashion.empty())
            QSKIP("Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)");
        const fs::path mnistCopy = tempPath("other/mnist-files"), fashionCopy = tempPath("other/fashion-files");
        linkDataset(mnist, mnistCopy);
        linkDataset(fashion, fashionCopy);

        QCOMPARE(findDataDirIn(DatasetKind::Fashion, {mnistCopy, fashionCopy}), fashionCopy);
        QCOMPARE(findDataDirIn(DatasetKind::Mnist, {fashionCopy, mnistCopy}), mnistCopy);

        // The subfolder named for the dataset holds the other one, the base itself the right one.
        const fs::path base = tempPath("other/misnamed");
        linkDataset(mnist, base);
        linkDataset(fashion, base / "mnist");
        QCOMPARE(findDataDirIn(DatasetKind::Mnist, {base}), base);
        const fs::path fashionBase = tempPath("other/misnamed-fashion");
        linkDataset(fashion, fashionBase);
        linkDataset(mnist, fashionBase / "fashion");
        QCOMPARE(findDataDirIn(DatasetKind::Fashion, {fashionBase}), fashionBase);
        // ... and when the base has nothing else, the reason names the subfolder.
        const fs::path onlyMisnamed = tempPath("other/only-misnamed");
        linkDataset(fashion, onlyMisnamed / "mnist");
        VERIFY_CONTAINS(dataErrorOf([&] { findDataDir(DatasetKind::Mnist, onlyMisnamed); }),
                        QString::fromStdString(onlyMisnamed.string())
                            + ": its mnist/ is Fashion-MNIST, not MNIST; fetch it with: ");

        // NNLAB_DATA naming a folder of MNIST when Fashion-MNIST is asked for: it is searched first,
        // passed over, and the search goes on.
        const QByteArray saved = qgetenv("NNLAB_DATA");
        qputenv("NNLAB_DATA", QByteArray::fromStdString(mnistCopy.string()));
        QCOMPARE(dataSearchPlaces(DatasetKind::Fashion).front(), mnistCopy);
        try {
            QVERIFY(findDataDir(DatasetKind::Fashion) != mnistCopy);
        } catch (const DataError& error) {
            VERIFY_CONTAINS(QString(error.what()), QString::fromStdString(mnistCopy.string())
                                                       + ": is MNIST, not Fashion-MNIST");
        }
        qputenv("NNLAB_DATA", saved);
    }

    // When no place holds the dataset, the message names each place and why it was passed over.
    void nothingFoundNamesEachPlaceAndWhy()
    {
        const fs::path mnist = realDataset(DatasetKind::Mnist);
        const fs::path fashion = realDataset(DatasetKind::Fashion);
        if (fashion.empty())
            QSKIP("Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)");
        const fs::path mnistCopy = tempPath("none/mnist-files"), fashionCopy = tempPath("none/fashion-files");
        linkDataset(mnist, mnistCopy);
        linkDataset(fashion, fashionCopy);
        const fs::path empty = tempPath("none/empty"), missing = tempPath("none/missing"),
                       file = tempPath("none/a-file"), tooLong = longPath(tempPath("none"), 5000);
        fs::create_directories(empty);
        writeBytes(file, {1});

        struct Case {
            DatasetKind kind;
            fs::path other;
            QString otherText;
        };
        for (const Case& c : {Case{DatasetKind::Fashion, mnistCopy, "is MNIST, not Fashion-MNIST"},
                              Case{DatasetKind::Mnist, fashionCopy, "is Fashion-MNIST, not MNIST"}}) {
            const QString message = dataErrorOf(
                [&] { findDataDirIn(c.kind, {c.other, empty, missing, file, file / "sub", tooLong}); });
            auto named = [](const fs::path& path) { return QString::fromStdString(path.string()) + ": "; };
            QVERIFY2(message.startsWith(QString::fromStdString(c.kind == DatasetKind::Mnist ? "MNIST" : "Fashion-MNIST")
                                        + " not found (looked in "),
                     qPrintable(message));
            VERIFY_CONTAINS(message, named(c.other) + c.otherText + ";");
            VERIFY_CONTAINS(message, named(empty) + "no ");
            VERIFY_CONTAINS(message, named(missing) + "folder not found;");
            VERIFY_CONTAINS(message, named(file) + "is a file, not a folder;");
            VERIFY_CONTAINS(message, named(file / "sub") + QString::fromStdString(file.string()) + " is a file, not a folder;");
            VERIFY_CONTAINS(message, named(tooLong) + "the path is too long (");
            VERIFY_CONTAINS(message, "); fetch it with: ");
        }
    }

    // A folder given by hand that holds the other dataset is an error that says so; so is a file of
    // the other dataset among the right one's.
    void explicitFolderOfTheOtherDataset()
    {
        const fs::path mnist = realDataset(DatasetKind::Mnist);
        const fs::path fashion = realDataset(DatasetKind::Fashion);
        if (fashion.empty())
            QSKIP("Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)");
        const fs::path mnistCopy = tempPath("given/mnist-files"), fashionCopy = tempPath("given/fashion-files");
        linkDataset(mnist, mnistCopy);
        linkDataset(fashion, fashionCopy);
        const QString mnistName = QString::fromStdString(mnistCopy.string());
        const QString fashionName = QString::fromStdString(fashionCopy.string());

        QCOMPARE(dataErrorOf([&] { findDataDir(DatasetKind::Fashion, mnistCopy); }),
                 mnistName + ": is MNIST, not Fashion-MNIST; fetch it with: sudo apt-get install dataset-fashion-mnist");
        QCOMPARE(dataErrorOf([&] { findDataDir(DatasetKind::Mnist, fashionCopy); }),
                 fashionName + ": is Fashion-MNIST, not MNIST; fetch it with: " + mnistFetchCommand());
        // loadSplit on the folder itself (as the GUI does after finding it) names the file.
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Fashion, mnistCopy); }),
                        mnistName + "/train-images-idx3-ubyte: is MNIST, not Fashion-MNIST");
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, fashionCopy); }),
                        fashionName + "/train-images-idx3-ubyte.gz: is Fashion-MNIST, not MNIST");

        // MNIST's training files with Fashion-MNIST's test files.
        const fs::path mixed = tempPath("given/mixed");
        linkDataset(mnist, mixed);
        for (const char* name : {"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            fs::remove(mixed / name);
            fs::create_symlink(fashion / (std::string(name) + ".gz"), mixed / (std::string(name) + ".gz"));
        }
        QCOMPARE(findDataDir(DatasetKind::Mnist, mixed), mixed);
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, mixed); }),
                        QString::fromStdString(mixed.string()) + "/t10k-images-idx3-ubyte.gz: is Fashion-MNIST, not MNIST");
    }

    // ---- A data folder that can't be reached -------------------------------------------------------
    // Each says why in one line naming the path, not "no MNIST files there"; in the search, such a
    // place is passed over with its reason.
    void unreachableDataFolderSaysWhy()
    {
        const fs::path base = tempPath("unreachable");
        fs::create_directories(base);
        writeBytes(base / "a-file", {1});
        fs::create_symlink(base / "loop", base / "loop");
        const std::vector<std::pair<fs::path, QString>> cases = {
            {longPath(base, 5000), "the path is too long ("},
            {base / std::string(300, 'n'), "\" in it is too long (300 bytes; a name may have at most 255)"},
            {base / "a-file" / "sub", QString::fromStdString((base / "a-file").string()) + " is a file, not a folder"},
            {base / "a-file/", QString::fromStdString((base / "a-file").string()) + " is a file, not a folder"},
            {base / "a-file", "is a file, not a folder"},
            {base / "missing", "folder not found"},
            {base / "loop", "too many symbolic links"},
        };
        const fs::path mnist = realDataset(DatasetKind::Mnist);
        for (const auto& [path, reason] : cases) {
            const QString message = dataErrorOf([&] { findDataDir(DatasetKind::Mnist, path); });
            QVERIFY2(message.startsWith(QString::fromStdString(path.string()) + ": "), qPrintable(message));
            VERIFY_CONTAINS(message, reason);
            QVERIFY2(!message.contains("no MNIST files"), qPrintable(message));
            // In the search it is passed over, with the same reason.
            QCOMPARE(findDataDirIn(DatasetKind::Mnist, {path, mnist}), mnist);
            VERIFY_CONTAINS(dataErrorOf([&] { findDataDirIn(DatasetKind::Mnist, {path}); }), reason);
        }
    }

    // A folder this user may not enter (root may enter any: the check runs as "nobody" then).
    void dataFolderThatMayNotBeEntered()
    {
        const fs::path base = tempPath("locked-base"), locked = base / "locked";
        fs::create_directories(locked);
        writeSplitFixture(locked / "mnist", 10001, 1);
        fs::permissions(tempPath(""), fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
        fs::permissions(base, fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
        fs::permissions(locked, fs::perms::owner_all);
        const ChildReport report = runInChild(
            [&] {
                return dataErrorOf([&] { findDataDir(DatasetKind::Mnist, locked); }).toStdString() + "\n"
                       + dataErrorOf([&] { findDataDir(DatasetKind::Mnist, locked / "mnist"); }).toStdString();
            },
            {0, 65534, 10000});
        fs::permissions(locked, fs::perms::owner_all | fs::perms::others_exec | fs::perms::group_exec);
        QVERIFY2(report.finished, report.text.c_str());
        const QStringList lines = QString::fromStdString(report.text).split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QString::fromStdString(locked.string()) + ": permission denied: the folder can't be entered");
        QCOMPARE(lines[1], QString::fromStdString((locked / "mnist").string()) + ": permission denied: the folder "
                               + QString::fromStdString(locked.string()) + " can't be entered");
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

        // Without a table, the published files are expected: a fixture's header differs from
        // theirs, and one of their sizes cannot match their checksums.
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, dir); }),
                        "train-images-idx3-ubyte: header claims 10050 images, but the published MNIST "
                        "file has 60000");
        const fs::path published = tempPath("published-size");
        writeSplitFixture(published, 60000, 10000);
        VERIFY_CONTAINS(dataErrorOf([&] { loadSplit(DatasetKind::Mnist, published); }),
                        "train-images-idx3-ubyte: checksum mismatch");
        fs::remove_all(published);
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
