#include "ui/draw/draw_images.h"

#include "ui/common/regular_file.h"

#include "core/data/dataset.h"
#include "core/draw/image_digit.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {

uchar grey(float lightness)
{
    return uchar(std::lround(255.0f * std::clamp(lightness, 0.0f, 1.0f)));
}

}  // namespace

nnlab::InkImage inkFromCanvas(const QImage& canvas)
{
    const QImage grey8 = canvas.convertToFormat(QImage::Format_Grayscale8);
    nnlab::InkImage ink(grey8.width(), grey8.height());
    for (int y = 0; y < grey8.height(); ++y) {
        const uchar* line = grey8.constScanLine(y);
        float* out = &ink.pixels[size_t(y) * ink.width];
        for (int x = 0; x < grey8.width(); ++x)
            out[x] = 1.0f - line[x] / 255.0f;
    }
    return ink;
}

QImage canvasPicture(const nnlab::InkImage& ink)
{
    QImage image(ink.width, ink.height, QImage::Format_Grayscale8);
    for (int y = 0; y < ink.height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < ink.width; ++x)
            line[x] = grey(1.0f - ink.at(x, y));
    }
    return image.convertToFormat(QImage::Format_RGB32);
}

QImage digitAsDrawing(const nnlab::Dataset& set, int index, int side)
{
    nnlab::InkImage digit(set.imageCols, set.imageRows);
    const auto column = set.images.col(index);
    std::copy(column.data(), column.data() + column.size(), digit.pixels.begin());
    return canvasPicture(nnlab::resample(digit, side, side));
}

QImage inputImage(const std::vector<float>& pixels, int side)
{
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(255);
    if (int(pixels.size()) != side * side)
        return image;
    for (int y = 0; y < side; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < side; ++x)
            line[x] = grey(1.0f - pixels[size_t(y) * side + x]);
    }
    return image;
}

nnlab::InkImage inkFromPicture(const QImage& image, int side)
{
    if (image.isNull())
        return nnlab::InkImage(side, side);
    // Transparent pixels are white paper: composite over white before reading lightness.
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    {
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
    }
    const QImage grey8 = flat.convertToFormat(QImage::Format_Grayscale8);
    std::vector<float> lightness(size_t(grey8.width()) * grey8.height());
    for (int y = 0; y < grey8.height(); ++y) {
        const uchar* line = grey8.constScanLine(y);
        for (int x = 0; x < grey8.width(); ++x)
            lightness[size_t(y) * grey8.width() + x] = line[x] / 255.0f;
    }
    // The rest has no Qt in it and is shared with nnlab-cli classify (core/draw/image_digit.h).
    return nnlab::inkOnCanvas(grey8.width(), grey8.height(), lightness, side);
}

namespace {

bool loadInkImage(QIODevice* device, const QString& name, int side, nnlab::InkImage* ink, QString* error)
{
    QImageReader reader(device);
    reader.setAutoTransform(true);   // a phone photo's EXIF rotation
    if (!reader.canRead()) {
        if (error)
            *error = QObject::tr("%1: not an image file nnlab can read (%2)")
                         .arg(name, reader.errorString());
        return false;
    }
    // Decode big images at a reduced size where the format can (JPEG); others are read whole
    // and then reduced, within Qt's allocation limit raised to what the image needs.
    // The size the header claims is judged before anything is decoded (core/draw/image_digit.h).
    const QSize size = reader.size();
    const qint64 pixels = size.isValid() ? qint64(size.width()) * size.height() : 0;
    if (size.isValid())
        if (const std::string why = nnlab::imageSizeProblem(size.width(), size.height(), device->size());
            !why.empty()) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(name, QString::fromStdString(why));
            return false;
        }
    const int maxSide = nnlab::kMaxDecodedSide;
    if (std::max(size.width(), size.height()) > maxSide)
        reader.setScaledSize(size.scaled(maxSide, maxSide, Qt::KeepAspectRatio));
    // The limit is process-wide; only the Draw view reads image files, one at a time.
    const int oldLimit = QImageReader::allocationLimit();
    const int neededMb = int(pixels * 4 / (1024 * 1024)) + 16;
    if (oldLimit > 0 && neededMb > oldLimit)
        QImageReader::setAllocationLimit(neededMb);
    QImage image = reader.read();
    QImageReader::setAllocationLimit(oldLimit);
    if (image.isNull()) {
        if (error)
            *error = QObject::tr("%1: could not read the image (%2)").arg(name, reader.errorString());
        return false;
    }
    if (std::max(image.width(), image.height()) > maxSide)
        image = image.scaled(maxSide, maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    *ink = inkFromPicture(image, side);
    return true;
}

}  // namespace

bool loadInkImage(const QString& path, int side, nnlab::InkImage* ink, QString* error)
{
    const QString name = QFileInfo(path).fileName();
    // Only a regular file: opening a named pipe would wait for a writer forever.
    if (const QString why = whyNotARegularFile(path); !why.isEmpty()) {
        if (error)
            *error = QObject::tr("%1: %2").arg(name, why);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QObject::tr("%1: not readable (%2)").arg(name, file.errorString());
        return false;
    }
    return loadInkImage(&file, name, side, ink, error);
}

bool loadInkImageData(const QByteArray& bytes, const QString& name, int side, nnlab::InkImage* ink,
                      QString* error)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return loadInkImage(&buffer, name, side, ink, error);
}

std::optional<nnlab::MnistInput> preprocessCanvas(const QImage& canvas)
{
    return nnlab::preprocessForMnist(inkFromCanvas(canvas));
}
