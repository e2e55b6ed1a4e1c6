// json_reader.h — reading nnlab's own JSON files (checkpoints, run configurations) where every
// complaint is one line naming the file: "<file>: <where>: <what is wrong>".
#pragma once

#include "core/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <string>

namespace nnlab {

class JsonReader {
public:
    explicit JsonReader(std::string fileName) : m_fileName(std::move(fileName)) {}

    [[noreturn]] void fail(const std::string& what) const { throw FileError(m_fileName + ": " + what); }

    const nlohmann::json& member(const nlohmann::json& object, const char* key) const;
    double number(const nlohmann::json& object, const char* key) const;   // finite
    long long integer(const nlohmann::json& object, const char* key, long long min, long long max) const;
    std::string text(const nlohmann::json& object, const char* key) const;
    bool boolean(const nlohmann::json& object, const char* key) const;
    const nlohmann::json& array(const nlohmann::json& object, const char* key) const;

private:
    std::string m_fileName;
};

}  // namespace nnlab
