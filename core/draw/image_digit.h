// image_digit.h — an image file of a digit as the Draw view reads it ("Load image…"), without Qt.
//
// The Draw view lays a loaded file on its 280×280 canvas as if the digit had been drawn there,
// then reads the canvas like any drawing (mnist_preprocess.h). The steps and limits of that path
// that need no window live here, so that the view (ui/draw/draw_images.cpp, decoding with Qt) and
// nnlab-cli classify (decoding with core/io/image_file.h) read a file the same way:
//   lightness → inkOnCanvas (either polarity, fitted, centred, 256 grey levels) → preprocessForMnist.
#pragma once

#include "core/draw/mnist_preprocess.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace nnlab {

// The Draw view's canvas: 10 screen pixels per MNIST pixel.
constexpr int kCanvasSide = 280;
// A loaded image's longer side is reduced to this before anything else: plenty for a digit, and
// bounded memory.
constexpr int kMaxDecodedSide = 1024;
// Larger images are refused (a 200-megapixel photo is ~800 MB while Qt reduces it).
constexpr std::int64_t kMaxSourcePixels = 200'000'000;

// Why an image whose header claims width × height pixels, in a file of fileBytes bytes, is
// refused before it is decoded; "" when it may be decoded. Besides the size limit: no decoder
// makes more than a few thousand pixels out of one byte of file (deflate's limit is ~1,032 bytes
// per byte), so a header claiming more is a damaged or hostile file — refusing it keeps a
// 50-byte file from allocating hundreds of megabytes.
std::string imageSizeProblem(std::int64_t width, std::int64_t height, std::uintmax_t fileBytes);

// A decoded image (lightness in [0, 1], row-major) as the canvas holds it: ink from lightness
// (inkFromLightness: the background, light or dark, becomes 0), fitted into side × side, centred,
// aspect ratio kept (area averaging down, linear interpolation up), and rounded to the 256 grey
// levels of the canvas's pixels.
InkImage inkOnCanvas(int width, int height, const std::vector<float>& lightness, int side = kCanvasSide);

// An image file read with the limits above and laid on the canvas. Throws FileError
// "<path>: <what is wrong>" (core/io/image_file.h).
InkImage readDigitImage(const std::filesystem::path& path);

}  // namespace nnlab
