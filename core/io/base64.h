// base64.h — binary blobs inside JSON files (a checkpoint's float32 parameters, bit-exact).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nnlab {

std::string base64Encode(std::string_view bytes);
// std::nullopt when the text is not valid base64 (RFC 4648 alphabet, '=' padding).
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace nnlab
