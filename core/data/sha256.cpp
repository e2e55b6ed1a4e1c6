// sha256.cpp — SHA-256 through OpenSSL's EVP interface: one digest context, fed piece by piece.
#include "core/data/sha256.h"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace nnlab {

namespace {

[[noreturn]] void fail(const char* call)
{
    char reason[256] = "no reason given";
    if (const unsigned long code = ERR_get_error())
        ERR_error_string_n(code, reason, sizeof reason);
    throw std::runtime_error(std::string("SHA-256: OpenSSL's ") + call + " failed: " + reason);
}

}  // namespace

std::string sha256Hex(std::initializer_list<std::span<const std::uint8_t>> pieces)
{
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context)
        fail("EVP_MD_CTX_new");
    if (EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        fail("EVP_DigestInit_ex");
    for (const std::span<const std::uint8_t> piece : pieces)
        if (EVP_DigestUpdate(context.get(), piece.data(), piece.size()) != 1)
            fail("EVP_DigestUpdate");
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestSize = 0;
    if (EVP_DigestFinal_ex(context.get(), digest, &digestSize) != 1)
        fail("EVP_DigestFinal_ex");

    static constexpr char hexDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * digestSize);
    for (unsigned int i = 0; i < digestSize; ++i) {
        hex += hexDigits[digest[i] >> 4];
        hex += hexDigits[digest[i] & 0xF];
    }
    return hex;
}

std::string sha256Hex(const std::uint8_t* bytes, std::size_t size)
{
    return sha256Hex({std::span<const std::uint8_t>(bytes, size)});
}

}  // namespace nnlab
