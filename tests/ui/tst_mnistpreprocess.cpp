// tst_mnistpreprocess.cpp — MNIST's preprocessing (core/draw) on synthetic images whose bounding
// boxes, centres of mass and scaled sizes are worked out by hand; the canvas conversions
// (ui/draw_images) and the reading of a network's outputs as probabilities.
#include "ui/draw/draw_images.h"

#include "core/draw/digit_classifier.h"
#include "core/draw/mnist_preprocess.h"
#include "core/nn/dense_layer.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QtTest>

#include <cmath>
#include <numeric>

using nnlab::InkBox;
using nnlab::InkImage;

namespace {

// An image with ink `value` in the rectangle [left, right) × [top, bottom).
InkImage withRect(int w, int h, int left, int top, int right, int bottom, float value = 1.0f)
{
    InkImage ink(w, h);
    for (int y = top; y < bottom; ++y)
        for (int x = left; x < right; ++x)
            ink.at(x, y) = value;
    return ink;
}

double total(const InkImage& ink)
{
    return std::accumulate(ink.pixels.begin(), ink.pixels.end(), 0.0);
}

double total(const std::vector<float>& pixels)
{
    return std::accumulate(pixels.begin(), pixels.end(), 0.0);
}

}  // namespace

Q_DECLARE_METATYPE(InkBox)

class TestMnistPreprocess : public QObject {
    Q_OBJECT

private slots:
    void boundingBox_data();
    void boundingBox();
    void boundingBoxIgnoresInkBelowThreshold();
    void centreOfMassOfPoints();
    void centreOfMassOfRectangle();
    void emptyImageIsNothingDrawn();
    void areaAveragingShrinks();
    void linearInterpolationEnlarges();
    void preprocessFitsTwentyAndCentresMass_data();
    void preprocessFitsTwentyAndCentresMass();
    void preprocessShiftsByRoundedCentreOfMass();
    void preprocessKeepsInkInsideField();
    void inkFromLightnessBothPolarities();
    void canvasConversions();
    void pictureWithTransparencyIsInkOnPaper();
    void imageBytesWithImpossibleSizeAreRefused();
    void probabilitiesFromSoftmaxAndSigmoid();
};

void TestMnistPreprocess::boundingBox_data()
{
    QTest::addColumn<int>("left");
    QTest::addColumn<int>("top");
    QTest::addColumn<int>("right");
    QTest::addColumn<int>("bottom");
    QTest::newRow("inside") << 10 << 5 << 20 << 25;
    QTest::newRow("one pixel") << 7 << 3 << 8 << 4;
    QTest::newRow("touching corners") << 0 << 0 << 50 << 40;
    QTest::newRow("right edge") << 45 << 0 << 50 << 1;
}

void TestMnistPreprocess::boundingBox()
{
    QFETCH(int, left);
    QFETCH(int, top);
    QFETCH(int, right);
    QFETCH(int, bottom);
    const InkImage ink = withRect(50, 40, left, top, right, bottom);
    const auto box = nnlab::inkBoundingBox(ink);
    QVERIFY(box);
    QCOMPARE(*box, (InkBox{left, top, right, bottom}));
    QCOMPARE(box->width(), right - left);
    QCOMPARE(box->height(), bottom - top);
}

void TestMnistPreprocess::boundingBoxIgnoresInkBelowThreshold()
{
    InkImage ink = withRect(30, 30, 10, 10, 15, 20);
    ink.at(0, 0) = 0.05f;    // a faint speck far away
    ink.at(29, 29) = 0.3f;   // a real but light mark
    QCOMPARE(*nnlab::inkBoundingBox(ink, 0.0f), (InkBox{0, 0, 30, 30}));
    QCOMPARE(*nnlab::inkBoundingBox(ink, 0.1f), (InkBox{10, 10, 30, 30}));
    QCOMPARE(*nnlab::inkBoundingBox(ink, 0.5f), (InkBox{10, 10, 15, 20}));
}

void TestMnistPreprocess::centreOfMassOfPoints()
{
    InkImage ink(10, 10);
    ink.at(3, 7) = 0.5f;
    auto com = nnlab::centreOfMass(ink);
    QVERIFY(com);
    QCOMPARE(com->x, 3.0);
    QCOMPARE(com->y, 7.0);
    // Mass 1 at x = 0 (row 2) and 3 at x = 4 (rows 1–3): x = (0·1 + 4·3) / 4 = 3, y = 2.
    InkImage two(10, 10);
    two.at(0, 2) = 1.0f;
    two.at(4, 2) = 1.0f;
    two.at(4, 3) = 1.0f;
    two.at(4, 1) = 1.0f;
    com = nnlab::centreOfMass(two);
    QCOMPARE(com->x, 3.0);
    QCOMPARE(com->y, 2.0);
}

void TestMnistPreprocess::centreOfMassOfRectangle()
{
    // Columns 10..19 and rows 4..9: the centre is at ((10+19)/2, (4+9)/2), whatever the value.
    const auto com = nnlab::centreOfMass(withRect(40, 30, 10, 4, 20, 10, 0.4f));
    QVERIFY(com);
    QVERIFY(std::abs(com->x - 14.5) < 1e-9);
    QVERIFY(std::abs(com->y - 6.5) < 1e-9);
}

void TestMnistPreprocess::emptyImageIsNothingDrawn()
{
    const InkImage blank(280, 280);
    QVERIFY(!nnlab::inkBoundingBox(blank));
    QVERIFY(!nnlab::centreOfMass(blank));
    QVERIFY(!nnlab::preprocessForMnist(blank));
    // A faint smudge under the threshold is still nothing drawn.
    QVERIFY(!nnlab::preprocessForMnist(withRect(280, 280, 100, 100, 110, 110, 0.05f)));
    // Through the canvas path: white paper gives no input at all, not a blank 28×28 guess.
    QImage paper(280, 280, QImage::Format_RGB32);
    paper.fill(Qt::white);
    QVERIFY(!preprocessCanvas(paper));
    QVERIFY(!nnlab::preprocessForMnist(InkImage()));
}

void TestMnistPreprocess::areaAveragingShrinks()
{
    // 4×4 → 2×2: each output pixel is the mean of a 2×2 block.
    InkImage ink(4, 4);
    const float values[16] = {1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0.5f, 0.5f, 1, 1, 0.5f, 0.5f};
    std::copy(values, values + 16, ink.pixels.begin());
    const InkImage half = nnlab::resample(ink, 2, 2);
    QCOMPARE(half.width, 2);
    QCOMPARE(half.height, 2);
    QCOMPARE(half.at(0, 0), 0.5f);
    QCOMPARE(half.at(1, 0), 0.0f);
    QCOMPARE(half.at(0, 1), 1.0f);
    QCOMPARE(half.at(1, 1), 0.5f);
    // Non-integer factor: 10 → 3, mass scales with the area (anti-aliased, nothing lost).
    const InkImage bar = withRect(10, 10, 0, 0, 5, 10);
    const InkImage small = nnlab::resample(bar, 3, 3);
    QVERIFY(std::abs(total(small) * (10.0 * 10.0) / 9.0 - total(bar)) < 1e-3);
    QVERIFY(std::abs(small.at(1, 0) - (5.0 - 10.0 / 3.0) / (10.0 / 3.0)) < 1e-5);   // partly covered
}

void TestMnistPreprocess::linearInterpolationEnlarges()
{
    InkImage ink(2, 1);
    ink.at(0, 0) = 0.0f;
    ink.at(1, 0) = 1.0f;
    const InkImage wide = nnlab::resample(ink, 4, 1);
    // Target centres at source x = -0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    QCOMPARE(wide.at(0, 0), 0.0f);
    QCOMPARE(wide.at(1, 0), 0.25f);
    QCOMPARE(wide.at(2, 0), 0.75f);
    QCOMPARE(wide.at(3, 0), 1.0f);
}

void TestMnistPreprocess::preprocessFitsTwentyAndCentresMass_data()
{
    QTest::addColumn<QRect>("ink");
    QTest::addColumn<int>("scaledWidth");
    QTest::addColumn<int>("scaledHeight");
    QTest::newRow("tall, top left") << QRect(10, 20, 100, 200) << 10 << 20;
    QTest::newRow("wide, bottom right") << QRect(150, 200, 120, 60) << 20 << 10;
    QTest::newRow("square, tiny") << QRect(5, 5, 4, 4) << 20 << 20;
    QTest::newRow("thin line") << QRect(140, 40, 20, 200) << 2 << 20;
}

void TestMnistPreprocess::preprocessFitsTwentyAndCentresMass()
{
    QFETCH(QRect, ink);
    QFETCH(int, scaledWidth);
    QFETCH(int, scaledHeight);
    const InkImage image = withRect(280, 280, ink.left(), ink.top(), ink.right() + 1, ink.bottom() + 1);
    const auto input = nnlab::preprocessForMnist(image);
    QVERIFY(input);
    QCOMPARE(input->pixels.size(), size_t(28 * 28));
    QCOMPARE(input->box, (InkBox{ink.left(), ink.top(), ink.right() + 1, ink.bottom() + 1}));
    QCOMPARE(input->scaledWidth, scaledWidth);
    QCOMPARE(input->scaledHeight, scaledHeight);
    // A solid rectangle scales to a solid rectangle: ink = its area (area averaging keeps mass).
    QVERIFY(std::abs(total(input->pixels) - scaledWidth * scaledHeight) < 1e-3);

    // The centre of mass of the result, measured here from its pixels, sits at (14, 14) up to
    // the rounding of the shift to whole pixels.
    InkImage field(28, 28);
    field.pixels = input->pixels;
    const auto com = nnlab::centreOfMass(field);
    QVERIFY(std::abs(com->x - 14.0) <= 0.5);
    QVERIFY(std::abs(com->y - 14.0) <= 0.5);
    QVERIFY(std::abs(com->x - input->centreOfMass.x) < 1e-6);
    QVERIFY(std::abs(com->y - input->centreOfMass.y) < 1e-6);
    // And the reported placement is where the ink is.
    const auto box = nnlab::inkBoundingBox(field);
    QCOMPARE(*box, (InkBox{input->left, input->top, input->left + scaledWidth, input->top + scaledHeight}));
}

void TestMnistPreprocess::preprocessShiftsByRoundedCentreOfMass()
{
    // An L: a 20-tall bar plus a foot to the right pulls the centre of mass off the box's middle;
    // the placement follows the mass, not the box.
    InkImage ink(100, 100);
    for (int y = 10; y < 50; ++y)
        for (int x = 10; x < 18; ++x)
            ink.at(x, y) = 1.0f;
    for (int y = 42; y < 50; ++y)
        for (int x = 18; x < 50; ++x)
            ink.at(x, y) = 1.0f;
    const auto input = nnlab::preprocessForMnist(ink);
    QVERIFY(input);
    QCOMPARE(input->scaledWidth, 20);
    QCOMPARE(input->scaledHeight, 20);
    // The box is 20×20, so centring the box would put it at 4; the mass lies low and left.
    QVERIFY(input->left > 4);
    QVERIFY(input->top < 4);
    QVERIFY(std::abs(input->centreOfMass.x - 14.0) <= 0.5);
    QVERIFY(std::abs(input->centreOfMass.y - 14.0) <= 0.5);
}

void TestMnistPreprocess::preprocessKeepsInkInsideField()
{
    // Almost all the mass in one corner of a 20×20 box: the unclamped shift would push ink out.
    InkImage ink(100, 100);
    ink.at(0, 0) = 1.0f;
    ink.at(99, 99) = 0.2f;
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 10; ++x)
            ink.at(x, y) = 1.0f;
    const auto input = nnlab::preprocessForMnist(ink);
    QVERIFY(input);
    QVERIFY(input->left >= 0 && input->top >= 0);
    QVERIFY(input->left + input->scaledWidth <= 28 && input->top + input->scaledHeight <= 28);
    QVERIFY(std::abs(total(input->pixels) - total(nnlab::resample(ink, 20, 20))) < 1e-3);
}

void TestMnistPreprocess::inkFromLightnessBothPolarities()
{
    // Light paper (0.9) with grey ink (0.3): paper → 0, the darkest ink → 1.
    std::vector<float> photo(20 * 20, 0.9f);
    for (int x = 5; x < 15; ++x)
        photo[10 * 20 + x] = 0.3f;
    photo[11 * 20 + 5] = 0.6f;
    InkImage ink = nnlab::inkFromLightness(20, 20, photo);
    QCOMPARE(ink.at(0, 0), 0.0f);
    QCOMPARE(ink.at(7, 10), 1.0f);
    QVERIFY(std::abs(ink.at(5, 11) - 0.5f) < 1e-5);
    // MNIST's own polarity (white ink on black) stays as it is.
    std::vector<float> mnist(20 * 20, 0.0f);
    mnist[5 * 20 + 5] = 1.0f;
    mnist[5 * 20 + 6] = 0.5f;
    ink = nnlab::inkFromLightness(20, 20, mnist);
    QCOMPARE(ink.at(5, 5), 1.0f);
    QCOMPARE(ink.at(6, 5), 0.5f);
    QCOMPARE(ink.at(0, 0), 0.0f);
    // No contrast: no ink (not noise stretched to full scale).
    ink = nnlab::inkFromLightness(20, 20, std::vector<float>(400, 0.7f));
    QCOMPARE(total(ink), 0.0);
    // Sizes that don't match, and empty images, give an empty result, not a crash.
    QCOMPARE(total(nnlab::inkFromLightness(20, 20, std::vector<float>(3, 0.0f))), 0.0);
    QVERIFY(nnlab::inkFromLightness(0, 0, {}).isEmpty());
}

void TestMnistPreprocess::canvasConversions()
{
    // Black on white → ink 1 on 0, and back.
    QImage canvas(280, 280, QImage::Format_RGB32);
    canvas.fill(Qt::white);
    {
        QPainter p(&canvas);
        p.fillRect(QRect(100, 50, 40, 180), Qt::black);
    }
    const InkImage ink = inkFromCanvas(canvas);
    QCOMPARE(ink.at(0, 0), 0.0f);
    QCOMPARE(ink.at(120, 100), 1.0f);
    QCOMPARE(*nnlab::inkBoundingBox(ink), (InkBox{100, 50, 140, 230}));
    const QImage back = canvasPicture(ink);
    QCOMPARE(back.pixelColor(0, 0), QColor(Qt::white));
    QCOMPARE(back.pixelColor(120, 100), QColor(Qt::black));
    const auto input = preprocessCanvas(canvas);
    QVERIFY(input);
    QCOMPARE(input->scaledHeight, 20);
    QCOMPARE(input->scaledWidth, 4);
    // The input image: 28×28, dark where the ink is.
    const QImage shown = inputImage(input->pixels);
    QCOMPARE(shown.size(), QSize(28, 28));
    QCOMPARE(qGray(shown.pixel(14, 14)), 0);
    QCOMPARE(qGray(shown.pixel(0, 0)), 255);
}

void TestMnistPreprocess::pictureWithTransparencyIsInkOnPaper()
{
    // A PNG-like picture: black strokes on a transparent background, 60×30 (wide): fitted to
    // 280 across, centred vertically.
    QImage picture(60, 30, QImage::Format_ARGB32);
    picture.fill(Qt::transparent);
    {
        QPainter p(&picture);
        p.fillRect(QRect(20, 5, 20, 20), Qt::black);
    }
    const InkImage ink = inkFromPicture(picture, 280);
    QCOMPARE(ink.width, 280);
    QCOMPARE(ink.at(0, 0), 0.0f);
    QCOMPARE(ink.at(140, 140), 1.0f);
    const auto box = nnlab::inkBoundingBox(ink, 0.5f);
    QVERIFY(box);
    QVERIFY(std::abs(box->width() - 93) <= 2);    // 20 of 60 → 280/3
    QVERIFY(std::abs(box->height() - 93) <= 2);
    // A null picture gives blank paper.
    QVERIFY(!nnlab::inkBoundingBox(inkFromPicture(QImage(), 280)));
}

// The Draw view's file loading from bytes (what fuzz/fuzz_draw_image runs): a header claiming
// far more pixels than the file's bytes can hold is refused before Qt allocates for them, and a
// real image of the same size still loads.
void TestMnistPreprocess::imageBytesWithImpossibleSizeAreRefused()
{
    InkImage ink;
    QString error;
    // 19 bytes claiming 20,000×10,000 pixels: 200 MB before this check.
    QVERIFY(!loadInkImageData("P5 20000 10000 255\n", "huge.pgm", 280, &ink, &error));
    QVERIFY2(error.startsWith("huge.pgm: damaged"), qPrintable(error));
    QVERIFY(!error.contains('\n'));

    // A real 3000×3000 drawing, mostly white paper, compresses far below that limit and loads.
    QImage paper(3000, 3000, QImage::Format_Grayscale8);
    paper.fill(255);
    {
        QPainter p(&paper);
        p.setPen(QPen(Qt::black, 200, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(1500, 500, 1500, 2500);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(paper.save(&buffer, "PNG"));
    QVERIFY2(loadInkImageData(png, "paper.png", 280, &ink, &error), qPrintable(error));
    QVERIFY(nnlab::preprocessForMnist(ink));
}

void TestMnistPreprocess::probabilitiesFromSoftmaxAndSigmoid()
{
    Eigen::VectorXf out(3);
    out << 0.2f, 0.5f, 0.3f;
    auto c = nnlab::readOutput(out, nnlab::Activation::Softmax);
    QVERIFY(!c.normalised);
    QCOMPARE(c.predicted, 1);
    QCOMPARE(c.confidence, 0.5f);
    out << 0.9f, 0.6f, 0.0f;   // sigmoid outputs: normalised to sum 1
    c = nnlab::readOutput(out, nnlab::Activation::Sigmoid);
    QVERIFY(c.normalised);
    QCOMPARE(c.predicted, 0);
    QVERIFY(std::abs(c.confidence - 0.6f) < 1e-6);
    QVERIFY(std::abs(c.probabilities[1] - 0.4f) < 1e-6);
    out << 0.0f, 0.0f, 0.0f;   // all zero: uniform, not NaN
    c = nnlab::readOutput(out, nnlab::Activation::Sigmoid);
    QVERIFY(std::abs(c.probabilities[2] - 1.0f / 3.0f) < 1e-6);
}

QTEST_MAIN(TestMnistPreprocess)
#include "tst_mnistpreprocess.moc"
