#include "core/io/base64.h"

#include <array>

namespace nnlab {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of each character, or -1.
constexpr std::array<int, 256> decodingTable()
{
    std::array<int, 256> table{};
    table.fill(-1);
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = i;
    return table;
}

}  // namespace

std::optional<std::string> base64Decode(std::string_view text)
{
    static constexpr std::array<int, 256> table = decodingTable();
    if (text.size() % 4 != 0)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const int padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
        if (padding == 1 && text[i + 2] == '=')   // "x=y=" is not padding
            return std::nullopt;
        unsigned v = 0;
        for (int k = 0; k < 4 - padding; ++k) {
            const int sixBits = table[static_cast<unsigned char>(text[i + k])];
            if (sixBits < 0)
                return std::nullopt;
            v |= unsigned(sixBits) << (18 - 6 * k);
        }
        out += char(v >> 16);
        if (padding < 2)
            out += char((v >> 8) & 255);
        if (padding < 1)
            out += char(v & 255);
    }
    return out;
}

}  // namespace nnlab
