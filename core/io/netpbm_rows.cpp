// Netpbm: PBM (P1 plain, P4 raw; 1 = black), PGM (P2, P5) and PPM (P3, P6), with any maximum
// value up to 65535 (two bytes a sample, big-endian, above 255). The header is text: the magic
// number, width, height and (not for PBM) the maximum, separated by whitespace and # comments;
// one whitespace character ends it before raw pixels.
#include "core/io/image_rows.h"

#include <cctype>
#include <vector>

namespace nnlab::image {

namespace {

class Reader {
public:
    explicit Reader(const Source& source) : m_source(source) {}

    int next() { return std::fgetc(m_source.file); }

    // Whitespace and comments up to the next token.
    int skipSpace()
    {
        for (int c = next();; c = next()) {
            if (c == '#')
                while (c != '\n' && c != EOF)
                    c = next();
            if (c == EOF || !std::isspace(c))
                return c;
        }
    }

    // A decimal number of the header or a plain file's pixels; `what` names it in errors.
    std::uint32_t number(const char* what)
    {
        int c = skipSpace();
        if (c == EOF)
            fail(m_source, std::string("truncated (the file ends before its ") + what + ")");
        if (!std::isdigit(c))
            fail(m_source, std::string("damaged (its ") + what + " is not a number)");
        std::uint64_t value = 0;
        for (; c != EOF && std::isdigit(c); c = next()) {
            value = value * 10 + unsigned(c - '0');
            if (value > 0x7fffffff)
                fail(m_source, std::string("damaged (its ") + what + " is too large)");
        }
        if (c != EOF && !std::isspace(c) && c != '#')
            fail(m_source, std::string("damaged (its ") + what + " is not a number)");
        if (c == '#')
            std::ungetc(c, m_source.file);
        return std::uint32_t(value);
    }

    // A plain PBM's pixel: the digits may run together ("0110").
    std::uint32_t bit()
    {
        const int c = skipSpace();
        if (c == EOF)
            fail(m_source, "truncated (the file ends before the image does)");
        if (c != '0' && c != '1')
            fail(m_source, "damaged (a PBM pixel that is not 0 or 1)");
        return std::uint32_t(c - '0');
    }

    const Source& m_source;
};

}  // namespace

void decodeNetpbm(const Source& source, RowSink& sink)
{
    Reader reader(source);
    reader.next();   // 'P'
    const int kind = reader.next() - '0';   // 1–6, checked by the caller
    const bool bitmap = kind == 1 || kind == 4;
    const bool colour = kind == 3 || kind == 6;
    const bool raw = kind >= 4;
    const std::uint32_t width = reader.number("width");
    const std::uint32_t height = reader.number("height");
    const std::uint32_t maxValue = bitmap ? 1 : reader.number("maximum value");
    if (!bitmap && (maxValue == 0 || maxValue > 65535))
        fail(source, "damaged (a maximum value of " + std::to_string(maxValue) + "; it must be 1 to 65535)");
    sink.begin(width, height);

    const int samples = colour ? 3 : 1;
    const int sampleBytes = maxValue > 255 ? 2 : 1;
    const std::uint64_t rowBytes = bitmap ? (std::uint64_t(width) + 7) / 8 : std::uint64_t(width) * samples * sampleBytes;
    if (raw) {
        // The one whitespace character after the maximum has been read with it.
        const long at = std::ftell(source.file);
        const std::uint64_t needed = std::uint64_t(at) + rowBytes * height;
        if (at < 0 || needed > source.bytes)
            fail(source, "truncated (its pixels need " + std::to_string(needed) + " bytes, the file has " +
                             std::to_string(source.bytes) + ")");
    }

    // A sample scaled to 0–255; PBM's 1 is black.
    auto level = [&](std::uint32_t v) -> std::uint8_t {
        if (v > maxValue)
            fail(source, "damaged (a pixel value above its maximum " + std::to_string(maxValue) + ")");
        if (bitmap)
            return v ? 0 : 255;
        return std::uint8_t((std::uint64_t(v) * 255 + maxValue / 2) / maxValue);
    };
    std::vector<std::uint8_t> in(raw ? rowBytes : 0);
    std::vector<std::uint8_t> out(std::size_t(width) * samples);
    for (std::uint32_t y = 0; y < height; ++y) {
        if (raw && std::fread(in.data(), 1, in.size(), source.file) != in.size())
            fail(source, "truncated (the file ends before the image does)");
        for (std::size_t i = 0; i < out.size(); ++i) {
            std::uint32_t v = 0;
            if (!raw)
                v = bitmap ? reader.bit() : reader.number("pixels");
            else if (bitmap)
                v = (in[i / 8] >> (7 - i % 8)) & 1;
            else if (sampleBytes == 2)
                v = std::uint32_t(in[2 * i]) << 8 | in[2 * i + 1];
            else
                v = in[i];
            out[i] = level(v);
        }
        sink.row(out.data(), colour ? Channels::Rgb : Channels::Grey);
    }
}

}  // namespace nnlab::image
