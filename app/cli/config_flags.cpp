#include "app/cli/config_flags.h"

#include "app/cli/commands.h"

#include "core/train/config_fields.h"

namespace nnlab::cli {

namespace {

// What --help shows after the flag: "NUMBER", "N", "sigmoid|tanh|relu", "LAYERS".
std::string typeName(const ConfigField& field)
{
    switch (field.type) {
    case ConfigField::Type::Real: return "NUMBER";
    case ConfigField::Type::Integer: return "N";
    case ConfigField::Type::Text: return "LAYERS";
    case ConfigField::Type::Switch: return "";
    case ConfigField::Type::Name: break;
    }
    std::string names;
    for (const std::string& name : field.names)
        names += (names.empty() ? "" : "|") + name;
    return names;
}

// "must be a number from 1e-09 to 1000000, not 'fast'" when the field refuses the text.
CLI::Validator checkedBy(const ConfigField& field)
{
    return CLI::Validator(
        [&field](std::string& text) -> std::string {
            TrainConfig scratch;
            try {
                field.set(scratch, text);
            } catch (const std::invalid_argument& e) {
                return e.what();
            }
            return {};
        },
        "", field.key);
}

}  // namespace

void ConfigFlags::addTo(CLI::App& command, const TrainConfig& defaults, const std::set<std::string>& only)
{
    for (const ConfigField& field : configFields()) {
        if (field.flag.empty() || (!only.empty() && !only.count(field.flag)))
            continue;
        const std::string help = field.help + (field.type == ConfigField::Type::Real ||
                                                       field.type == ConfigField::Type::Integer
                                                   ? " [" + formatLimit(field.min) + ".." + formatLimit(field.max) + "]"
                                                   : std::string());
        if (field.type == ConfigField::Type::Switch) {
            m_options[field.flag] = command.add_flag(field.flag, m_switches[field.flag], help);
            continue;
        }
        m_options[field.flag] = command.add_option(field.flag, m_values[field.flag], help)
                                    ->type_name(typeName(field))
                                    ->default_str(field.get(defaults))
                                    ->check(checkedBy(field));
    }
}

bool ConfigFlags::given(const std::string& flag) const
{
    const auto it = m_options.find(flag);
    return it != m_options.end() && it->second->count() > 0;
}

std::vector<std::string> ConfigFlags::givenFlags() const
{
    std::vector<std::string> flags;
    for (const ConfigField& field : configFields())
        if (given(field.flag))
            flags.push_back(field.flag);
    return flags;
}

TrainConfig ConfigFlags::applyTo(TrainConfig config) const
{
    for (const ConfigField& field : configFields()) {
        if (!given(field.flag))
            continue;
        // Checked while parsing; a switch is "true" when given.
        field.set(config, field.type == ConfigField::Type::Switch ? "true" : m_values.at(field.flag));
    }
    try {
        validate(config);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return config;
}

}  // namespace nnlab::cli
