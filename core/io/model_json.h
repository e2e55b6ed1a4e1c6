// model_json.h — what both model file formats share: the JSON type and a reader whose every
// complaint is one line naming the file.
#pragma once

#include "core/io/atomic_file.h"
#include "core/nn/activation.h"
#include "core/nn/cost.h"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <string>

namespace nnlab {

// Parameters are float32: keeping them float in the JSON tree prints each with the shortest
// text that reads back exactly (e.g. 0.1 rather than 0.10000000149011612), halving file size.
using ModelJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t, float>;

// Networks larger than this are refused before anything is allocated for them.
constexpr long long kMaxModelParameters = 50'000'000;
// So are networks in which one example needs more values than this in any layer (its input,
// its output, a convolution's patch matrix): a few numbers in a file could otherwise ask
// for terabytes the first time the network runs.
constexpr long long kMaxLayerValues = 50'000'000;

class ModelReader {
public:
    explicit ModelReader(std::string fileName) : m_fileName(std::move(fileName)) {}

    [[noreturn]] void fail(const std::string& what) const { throw FileError(m_fileName + ": " + what); }

    const ModelJson& member(const ModelJson& object, const char* key, const std::string& where) const;
    float number(const ModelJson& value, const std::string& where) const;          // finite float
    int integer(const ModelJson& value, int min, int max, const std::string& where) const;
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
