// model_json.h — what both model file formats share: the JSON type and a reader whose every
// complaint is one line naming the file.
#pragma once

#include "core/io/atomic_file.h"
#include "core/nn/activation.h"
#include "core/nn/cost.h"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace nnlab {

// Parameters are float32: keeping them float in the JSON tree prints each with the shortest
// text that reads back exactly (e.g. 0.1 rather than 0.10000000149011612), halving file size.
using ModelJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t, float>;

class ModelReader {
public:
    explicit ModelReader(std::string fileName) : m_fileName(std::move(fileName)) {}

    [[noreturn]] void fail(const std::string& what) const { throw FileError(m_fileName + ": " + what); }

    const ModelJson& member(const ModelJson& object, const char* key, const std::string& where) const;
    float number(const ModelJson& value, const std::string& where) const;          // finite float
    // The same, naming the value (where()) only when it is refused: a file of 25 M weights
    // would otherwise build 25 M names (a third of its loading time).
    template <typename Where>
    float fastNumber(const ModelJson& value, const Where& where) const
    {
        if (value.is_number_float()) {
            const float x = value.get<float>();
            if (std::isfinite(x))
                return x;
        }
        return number(value, where());
    }
    int integer(const ModelJson& value, int min, int max, const std::string& where) const;
    // Any whole number: a layer's size, which network_limits.h judges in the words --net gets.
    long long wholeNumber(const ModelJson& value, const std::string& where) const;
    Activation activation(const ModelJson& value, const std::string& where) const;
    Cost cost(const ModelJson& value, const std::string& where) const;
    // Fails unless `value` is a list of exactly `count` entries: checked before allocating for
    // them, so memory stays bounded by what the file really holds.
    void requireList(const ModelJson& value, long long count, const std::string& what) const;
    // A flat list of exactly `count` finite numbers.
    void floats(const ModelJson& value, Eigen::Index count, float* out, const std::string& where) const;

private:
    std::string m_fileName;
};

}  // namespace nnlab
