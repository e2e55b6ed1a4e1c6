#include "ui/draw/draw_images.h"

#include "ui/common/regular_file.h"

#include "core/data/dataset.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {

// The longest side a loaded file is decoded at: plenty for a digit, bounded memory.
constexpr int maxDecodedSide = 1024;
// Formats that can't decode at a reduced size (PNG) are decoded whole first: up to this many
// pixels (a 200-megapixel photo is ~800 MB while it is reduced); larger files are refused.
constexpr qint64 maxSourcePixels = 200'000'000;
// A header can claim any size, but no decoder makes more than a few thousand pixels out of one
// byte of file (deflate's limit is ~1,032 bytes per byte), so a larger claim is a damaged or
// hostile file: refusing it keeps a 50-byte file from allocating hundreds of megabytes.
constexpr qint64 freePixels = 4'000'000;
constexpr qint64 maxPixelsPerFileByte = 4096;

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
    const nnlab::InkImage ink = nnlab::inkFromLightness(grey8.width(), grey8.height(), lightness);

    // Fit into side × side, centred, aspect ratio kept (area averaging down, linear up).
    const double scale = double(side) / std::max(ink.width, ink.height);
    const int w = std::clamp(int(std::lround(ink.width * scale)), 1, side);
    const int h = std::clamp(int(std::lround(ink.height * scale)), 1, side);
    const nnlab::InkImage fitted = nnlab::resample(ink, w, h);
    nnlab::InkImage out(side, side);
    const int left = (side - w) / 2, top = (side - h) / 2;
    for (int y = 0; y < h; ++y)
        std::copy_n(&fitted.pixels[size_t(y) * w], w, &out.pixels[size_t(top + y) * side + left]);
    return out;
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
    const QSize size = reader.size();
    const qint64 pixels = size.isValid() ? qint64(size.width()) * size.height() : 0;
    if (pixels > maxSourcePixels) {
        if (error)
            *error = QObject::tr("%1: too large (%2×%3 pixels; at most %4 megapixels)")
                         .arg(name).arg(size.width()).arg(size.height()).arg(maxSourcePixels / 1'000'000);
        return false;
    }
    if (pixels > freePixels + maxPixelsPerFileByte * device->size()) {
        if (error)
            *error = QObject::tr("%1: damaged (its header claims %2×%3 pixels, far more than its %4 bytes can hold)")
                         .arg(name).arg(size.width()).arg(size.height()).arg(device->size());
        return false;
    }
    if (std::max(size.width(), size.height()) > maxDecodedSide)
        reader.setScaledSize(size.scaled(maxDecodedSide, maxDecodedSide, Qt::KeepAspectRatio));
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
    if (std::max(image.width(), image.height()) > maxDecodedSide)
        image = image.scaled(maxDecodedSide, maxDecodedSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
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
