// The image reader behind nnlab-cli classify (core/io/image_file.h): each format gives back the
// pixels written; colour and transparency become grey as Qt makes them for the Draw view (Qt is
// the reference here); big images are reduced as they stream; hostile files are one line naming
// the file, refused before anything is allocated for their pixels.
#include "core/draw/image_digit.h"
#include "core/io/atomic_file.h"
#include "core/io/image_file.h"
#include "tests/support/image_writer.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

using imagewriter::Pixels;

namespace {

// 37×23: a ramp through every grey level plus a dark square off-centre, so that a flipped or
// transposed image would not match.
Pixels pattern(int channels = 1)
{
    Pixels image{37, 23, channels, {}};
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const bool square = x >= 5 && x < 14 && y >= 3 && y < 10;
            const std::uint8_t v = square ? 7 : std::uint8_t((x * 23 + y * 7 * 37) % 256);
            for (int c = 0; c < channels; ++c)
                image.bytes.push_back(c == 3 || (channels == 2 && c == 1) ? 255 : v);   // opaque alpha
        }
    return image;
}

nnlab::ImageReadLimits drawViewLimits() { return {nnlab::kMaxDecodedSide, nnlab::imageSizeProblem}; }

nnlab::LightnessImage read(const std::string& bytes, const std::string& name = "test")
{
    return nnlab::readImageData(bytes, name, drawViewLimits());
}

// The error's text, or "" when the image was read.
QString errorOf(const std::string& bytes, const std::string& name)
{
    try {
        read(bytes, name);
        return {};
    } catch (const nnlab::FileError& e) {
        return QString::fromStdString(e.what());
    }
}

// A JPEG whose frame header (SOF0) claims width × height.
std::string jpegClaiming(std::uint16_t width, std::uint16_t height)
{
    std::string bytes = imagewriter::jpeg(imagewriter::grey(8, 8, 200));
    const std::size_t sof = bytes.find("\xff\xc0");
    bytes[sof + 5] = char(height >> 8);
    bytes[sof + 6] = char(height);
    bytes[sof + 7] = char(width >> 8);
    bytes[sof + 8] = char(width);
    return bytes;
}

std::string withByte(std::string bytes, std::size_t at, char value)
{
    bytes[at] = value;
    return bytes;
}

// An 8-bit BMP through a 256-level grey palette (40-byte header, bottom-up).
std::string bmp8(const Pixels& image)
{
    const std::uint32_t stride = (std::uint32_t(image.width) + 3) / 4 * 4;
    const std::uint32_t offset = 14 + 40 + 256 * 4;
    std::string out(offset + stride * image.height, '\0');
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out[at + i] = char(v >> (8 * i));
    };
    out[0] = 'B';
    out[1] = 'M';
    put32(2, std::uint32_t(out.size()));
    put32(10, offset);
    put32(14, 40);
    put32(18, image.width);
    put32(22, image.height);
    out[26] = 1;
    out[28] = 8;
    for (int i = 0; i < 256; ++i)
        out[54 + 4 * i] = out[55 + 4 * i] = out[56 + 4 * i] = char(i);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            out[offset + (image.height - 1 - y) * stride + x] = char(image.bytes[std::size_t(y) * image.width + x]);
    return out;
}

std::string plainPgm(const Pixels& image)
{
    std::string out = "P2\n# written by hand\n" + std::to_string(image.width) + " " + std::to_string(image.height) + "\n255\n";
    for (std::uint8_t v : image.bytes)
        out += std::to_string(v) + (v % 3 ? " " : "\n");
    return out;
}

std::string pgm16(const Pixels& image)
{
    std::string out = "P5 " + std::to_string(image.width) + " " + std::to_string(image.height) + " 65535\n";
    for (std::uint8_t v : image.bytes) {
        const unsigned wide = v * 257u;   // exactly v/255 of 65535
        out += char(wide >> 8);
        out += char(wide & 0xff);
    }
    return out;
}

// What the Draw view's decoder (Qt) makes of the same bytes, as lightness: the image over white
// paper, then Qt's Grayscale8 (ui/draw/draw_images.cpp, inkFromPicture).
nnlab::LightnessImage qtLightness(const std::string& bytes)
{
    QByteArray data(bytes.data(), qsizetype(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter(&flat).drawImage(0, 0, image);
    const QImage grey = flat.convertToFormat(QImage::Format_Grayscale8);
    nnlab::LightnessImage out{grey.width(), grey.height(), {}};
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x)
            out.lightness.push_back(grey.constScanLine(y)[x] / 255.0f);
    return out;
}

float maxDifference(const nnlab::LightnessImage& a, const nnlab::LightnessImage& b)
{
    float worst = 0.0f;
    for (std::size_t i = 0; i < a.lightness.size(); ++i)
        worst = std::max(worst, std::abs(a.lightness[i] - b.lightness[i]));
    return worst;
}

}  // namespace

class TestImageFile : public QObject {
    Q_OBJECT

private slots:
    void losslessFormatsGiveThePixelsWritten_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        auto row = [](const char* name, const std::string& bytes) {
            QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size()));
        };
        const Pixels grey = pattern(1);
        row("PNG grey", imagewriter::png(grey));
        row("PNG grey, 16 bits", imagewriter::png(grey, {false, 16}));
        row("PNG grey + alpha", imagewriter::png(pattern(2)));
        row("PNG RGB", imagewriter::png(pattern(3)));
        row("PNG RGBA", imagewriter::png(pattern(4)));
        row("PNG interlaced", imagewriter::png(grey, {true, 8}));
        row("PNG RGBA interlaced, 16 bits", imagewriter::png(pattern(4), {true, 16}));
        row("PGM raw (P5)", imagewriter::netpbm(grey));
        row("PGM plain (P2)", plainPgm(grey));
        row("PGM 16 bits", pgm16(grey));
        row("PPM raw (P6)", imagewriter::netpbm(pattern(3)));
        row("BMP 24 bits, bottom-up", imagewriter::bmp24(grey));
        row("BMP 24 bits, top-down", imagewriter::bmp24(grey, true));
        row("BMP 8 bits, palette", bmp8(grey));
    }

    void losslessFormatsGiveThePixelsWritten()
    {
        QFETCH(QByteArray, bytes);
        const nnlab::LightnessImage image = read(bytes.toStdString());
        const Pixels expected = pattern(1);
        QCOMPARE(image.width, expected.width);
        QCOMPARE(image.height, expected.height);
        for (std::size_t i = 0; i < expected.bytes.size(); ++i)
            QCOMPARE(image.lightness[i], expected.bytes[i] / 255.0f);
    }

    void bitmapsAreBlackOnWhite()
    {
        // PBM: 1 is black. Plain digits may run together; raw rows are padded to whole bytes.
        const nnlab::LightnessImage plain = read("P1\n# a 3×2 bitmap\n3 2\n100\n0 1 1\n");
        QCOMPARE(plain.lightness, (std::vector<float>{0, 1, 1, 1, 0, 0}));
        const nnlab::LightnessImage raw = read(std::string("P4 3 2\n\xa0\x40", 9));   // 101, 010
        QCOMPARE(raw.lightness, (std::vector<float>{0, 1, 0, 1, 0, 1}));
    }

    void jpegIsCloseToWhatWasWritten_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<bool>("progressive");
        QTest::newRow("grey") << 1 << false;
        QTest::newRow("colour") << 3 << false;
        QTest::newRow("grey, progressive") << 1 << true;
        QTest::newRow("colour, progressive") << 3 << true;
    }

    void jpegIsCloseToWhatWasWritten()
    {
        QFETCH(int, channels);
        QFETCH(bool, progressive);
        const std::string bytes = imagewriter::jpeg(pattern(channels), {95, progressive, 0, {}});
        const nnlab::LightnessImage image = read(bytes);
        QCOMPARE(image.width, 37);
        QCOMPARE(image.height, 23);
        // Qt decodes JPEG with the same libjpeg-turbo: the Draw view sees the same greys.
        const float fromQt = maxDifference(image, qtLightness(bytes));
        QVERIFY2(fromQt <= 1.5f / 255, qPrintable(QString::number(fromQt * 255)));
        const Pixels expected = pattern(1);
        float worst = 0.0f;
        for (std::size_t i = 0; i < expected.bytes.size(); ++i)
            worst = std::max(worst, std::abs(image.lightness[i] - expected.bytes[i] / 255.0f));
        QVERIFY2(worst < 40.0f / 255, qPrintable(QString::number(worst * 255)));   // a ramp at quality 95
    }

    // Colour becomes the grey Qt 6 gives it (the luminance of linear sRGB, encoded back), and
    // transparent pixels are white paper, as in the Draw view.
    void colourAndTransparencyBecomeGreyAsInQt()
    {
        Pixels image{64, 64, 4, {}};
        QRandomGenerator random(19);
        for (int i = 0; i < 64 * 64; ++i) {
            const std::uint8_t alpha = i % 5 == 0 ? 0 : i % 5 == 1 ? 128 : 255;
            for (int c = 0; c < 3; ++c)
                image.bytes.push_back(std::uint8_t(random.bounded(256)));
            image.bytes.push_back(alpha);
        }
        const std::string bytes = imagewriter::png(image);
        const nnlab::LightnessImage ours = read(bytes);
        const float difference = maxDifference(ours, qtLightness(bytes));
        QVERIFY2(difference <= 1.0f / 255 + 1e-6f, qPrintable(QString::number(difference * 255)));
        QCOMPARE(ours.lightness[0], 1.0f);   // alpha 0: paper
        // Pure red: 130 as in Qt (encode(0.2225) · 255), not a plain average's 85.
        const std::string red = imagewriter::png({1, 1, 3, {255, 0, 0}});
        QCOMPARE(read(red).lightness[0], 130.0f / 255);
        QCOMPARE(qtLightness(red).lightness[0], 130.0f / 255);
    }

    // A phone photo stores its rows as the sensor saw them and says how to turn them (EXIF
    // orientation); the Draw view (Qt's autoTransform) turns them, and so does the reader.
    void exifOrientationTurnsThePhotoUpright_data()
    {
        QTest::addColumn<int>("orientation");
        for (int k = 1; k <= 8; ++k)
            QTest::newRow(qPrintable(QString("orientation %1").arg(k))) << k;
    }

    void exifOrientationTurnsThePhotoUpright()
    {
        QFETCH(int, orientation);
        // 48×24 in 8×8 blocks of distinct greys (JPEG keeps flat blocks nearly exact).
        Pixels image{48, 24, 1, {}};
        for (int y = 0; y < 24; ++y)
            for (int x = 0; x < 48; ++x)
                image.bytes.push_back(std::uint8_t(((y / 8) * 6 + x / 8) * 14));
        const std::string bytes = imagewriter::jpeg(image, {95, false, orientation, {}});
        const nnlab::LightnessImage ours = read(bytes);
        const nnlab::LightnessImage qt = qtLightness(bytes);
        QCOMPARE(ours.width, orientation >= 5 ? 24 : 48);
        QCOMPARE(ours.width, qt.width);
        QCOMPARE(ours.height, qt.height);
        const float difference = maxDifference(ours, qt);
        QVERIFY2(difference <= 1.5f / 255, qPrintable(QString::number(difference * 255)));
    }

    // Larger than 1,024 pixels a side: whole f × f blocks are averaged as the rows arrive.
    void bigImagesAreReducedAsTheyStream()
    {
        // 3,000 × 10 columns cycling black, white, white: f = 3, every block averages to 2/3;
        // 2,500 wide: f = 3 too, and the last block is one column (black) wide.
        for (int width : {3000, 2500}) {
            Pixels image{width, 10, 1, {}};
            for (int y = 0; y < 10; ++y)
                for (int x = 0; x < width; ++x)
                    image.bytes.push_back(x % 3 == 0 ? 0 : 255);
            const nnlab::LightnessImage reduced = read(imagewriter::png(image));
            QCOMPARE(reduced.width, (width + 2) / 3);
            QCOMPARE(reduced.height, 4);   // ⌈10 / 3⌉: the last block row is one row high
            for (int y = 0; y < reduced.height; ++y)
                for (int x = 0; x < reduced.width; ++x) {
                    const float expected = x * 3 + 1 < width ? 2.0f / 3 : 0.0f;
                    QVERIFY(std::abs(reduced.lightness[std::size_t(y) * reduced.width + x] - expected) < 1e-6f);
                }
        }
    }

    void absurdSizesAreRefusedBeforeDecoding_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        auto row = [](const char* name, const std::string& bytes, const char* words) {
            QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(words);
        };
        row("PNG 100,000²", imagewriter::pngClaiming(100'000, 100'000), "too large (100000×100000 pixels");
        row("PNG 14,000² in 70 bytes", imagewriter::pngClaiming(14'000, 14'000), "far more than its");
        row("PNG 2³¹−1 wide", imagewriter::pngClaiming(0x7fffffff, 1), "too large (2147483647×1 pixels");
        row("PGM 20,000 × 10,000 in 19 bytes", "P5 20000 10000 255\n", "damaged (its header claims 20000×10000");
        row("PGM plain 50,000²", "P2 50000 50000 255\n0 0 0\n", "too large");
        row("PBM 2³¹−1 wide", "P4 2147483647 2\n", "pixels");
        row("JPEG 65,000 × 65,000", jpegClaiming(65000, 65000), "too large");
        row("JPEG 14,000 × 14,000 in 600 bytes", jpegClaiming(14000, 14000), "far more than its");
        std::string bmp = imagewriter::bmp24(imagewriter::grey(4, 4, 0));
        bmp.replace(18, 8, std::string("\x00\x30\x00\x00\x00\x30\x00\x00", 8));   // 12,288 × 12,288
        row("BMP 12,288² in 102 bytes", bmp, "far more than its");
        bmp.replace(22, 4, std::string("\x00\x00\x00\x80", 4));   // height −2³¹
        row("BMP height −2³¹", bmp, "pixels");
        row("PGM 0 wide", "P5 0 10 255\n", "has no pixels");
    }

    void absurdSizesAreRefusedBeforeDecoding()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        QElapsedTimer timer;
        timer.start();
        const QString error = errorOf(bytes.toStdString(), "claims.img");
        QVERIFY2(error.startsWith("claims.img: ") && error.contains(words), qPrintable(error));
        QVERIFY(!error.contains('\n'));
        QVERIFY2(timer.elapsed() < 2000, "the size is judged from the header, before decoding");
    }

    void damagedFilesAreOneLineNamingTheFile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        auto row = [](const char* name, const std::string& bytes, const char* words) {
            QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(words);
        };
        const Pixels grey = pattern(1);
        const std::string png = imagewriter::png(grey);
        const std::string jpeg = imagewriter::jpeg(grey);
        const std::string bmp = imagewriter::bmp24(grey);
        const std::string pgm = imagewriter::netpbm(grey);
        row("empty", "", "is empty");
        row("text", "just some text\n", "not an image nnlab can read");
        row("GIF", "GIF89a\x01\x00\x01\x00", "GIF");
        row("PNG signature only", png.substr(0, 8), "truncated");
        row("PNG cut in its pixels", png.substr(0, png.size() / 2), "truncated");
        row("PNG with a damaged pixel chunk", withByte(png, png.find("IDAT") + 10, '\x55'), "damaged PNG");
        row("PNG with a damaged header chunk", withByte(png, 20, '\x7f'), "damaged PNG");
        row("JPEG header only", jpeg.substr(0, 200), "truncated");
        row("JPEG cut in its pixels", jpeg.substr(0, jpeg.size() - 100), "truncated");
        row("JPEG with a damaged table", withByte(jpeg, jpeg.find("\xff\xc4") + 4, '\x7f'), "damaged JPEG");
        row("BMP header only", bmp.substr(0, 20), "truncated");
        row("BMP cut in its pixels", bmp.substr(0, bmp.size() - 50), "truncated (its pixels need");
        row("BMP run-length compressed", withByte(bmp, 30, '\x01'), "run-length compressed");
        row("BMP 7 bits per pixel", withByte(bmp, 28, '\x07'), "7 bits per pixel");
        row("BMP unknown header", withByte(bmp, 14, '\x20'), "damaged BMP");
        row("PGM cut in its pixels", pgm.substr(0, pgm.size() - 1), "truncated");
        row("PGM header cut", "P5 37", "truncated");
        row("PGM maximum 0", "P5 1 1 0\n\x00", "maximum value of 0");
        row("PGM plain value above its maximum", "P2 2 1 15\n3 16\n", "above its maximum 15");
        row("PGM width not a number", "P2 x 1 255\n0\n", "width is not a number");
        row("PGM width too large", "P2 99999999999 1 255\n0\n", "width is too large");
        row("PBM plain pixel 2", "P1 2 1\n0 2\n", "not 0 or 1");
    }

    void damagedFilesAreOneLineNamingTheFile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        const QString error = errorOf(bytes.toStdString(), "bad.img");
        QVERIFY2(error.startsWith("bad.img: ") && error.contains(words), qPrintable(error));
        QVERIFY(!error.contains('\n'));
    }

    // Thousands of tiny progressive scans make a small file take minutes; real encoders write
    // about ten. A file of 100 scans is still read.
    void jpegWithHundredsOfScansIsRefused()
    {
        const Pixels image = pattern(1);
        const std::string many = imagewriter::jpeg(image, {95, false, 0, imagewriter::manyScans(600)});
        const QString error = errorOf(many, "scans.jpg");
        QVERIFY2(error.contains("more than 500 progressive scans"), qPrintable(error));
        const std::string some = imagewriter::jpeg(image, {95, false, 0, imagewriter::manyScans(100)});
        QCOMPARE(errorOf(some, "scans.jpg"), QString());
    }

    // Only regular files are opened: a FIFO would block open() until something writes to it.
    void onlyRegularFilesAreRead()
    {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("digit.png").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        const nnlab::ImageReadLimits limits = drawViewLimits();
        auto errorFor = [&](const std::string& path) {
            try {
                nnlab::readImageFile(path, limits);
                return QString();
            } catch (const nnlab::FileError& e) {
                return QString::fromStdString(e.what());
            }
        };
        QVERIFY2(errorFor(fifo).contains("named pipe"), qPrintable(errorFor(fifo)));
        QVERIFY(errorFor(dir.path().toStdString()).contains("folder"));
        QVERIFY(errorFor(dir.filePath("none.png").toStdString()).endsWith("none.png: file not found"));
        const std::string file = dir.filePath("ok.png").toStdString();
        std::ofstream(file, std::ios::binary) << imagewriter::png(pattern(1));
        QCOMPARE(nnlab::readImageFile(file, limits).width, 37);
        if (::geteuid() != 0) {   // root reads anything
            ::chmod(file.c_str(), 0);
            QVERIFY2(errorFor(file).contains("not readable"), qPrintable(errorFor(file)));
        }
    }

    // The Draw view's limits (core/draw/image_digit.h), in numbers.
    void sizeLimits()
    {
        QCOMPARE(nnlab::imageSizeProblem(1000, 1000, 100), std::string());
        QCOMPARE(nnlab::imageSizeProblem(20000, 10000, 50'000'000), std::string());   // 200 MP, big enough file
        QVERIFY(nnlab::imageSizeProblem(20000, 10001, 50'000'000).find("too large") == 0);
        QVERIFY(nnlab::imageSizeProblem(4000, 1001, 0).find("damaged") == 0);   // > 4 MP from nothing
        QCOMPARE(nnlab::imageSizeProblem(4000, 1001, 1), std::string());        // 4,096 pixels a byte
        QVERIFY(nnlab::imageSizeProblem(0, 5, 100).find("has no pixels") == 0);
    }
};

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_image_file.moc"
