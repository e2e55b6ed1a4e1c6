// enum_names_check.h — checks an enum's name and parse functions (core/util/enum_names.h)
// against the names a test writes out by hand, one per enumerator in declaration order.
#pragma once

#include <QtTest>

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// Every enumerator is named as expected and its name parses back to it; the value after the
// last has no name (so `expected` lists them all); near misses don't parse.
template <typename Enum>
void checkEnumNames(std::string (*name)(Enum), std::optional<Enum> (*parse)(const std::string&),
                    const std::vector<std::pair<Enum, std::string>>& expected)
{
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& [value, text] = expected[i];
        QCOMPARE(int(value), int(i));
        QCOMPARE(name(value), text);
        QCOMPARE(parse(text), std::optional(value));
        QVERIFY(!parse(text + " "));
        std::string capitalised = text;
        capitalised[0] = char(std::toupper(capitalised[0]));
        QVERIFY(!parse(capitalised));
    }
    QCOMPARE(name(Enum(expected.size())), std::string("?"));
    QVERIFY(!parse(""));
    QVERIFY(!parse("?"));
}
