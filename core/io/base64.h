// base64.h — the float32 parameters of version-1 checkpoints, which were JSON text (version 2
// stores them as CBOR byte strings and needs no encoding).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nnlab {

// std::nullopt when the text is not valid base64 (RFC 4648 alphabet, '=' padding).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace nnlab
