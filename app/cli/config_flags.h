// config_flags.h — the training configuration's flags on a command (--net, --eta, --batch, ...),
// one per field of config_fields.h: each is checked by its field as the command line is parsed,
// so "--eta fast" is refused with the field's own words before anything runs.
#pragma once

#include "core/train/training_config.h"

#include <CLI/CLI.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace nnlab::cli {

class ConfigFlags {
public:
    // Adds the flags of every field, or of those named in `only`; --help shows `defaults`' values.
    void addTo(CLI::App& command, const TrainConfig& defaults = {}, const std::set<std::string>& only = {});

    bool given(const std::string& flag) const;
    std::vector<std::string> givenFlags() const;   // in the order of config_fields.h
    // `base` with every flag given applied over it; UsageError when the result doesn't validate.
    TrainConfig applyTo(TrainConfig base) const;

private:
    std::map<std::string, std::string> m_values;   // flag → its text as given
    std::map<std::string, bool> m_switches;        // switch flag → given
    std::map<std::string, CLI::Option*> m_options;
};

}  // namespace nnlab::cli
