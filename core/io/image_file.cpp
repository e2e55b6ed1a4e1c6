#include "core/io/image_file.h"

#include "core/io/atomic_file.h"
#include "core/io/file_kind.h"
#include "core/io/image_rows.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>

namespace nnlab {

namespace image {

void fail(const Source& source, const std::string& what)
{
    throw FileError(source.name + ": " + what);
}

}  // namespace image

namespace {

using image::Channels;

// No decoder is handed an image wider or taller than this, whatever the caller's limits: a row
// buffer stays a few megabytes. (libpng's own default limit is the same.)
constexpr std::int64_t kMaxSide = 1'000'000;

// Y of CIE XYZ (D50, the ICC connection space Qt 6 converts through) from linear sRGB: the middle
// row of sRGB's matrix to XYZ(D50). QImage::convertToFormat(Format_Grayscale8) uses it, and the
// Draw view reads images that way; these agree with Qt to within one grey level.
constexpr double kYr = 0.2225045, kYg = 0.7168786, kYb = 0.0606169;

struct SrgbTables {
    std::array<double, 256> linear{};      // sRGB code → linear light
    std::array<double, 255> threshold{};   // grey ≥ k exactly when Y ≥ threshold[k − 1]
    SrgbTables()
    {
        auto decode = [](double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        for (int k = 0; k < 256; ++k)
            linear[k] = decode(k / 255.0);
        // Rounding the encoded value: k when encode(Y)·255 ≥ k − ½.
        for (int k = 1; k < 256; ++k)
            threshold[k - 1] = decode((k - 0.5) / 255.0);
    }
};

std::uint8_t greyOf(std::uint8_t r, std::uint8_t g, std::uint8_t b)
{
    if (r == g && g == b)
        return r;   // the weights sum to 1: a grey stays itself
    static const SrgbTables tables;
    const double y = kYr * tables.linear[r] + kYg * tables.linear[g] + kYb * tables.linear[b];
    return std::uint8_t(std::upper_bound(tables.threshold.begin(), tables.threshold.end(), y) -
                        tables.threshold.begin());
}

// A channel laid over white paper as Qt's painter does it: premultiplied by alpha (rounded
// c·a/255), plus what shows through of the white, 255 − a.
std::uint8_t overWhite(std::uint8_t c, std::uint8_t alpha)
{
    const unsigned t = unsigned(c) * alpha;
    return std::uint8_t(((t + (t >> 8) + 0x80) >> 8) + (255u - alpha));
}

std::uint8_t greyOfPixel(const std::uint8_t* p, Channels channels)
{
    switch (channels) {
    case Channels::Grey: return p[0];
    case Channels::GreyAlpha: return overWhite(p[0], p[1]);
    case Channels::Rgb: return greyOf(p[0], p[1], p[2]);
    case Channels::Rgba: return greyOf(overWhite(p[0], p[3]), overWhite(p[1], p[3]), overWhite(p[2], p[3]));
    }
    return 255;
}

// Receives the decoder's rows and keeps only their f × f block averages: memory is the reduced
// image and one row of sums, whatever the size of the file.
class ReducingSink final : public image::RowSink {
public:
    ReducingSink(const image::Source& source, const ImageReadLimits& limits) : m_source(source), m_limits(limits) {}

    void begin(std::int64_t width, std::int64_t height) override
    {
        if (width <= 0 || height <= 0)
            image::fail(m_source, "has no pixels (its header says " + std::to_string(width) + "×" +
                                      std::to_string(height) + ")");
        if (m_limits.refuse)
            if (const std::string why = m_limits.refuse(width, height, m_source.bytes); !why.empty())
                image::fail(m_source, why);
        if (width > kMaxSide || height > kMaxSide)
            image::fail(m_source, "too large (" + std::to_string(width) + "×" + std::to_string(height) +
                                      " pixels; at most " + std::to_string(kMaxSide) + " on a side)");
        m_width = width;
        m_height = height;
        const std::int64_t side = std::max<std::int64_t>(m_limits.maxSide, 1);
        m_factor = std::max<std::int64_t>(1, (std::max(width, height) + side - 1) / side);
        m_image.width = int((width + m_factor - 1) / m_factor);
        m_image.height = int((height + m_factor - 1) / m_factor);
        m_image.lightness.assign(std::size_t(m_image.width) * m_image.height, 1.0f);
        m_sums.assign(std::size_t(m_image.width), 0.0);
    }

    void row(const std::uint8_t* pixels, Channels channels) override
    {
        if (m_rowsSeen >= m_height)
            return;
        const int step = int(channels);
        for (std::int64_t x = 0; x < m_width; ++x)
            m_sums[std::size_t(x / m_factor)] += greyOfPixel(pixels + x * step, channels) / 255.0f;
        ++m_rowsSeen;
        if (m_rowsSeen % m_factor == 0 || m_rowsSeen == m_height)
            flushBlockRow();
    }

    LightnessImage finish()
    {
        if (m_rowsSeen < m_height)
            image::fail(m_source, "truncated (the file ends before the image does)");
        return std::move(m_image);
    }

private:
    void flushBlockRow()
    {
        const std::int64_t rows = m_rowsSeen - m_blockRow * m_factor;
        float* out = &m_image.lightness[std::size_t(m_blockRow) * m_image.width];
        for (int bx = 0; bx < m_image.width; ++bx) {
            const std::int64_t columns = std::min(m_factor, m_width - bx * m_factor);
            out[bx] = float(m_sums[bx] / double(columns * rows));
            m_sums[bx] = 0.0;
        }
        ++m_blockRow;
    }

    const image::Source& m_source;
    const ImageReadLimits& m_limits;
    std::int64_t m_width = 0;
    std::int64_t m_height = 0;
    std::int64_t m_factor = 1;
    std::int64_t m_rowsSeen = 0;
    std::int64_t m_blockRow = 0;
    std::vector<double> m_sums;   // one per reduced column, for the block row being read
    LightnessImage m_image;
};

// EXIF orientation (TIFF tag 274): how the stored rows must be turned to stand upright.
LightnessImage oriented(LightnessImage in, int orientation)
{
    if (orientation <= 1 || orientation > 8)
        return in;
    const int w = in.width, h = in.height;
    const bool swaps = orientation >= 5;   // 5–8 exchange width and height
    LightnessImage out;
    out.width = swaps ? h : w;
    out.height = swaps ? w : h;
    out.lightness.resize(in.lightness.size());
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sx = x, sy = y;
            switch (orientation) {
            case 2: sx = w - 1 - x; break;                      // mirrored
            case 3: sx = w - 1 - x; sy = h - 1 - y; break;      // upside down
            case 4: sy = h - 1 - y; break;                      // mirrored vertically
            case 5: sx = y; sy = x; break;                      // transposed
            case 6: sx = y; sy = h - 1 - x; break;              // needs 90° clockwise
            case 7: sx = w - 1 - y; sy = h - 1 - x; break;      // transverse
            case 8: sx = w - 1 - y; sy = x; break;              // needs 90° anticlockwise
            }
            out.lightness[std::size_t(y) * out.width + x] = in.lightness[std::size_t(sy) * w + sx];
        }
    return out;
}

bool startsWith(const unsigned char* bytes, std::size_t n, std::string_view magic)
{
    return n >= magic.size() && std::memcmp(bytes, magic.data(), magic.size()) == 0;
}

LightnessImage decode(const image::Source& source, const ImageReadLimits& limits)
{
    if (source.bytes == 0)
        image::fail(source, "is empty");
    unsigned char magic[8] = {};
    const std::size_t n = std::fread(magic, 1, sizeof magic, source.file);
    std::rewind(source.file);
    ReducingSink sink(source, limits);
    int orientation = 1;
    if (startsWith(magic, n, "\x89PNG\r\n\x1a\n"))
        image::decodePng(source, sink);
    else if (startsWith(magic, n, "\xff\xd8\xff"))
        orientation = image::decodeJpeg(source, sink);
    else if (startsWith(magic, n, "BM"))
        image::decodeBmp(source, sink);
    else if (n >= 2 && magic[0] == 'P' && magic[1] >= '1' && magic[1] <= '6')
        image::decodeNetpbm(source, sink);
    else if (startsWith(magic, n, "GIF8"))
        image::fail(source, "a GIF image, which nnlab-cli doesn't read: save it as PNG");
    else
        image::fail(source, "not an image nnlab can read (PNG, JPEG, BMP or PGM/PPM/PBM)");
    return oriented(sink.finish(), orientation);
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

}  // namespace

LightnessImage readImageFile(const std::filesystem::path& path, const ImageReadLimits& limits)
{
    requireRegularFile(path);
    // O_NONBLOCK: should a pipe have replaced the file since, open() returns instead of waiting
    // for a writer, and fstat() below refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw FileError(path.string() + ": not readable (" + std::strerror(errno) + ")");
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        throw FileError(path.string() + ": not a regular file");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FilePtr file(::fdopen(fd, "rb"));
    if (!file) {
        ::close(fd);
        throw FileError(path.string() + ": not readable (" + std::strerror(errno) + ")");
    }
    const image::Source source{file.get(), std::uintmax_t(info.st_size), path.string()};
    return decode(source, limits);
}

LightnessImage readImageData(std::string_view bytes, const std::string& name, const ImageReadLimits& limits)
{
    if (bytes.empty())
        throw FileError(name + ": is empty");
    // fmemopen only reads here ("rb"), so casting away const is safe.
    FilePtr file(::fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb"));
    if (!file)
        throw FileError(name + ": cannot read it from memory (" + std::strerror(errno) + ")");
    const image::Source source{file.get(), bytes.size(), name};
    return decode(source, limits);
}

}  // namespace nnlab
