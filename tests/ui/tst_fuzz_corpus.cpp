// tst_fuzz_corpus.cpp — the fuzzers' seed corpus (fuzz/corpus/<target>/), made and checked here:
// small valid and damaged IDX files (plain and gzip), model files in both formats (and the
// beginnings of the two embedded models, which are too big to seed whole), and small images in
// the formats the Draw view reads. Every valid sample must load; every damaged one must fail with
// one line that names the file. Normally written to a temporary folder; to refresh the committed
// corpus run
//   NNLAB_FUZZ_CORPUS=fuzz/corpus build/tests/tst_fuzz_corpus
#include "ui/draw/draw_images.h"

#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/io/model_file.h"

#include <zlib.h>

#include <QBuffer>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace nnlab;
using Bytes = std::vector<std::uint8_t>;

namespace {

void writeFile(const fs::path& path, const QByteArray& bytes)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.constData(), bytes.size());
}

QByteArray readFile(const fs::path& path)
{
    QFile file(QString::fromStdString(path.string()));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray idxBytes(const std::vector<std::uint32_t>& dims, const Bytes& data)
{
    QByteArray bytes(4, '\0');
    bytes[2] = char(0x08);
    bytes[3] = char(dims.size());
    for (std::uint32_t dim : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.append(char(dim >> shift));
    bytes.append(reinterpret_cast<const char*>(data.data()), qsizetype(data.size()));
    return bytes;
}

// A gzip file, as Fashion-MNIST's (zlib's gzip header and trailer, not just deflate).
QByteArray gzipBytes(const QByteArray& plain)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(plain.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.constData()));
    stream.avail_in = uInt(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

Bytes pattern(std::size_t count)
{
    Bytes data(count);
    for (std::size_t i = 0; i < count; ++i)
        data[i] = std::uint8_t(i * 37 % 256);
    return data;
}

std::string modelText(const std::string& architecture, Activation hidden, Activation output, Cost cost)
{
    NetworkSpec spec;
    parseArchitecture(architecture, spec);
    spec.hidden = hidden;
    spec.output = output;
    spec.cost = cost;
    std::mt19937_64 rng(1);
    return serialiseModel(makeNetwork(spec, Initialisation::Scaled, rng));
}

// A thick 1 drawn on paper: the kind of picture people load.
QImage digitPicture(int width, int height, QImage::Format format)
{
    QImage image(width, height, format);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setPen(QPen(Qt::black, std::max(1, width / 6), Qt::SolidLine, Qt::RoundCap));
    p.drawLine(width / 2, height / 5, width / 2, height * 4 / 5);
    return image;
}

QByteArray encoded(const QImage& image, const char* format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

}  // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QByteArray dir = qgetenv("NNLAB_FUZZ_CORPUS");
        m_root = dir.isEmpty() ? fs::path(m_temp.path().toStdString()) : fs::path(dir.toStdString());
        qInfo("writing the seed corpus to %s", m_root.c_str());
    }

    void idxSeeds()
    {
        const fs::path dir = m_root / "idx";
        fs::create_directories(dir);
        const QByteArray images = idxBytes({3, 4, 4}, pattern(48));
        const QByteArray labels = idxBytes({10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        const QByteArray digits = idxBytes({1, 28, 28}, pattern(784));
        const std::vector<std::pair<std::string, QByteArray>> valid = {
            {"images.idx", images},
            {"labels.idx", labels},
            {"digit.idx", digits},
            {"images.idx.gz", gzipBytes(images)},
            {"digit.idx.gz", gzipBytes(digits)},
        };
        QByteArray gzipCut = gzipBytes(digits);
        gzipCut.chop(gzipCut.size() / 2);
        QByteArray gzipFlipped = gzipBytes(digits);
        gzipFlipped[gzipFlipped.size() / 2] = char(gzipFlipped[gzipFlipped.size() / 2] ^ 0x5a);
        const std::vector<std::pair<std::string, QByteArray>> damaged = {
            {"empty.idx", QByteArray()},
            {"short-header.idx", images.left(6)},
            {"truncated.idx", images.left(images.size() - 5)},
            {"trailing.idx", labels + QByteArray("xyz")},
            {"bad-type.idx", QByteArray(images).replace(2, 1, "\x0d")},
            {"huge-claim.idx", idxBytes({0x80000000u, 28, 28}, pattern(64))},
            {"overflow-claim.idx", idxBytes({0xffffffffu, 0xffffffffu, 0xffffffffu}, {})},
            {"huge-claim.idx.gz", gzipBytes(idxBytes({0x80000000u, 28, 28}, pattern(64)))},
            {"cut.idx.gz", gzipCut},
            {"corrupt.idx.gz", gzipFlipped},
        };
        for (const auto& [name, bytes] : valid) {
            writeFile(dir / name, bytes);
            try {
                QVERIFY(!readIdx(dir / name).data.empty());
            } catch (const DataError& e) {
                QFAIL(e.what());
            }
        }
        for (const auto& [name, bytes] : damaged) {
            writeFile(dir / name, bytes);
            QVERIFY_THROWS_EXCEPTION(DataError, readIdx(dir / name));
            try {
                readIdx(dir / name);
            } catch (const DataError& e) {
                const std::string message = e.what();
                QVERIFY2(message.rfind((dir / name).string() + ": ", 0) == 0, e.what());
                QVERIFY(message.find('\n') == std::string::npos);
            }
        }
    }

    void modelSeeds()
    {
        const fs::path dir = m_root / "model";
        fs::create_directories(dir);
        // Exactly what network2.py's save() writes.
        const std::string network2 =
            R"({"sizes": [2, 3, 1], "weights": [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], )"
            R"([[0.7, -0.8, 0.9]]], "biases": [[[0.01], [-0.02], [0.03]], [[-0.04]]], )"
            R"("cost": "CrossEntropyCost"})";
        const std::string fc = modelText("6,4,3", Activation::Sigmoid, Activation::Softmax, Cost::LogLikelihood);
        const std::string convnet =
            modelText("36,conv2x3,pool2,5,3", Activation::ReLU, Activation::Softmax, Cost::LogLikelihood);
        const std::vector<std::pair<std::string, std::string>> valid = {
            {"network2.json", network2},
            {"fc-nnlab.json", fc},
            {"tanh-quadratic.json", modelText("3,2,2", Activation::Tanh, Activation::Sigmoid, Cost::Quadratic)},
            {"convnet.json", convnet},
        };
        // The embedded models are a megabyte each: their first 2 kB keep their structure's start.
        auto embeddedHead = [](const char* resource) {
            QFile file(resource);
            return file.open(QIODevice::ReadOnly) ? file.read(2048).toStdString() : std::string();
        };
        std::string wrongShape = network2;
        wrongShape.replace(wrongShape.find("[0.3, 0.4], "), 12, "");
        std::string badVersion = convnet;
        badVersion.replace(badVersion.find("\"version\":2"), 11, "\"version\":3");
        std::string badLayer = convnet;
        badLayer.replace(badLayer.find("\"pool\""), 6, "\"lstm\"");
        const std::vector<std::pair<std::string, std::string>> damaged = {
            {"empty.json", ""},
            {"array.json", "[1, 2, 3]"},
            {"truncated.json", fc.substr(0, fc.size() / 2)},
            {"wrong-shape.json", wrongShape},
            {"too-large-number.json", R"({"sizes": [1, 1], "weights": [[[1e39]]], "biases": [[[0]]]})"},
            {"huge-sizes.json", R"({"sizes": [100000, 100000, 10], "weights": [], "biases": []})"},
            {"bad-version.json", badVersion},
            {"bad-layer.json", badLayer},
            {"embedded-fc-head.json", embeddedHead(":/models/fc-784-100-10.json")},
            {"embedded-convnet-head.json", embeddedHead(":/models/convnet-relu.json")},
        };
        for (const auto& [name, text] : valid) {
            writeFile(dir / name, QByteArray::fromStdString(text));
            try {
                QVERIFY(loadModel(dir / name).layerCount() > 0);
            } catch (const FileError& e) {
                QFAIL(e.what());
            }
        }
        for (const auto& [name, text] : damaged) {
            QVERIFY2(!text.empty() || name == "empty.json", name.c_str());
            writeFile(dir / name, QByteArray::fromStdString(text));
            try {
                loadModel(dir / name);
                QFAIL(("loaded the damaged " + name).c_str());
            } catch (const FileError& e) {
                const std::string message = e.what();
                QVERIFY2(message.rfind((dir / name).string() + ": ", 0) == 0, e.what());
                QVERIFY(message.find('\n') == std::string::npos);
            }
        }
    }

    void drawImageSeeds()
    {
        const fs::path dir = m_root / "draw_image";
        fs::create_directories(dir);
        QImage transparent(24, 24, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        {
            QPainter p(&transparent);
            p.setPen(QPen(Qt::black, 3));
            p.drawEllipse(6, 4, 12, 16);
        }
        QImage onePixel(1, 1, QImage::Format_RGB32);
        onePixel.fill(Qt::white);
        const std::vector<std::pair<std::string, QByteArray>> valid = {
            {"digit.png", encoded(digitPicture(28, 28, QImage::Format_Grayscale8), "PNG")},
            {"digit.jpg", encoded(digitPicture(32, 32, QImage::Format_RGB32), "JPEG", 50)},
            {"wide.jpg", encoded(digitPicture(40, 16, QImage::Format_Grayscale8), "JPEG", 30)},
            {"digit.bmp", encoded(digitPicture(12, 12, QImage::Format_Grayscale8), "BMP")},
            {"digit.pgm", encoded(digitPicture(16, 16, QImage::Format_Grayscale8), "PGM")},
            {"digit.ppm", encoded(digitPicture(10, 10, QImage::Format_RGB32), "PPM")},
            {"transparent.png", encoded(transparent, "PNG")},
            {"one-pixel.png", encoded(onePixel, "PNG")},
        };
        const QByteArray png = valid[0].second, jpeg = valid[1].second;
        QByteArray flipped = png;
        for (qsizetype i = 60; i < flipped.size(); i += 23)
            flipped[i] = char(flipped[i] ^ 0x21);
        const std::vector<std::pair<std::string, QByteArray>> damaged = {
            {"empty.png", QByteArray()},
            {"notes.png", "this is not a PNG\n"},
            {"truncated.png", png.left(png.size() / 2)},
            {"header-only.jpg", jpeg.left(200)},
            {"flipped.png", flipped},
            // A 20 byte PGM header claiming 20,000×10,000 pixels.
            {"huge-claim.pgm", "P5 20000 10000 255\n"},
        };
        for (const auto& [name, bytes] : valid) {
            QVERIFY2(!bytes.isEmpty(), name.c_str());
            writeFile(dir / name, bytes);
            InkImage ink;
            QString error;
            QVERIFY2(loadInkImage(QString::fromStdString((dir / name).string()), 280, &ink, &error),
                     qPrintable(error));
            QCOMPARE(ink.width, 280);
            if (name != "one-pixel.png")
                QVERIFY2(preprocessForMnist(ink), name.c_str());
        }
        for (const auto& [name, bytes] : damaged) {
            writeFile(dir / name, bytes);
            InkImage ink;
            QString error;
            // Qt may decode what survives of a damaged image; if it refuses, it says why in one line.
            if (!loadInkImageData(readFile(dir / name), QString::fromStdString(name), 280, &ink, &error)) {
                QVERIFY2(error.startsWith(QString::fromStdString(name) + ": "), qPrintable(error));
                QVERIFY(!error.contains('\n'));
            }
        }
        QString error;
        InkImage ink;
        QVERIFY(!loadInkImageData(readFile(dir / "huge-claim.pgm"), "huge-claim.pgm", 280, &ink, &error));
        QVERIFY2(error.contains("damaged"), qPrintable(error));
    }

private:
    QTemporaryDir m_temp;
    fs::path m_root;
};

QTEST_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
