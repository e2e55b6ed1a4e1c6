// commands.h — nnlab-cli's subcommands. Each adds itself to the command line (its options, bound
// to settings of its own) and returns what runs it once the line is parsed, which returns the
// process's exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace nnlab::cli {

// A mistake in the command line found while running a command (a preset that doesn't exist,
// flags that don't combine): main() prints it in one line and exits 2, as CLI11's own errors.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using CommandRunner = std::function<int()>;

CommandRunner addPresetsCommand(CLI::App& cli);
CommandRunner addTrainCommand(CLI::App& cli);
CommandRunner addEvaluateCommand(CLI::App& cli);
CommandRunner addGradcheckCommand(CLI::App& cli);
CommandRunner addBenchCommand(CLI::App& cli);
CommandRunner addBaselinesCommand(CLI::App& cli);
CommandRunner addClassifyCommand(CLI::App& cli);

// --data DIR and --json, which several commands take.
struct DataFlags {
    std::string dir;   // empty: the core's search order (README, "Data")
    std::optional<std::filesystem::path> path() const
    {
        return dir.empty() ? std::nullopt : std::optional<std::filesystem::path>(dir);
    }
};
void addDataFlag(CLI::App& command, DataFlags& flags);
void addJsonFlag(CLI::App& command, bool& json, const std::string& what);
// Checks that the option's value is in [min, max], and says so in --help as the configuration
// flags do: "... [1..100]".
CLI::Option* inRange(CLI::Option* option, double min, double max);

}  // namespace nnlab::cli
