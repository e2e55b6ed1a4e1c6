// sha256.h — SHA-256 (FIPS 180-4), to verify that data files are the ones we expect.
//
// OpenSSL's libcrypto computes it (its EVP digest interface, with the CPU's SHA instructions where
// there are any); this header keeps OpenSSL out of the rest of the code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>

namespace nnlab {

// Lower-case hex digest of the pieces' bytes one after another, as if they were one buffer: an IDX
// file's header and its data are hashed where they lie, without being copied together first.
// Throws std::runtime_error in the unlikely case that libcrypto fails (e.g. out of memory).
std::string sha256Hex(std::initializer_list<std::span<const std::uint8_t>> pieces);

// Lower-case hex digest of `size` bytes.
std::string sha256Hex(const std::uint8_t* bytes, std::size_t size);

}  // namespace nnlab
