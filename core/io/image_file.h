// image_file.h — reading an image file (PNG, JPEG, BMP, PGM/PPM/PBM) as grey levels, without Qt.
//
// For nnlab-cli's `classify`, which reads digits the way the Draw view does (core/draw/image_digit.h
// has the Draw view's limits and steps). PNG and JPEG go through Debian's libpng and
// libjpeg-turbo, the libraries Qt's own image plugins use there; BMP and the netpbm formats are
// simple enough to read here. The file is streamed: rows are reduced as they arrive, so memory
// stays bounded by the reduced image whatever the file holds, and the size its header claims is
// checked (ImageReadLimits::refuse) before any pixel is decoded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab {

// Lightness in [0, 1] (0 = black, 1 = white), row-major: lightness[y·width + x].
struct LightnessImage {
    int width = 0;
    int height = 0;
    std::vector<float> lightness;
};

struct ImageReadLimits {
    // A larger image is reduced while it is read, by averaging whole blocks of f × f pixels (the
    // smallest f that brings the longer side to maxSide or less).
    int maxSide = 1024;
    // Asked with the header's claimed size and the file's size before any pixel is decoded: a
    // non-empty answer refuses the file, with that reason.
    std::function<std::string(std::int64_t width, std::int64_t height, std::uintmax_t fileBytes)> refuse;
};

// How each pixel becomes one lightness (as Qt 6 makes a Grayscale8 image, which the Draw view
// reads): transparent pixels are laid over white paper, colour becomes the luminance Y of its
// linear sRGB values, encoded back with sRGB's curve and rounded to 8 bits. EXIF orientation (a
// phone photo turned on its side) is applied. The format is told by the content, not the name.
// Throws FileError "<path>: <what is wrong>": not found, not a regular file (a FIFO is refused
// without opening it for reading), empty, not an image, damaged, truncated, or refused by limits.
LightnessImage readImageFile(const std::filesystem::path& path, const ImageReadLimits& limits);

// The same for a file's bytes already in memory; `name` names it in errors.
LightnessImage readImageData(std::string_view bytes, const std::string& name, const ImageReadLimits& limits);

}  // namespace nnlab
