// JPEG through libjpeg(-turbo), scanline by scanline. libjpeg reports errors by longjmp;
// everything that must be released is owned by the JpegDecoder below, built before setjmp and
// reached only through its address (no object with a destructor is created after setjmp: C++
// leaves a longjmp over one undefined).
#include "core/io/image_rows.h"

#include <cstdio>   // before jpeglib.h, which needs FILE
#include <jpeglib.h>
#include <jerror.h>   // JWRN_JPEG_EOF

#include <csetjmp>
#include <cstring>
#include <memory>
#include <vector>

namespace nnlab::image {

namespace {

// libjpeg's working memory (a progressive file keeps every coefficient of the image): beyond
// this it stops with "insufficient memory" instead of growing.
constexpr long kMaxJpegMemory = 512L << 20;
// A progressive file may hold any number of scans, each a pass over the whole image; thousands of
// tiny scans make a small file take minutes. Real encoders write about ten.
constexpr int kMaxScans = 500;

// What the callbacks reach through info->err, whose manager it is (first member, plain C data).
struct JpegErrors {
    jpeg_error_mgr manager{};
    std::jmp_buf jump{};
    bool truncated = false;
    char message[JMSG_LENGTH_MAX] = "";
};

JpegErrors* errorsOf(j_common_ptr info) { return reinterpret_cast<JpegErrors*>(info->err); }

struct JpegDecoder {
    jpeg_decompress_struct info{};
    JpegErrors errors;
    jpeg_progress_mgr progress{};
    bool created = false;
    std::vector<JSAMPLE> row;
    std::vector<JSAMPLE> rgb;   // a CMYK row converted
    ~JpegDecoder()
    {
        if (created)
            jpeg_destroy_decompress(&info);
    }
};

void onError(j_common_ptr info)
{
    JpegErrors* errors = errorsOf(info);
    (*info->err->format_message)(info, errors->message);
    std::longjmp(errors->jump, 1);
}

// Warnings (corrupt data that libjpeg steps over) are not errors, as for Qt, except a file that
// ends early: libjpeg would fill the rest of the image with grey.
void onMessage(j_common_ptr info, int level)
{
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF)
        errorsOf(info)->truncated = true;
}

void onProgress(j_common_ptr info)
{
    if (reinterpret_cast<j_decompress_ptr>(info)->input_scan_number > kMaxScans) {
        JpegErrors* errors = errorsOf(info);
        std::snprintf(errors->message, sizeof errors->message, "more than %d progressive scans", kMaxScans);
        std::longjmp(errors->jump, 1);
    }
}

// The EXIF orientation in an APP1 marker ("Exif\0\0", then a TIFF header and its first IFD);
// 1 when there is none or it can't be read.
int exifOrientation(const jpeg_decompress_struct& info)
{
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker; marker = marker->next) {
        const JOCTET* d = marker->data;
        const std::size_t n = marker->data_length;
        if (marker->marker != JPEG_APP0 + 1 || n < 14 || std::memcmp(d, "Exif\0\0", 6) != 0)
            continue;
        const JOCTET* tiff = d + 6;
        const std::size_t size = n - 6;
        const bool little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M'))
            continue;
        auto u16 = [&](std::size_t at) {
            return little ? unsigned(tiff[at] | tiff[at + 1] << 8) : unsigned(tiff[at] << 8 | tiff[at + 1]);
        };
        auto u32 = [&](std::size_t at) {
            return little ? std::uint32_t(u16(at) | std::uint32_t(u16(at + 2)) << 16)
                          : std::uint32_t(std::uint32_t(u16(at)) << 16 | u16(at + 2));
        };
        const std::uint32_t ifd = u32(4);
        if (ifd > size - 2)
            continue;
        const unsigned entries = u16(ifd);
        for (unsigned e = 0; e < entries; ++e) {
            const std::size_t at = ifd + 2 + std::size_t(e) * 12;
            if (at + 12 > size)
                break;
            if (u16(at) == 0x0112 && u16(at + 2) == 3) {   // Orientation, SHORT
                const unsigned value = u16(at + 8);
                return value >= 1 && value <= 8 ? int(value) : 1;
            }
        }
    }
    return 1;
}

}  // namespace

int decodeJpeg(const Source& source, RowSink& sink)
{
    const auto decoder = std::make_unique<JpegDecoder>();
    decoder->info.err = jpeg_std_error(&decoder->errors.manager);
    decoder->errors.manager.error_exit = onError;
    decoder->errors.manager.emit_message = onMessage;
    if (setjmp(decoder->errors.jump)) {
        if (decoder->errors.truncated)
            fail(source, "truncated (the file ends before the image does)");
        fail(source, std::string("damaged JPEG (") + decoder->errors.message + ")");
    }
    jpeg_create_decompress(&decoder->info);
    decoder->created = true;
    decoder->info.mem->max_memory_to_use = kMaxJpegMemory;
    decoder->progress.progress_monitor = onProgress;
    decoder->info.progress = &decoder->progress;
    jpeg_stdio_src(&decoder->info, source.file);
    jpeg_save_markers(&decoder->info, JPEG_APP0 + 1, 0xffff);
    jpeg_read_header(&decoder->info, TRUE);
    if (decoder->errors.truncated)
        fail(source, "truncated (the file ends before the image does)");
    sink.begin(decoder->info.image_width, decoder->info.image_height);

    // Grey stays grey; CMYK (Adobe's inverted form, what Photoshop writes) is converted below as
    // Qt does; the rest becomes RGB.
    const J_COLOR_SPACE space = decoder->info.jpeg_color_space;
    const bool cmyk = space == JCS_CMYK || space == JCS_YCCK;
    decoder->info.out_color_space = space == JCS_GRAYSCALE ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&decoder->info);
    const int components = decoder->info.output_components;
    const JDIMENSION width = decoder->info.output_width;
    if (components != (space == JCS_GRAYSCALE ? 1 : cmyk ? 4 : 3))
        fail(source, "damaged JPEG (an unexpected number of colour components)");
    decoder->row.resize(std::size_t(width) * components);
    if (cmyk)
        decoder->rgb.resize(std::size_t(width) * 3);
    while (decoder->info.output_scanline < decoder->info.output_height) {
        JSAMPROW rows[1] = {decoder->row.data()};
        if (jpeg_read_scanlines(&decoder->info, rows, 1) != 1 || decoder->errors.truncated)
            fail(source, "truncated (the file ends before the image does)");
        if (!cmyk) {
            sink.row(decoder->row.data(), components == 1 ? Channels::Grey : Channels::Rgb);
            continue;
        }
        for (JDIMENSION x = 0; x < width; ++x) {
            const JSAMPLE* p = &decoder->row[std::size_t(x) * 4];
            for (int c = 0; c < 3; ++c)
                decoder->rgb[std::size_t(x) * 3 + c] = JSAMPLE(p[c] * p[3] / 255);
        }
        sink.row(decoder->rgb.data(), Channels::Rgb);
    }
    return exifOrientation(decoder->info);
}

}  // namespace nnlab::image
