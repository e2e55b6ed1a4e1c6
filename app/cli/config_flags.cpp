#include "app/cli/config_flags.h"

#include "core/train/config_fields.h"

namespace nnlab::cli {

const std::set<std::string>& configFlags()
{
    static const std::set<std::string> flags = [] {
        std::set<std::string> valueFlags;
        for (const ConfigField& field : configFields())
            if (!field.flag.empty() && field.type != ConfigField::Type::Switch)
                valueFlags.insert(field.flag);
        return valueFlags;
    }();
    return flags;
}

namespace {

// The field's value from its flag, if given: "--eta must be a number from ..., not 'fast'".
void applyFlag(const Args& args, const ConfigField& field, TrainConfig& config)
{
    if (!args.has(field.flag))
        return;
    try {
        field.set(config, field.type == ConfigField::Type::Switch ? "true" : *args.text(field.flag));
    } catch (const std::invalid_argument& e) {
        throw UsageError(field.flag + " " + e.what());
    }
}

}  // namespace

DatasetKind datasetFlag(const Args& args)
{
    TrainConfig config;
    applyFlag(args, *configField("--dataset"), config);
    return config.dataset;
}

std::optional<std::filesystem::path> dataDirFlag(const Args& args)
{
    if (const auto dir = args.text("--data"))
        return std::filesystem::path(*dir);
    return std::nullopt;
}

TrainConfig applyConfigFlags(const Args& args, TrainConfig c)
{
    for (const ConfigField& field : configFields())
        if (!field.flag.empty())
            applyFlag(args, field, c);
    try {
        validate(c);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    return c;
}

}  // namespace nnlab::cli
