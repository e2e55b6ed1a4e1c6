#include "app/cli/model_argument.h"

#include "app/cli/builtin_models.h"

#include "core/io/atomic_file.h"
#include "core/io/model_file.h"

#include <filesystem>

namespace nnlab::cli {

Network loadModelArgument(const std::string& argument)
{
    std::error_code error;
    // symlink_status: a dangling link is a file the user named, whose error loadModel gives.
    if (std::filesystem::exists(std::filesystem::symlink_status(argument, error)))
        return loadModel(argument);
    for (const BuiltInModel& model : builtInModels())
        if (model.name == argument)
            return parseModel(std::string(model.json), "built-in model " + argument);
    throw FileError(argument + ": file not found, and not a built-in model (" + builtInModelNames() + ")");
}

std::string builtInModelNames()
{
    std::string names;
    for (const BuiltInModel& model : builtInModels())
        names += (names.empty() ? "" : ", ") + std::string(model.name);
    return names;
}

}  // namespace nnlab::cli
