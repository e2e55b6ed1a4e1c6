// fuzz_draw_image — the Draw view's image path: a file's bytes → QImageReader (Qt's decoders;
// PNG, JPEG, BMP, GIF, PPM, ...) → ink fitted to the 280×280 canvas (ui/draw/draw_images.cpp) → MNIST
// preprocessing (core/draw). Qt itself is not instrumented; the fuzzer looks for crashes, leaks,
// hangs and huge allocations on our side of the path, which a decoded image of any size, shape
// or format must go through safely.
#include "fuzz/fuzz_check.h"

#include "ui/draw/draw_images.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImageReader>

#include <cstdint>

namespace {

constexpr int canvasSide = 280;   // DrawingCanvas::canvasSize, without linking the widget

// Qt's decoders warn about every damaged file on stderr; that is their answer, not a finding,
// and printing it would slow the fuzzer down.
void ignoreQtMessages(QtMsgType, const QMessageLogContext&, const QString&) {}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    qInstallMessageHandler(ignoreQtMessages);
    // Offscreen: QPainter and the image plugins want an application, but no display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "fuzz_draw_image";
    static char* argv[] = {name, nullptr};
    static QGuiApplication app(argc, argv);
    // Load every image plugin now, so its one-time allocations don't look like a leak of the
    // first input that happens to use it.
    for (const QByteArray& format : QImageReader::supportedImageFormats()) {
        QBuffer empty;
        empty.open(QIODevice::ReadOnly);
        QImageReader(&empty, format).read();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString name = "fuzz.png";
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    nnlab::InkImage ink;
    QString error;
    if (!loadInkImageData(bytes, name, canvasSide, &ink, &error)) {
        requireOneLineNamingFile(error.toStdString(), name.toStdString());
        return 0;
    }
    if (ink.width != canvasSide || ink.height != canvasSide || ink.pixels.size() != size_t(canvasSide) * canvasSide)
        std::abort();
    if (const auto input = nnlab::preprocessForMnist(ink))
        if (input->pixels.size() != 28 * 28)
            std::abort();
    return 0;
}
