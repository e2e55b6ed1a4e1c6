// idx.cpp — reading and writing IDX files, plain or gzip-compressed.
//
// A damaged or hostile header must not make us allocate: a plain file's claimed size is checked
// against the real file size before the data buffer exists, and a gzip file (whose decompressed
// size is unknown until it is read) is read in chunks, so memory grows only with data that is
// really there.
#include "core/data/idx.h"

#include "core/data/dataset.h"  // DataError
#include "core/io/file_kind.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <system_error>

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr std::uint8_t unsignedByteType = 0x08;
// More dimensions than any real IDX file has; a larger count means the header is garbage.
constexpr std::uint32_t maxDimensions = 8;
// The gzip reader's step: big enough to be fast, small enough that a lying header costs little.
constexpr std::size_t gzipChunkBytes = std::size_t(4) << 20;

[[noreturn]] void fail(const fs::path& path, const std::string& what)
{
    throw DataError(path.string() + ": " + what);
}

std::string hex32(std::uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

std::uint32_t loadBigEndian(const std::uint8_t* p)
{
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8)
           | std::uint32_t(p[3]);
}

void storeBigEndian(std::uint32_t value, std::uint8_t* p)
{
    p[0] = std::uint8_t(value >> 24);
    p[1] = std::uint8_t(value >> 16);
    p[2] = std::uint8_t(value >> 8);
    p[3] = std::uint8_t(value);
}

std::string describeDims(const std::vector<std::uint32_t>& dims)
{
    std::string text;
    for (std::size_t i = 0; i < dims.size(); ++i)
        text += (i ? "×" : "") + std::to_string(dims[i]);
    return text;
}

// Returns the number of dimensions the magic number announces.
std::uint32_t checkMagic(const fs::path& path, const std::uint8_t magic[4])
{
    const std::uint32_t value = loadBigEndian(magic);
    const std::uint32_t dimensionCount = magic[3];
    if (magic[0] != 0 || magic[1] != 0 || magic[2] != unsignedByteType || dimensionCount == 0
        || dimensionCount > maxDimensions)
        fail(path, "bad magic " + hex32(value)
                       + " (expected an IDX file of unsigned bytes, 0x00000801 or 0x00000803)");
    return dimensionCount;
}

// The product of the dimensions, refusing sizes that overflow or exceed what a vector can hold.
std::size_t claimedDataBytes(const fs::path& path, const std::vector<std::uint32_t>& dims)
{
    std::uint64_t product = 1;
    for (std::uint32_t dim : dims) {
        if (__builtin_mul_overflow(product, std::uint64_t(dim), &product)
            || product > std::numeric_limits<std::ptrdiff_t>::max())
            fail(path, "header claims an impossible size " + describeDims(dims));
    }
    return static_cast<std::size_t>(product);
}

std::string claimText(const std::vector<std::uint32_t>& dims, std::size_t dataBytes)
{
    return "header claims " + describeDims(dims) + " = " + std::to_string(dataBytes)
           + " bytes of data";
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

struct GzCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

File openForReading(const fs::path& path)
{
    // Only a regular file: fopen on a named pipe would wait for a writer forever.
    if (const std::string why = whyNotARegularFile(path); !why.empty())
        fail(path, why);
    File file(std::fopen(path.c_str(), "rb"));
    if (!file)
        fail(path, std::string("not readable (") + std::strerror(errno) + ")");
    return file;
}

IdxArray readPlain(const fs::path& path, File file)
{
    std::fseek(file.get(), 0, SEEK_END);
    const long fileSizeSigned = std::ftell(file.get());
    std::rewind(file.get());
    if (fileSizeSigned < 0)
        fail(path, "not readable (cannot tell its size)");
    const std::size_t fileSize = static_cast<std::size_t>(fileSizeSigned);

    auto readBytes = [&](std::uint8_t* buffer, std::size_t count) {
        if (std::fread(buffer, 1, count, file.get()) != count)
            fail(path, "not readable (read error)");
    };
    auto tooShort = [&] {
        fail(path,
             "truncated: " + std::to_string(fileSize) + " bytes, too short for an IDX header");
    };

    std::uint8_t magic[4];
    if (fileSize < sizeof magic)
        tooShort();
    readBytes(magic, sizeof magic);
    IdxArray array;
    array.dims.resize(checkMagic(path, magic));
    const std::size_t headerBytes = 4 + 4 * array.dims.size();
    if (fileSize < headerBytes)
        tooShort();
    for (std::uint32_t& dim : array.dims) {
        std::uint8_t bytes[4];
        readBytes(bytes, 4);
        dim = loadBigEndian(bytes);
    }

    // Check the claim against the real size before allocating anything.
    const std::size_t dataBytes = claimedDataBytes(path, array.dims);
    const std::size_t presentBytes = fileSize - headerBytes;
    if (presentBytes < dataBytes)
        fail(path, "truncated: " + claimText(array.dims, dataBytes) + ", file has "
                       + std::to_string(presentBytes) + " after its "
                       + std::to_string(headerBytes) + "-byte header");
    if (presentBytes > dataBytes)
        fail(path, "trailing bytes: " + std::to_string(presentBytes - dataBytes)
                       + " bytes after the data (" + claimText(array.dims, dataBytes) + ")");

    array.data.resize(dataBytes);
    readBytes(array.data.data(), dataBytes);
    return array;
}

// Reads up to `count` bytes; returns how many came. Throws on corrupt data.
std::size_t gzipRead(const fs::path& path, gzFile_s* file, std::uint8_t* buffer, std::size_t count)
{
    const int got = gzread(file, buffer, static_cast<unsigned>(count));
    if (got < 0) {
        int errorCode = Z_OK;
        const char* message = gzerror(file, &errorCode);
        fail(path, std::string("corrupt gzip data (zlib: ") + message + ")");
    }
    return static_cast<std::size_t>(got);
}

// After a short read: did the compressed stream itself end early, or did it end cleanly?
bool gzipStreamCutShort(gzFile_s* file)
{
    int errorCode = Z_OK;
    gzerror(file, &errorCode);
    return errorCode == Z_BUF_ERROR;
}

IdxArray readGzip(const fs::path& path)
{
    GzFile file(gzopen(path.c_str(), "rb"));
    if (!file)
        fail(path, "not readable (cannot open it as gzip)");
    gzbuffer(file.get(), 256 * 1024);

    auto readHeaderBytes = [&](std::uint8_t* buffer, std::size_t count) {
        if (gzipRead(path, file.get(), buffer, count) != count)
            fail(path, gzipStreamCutShort(file.get())
                           ? "truncated gzip data: the compressed stream ends inside the IDX header"
                           : "truncated: too short for an IDX header");
    };

    std::uint8_t magic[4];
    readHeaderBytes(magic, sizeof magic);
    IdxArray array;
    array.dims.resize(checkMagic(path, magic));
    for (std::uint32_t& dim : array.dims) {
        std::uint8_t bytes[4];
        readHeaderBytes(bytes, 4);
        dim = loadBigEndian(bytes);
    }
    const std::size_t dataBytes = claimedDataBytes(path, array.dims);

    // Grow the buffer only as data arrives, so a header that lies costs at most one chunk.
    std::size_t have = 0;
    while (have < dataBytes) {
        const std::size_t want = std::min(gzipChunkBytes, dataBytes - have);
        array.data.resize(have + want);
        const std::size_t got = gzipRead(path, file.get(), array.data.data() + have, want);
        have += got;
        if (got < want) {
            if (gzipStreamCutShort(file.get()))
                fail(path, "truncated gzip data: the compressed stream ends after "
                               + std::to_string(have) + " of the " + std::to_string(dataBytes)
                               + " bytes of data its header claims");
            fail(path, "truncated: " + claimText(array.dims, dataBytes)
                           + ", the file decompresses to only " + std::to_string(have));
        }
    }

    // Reading one byte more also makes zlib check the stream's CRC at its end.
    std::uint8_t extra;
    if (gzipRead(path, file.get(), &extra, 1) != 0)
        fail(path, "trailing bytes after the data (" + claimText(array.dims, dataBytes) + ")");
    if (gzipStreamCutShort(file.get()))
        fail(path, "truncated gzip data: the compressed stream ends before its trailer");
    return array;
}

bool startsWithGzipMagic(std::FILE* file)
{
    std::uint8_t magic[2] = {};
    const bool isGzip = std::fread(magic, 1, 2, file) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    std::rewind(file);
    return isGzip;
}

}  // namespace

IdxArray readIdx(const fs::path& path)
{
    File file = openForReading(path);
    if (startsWithGzipMagic(file.get())) {
        file.reset();
        return readGzip(path);
    }
    return readPlain(path, std::move(file));
}

void writeIdx(const fs::path& path, const IdxArray& array)
{
    if (array.dims.empty() || array.dims.size() > maxDimensions)
        fail(path, "cannot write an IDX file with " + std::to_string(array.dims.size())
                       + " dimensions");
    if (claimedDataBytes(path, array.dims) != array.data.size())
        fail(path, "cannot write: dimensions " + describeDims(array.dims) + " do not match "
                       + std::to_string(array.data.size()) + " bytes of data");

    std::vector<std::uint8_t> header(4 + 4 * array.dims.size());
    header[2] = unsignedByteType;
    header[3] = static_cast<std::uint8_t>(array.dims.size());
    for (std::size_t i = 0; i < array.dims.size(); ++i)
        storeBigEndian(array.dims[i], &header[4 + 4 * i]);

    File file(std::fopen(path.c_str(), "wb"));
    if (!file)
        fail(path, std::string("cannot write (") + std::strerror(errno) + ")");
    const bool written =
        std::fwrite(header.data(), 1, header.size(), file.get()) == header.size()
        && std::fwrite(array.data.data(), 1, array.data.size(), file.get()) == array.data.size()
        && std::fclose(file.release()) == 0;
    if (!written)
        fail(path, "cannot write (write error)");
}

}  // namespace nnlab
