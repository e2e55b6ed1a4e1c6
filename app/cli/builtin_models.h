// builtin_models.h — the model files of resources/models, as text compiled into nnlab-cli. The
// definition is generated at build time by app/cli/embed_models.cmake.
#pragma once

#include <span>
#include <string_view>

namespace nnlab::cli {

struct BuiltInModel {
    std::string_view name;   // the file's name without ".json": "fc-784-100-10"
    std::string_view json;   // its contents
};

std::span<const BuiltInModel> builtInModels();

}  // namespace nnlab::cli
