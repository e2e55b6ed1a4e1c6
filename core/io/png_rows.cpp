// PNG through libpng, row by row. libpng reports errors by longjmp; everything that must be
// released is owned by the PngDecoder below, which was built before setjmp and is only reached
// through its address, so it is intact when the jump lands (and no object with a destructor is
// created after setjmp: C++ leaves a longjmp over one undefined).
#include "core/io/image_rows.h"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <memory>
#include <new>
#include <vector>

namespace nnlab::image {

namespace {

// An interlaced PNG is only complete after its last pass, so it is decoded whole; this bounds
// the buffer that takes (a non-interlaced image needs one row).
constexpr std::size_t kMaxInterlacedBytes = std::size_t(256) << 20;

struct PngDecoder {
    png_structp png = nullptr;
    png_infop info = nullptr;
    std::FILE* file = nullptr;
    bool truncated = false;
    char message[256] = "";
    std::vector<png_byte> pixels;   // one row, or a whole interlaced image
    std::vector<png_bytep> rows;    // an interlaced image's rows in `pixels`
    ~PngDecoder() { png_destroy_read_struct(&png, info ? &info : nullptr, nullptr); }
};

void onError(png_structp png, png_const_charp message)
{
    auto* decoder = static_cast<PngDecoder*>(png_get_error_ptr(png));
    std::snprintf(decoder->message, sizeof decoder->message, "%s", message);
    png_longjmp(png, 1);
}

// An unknown or damaged ancillary chunk (text, a colour profile): the pixels are still good.
void onWarning(png_structp, png_const_charp) {}

void readBytes(png_structp png, png_bytep data, png_size_t length)
{
    auto* decoder = static_cast<PngDecoder*>(png_get_io_ptr(png));
    if (std::fread(data, 1, length, decoder->file) != length) {
        decoder->truncated = true;
        png_error(png, "the file ends early");
    }
}

}  // namespace

void decodePng(const Source& source, RowSink& sink)
{
    const auto decoder = std::make_unique<PngDecoder>();
    decoder->file = source.file;
    decoder->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, decoder.get(), onError, onWarning);
    if (!decoder->png)
        throw std::bad_alloc();
    decoder->info = png_create_info_struct(decoder->png);
    if (!decoder->info)
        throw std::bad_alloc();
    if (setjmp(png_jmpbuf(decoder->png))) {
        if (decoder->truncated)
            fail(source, "truncated (the file ends before the image does)");
        fail(source, std::string("damaged PNG (") + decoder->message + ")");
    }
    png_set_read_fn(decoder->png, decoder.get(), readBytes);
    // The sink judges the size, and says so in the user's terms (libpng's own limit, 10⁶ a
    // side, would only say "Invalid IHDR data").
    png_set_user_limits(decoder->png, 0x7fffffff, 0x7fffffff);
    png_set_chunk_malloc_max(decoder->png, std::size_t(8) << 20);   // text, ICC profiles: a few MB
    png_read_info(decoder->png, decoder->info);

    png_uint_32 width = 0, height = 0;
    int bitDepth = 0, colourType = 0, interlace = 0;
    png_get_IHDR(decoder->png, decoder->info, &width, &height, &bitDepth, &colourType, &interlace, nullptr, nullptr);
    sink.begin(width, height);

    // Everything becomes 8-bit grey or RGB, with alpha where the file has transparency.
    if (bitDepth == 16)
        png_set_scale_16(decoder->png);   // rounded, not truncated
    if (colourType == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(decoder->png);
    if (colourType == PNG_COLOR_TYPE_GRAY && bitDepth < 8)
        png_set_expand_gray_1_2_4_to_8(decoder->png);
    if (png_get_valid(decoder->png, decoder->info, PNG_INFO_tRNS))
        png_set_tRNS_to_alpha(decoder->png);
    const int passes = png_set_interlace_handling(decoder->png);
    png_read_update_info(decoder->png, decoder->info);

    const int channelCount = png_get_channels(decoder->png, decoder->info);
    const std::size_t rowBytes = png_get_rowbytes(decoder->png, decoder->info);
    if (channelCount < 1 || channelCount > 4 || rowBytes != std::size_t(width) * channelCount)
        fail(source, "damaged PNG (an unexpected pixel layout)");
    const auto channels = Channels(channelCount);

    if (passes == 1) {
        decoder->pixels.resize(rowBytes);
        for (png_uint_32 y = 0; y < height; ++y) {
            png_read_row(decoder->png, decoder->pixels.data(), nullptr);
            sink.row(decoder->pixels.data(), channels);
        }
        return;
    }
    if (rowBytes * height > kMaxInterlacedBytes)
        fail(source, "an interlaced PNG too large to read (" + std::to_string(width) + "×" + std::to_string(height) +
                         " pixels; save it without interlacing)");
    decoder->pixels.resize(rowBytes * height);
    decoder->rows.resize(height);
    for (png_uint_32 y = 0; y < height; ++y)
        decoder->rows[y] = decoder->pixels.data() + y * rowBytes;
    png_read_image(decoder->png, decoder->rows.data());
    for (png_uint_32 y = 0; y < height; ++y)
        sink.row(decoder->rows[y], channels);
}

}  // namespace nnlab::image
