// config_fields.h — every field of a TrainConfig, described once.
//
// A configuration is written down in three places: a checkpoint's JSON (core/io/config_json.h),
// the Train view's saved settings (ui/train/train_settings.h) and nnlab-cli's flags
// (app/cli/config_flags.h). All three, validate() and the Train view's control ranges are made
// from this list, so a new field is one entry here (plus its control in the Train view).
//
// Each field reads and writes its value as text ("0.5", "30", "cross-entropy", "true",
// "784,30,10"): the form settings files and command lines already use; JSON stores numbers and
// switches as JSON numbers and booleans (see jsonType).
#pragma once

#include "core/train/training_config.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nnlab {

struct ConfigField {
    enum class Type {
        Real,      // a float: "0.5"
        Integer,   // a whole number: "30"
        Name,      // one of `names`: "cross-entropy"
        Text,      // free text with a syntax of its own (the architecture)
        Switch,    // "true" / "false"
    };

    std::string key;     // in JSON and settings: "mini_batch_size"
    std::string flag;    // on nnlab-cli's command line: "--batch" (empty: none)
    std::string label;   // in messages, in the book's notation: "mini-batch size m"
    std::string help;    // one line for --help
    Type type = Type::Real;
    double min = 0.0, max = 0.0;       // Real and Integer: the accepted range, both ends included
    std::vector<std::string> names;    // Name: the accepted names

    // The field's value in `config`, as text. Integers and names are exact; reals are the
    // shortest text that reads back as the same float.
    std::function<std::string(const TrainConfig&)> get;
    // Sets the field from text; throws std::invalid_argument saying what is wrong, without the
    // field's name ("must be a number from 0 to 1000000, not 'fast'"): callers prefix the flag,
    // key or label they showed.
    std::function<void(TrainConfig&, const std::string&)> set;

    // Whether `config`'s value is in range (Real, Integer; other types: always). Throws
    // std::invalid_argument "<label> must be from <min> to <max>" when it is not.
    void checkRange(const TrainConfig& config) const;
};

const std::vector<ConfigField>& configFields();
// The field with this key or flag; nullptr if none.
const ConfigField* configField(std::string_view keyOrFlag);

// A range end for messages and help: "0.999", "50000", "4294967295", "1e-09".
std::string formatLimit(double value);

}  // namespace nnlab
