// nnlab-cli classify as a user runs it: MNIST test digits written as image files come back with
// their labels; a drawing on white paper, a JPEG, a BMP, a PGM and a turned phone photo are read
// exactly as the Draw view reads them (the same probabilities, computed here through the view's
// own functions); a bad image is one line naming it while the others are still read; a bad model
// or no images stop at once. The built-in models can be named, by classify and evaluate alike.
#include "core/draw/digit_classifier.h"
#include "core/io/model_file.h"
#include "core/nn/initialisation.h"
#include "core/nn/network.h"
#include "tests/support/child_process.h"
#include "tests/support/image_writer.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"
#include "ui/draw/draw_images.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <fstream>
#include <random>

using imagewriter::Pixels;

namespace {

ProgramResult runCli(const QStringList& args)
{
    return runProgram(qEnvironmentVariable("NNLAB_CLI"), args, int(120000 * kSanitizerSlack));
}

QList<QJsonObject> jsonLines(const QString& text)
{
    QList<QJsonObject> lines;
    for (const QString& line : text.split('\n', Qt::SkipEmptyParts))
        lines.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return lines;
}

QString modelFile(const char* name)
{
    return QFINDTESTDATA(QString("../resources/models/%1.json").arg(name));
}

// Test digit `index` as a 28×28 grey image, exactly its bytes (MNIST's pixels are byte/255).
Pixels testDigit(int index)
{
    const nnlab::Dataset& test = mnist().test;
    Pixels image{28, 28, 1, {}};
    for (int i = 0; i < 784; ++i)
        image.bytes.push_back(std::uint8_t(std::lround(255.0f * test.images(i, index))));
    return image;
}

Pixels inverted(Pixels image)
{
    for (std::uint8_t& v : image.bytes)
        v = std::uint8_t(255 - v);
    return image;
}

// Turned a quarter anticlockwise: a photo whose EXIF orientation 6 says "turn me clockwise".
Pixels turnedAnticlockwise(const Pixels& image)
{
    Pixels out{image.height, image.width, image.channels, std::vector<std::uint8_t>(image.bytes.size())};
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < image.channels; ++c)
                out.bytes[(std::size_t(y) * out.width + x) * image.channels + c] =
                    image.bytes[(std::size_t(x) * image.width + (image.width - 1 - y)) * image.channels + c];
    return out;
}

// Dark blue ink on a transparent sheet, as a drawing program exports it.
Pixels blueInkOnNothing(const Pixels& digit)
{
    Pixels out{digit.width, digit.height, 4, {}};
    for (std::uint8_t ink : digit.bytes) {
        out.bytes.insert(out.bytes.end(), {20, 30, 120});
        out.bytes.push_back(ink);   // opaque where the digit is
    }
    return out;
}

Pixels fromImage(const QImage& picture)
{
    const QImage grey = picture.convertToFormat(QImage::Format_Grayscale8);
    Pixels out{grey.width(), grey.height(), 1, {}};
    for (int y = 0; y < grey.height(); ++y)
        out.bytes.insert(out.bytes.end(), grey.constScanLine(y), grey.constScanLine(y) + grey.width());
    return out;
}

QString write(const QTemporaryDir& dir, const QString& name, const std::string& bytes)
{
    const QString path = dir.filePath(name);
    std::ofstream(path.toStdString(), std::ios::binary) << bytes;
    return path;
}

// What the Draw view shows for an image file: "Load image…" puts it on the canvas
// (loadInkImage → canvasPicture), the canvas is preprocessed (preprocessCanvas) and classified.
nnlab::Classification drawViewReading(const QString& path, const nnlab::Network& net)
{
    nnlab::InkImage ink;
    QString error;
    if (!loadInkImage(path, 280, &ink, &error))
        qFatal("%s", qPrintable(error));
    const auto input = preprocessCanvas(canvasPicture(ink));
    if (!input)
        qFatal("no digit in %s", qPrintable(path));
    return nnlab::classify(net, input->pixels);
}

#define SKIP_WITHOUT_MNIST_HERE()                                \
    do {                                                         \
        if (const QString why = mnistMissing(); !why.isEmpty()) \
            QSKIP(qPrintable(why));                              \
    } while (false)

}  // namespace

class TestClassify : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("NNLAB_CLI")), "NNLAB_CLI must name nnlab-cli");
        QVERIFY2(!modelFile("fc-784-100-10").isEmpty(), "resources/models/fc-784-100-10.json is missing");
    }

    // The first 100 test digits as PNG files, read through the Draw view's preprocessing (fitted
    // to the canvas, boxed to 20×20, centred by mass): most come back with their labels.
    void testDigitsComeBackWithTheirLabels_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("atLeast");
        QTest::newRow("built-in fc-784-100-10, by name") << "fc-784-100-10" << 95;
        QTest::newRow("convnet-relu, by file") << modelFile("convnet-relu") << 97;
    }

    void testDigitsComeBackWithTheirLabels()
    {
        SKIP_WITHOUT_MNIST_HERE();
        QFETCH(QString, model);
        QFETCH(int, atLeast);
        QTemporaryDir dir;
        QStringList args{"classify", "--model", model, "--json"};
        for (int i = 0; i < 100; ++i)
            args << write(dir, QString("digit%1.png").arg(i), imagewriter::png(testDigit(i)));
        const ProgramResult r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, QString());
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 100);
        int correct = 0;
        for (int i = 0; i < 100; ++i) {
            const QJsonObject& line = lines[i];
            QCOMPARE(line["file"].toString(), args[4 + i]);
            const QJsonArray probabilities = line["probabilities"].toArray();
            QCOMPARE(probabilities.size(), 10);
            double sum = 0, best = -1;
            int argmax = -1;
            for (int k = 0; k < 10; ++k) {
                sum += probabilities[k].toDouble();
                if (probabilities[k].toDouble() > best)
                    best = probabilities[k].toDouble(), argmax = k;
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-4);
            QCOMPARE(line["digit"].toInt(), argmax);
            correct += line["digit"].toInt() == mnist().test.labels[i];
        }
        qInfo("%d of 100 test digits read as their labels", correct);
        QVERIFY2(correct >= atLeast, qPrintable(QString::number(correct)));
    }

    // The probabilities are the Draw view's, to the last bit for lossless files: the CLI and the
    // view share the steps after decoding (core/draw/image_digit.h), and the decoders agree.
    void readsImagesAsTheDrawViewDoes_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("PNG") << "png" << 0.0;
        QTest::newRow("white-background drawing (canvas-sized PNG)") << "drawing" << 0.0;
        QTest::newRow("inverted PNG") << "inverted" << 0.0;
        QTest::newRow("PGM") << "pgm" << 0.0;
        QTest::newRow("BMP") << "bmp" << 0.0;
        QTest::newRow("blue ink on a transparent PNG") << "transparent" << 1e-3;
        QTest::newRow("JPEG") << "jpg" << 1e-3;
        QTest::newRow("JPEG photo turned, with EXIF orientation") << "turned" << 1e-3;
    }

    void readsImagesAsTheDrawViewDoes()
    {
        SKIP_WITHOUT_MNIST_HERE();
        QFETCH(QString, format);
        QFETCH(double, tolerance);
        const nnlab::Network net = nnlab::loadModel(modelFile("fc-784-100-10").toStdString());
        QTemporaryDir dir;
        QStringList args{"classify", "--model", "fc-784-100-10", "--json"};
        for (int i = 0; i < 20; ++i) {
            const Pixels digit = testDigit(i);
            const QString name = QString("digit%1.%2").arg(i).arg(format);
            std::string bytes;
            if (format == "png")
                bytes = imagewriter::png(digit);
            else if (format == "drawing")   // as the Draw view puts a test digit on its canvas
                bytes = imagewriter::png(fromImage(digitAsDrawing(mnist().test, i, 280)));
            else if (format == "inverted")
                bytes = imagewriter::png(inverted(digit));
            else if (format == "pgm")
                bytes = imagewriter::netpbm(digit);
            else if (format == "bmp")
                bytes = imagewriter::bmp24(inverted(digit));
            else if (format == "transparent")
                bytes = imagewriter::png(blueInkOnNothing(digit));
            else if (format == "jpg")
                bytes = imagewriter::jpeg(inverted(digit), {90, false, 0, {}});
            else if (format == "turned")
                bytes = imagewriter::jpeg(turnedAnticlockwise(inverted(digit)), {90, false, 6, {}});
            args << write(dir, name, bytes);
        }
        const ProgramResult r = runCli(args);
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(r.out);
        QCOMPARE(lines.size(), 20);
        double worst = 0.0;
        int correct = 0;
        for (int i = 0; i < 20; ++i) {
            const nnlab::Classification view = drawViewReading(args[4 + i], net);
            const QJsonArray cli = lines[i]["probabilities"].toArray();
            for (int k = 0; k < 10; ++k)
                worst = std::max(worst, std::abs(cli[k].toDouble() - double(view.probabilities[k])));
            QCOMPARE(lines[i]["digit"].toInt(), view.predicted);
            correct += view.predicted == mnist().test.labels[i];
        }
        qInfo("largest difference from the Draw view: %g; %d of 20 read as their labels", worst, correct);
        QVERIFY2(worst <= tolerance, qPrintable(QString::number(worst)));
        QVERIFY2(correct >= 18, qPrintable(QString::number(correct)));
    }

    void textLinesShowTheDigitAndTenProbabilities()
    {
        QTemporaryDir dir;
        // A plain vertical stroke on white paper: a 1.
        QImage paper(120, 160, QImage::Format_Grayscale8);
        paper.fill(255);
        for (int y = 30; y < 130; ++y)
            for (int x = 55; x < 67; ++x)
                paper.scanLine(y)[x] = 0;
        const QString path = write(dir, "one.png", imagewriter::png(fromImage(paper)));
        const ProgramResult r = runCli({"classify", "--model", "fc-784-100-10", path});
        QCOMPARE(r.exitCode, 0);
        static const QRegularExpression line(
            R"(^(.*): (\d) \((\d+\.\d)%\)  0:\d+\.\d% 1:\d+\.\d% 2:\d+\.\d% 3:\d+\.\d% 4:\d+\.\d% 5:\d+\.\d% 6:\d+\.\d% 7:\d+\.\d% 8:\d+\.\d% 9:\d+\.\d%\n$)");
        const QRegularExpressionMatch match = line.match(r.out);
        QVERIFY2(match.hasMatch(), qPrintable(r.out));
        QCOMPARE(match.captured(1), path);
        QCOMPARE(match.captured(2), QString("1"));
        QVERIFY2(r.out.contains(QString(" 1:%1%").arg(match.captured(3))), qPrintable(r.out));
    }

    // Each bad image is one line on stderr naming it; the good ones around it are still read,
    // in order, and the exit status says something failed. Nothing blocks (a FIFO is not opened
    // for reading) or allocates what the header claims.
    void badImagesAreOneLineEachAndTheOthersAreRead()
    {
        QTemporaryDir dir;
        QImage paper(60, 80, QImage::Format_Grayscale8);
        paper.fill(255);
        for (int y = 15; y < 65; ++y)
            for (int x = 27; x < 33; ++x)
                paper.scanLine(y)[x] = 0;
        const std::string good = imagewriter::png(fromImage(paper));
        const QString first = write(dir, "first.png", good);
        const QString last = write(dir, "last.png", good);
        const QString fifo = dir.filePath("pipe.png");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        QDir().mkdir(dir.filePath("folder.png"));
        const QList<QPair<QString, QString>> bad{
            {dir.filePath("missing.png"), "file not found"},
            {fifo, "named pipe"},
            {dir.filePath("folder.png"), "folder"},
            {write(dir, "empty.png", ""), "is empty"},
            {write(dir, "notes.png", "these are notes, not a picture\n"), "not an image"},
            {write(dir, "cut.png", good.substr(0, good.size() / 2)), "truncated"},
            {write(dir, "huge.pgm", "P5 20000 10000 255\n"), "damaged (its header claims 20000×10000 pixels"},
            {write(dir, "huge.png", imagewriter::pngClaiming(100'000, 100'000)), "too large (100000×100000 pixels"},
            {write(dir, "dense.png", imagewriter::pngClaiming(14'000, 14'000)), "far more than its"},
            {write(dir, "blank.png", imagewriter::png(imagewriter::grey(50, 50, 255))), "no digit found"},
            {write(dir, "flat.jpg", imagewriter::jpeg(imagewriter::grey(50, 50, 128))), "no digit found"},
            {write(dir, "anim.gif", "GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "GIF"},
        };
        QStringList args{"classify", "--model", "fc-784-100-10", first};
        for (const auto& [path, words] : bad)
            args << path;
        args << last;
        QElapsedTimer timer;
        timer.start();
        const ProgramResult r = runCli(args);
        QVERIFY2(timer.elapsed() < 30000 * kSanitizerSlack, "a bad file held the command up");
        QCOMPARE(r.exitCode, 1);
        const QStringList out = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(out.size(), 2);
        QVERIFY(out[0].startsWith(first + ": 1 ("));
        QVERIFY(out[1].startsWith(last + ": 1 ("));
        const QStringList err = r.err.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(err.size(), bad.size());
        for (int i = 0; i < bad.size(); ++i)
            QVERIFY2(err[i].startsWith(bad[i].first + ": ") && err[i].contains(bad[i].second), qPrintable(err[i]));
    }

#if !defined(NNLAB_ASAN) && !defined(NNLAB_TSAN)   // (sanitizers reserve terabytes of address space)
    // An 8,000 × 8,000 scan (64 megapixels, 256 MB as RGBA) is read in well under 100 MB of
    // address space: rows are averaged as they stream, never held whole.
    void bigImagesAreReadInBoundedMemory()
    {
        QTemporaryDir dir;
        Pixels scan{8000, 8000, 1, std::vector<std::uint8_t>(std::size_t(8000) * 8000, 255)};
        for (int y = 1500; y < 6500; ++y)
            std::fill_n(&scan.bytes[std::size_t(y) * 8000 + 3600], 800, 0);   // a thick 1
        const QString png = write(dir, "scan.png", imagewriter::png(scan));
        const QString jpeg = write(dir, "scan.jpg", imagewriter::jpeg(scan, {80, false, 0, {}}));
        scan = {};
        const ProgramResult r = runProgram(
            "/bin/sh",
            {"-c", "ulimit -v 300000 && exec \"$0\" classify --model fc-784-100-10 \"$1\" \"$2\"",
             qEnvironmentVariable("NNLAB_CLI"), png, jpeg},
            120000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("scan.png: 1 (") && r.out.contains("scan.jpg: 1 ("), qPrintable(r.out));
    }
#endif

    void badModelIsOneLine_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("words");
        QTest::newRow("neither a file nor a built-in model") << "fc-784-30-10" << "not a built-in model (fc-784-100-10, convnet-relu)";
        QTest::newRow("an image, not a model") << "image" << "not a valid JSON model file";
        QTest::newRow("a network for other inputs") << "small" << "784 inputs";
        QTest::newRow("a FIFO") << "fifo" << "named pipe";
    }

    void badModelIsOneLine()
    {
        QFETCH(QString, model);
        QFETCH(QString, words);
        QTemporaryDir dir;
        const QString digit = write(dir, "digit.png", imagewriter::png(imagewriter::grey(20, 20, 0)));
        if (model == "image") {
            model = digit;
        } else if (model == "small") {
            model = dir.filePath("small.json");
            std::mt19937_64 rng(1);
            nnlab::saveModel(model.toStdString(),
                             nnlab::makeNetwork(nnlab::NetworkSpec{{100, 30, 10}}, nnlab::Initialisation::Scaled, rng));
        } else if (model == "fifo") {
            model = dir.filePath("model.json");
            QCOMPARE(::mkfifo(model.toLocal8Bit().constData(), 0600), 0);
        }
        const ProgramResult r = runCli({"classify", "--model", model, digit});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(model) && r.err.contains(words), qPrintable(r.err));
    }

    void usageErrorsExit2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("words");
        QTest::newRow("no images") << QStringList{"classify", "--model", "fc-784-100-10"} << "needs one or more image files";
        QTest::newRow("no images, JSON") << QStringList{"classify", "--model", "fc-784-100-10", "--json"} << "needs one or more image files";
        QTest::newRow("no model") << QStringList{"classify", "digit.png"} << "needs --model";
        QTest::newRow("--model without a value") << QStringList{"classify", "digit.png", "--model"} << "--model";
        QTest::newRow("unknown option") << QStringList{"classify", "--model", "fc-784-100-10", "--size", "28", "x.png"} << "unknown option '--size'";
    }

    void usageErrorsExit2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, words);
        const ProgramResult r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("nnlab-cli classify: ") && r.err.contains(words), qPrintable(r.err));
    }

    void helpNamesTheCommandAndItsInputs()
    {
        ProgramResult r = runCli({"--help"});
        QVERIFY2(r.out.contains("classify"), qPrintable(r.out));
        r = runCli({"classify", "--help"});
        QCOMPARE(r.exitCode, 0);
        for (const char* words : {"--model", "--json", "IMAGE", "fc-784-100-10", "convnet-relu", "PNG, JPEG, BMP"})
            QVERIFY2(r.out.contains(words), words);
    }

    // One resolution of --model for both commands (app/cli/model_argument.h).
    void evaluateTakesABuiltInModelToo()
    {
        SKIP_WITHOUT_MNIST_HERE();
        ProgramResult r = runCli({"evaluate", "--model", "fc-784-100-10", "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(jsonLines(r.out).first()["correct"].toInt(), 9825);   // resources/models/README.md
        r = runCli({"evaluate", "--model", "fc-784-100-1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("fc-784-100-1: file not found, and not a built-in model"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestClassify)
#include "tst_classify.moc"
