// idx.h — the IDX file format of MNIST (plain or gzip-compressed).
//
// An IDX file is: two zero bytes, a type byte (0x08 = unsigned byte, the only type MNIST
// uses), a byte with the number of dimensions, then each dimension as a big-endian uint32,
// then the data. The reader never trusts the header with an allocation: a plain file's claimed
// size is checked against the file's size before the data buffer exists, and a gzip file's data
// is kept only as it decompresses, and no further than the header's claim plus one byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

namespace nnlab {

struct IdxArray {
    std::vector<std::uint32_t> dims;  // e.g. {60000, 28, 28} or {60000}
    std::vector<std::uint8_t> data;   // product(dims) bytes, row-major as stored
};

// Called with the header's dimensions as soon as they are read, before any data is: a caller
// that knows what the file must hold throws DataError("<path>: ...") to refuse it there, so a
// header that lies costs neither memory nor time.
using IdxHeaderCheck = std::function<void(const std::vector<std::uint32_t>& dims)>;

// Throws DataError("<path>: <what is wrong>") for a missing, unreadable, truncated or
// malformed file (bad magic, unsupported type, zero dimensions, trailing bytes, bad gzip), one
// with more than 1 GiB of data, or one whose header `checkHeader` refuses.
IdxArray readIdx(const std::filesystem::path& path, const IdxHeaderCheck& checkHeader = {});

// Writes an uncompressed IDX file of unsigned bytes (used by tests to make fixtures).
void writeIdx(const std::filesystem::path& path, const IdxArray& array);

}  // namespace nnlab
