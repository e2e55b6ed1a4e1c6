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
    // A path that can't be looked at (too long, a file where a folder should be, …) or one with a
    // folder in it is no built-in name either: loadModel says what is wrong with it.
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(argument, error));
    const bool unreachable = error && error != std::errc::no_such_file_or_directory;
    if (exists || unreachable || argument.find('/') != std::string::npos)
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
