#include "core/io/model_json.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace nnlab {

const ModelJson& ModelReader::member(const ModelJson& object, const char* key, const std::string& where) const
{
    if (!object.is_object() || !object.contains(key))
        fail(where + ": the key \"" + key + "\" is missing");
    return object[key];
}

float ModelReader::number(const ModelJson& value, const std::string& where) const
{
    if (!value.is_number())
        fail(where + " is not a number");
    const float x = value.get<float>();
    if (!std::isfinite(x))
        fail(where + " is not finite (NaN, infinite, or too large for float32)");
    return x;
}

int ModelReader::integer(const ModelJson& value, int min, int max, const std::string& where) const
{
    if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max)
        fail(where + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return value.get<int>();
}

long long ModelReader::wholeNumber(const ModelJson& value, const std::string& where) const
{
    if (value.is_number_unsigned())   // beyond a long long is as good as infinite here
        return static_cast<long long>(std::min<std::uint64_t>(value.get<std::uint64_t>(), LLONG_MAX));
    if (!value.is_number_integer())
        fail(where + " must be a whole number");
    return value.get<long long>();
}

Activation ModelReader::activation(const ModelJson& value, const std::string& where) const
{
    if (value.is_string())
        if (auto f = parseActivation(value.get<std::string>()))
            return *f;
    fail("unknown " + where + " (expected sigmoid, tanh, relu or softmax)");
}

Cost ModelReader::cost(const ModelJson& value, const std::string& where) const
{
    if (value.is_string())
        if (auto c = parseCost(value.get<std::string>()))
            return *c;
    fail("unknown " + where + " (expected quadratic, cross-entropy or log-likelihood)");
}

void ModelReader::requireList(const ModelJson& value, long long count, const std::string& what) const
{
    if (!value.is_array() || static_cast<long long>(value.size()) != count)
        fail(what + " must be a list of " + std::to_string(count) + " numbers");
}

void ModelReader::floats(const ModelJson& value, Eigen::Index count, float* out, const std::string& where) const
{
    requireList(value, count, where);
    for (Eigen::Index i = 0; i < count; ++i)
        out[i] = fastNumber(value[std::size_t(i)], [&] { return where + " [" + std::to_string(i) + "]"; });
}

}  // namespace nnlab
