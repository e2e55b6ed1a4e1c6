// fuzz_image_file — nnlab-cli classify's image path, all of it instrumented: a file's bytes →
// core/io/image_file.h (our BMP and netpbm readers, libpng and libjpeg driven by our code, the
// streaming reduction, EXIF orientation) → the canvas (core/draw/image_digit.h) → MNIST
// preprocessing. The seeds are the Draw view's (fuzz/corpus/draw_image). Every file must give an
// image within the limits or one line naming the file.
#include "fuzz/fuzz_check.h"

#include "core/draw/image_digit.h"
#include "core/io/atomic_file.h"
#include "core/io/image_file.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string name = "fuzz.img";
    const nnlab::ImageReadLimits limits{nnlab::kMaxDecodedSide, nnlab::imageSizeProblem};
    nnlab::LightnessImage image;
    try {
        image = nnlab::readImageData(std::string_view(reinterpret_cast<const char*>(data), size), name, limits);
    } catch (const nnlab::FileError& e) {
        requireOneLineNamingFile(e.what(), name);
        return 0;
    }
    if (image.width < 1 || image.height < 1 || image.width > nnlab::kMaxDecodedSide ||
        image.height > nnlab::kMaxDecodedSide || image.lightness.size() != std::size_t(image.width) * image.height)
        std::abort();
    for (float v : image.lightness)
        if (!(v >= 0.0f && v <= 1.0f))
            std::abort();
    const nnlab::InkImage ink = nnlab::inkOnCanvas(image.width, image.height, image.lightness);
    if (const auto input = nnlab::preprocessForMnist(ink))
        if (input->pixels.size() != 28 * 28)
            std::abort();
    return 0;
}
