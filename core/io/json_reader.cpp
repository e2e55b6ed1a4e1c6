#include "core/io/json_reader.h"

#include <cmath>

namespace nnlab {

const nlohmann::json& JsonReader::member(const nlohmann::json& object, const char* key) const
{
    if (!object.is_object() || !object.contains(key))
        fail(std::string("the key \"") + key + "\" is missing");
    return object[key];
}

double JsonReader::number(const nlohmann::json& object, const char* key) const
{
    const nlohmann::json& value = member(object, key);
    if (!value.is_number() || !std::isfinite(value.get<double>()))
        fail(std::string("\"") + key + "\" must be a finite number");
    return value.get<double>();
}

long long JsonReader::integer(const nlohmann::json& object, const char* key, long long min, long long max) const
{
    const nlohmann::json& value = member(object, key);
    if (!value.is_number_integer() || value.get<long long>() < min || value.get<long long>() > max)
        fail(std::string("\"") + key + "\" must be a whole number from " + std::to_string(min) + " to " +
             std::to_string(max));
    return value.get<long long>();
}

std::string JsonReader::text(const nlohmann::json& object, const char* key) const
{
    const nlohmann::json& value = member(object, key);
    if (!value.is_string())
        fail(std::string("\"") + key + "\" must be text");
    return value.get<std::string>();
}

bool JsonReader::boolean(const nlohmann::json& object, const char* key) const
{
    const nlohmann::json& value = member(object, key);
    if (!value.is_boolean())
        fail(std::string("\"") + key + "\" must be true or false");
    return value.get<bool>();
}

const nlohmann::json& JsonReader::array(const nlohmann::json& object, const char* key) const
{
    const nlohmann::json& value = member(object, key);
    if (!value.is_array())
        fail(std::string("\"") + key + "\" must be a list");
    return value;
}

}  // namespace nnlab
