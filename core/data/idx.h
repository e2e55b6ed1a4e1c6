// idx.h — the IDX file format of MNIST (plain or gzip-compressed).
//
// An IDX file is: two zero bytes, a type byte (0x08 = unsigned byte, the only type MNIST
// uses), a byte with the number of dimensions, then each dimension as a big-endian uint32,
// then the data. The reader never trusts the header with an allocation: it checks the claimed
// size against the bytes that are really there before allocating.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace nnlab {

struct IdxArray {
    std::vector<std::uint32_t> dims;  // e.g. {60000, 28, 28} or {60000}
    std::vector<std::uint8_t> data;   // product(dims) bytes, row-major as stored
};

// Throws DataError("<path>: <what is wrong>") for a missing, unreadable, truncated or
// malformed file (bad magic, unsupported type, zero dimensions, trailing bytes, bad gzip).
IdxArray readIdx(const std::filesystem::path& path);

// Writes an uncompressed IDX file of unsigned bytes (used by tests to make fixtures).
void writeIdx(const std::filesystem::path& path, const IdxArray& array);

}  // namespace nnlab
