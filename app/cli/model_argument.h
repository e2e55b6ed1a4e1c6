// model_argument.h — what nnlab-cli's --model and --ensemble name: a model file, or one of the
// models nnlab ships (resources/models/README.md) by name, e.g. `--model fc-784-100-10`. The
// built-in models are compiled into nnlab-cli (app/cli/embed_models.cmake), as into the app, so
// the names work wherever it runs. `evaluate` and `classify` resolve their models here.
#pragma once

#include "core/nn/network.h"

#include <string>

namespace nnlab::cli {

// A path that exists is read as a model file (core/io/model_file.h); otherwise a built-in
// model's name gives that model. Throws FileError "<argument>: <what is wrong>"; an argument that
// is neither says so and lists the names.
Network loadModelArgument(const std::string& argument);

// "fc-784-100-10, convnet-relu": for help texts and messages.
std::string builtInModelNames();

}  // namespace nnlab::cli
