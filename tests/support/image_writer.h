// image_writer.h — image files for the suites that read them (tst_image_file, tst_classify),
// written with the libraries nnlab reads them with (libpng, libjpeg), so that a test controls
// every byte that matters: colour type, interlacing, transparency, EXIF orientation.
#pragma once

#include <cstdio>   // before jpeglib.h, which needs FILE
#include <jpeglib.h>
#include <png.h>

#include <cstdint>
#include <string>
#include <vector>

namespace imagewriter {

// Pixels row-major, `channels` bytes each (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA).
struct Pixels {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<std::uint8_t> bytes;
};

inline Pixels grey(int width, int height, std::uint8_t level)
{
    return {width, height, 1, std::vector<std::uint8_t>(std::size_t(width) * height, level)};
}

struct PngOptions {
    bool interlaced = false;
    int bitDepth = 8;   // 8 or 16 (each byte repeated)
};

// The PNG file's bytes. No error handler: a test that misuses libpng ends (libpng aborts), and
// no setjmp means no longjmp over the vectors below.
inline std::string png(const Pixels& image, const PngOptions& options = {})
{
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(
        png, &out,
        [](png_structp p, png_bytep data, png_size_t n) {
            static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<char*>(data), n);
        },
        nullptr);
    const int types[] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGBA};
    png_set_IHDR(png, info, image.width, image.height, options.bitDepth, types[image.channels],
                 options.interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    const int scale = options.bitDepth / 8;
    std::vector<std::vector<png_byte>> rows(image.height);
    std::vector<png_bytep> pointers;
    for (int y = 0; y < image.height; ++y) {
        const std::size_t n = std::size_t(image.width) * image.channels;
        for (std::size_t i = 0; i < n; ++i)
            for (int s = 0; s < scale; ++s)
                rows[y].push_back(image.bytes[y * n + i]);
        pointers.push_back(rows[y].data());
    }
    png_write_image(png, pointers.data());
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

// CRC-32 as PNG chunks carry it (ISO 3309).
inline std::uint32_t crc32(const std::string& bytes)
{
    std::uint32_t crc = 0xffffffffu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = crc & 1 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

inline std::string pngChunk(const std::string& type, const std::string& data)
{
    auto be32 = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    return be32(std::uint32_t(data.size())) + type + data + be32(crc32(type + data));
}

// A valid PNG (checksums and all) whose header claims width × height grey pixels, with a few
// bytes of image data: what a hostile file looks like.
inline std::string pngClaiming(std::uint32_t width, std::uint32_t height)
{
    auto be32 = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    const std::string ihdr = be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) +
           pngChunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) + pngChunk("IEND", "");
}

struct JpegOptions {
    int quality = 95;
    bool progressive = false;
    int orientation = 0;   // EXIF orientation 1–8 in an APP1 marker; 0: no EXIF
    std::vector<jpeg_scan_info> scans;   // a progressive scan script of one's own (grey images)
};

// A valid progressive script for a grey image with `count` scans or a few more: the DC scan,
// then each AC coefficient alone, first at 1/2^9 precision and refined a bit at a time.
inline std::vector<jpeg_scan_info> manyScans(int count)
{
    std::vector<jpeg_scan_info> scans{{1, {0}, 0, 0, 0, 0}};
    for (int k = 1; k <= 63 && int(scans.size()) < count; ++k) {
        scans.push_back({1, {0}, k, k, 0, 9});
        for (int al = 8; al >= 0; --al)
            scans.push_back({1, {0}, k, k, al + 1, al});
    }
    return scans;
}

// A JPEG's bytes (grey or RGB pixels); errors end the test program (libjpeg's default exits).
inline std::string jpeg(const Pixels& image, const JpegOptions& options = {})
{
    jpeg_compress_struct info{};
    jpeg_error_mgr errors{};
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = image.width;
    info.image_height = image.height;
    info.input_components = image.channels;
    info.in_color_space = image.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, options.quality, TRUE);
    if (options.progressive)
        jpeg_simple_progression(&info);
    if (!options.scans.empty()) {
        info.scan_info = options.scans.data();
        info.num_scans = int(options.scans.size());
    }
    jpeg_start_compress(&info, TRUE);
    if (options.orientation) {
        // "Exif\0\0", a little-endian TIFF header, one IFD with one entry: Orientation (SHORT).
        const std::uint8_t o = std::uint8_t(options.orientation);
        const std::uint8_t exif[] = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
                                     0x12, 0x01, 3, 0, 1, 0, 0, 0, o, 0, 0, 0, 0, 0, 0, 0};
        jpeg_write_marker(&info, JPEG_APP0 + 1, exif, sizeof exif);
    }
    const std::size_t stride = std::size_t(image.width) * image.channels;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<JSAMPLE*>(&image.bytes[info.next_scanline * stride]);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    std::string out(reinterpret_cast<char*>(buffer), size);
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return out;
}

// A raw PGM (P5) or PPM (P6), 8 bits.
inline std::string netpbm(const Pixels& image)
{
    std::string out = (image.channels == 1 ? "P5\n" : "P6\n") + std::to_string(image.width) + " " +
                      std::to_string(image.height) + "\n255\n";
    out.append(image.bytes.begin(), image.bytes.end());
    return out;
}

// An uncompressed 24-bit BMP (40-byte info header), bottom-up unless topDown.
inline std::string bmp24(const Pixels& image, bool topDown = false)
{
    const std::uint32_t stride = (std::uint32_t(image.width) * 3 + 3) / 4 * 4;
    const std::uint32_t offset = 14 + 40;
    std::string out(offset + stride * image.height, '\0');
    auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out[at + i] = char((v >> (8 * i)) & 0xff);
    };
    out[0] = 'B';
    out[1] = 'M';
    put32(2, std::uint32_t(out.size()));
    put32(10, offset);
    put32(14, 40);
    put32(18, std::uint32_t(image.width));
    put32(22, topDown ? std::uint32_t(-image.height) : std::uint32_t(image.height));
    out[26] = 1;    // planes
    out[28] = 24;   // bits per pixel
    for (int y = 0; y < image.height; ++y) {
        const int stored = topDown ? y : image.height - 1 - y;
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = &image.bytes[(std::size_t(y) * image.width + x) * image.channels];
            const std::uint8_t r = p[0], g = image.channels >= 3 ? p[1] : p[0], b = image.channels >= 3 ? p[2] : p[0];
            const std::size_t at = offset + std::size_t(stored) * stride + std::size_t(x) * 3;
            out[at] = char(b);
            out[at + 1] = char(g);
            out[at + 2] = char(r);
        }
    }
    return out;
}

}  // namespace imagewriter
