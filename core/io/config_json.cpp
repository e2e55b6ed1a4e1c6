#include "core/io/config_json.h"

#include "core/train/config_fields.h"

#include <sstream>
#include <stdexcept>

namespace nnlab {

// Numbers and switches are JSON numbers and booleans, the rest strings: the file stays readable.
nlohmann::json trainConfigJson(const TrainConfig& config)
{
    nlohmann::json object = nlohmann::json::object();
    for (const ConfigField& field : configFields()) {
        const std::string text = field.get(config);
        switch (field.type) {
        case ConfigField::Type::Real: object[field.key] = std::stod(text); break;
        case ConfigField::Type::Integer: object[field.key] = std::stoull(text); break;
        case ConfigField::Type::Switch: object[field.key] = text == "true"; break;
        case ConfigField::Type::Name:
        case ConfigField::Type::Text: object[field.key] = text; break;
        }
    }
    return object;
}

namespace {

// A JSON value as the field's text, or a one-line complaint naming the key.
std::string fieldText(const ConfigField& field, const nlohmann::json& value, const JsonReader& reader)
{
    auto wrongType = [&](const char* expected) { reader.fail("\"" + field.key + "\" must be " + expected); };
    switch (field.type) {
    case ConfigField::Type::Real: {
        if (!value.is_number())
            wrongType("a number");
        std::ostringstream s;
        s.precision(17);   // every digit the file has: the float it was written from reads back exactly
        s << value.get<double>();
        return s.str();
    }
    case ConfigField::Type::Integer:
        if (value.is_number_unsigned())
            return std::to_string(value.get<std::uint64_t>());
        if (!value.is_number_integer())
            wrongType("a whole number");
        return std::to_string(value.get<long long>());
    case ConfigField::Type::Switch:
        if (!value.is_boolean())
            wrongType("true or false");
        return value.get<bool>() ? "true" : "false";
    case ConfigField::Type::Name:
    case ConfigField::Type::Text:
        if (!value.is_string())
            wrongType("a string");
        return value.get<std::string>();
    }
    return {};
}

}  // namespace

TrainConfig parseTrainConfig(const nlohmann::json& object, const JsonReader& reader)
{
    TrainConfig config;
    for (const ConfigField& field : configFields()) {
        const std::string text = fieldText(field, reader.member(object, field.key.c_str()), reader);
        try {
            field.set(config, text);
        } catch (const std::invalid_argument& e) {
            reader.fail("\"" + field.key + "\" " + e.what());
        }
    }
    try {
        validate(config);
    } catch (const std::invalid_argument& e) {
        reader.fail(std::string("the training configuration is not valid: ") + e.what());
    }
    return config;
}

}  // namespace nnlab
