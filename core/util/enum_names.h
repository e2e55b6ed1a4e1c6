// enum_names.h — an enum's names, written once as a table, and the two ways through it.
//
// The enums that people name in text (--cost cross-entropy, "init": "scaled" in a config file)
// each keep one table of {value, name} pairs beside their name and parse functions, which both
// read it: a name can't be written one way and read another. A value may have further names
// after its first (aliases): parsing accepts every one, naming gives the first.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nnlab {

template <typename Enum>
struct EnumName {
    Enum value;
    std::string_view name;
};

// The first name of `value` in `table`; "?" for a value it lacks (only a cast makes one).
template <typename Enum, std::size_t N>
std::string enumName(const EnumName<Enum> (&table)[N], Enum value)
{
    for (const EnumName<Enum>& entry : table)
        if (entry.value == value)
            return std::string(entry.name);
    return "?";
}

// The value named `name` in `table` (exactly as written there), or nullopt.
template <typename Enum, std::size_t N>
std::optional<Enum> parseEnum(const EnumName<Enum> (&table)[N], std::string_view name)
{
    for (const EnumName<Enum>& entry : table)
        if (entry.name == name)
            return entry.value;
    return std::nullopt;
}

}  // namespace nnlab
