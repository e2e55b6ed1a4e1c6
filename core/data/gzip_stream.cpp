// gzip_stream.cpp — inflate() over a FILE*, one gzip member after another (RFC 1952 allows
// several, concatenated), stopping wherever the caller stops asking.
#include "core/data/gzip_stream.h"

#include "core/data/dataset.h"  // DataError

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

namespace nnlab {

namespace {

// Compressed bytes read from the file at a time.
constexpr std::size_t inputBytes = std::size_t(256) << 10;
// windowBits for inflateInit2: the largest window (15), and 16 for "a gzip wrapper, checked".
constexpr int gzipWindowBits = 16 + MAX_WBITS;

}  // namespace

GzipStream::GzipStream(const std::filesystem::path& path, std::FILE* file)
    : m_path(path), m_file(file), m_input(inputBytes)
{
    struct stat status {};
    if (::fstat(::fileno(file), &status) == 0)
        m_compressedSize = static_cast<std::uint64_t>(status.st_size);
    if (inflateInit2(&m_stream, gzipWindowBits) != Z_OK)
        throw DataError(m_path.string() + ": not readable (zlib could not start)");
}

GzipStream::~GzipStream() { inflateEnd(&m_stream); }

// Appends compressed bytes after those not yet inflated; false at the end of the file.
bool GzipStream::refill()
{
    if (m_stream.avail_in > 0)
        std::memmove(m_input.data(), m_stream.next_in, m_stream.avail_in);
    const std::size_t kept = m_stream.avail_in;
    const std::size_t got = std::fread(m_input.data() + kept, 1, m_input.size() - kept, m_file);
    if (got == 0 && std::ferror(m_file))
        throw DataError(m_path.string() + ": not readable (read error)");
    m_consumed += got;
    m_stream.next_in = m_input.data();
    m_stream.avail_in = static_cast<uInt>(kept + got);
    return got > 0;
}

// After a member's end: the file ends, another member starts (its two magic bytes), or what
// follows is not gzip.
void GzipStream::startNextMember()
{
    while (m_stream.avail_in < 2 && refill()) {
    }
    if (m_stream.avail_in == 0) {
        m_end = End::Clean;
    } else if (m_stream.avail_in < 2 || m_stream.next_in[0] != 0x1f || m_stream.next_in[1] != 0x8b) {
        m_end = End::Garbage;
        m_garbageBytes = m_compressedSize - (m_consumed - m_stream.avail_in);
    } else {
        inflateReset(&m_stream);
        m_memberEnded = false;
    }
}

std::size_t GzipStream::read(std::uint8_t* buffer, std::size_t count)
{
    std::size_t produced = 0;
    while (produced < count && m_end == End::NotYet) {
        if (m_memberEnded) {
            startNextMember();
            continue;
        }
        if (m_stream.avail_in == 0 && !refill()) {
            m_end = End::CutShort;
            break;
        }
        const std::size_t room =
            std::min<std::size_t>(count - produced, std::numeric_limits<uInt>::max());
        m_stream.next_out = buffer + produced;
        m_stream.avail_out = static_cast<uInt>(room);
        const int status = inflate(&m_stream, Z_NO_FLUSH);
        produced += room - m_stream.avail_out;
        if (status == Z_STREAM_END)
            m_memberEnded = true;  // inflate has checked the member's CRC-32 and length
        else if (status != Z_OK && status != Z_BUF_ERROR)  // Z_BUF_ERROR: it needs more input
            throw DataError(m_path.string() + ": corrupt gzip data (zlib: "
                            + (m_stream.msg ? m_stream.msg : zError(status)) + ")");
    }
    return produced;
}

}  // namespace nnlab
