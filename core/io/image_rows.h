// image_rows.h — what the image decoders share (internal to core/io/image_file.cpp).
//
// Each decoder (png_rows.cpp, jpeg_rows.cpp, bmp_rows.cpp, netpbm_rows.cpp) reads its format's
// header, tells the sink the size it claims — the sink refuses absurd sizes before a single
// pixel is decoded — and then hands over the rows, top to bottom, 8 bits per channel. No decoder
// holds more than a few rows, except an interlaced PNG, which can only be finished whole.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace nnlab::image {

enum class Channels { Grey = 1, GreyAlpha = 2, Rgb = 3, Rgba = 4 };

class RowSink {
public:
    virtual ~RowSink() = default;
    // The size the header claims; throws FileError to refuse the file.
    virtual void begin(std::int64_t width, std::int64_t height) = 0;
    // The next row: width pixels of `channels` bytes each.
    virtual void row(const std::uint8_t* pixels, Channels channels) = 0;
};

// An open image file (regular, or memory through fmemopen), positioned at its start.
struct Source {
    std::FILE* file = nullptr;
    std::uintmax_t bytes = 0;   // its size
    std::string name;           // for messages
};

// Throws FileError "<name>: <what>".
[[noreturn]] void fail(const Source& source, const std::string& what);

void decodePng(const Source& source, RowSink& sink);
// Returns the EXIF orientation (1–8; 1 = rows as stored), which a phone photo carries.
int decodeJpeg(const Source& source, RowSink& sink);
void decodeBmp(const Source& source, RowSink& sink);
void decodeNetpbm(const Source& source, RowSink& sink);   // PBM, PGM, PPM (P1–P6)

}  // namespace nnlab::image
