#include "core/draw/image_digit.h"

#include "core/io/image_file.h"

#include <algorithm>
#include <cmath>

namespace nnlab {

namespace {

// Pixels any header may claim, whatever the file's size; beyond that, at most this many per byte.
constexpr std::int64_t kFreePixels = 4'000'000;
constexpr std::int64_t kMaxPixelsPerFileByte = 4096;

std::string dimensions(std::int64_t width, std::int64_t height)
{
    return std::to_string(width) + "×" + std::to_string(height);
}

}  // namespace

std::string imageSizeProblem(std::int64_t width, std::int64_t height, std::uintmax_t fileBytes)
{
    if (width <= 0 || height <= 0)
        return "has no pixels (its header says " + dimensions(width, height) + ")";
    // Each side fits in 31 bits in every format read here, so the product can't overflow.
    const std::int64_t pixels = width * height;
    if (pixels > kMaxSourcePixels)
        return "too large (" + dimensions(width, height) + " pixels; at most " +
               std::to_string(kMaxSourcePixels / 1'000'000) + " megapixels)";
    const std::uintmax_t backed = std::uintmax_t(kFreePixels) + std::uintmax_t(kMaxPixelsPerFileByte) * fileBytes;
    if (std::uintmax_t(pixels) > backed)
        return "damaged (its header claims " + dimensions(width, height) + " pixels, far more than its " +
               std::to_string(fileBytes) + " bytes can hold)";
    return "";
}

InkImage inkOnCanvas(int width, int height, const std::vector<float>& lightness, int side)
{
    const InkImage ink = inkFromLightness(width, height, lightness);
    InkImage out(side, side);
    if (ink.isEmpty() || side <= 0)
        return out;
    // Fit into side × side, centred, aspect ratio kept.
    const double scale = double(side) / std::max(ink.width, ink.height);
    const int w = std::clamp(int(std::lround(ink.width * scale)), 1, side);
    const int h = std::clamp(int(std::lround(ink.height * scale)), 1, side);
    const InkImage fitted = resample(ink, w, h);
    const int left = (side - w) / 2, top = (side - h) / 2;
    for (int y = 0; y < h; ++y)
        std::copy_n(&fitted.pixels[size_t(y) * w], w, &out.pixels[size_t(top + y) * side + left]);
    // The canvas stores 8-bit grey, dark ink on white: a level k reads back as ink 1 − k/255,
    // computed exactly as the view computes it from the canvas (inkFromCanvas).
    for (float& v : out.pixels) {
        const long level = std::lround(255.0f * std::clamp(1.0f - v, 0.0f, 1.0f));
        v = 1.0f - float(level) / 255.0f;
    }
    return out;
}

InkImage readDigitImage(const std::filesystem::path& path)
{
    const ImageReadLimits limits{kMaxDecodedSide, imageSizeProblem};
    const LightnessImage image = readImageFile(path, limits);
    return inkOnCanvas(image.width, image.height, image.lightness);
}

}  // namespace nnlab
