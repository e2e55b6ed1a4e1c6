// idx.cpp — reading and writing IDX files, plain or gzip-compressed.
//
// A damaged or hostile header must not make us allocate or work: the header is read first and
// checked (by the caller too, when it knows what the file must hold). A plain file's claimed size
// is then checked against the real file size before the data buffer exists. A gzip file's
// decompressed size is unknown until it is read, so its claim is first held against the most
// the file could expand to, then its data is kept in pieces that are allocated only as data
// arrives, and reading stops one byte past the claim: a header that claims more than the file
// holds costs what the file holds, and a small file that expands to far more (a "gzip bomb")
// costs what the header claims. A claim the file could back is still refused above 1 GiB.
#include "core/data/idx.h"

#include "core/data/dataset.h"  // DataError
#include "core/data/gzip_stream.h"
#include "core/io/file_kind.h"

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
// The gzip reader keeps the data in pieces of at least this size (so a short file needs one)...
constexpr std::size_t minPieceBytes = std::size_t(64) << 10;
// ...and at most this size; in between, each piece is as large as the data before it, so what is
// allocated never exceeds twice what has been decompressed (plus the first piece).
constexpr std::size_t maxPieceBytes = std::size_t(16) << 20;
// Deflate expands one compressed byte to at most 1032 bytes: a 258-byte match costs at least two
// bits. A header claiming more than a gzip file of its size could hold is refused unread.
constexpr std::uint64_t maxDeflateExpansion = 1032;

// A file that could hold its claim is still refused above this: a 16 MB gzip file of zeros can
// honestly expand to 10⁷ images (7.8 GB), and nnlab, which keeps a dataset as floats (four times
// the bytes), has no use for such a file. MNIST's largest file has 47 MB of data.
constexpr std::size_t maxDataBytes = std::size_t(1) << 30;

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

void checkNotTooLarge(const fs::path& path, const std::vector<std::uint32_t>& dims,
                      std::size_t dataBytes)
{
    if (dataBytes > maxDataBytes)
        fail(path, "too large: " + claimText(dims, dataBytes) + "; nnlab reads at most "
                       + std::to_string(maxDataBytes) + " (1 GiB) from one IDX file");
}

// What `presentBytes` of data amount to in the header's terms: "(21399 of the 10000000 items of
// 28×28)". Empty for one-dimensional files, where a byte is an item.
std::string itemsText(const std::vector<std::uint32_t>& dims, std::size_t presentBytes)
{
    if (dims.size() < 2)
        return "";
    const std::vector<std::uint32_t> item(dims.begin() + 1, dims.end());
    std::size_t itemBytes = 1;
    for (std::uint32_t dim : item)
        itemBytes *= dim;
    if (itemBytes == 0)
        return "";
    return " (" + std::to_string(presentBytes / itemBytes) + " of the " + std::to_string(dims[0])
           + " items of " + describeDims(item) + ")";
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

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

IdxArray readPlain(const fs::path& path, File file, const IdxHeaderCheck& checkHeader)
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
    if (checkHeader)
        checkHeader(array.dims);
    const std::size_t presentBytes = fileSize - headerBytes;
    if (presentBytes < dataBytes)
        fail(path, "truncated: " + claimText(array.dims, dataBytes) + ", the file holds only "
                       + std::to_string(presentBytes) + " after its " + std::to_string(headerBytes)
                       + "-byte header" + itemsText(array.dims, presentBytes));
    checkNotTooLarge(path, array.dims, dataBytes);
    if (presentBytes > dataBytes)
        fail(path, "trailing bytes: " + std::to_string(presentBytes - dataBytes)
                       + " bytes after the data (" + claimText(array.dims, dataBytes) + ")");

    array.data.resize(dataBytes);
    readBytes(array.data.data(), dataBytes);
    return array;
}

// Why a gzip file's data stopped after `have` of the `dataBytes` its header claims.
[[noreturn]] void failShort(const fs::path& path, const GzipStream& stream,
                            const std::vector<std::uint32_t>& dims, std::size_t dataBytes,
                            std::size_t have)
{
    const std::string holds = std::to_string(have) + itemsText(dims, have);
    if (stream.end() == GzipStream::End::CutShort)
        fail(path, "truncated gzip data: the compressed stream ends after " + holds
                       + " bytes of data; " + claimText(dims, dataBytes));
    if (stream.end() == GzipStream::End::Garbage)
        fail(path, "truncated: " + claimText(dims, dataBytes) + ", the gzip data holds only "
                       + holds + ", then " + std::to_string(stream.garbageBytes())
                       + " bytes that are not gzip");
    fail(path, "truncated: " + claimText(dims, dataBytes) + ", the file holds only " + holds);
}

IdxArray readGzip(const fs::path& path, std::FILE* file, const IdxHeaderCheck& checkHeader)
{
    GzipStream stream(path, file);

    auto readHeaderBytes = [&](std::uint8_t* buffer, std::size_t count) {
        if (stream.read(buffer, count) != count)
            fail(path, stream.end() == GzipStream::End::CutShort
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
    if (checkHeader)
        checkHeader(array.dims);
    const std::uint64_t mostItCanHold = stream.compressedSize() * maxDeflateExpansion;
    if (dataBytes > mostItCanHold)
        fail(path, "truncated: " + claimText(array.dims, dataBytes) + ", more than this "
                       + std::to_string(stream.compressedSize())
                       + "-byte gzip file can hold (at most " + std::to_string(mostItCanHold)
                       + ": deflate expands at most 1032 to 1)");
    checkNotTooLarge(path, array.dims, dataBytes);

    // Decompress into pieces allocated as the data arrives, so that memory follows what the file
    // really holds, never what its header claims.
    std::vector<std::vector<std::uint8_t>> pieces;
    std::size_t have = 0;
    while (have < dataBytes) {
        const std::size_t want =
            std::min(dataBytes - have, std::clamp(have, minPieceBytes, maxPieceBytes));
        std::vector<std::uint8_t> piece(want);
        const std::size_t got = stream.read(piece.data(), want);
        have += got;
        piece.resize(got);
        pieces.push_back(std::move(piece));
        if (got < want)
            failShort(path, stream, array.dims, dataBytes, have);
    }

    // One byte more: is there data beyond the claim? Reading it also makes zlib check the
    // stream's CRC and length at its end. A file that expands to far more than its header claims
    // stops here, one byte past the claim.
    std::uint8_t extra;
    if (stream.read(&extra, 1) != 0)
        fail(path, "trailing bytes: the file holds more data than its header claims ("
                       + claimText(array.dims, dataBytes) + "; reading stopped there)");
    if (stream.end() == GzipStream::End::CutShort)
        fail(path, "truncated gzip data: the compressed stream ends before its trailer");
    if (stream.end() == GzipStream::End::Garbage)
        fail(path, "trailing bytes: " + std::to_string(stream.garbageBytes())
                       + " bytes after the end of the gzip data");

    // The whole claim is there: one buffer of it, each piece freed once copied.
    array.data.reserve(dataBytes);
    for (std::vector<std::uint8_t>& piece : pieces) {
        array.data.insert(array.data.end(), piece.begin(), piece.end());
        std::vector<std::uint8_t>().swap(piece);
    }
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

IdxArray readIdx(const fs::path& path, const IdxHeaderCheck& checkHeader)
{
    File file = openForReading(path);
    if (startsWithGzipMagic(file.get()))
        return readGzip(path, file.get(), checkHeader);
    return readPlain(path, std::move(file), checkHeader);
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
