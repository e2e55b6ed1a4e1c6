// gzip_stream.h — a gzip file's decompressed bytes, read in pieces, with each way it can end told
// apart.
//
// zlib's gzread() hides what a careful reader must know: bytes after the last gzip member are
// skipped without a word, and a compressed stream cut short reads like a clean end. This reads
// with inflate() directly, so the IDX reader can decompress only as much as a header claims
// (plus one byte to see whether there is more) and name what is wrong with the rest.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>

namespace nnlab {

class GzipStream {
public:
    // How the decompressed bytes ended, once read() has returned fewer than it was asked for.
    enum class End {
        NotYet,    // more may come
        Clean,     // the last gzip member ended, its CRC and length checked, and so did the file
        CutShort,  // the file ends inside a compressed stream: it was truncated
        Garbage,   // bytes that are not gzip follow the last member
    };

    // Reads the gzip file `file` (opened by the caller, positioned at its start, not closed here).
    // Throws DataError "<path>: ..." if zlib cannot start.
    GzipStream(const std::filesystem::path& path, std::FILE* file);
    ~GzipStream();
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;

    // Decompresses up to `count` bytes into `buffer`; fewer only when the data has ended (see
    // end()). Throws DataError "<path>: corrupt gzip data (...)" for damaged data, a wrong CRC or
    // length, or a read error.
    std::size_t read(std::uint8_t* buffer, std::size_t count);

    End end() const { return m_end; }
    // The size of the compressed file, and (after End::Garbage) how many of its bytes follow the
    // gzip data.
    std::uint64_t compressedSize() const { return m_compressedSize; }
    std::uint64_t garbageBytes() const { return m_garbageBytes; }

private:
    bool refill();
    void startNextMember();

    std::filesystem::path m_path;
    std::FILE* m_file;
    z_stream m_stream{};
    std::vector<std::uint8_t> m_input;
    std::uint64_t m_compressedSize = 0;
    std::uint64_t m_consumed = 0;  // compressed bytes read from the file so far
    std::uint64_t m_garbageBytes = 0;
    bool m_memberEnded = false;
    End m_end = End::NotYet;
};

}  // namespace nnlab
