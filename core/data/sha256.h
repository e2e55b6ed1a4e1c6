// sha256.h — SHA-256 (FIPS 180-4), to verify that data files are the ones we expect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace nnlab {

// Lower-case hex digest of `size` bytes.
std::string sha256Hex(const std::uint8_t* bytes, std::size_t size);

}  // namespace nnlab
