// BMP (Windows bitmap), uncompressed: 1, 4 and 8 bits through a palette, 16, 24 and 32 bits
// direct, with bit-field masks where the header has them. Run-length compressed files are
// refused, with a message saying so. The layout: a 14-byte file header ("BM", size, offset of the
// pixels), an info header (12 bytes in OS/2's form, 40 to 124 in Windows' forms), a palette, and
// the rows, each padded to 4 bytes, usually bottom-up.
#include "core/io/image_rows.h"

#include <algorithm>
#include <array>
#include <bit>
#include <vector>

namespace nnlab::image {

namespace {

constexpr int kFileHeader = 14;

enum Compression : std::uint32_t { Rgb = 0, Rle8 = 1, Rle4 = 2, BitFields = 3, AlphaBitFields = 6 };

std::uint32_t le32(const std::uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | std::uint32_t(p[3]) << 24; }
std::uint16_t le16(const std::uint8_t* p) { return std::uint16_t(p[0] | p[1] << 8); }

// One channel of a direct-colour pixel: its bits under `mask`, scaled to 0–255.
struct Field {
    std::uint32_t mask = 0;
    int shift = 0;
    std::uint32_t max = 0;
    explicit Field(std::uint32_t m = 0) : mask(m), shift(m ? std::countr_zero(m) : 0), max(m ? m >> shift : 0) {}
    std::uint8_t of(std::uint32_t pixel) const
    {
        return max ? std::uint8_t((std::uint64_t((pixel & mask) >> shift) * 255 + max / 2) / max) : 0;
    }
};

}  // namespace

void decodeBmp(const Source& source, RowSink& sink)
{
    // The file header, the largest info header and bit-field masks after a 40-byte one.
    std::array<std::uint8_t, kFileHeader + 124 + 16> header{};
    const std::size_t got = std::fread(header.data(), 1, header.size(), source.file);
    if (got < kFileHeader + 12)
        fail(source, "truncated (the file ends inside its BMP header)");
    const std::uint32_t pixelOffset = le32(&header[10]);
    const std::uint32_t infoSize = le32(&header[14]);
    const bool os2 = infoSize == 12;
    if (!os2 && (infoSize < 40 || infoSize > 124))
        fail(source, "damaged BMP (an info header of " + std::to_string(infoSize) + " bytes)");
    if (got < kFileHeader + infoSize)
        fail(source, "truncated (the file ends inside its BMP header)");
    const std::uint8_t* info = &header[kFileHeader];
    const std::int64_t width = os2 ? le16(info + 4) : std::int32_t(le32(info + 4));
    const std::int64_t signedHeight = os2 ? le16(info + 6) : std::int32_t(le32(info + 8));
    const int bits = le16(info + (os2 ? 10 : 14));
    const std::uint32_t compression = os2 ? Rgb : le32(info + 16);
    const bool topDown = signedHeight < 0;
    const std::int64_t height = topDown ? -signedHeight : signedHeight;

    if (compression == Rle8 || compression == Rle4)
        fail(source, "a run-length compressed BMP, which nnlab-cli doesn't read: save it uncompressed or as PNG");
    if (compression != Rgb && compression != BitFields && compression != AlphaBitFields)
        fail(source, "a BMP with compression " + std::to_string(compression) + ", which nnlab-cli doesn't read");
    if (bits != 1 && bits != 4 && bits != 8 && bits != 16 && bits != 24 && bits != 32)
        fail(source, "damaged BMP (" + std::to_string(bits) + " bits per pixel)");
    if (compression != Rgb && bits != 16 && bits != 32)
        fail(source, "damaged BMP (bit-field masks with " + std::to_string(bits) + " bits per pixel)");
    sink.begin(width, height);

    // Direct colour: the masks are in the header (52 bytes and more) or follow a 40-byte one;
    // without them, 16 bits are 5-5-5 and 32 bits are 8-8-8 with the top byte unused.
    Field red, green, blue, alpha;
    if (compression == Rgb) {
        red = Field(bits == 16 ? 0x7c00 : 0xff0000);
        green = Field(bits == 16 ? 0x03e0 : 0x00ff00);
        blue = Field(bits == 16 ? 0x001f : 0x0000ff);
    } else {
        const std::size_t masks = kFileHeader + (infoSize >= 52 ? 40 : infoSize);
        const bool hasAlpha = infoSize >= 56 || compression == AlphaBitFields;
        if (got < masks + (hasAlpha ? 16 : 12))
            fail(source, "truncated (the file ends inside its BMP header)");
        red = Field(le32(&header[masks]));
        green = Field(le32(&header[masks + 4]));
        blue = Field(le32(&header[masks + 8]));
        if (hasAlpha)
            alpha = Field(le32(&header[masks + 12]));
    }

    // Palette images: 4 bytes an entry (3 in OS/2's form), blue-green-red; an index past the
    // palette reads as black.
    std::vector<std::array<std::uint8_t, 3>> palette;
    if (bits <= 8) {
        const std::uint32_t used = os2 ? 0 : le32(info + 32);
        const std::uint32_t entries = used == 0 || used > (1u << bits) ? 1u << bits : used;
        const int entrySize = os2 ? 3 : 4;
        const long at = kFileHeader + long(infoSize) + (compression == BitFields ? 12 : 0);
        std::vector<std::uint8_t> raw(std::size_t(entries) * entrySize);
        if (std::fseek(source.file, at, SEEK_SET) != 0 ||
            std::fread(raw.data(), 1, raw.size(), source.file) != raw.size())
            fail(source, "truncated (the file ends inside its BMP palette)");
        palette.resize(1u << bits, {0, 0, 0});
        for (std::uint32_t i = 0; i < entries; ++i)
            palette[i] = {raw[i * entrySize + 2], raw[i * entrySize + 1], raw[i * entrySize]};
    }

    // Rows are padded to whole 4-byte words; the file must hold all of them.
    const std::uint64_t stride = (std::uint64_t(width) * bits + 31) / 32 * 4;
    const std::uint64_t needed = std::uint64_t(pixelOffset) + stride * std::uint64_t(height);
    if (needed > source.bytes)
        fail(source, "truncated (its pixels need " + std::to_string(needed) + " bytes, the file has " +
                         std::to_string(source.bytes) + ")");

    const bool withAlpha = alpha.mask != 0;
    const Channels channels = withAlpha ? Channels::Rgba : Channels::Rgb;
    std::vector<std::uint8_t> raw(stride);
    std::vector<std::uint8_t> out(std::size_t(width) * (withAlpha ? 4 : 3));
    for (std::int64_t y = 0; y < height; ++y) {
        const std::int64_t stored = topDown ? y : height - 1 - y;   // bottom-up unless the height is negative
        if (fseeko(source.file, off_t(pixelOffset + stride * std::uint64_t(stored)), SEEK_SET) != 0 ||
            std::fread(raw.data(), 1, raw.size(), source.file) != raw.size())
            fail(source, "truncated (the file ends before the image does)");
        std::uint8_t* o = out.data();
        for (std::int64_t x = 0; x < width; ++x) {
            if (bits <= 8) {
                const std::uint64_t bit = std::uint64_t(x) * bits;
                const unsigned index = (raw[bit / 8] >> (8 - bits - bit % 8)) & ((1u << bits) - 1);
                o = std::copy(palette[index].begin(), palette[index].end(), o);
                continue;
            }
            std::uint32_t pixel = 0;
            if (bits == 16)
                pixel = le16(&raw[x * 2]);
            else if (bits == 24)
                pixel = raw[x * 3] | raw[x * 3 + 1] << 8 | raw[x * 3 + 2] << 16;
            else
                pixel = le32(&raw[x * 4]);
            *o++ = red.of(pixel);
            *o++ = green.of(pixel);
            *o++ = blue.of(pixel);
            if (withAlpha)
                *o++ = alpha.of(pixel);
        }
        sink.row(out.data(), channels);
    }
}

}  // namespace nnlab::image
