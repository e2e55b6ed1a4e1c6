#include "app/cli/train_checkpoints.h"

#include "app/cli/commands.h"

#include "core/io/config_json.h"
#include "core/train/config_fields.h"

namespace nnlab::cli {

std::filesystem::path memberPath(const std::filesystem::path& file, int k, int runs)
{
    if (runs == 1)
        return file;
    std::filesystem::path member = file;
    member.replace_filename(file.stem().string() + "-member" + std::to_string(k) + file.extension().string());
    return member;
}

Checkpoint resumeFrom(const std::string& file, const ConfigFlags& flags, bool presetGiven, int runs)
{
    if (presetGiven)
        throw UsageError("--resume continues the checkpoint's own configuration; drop --preset");
    // Not the throwing exists(): a path too long to look at is loadCheckpoint's to explain.
    auto exists = [](const std::filesystem::path& path) {
        std::error_code unreachable;
        return std::filesystem::exists(path, unreachable);
    };
    if (runs == 1 && !exists(file) && exists(memberPath(file, 1, 2)))
        throw UsageError(file + " was written by several runs (" + memberPath(file, 1, 2).string() +
                         ", ...): give their --ensemble K or --best-of K again");
    if (runs > 1 && !exists(memberPath(file, 1, runs)) && exists(file))
        throw UsageError(file + " was written by a single run, not by " + std::to_string(runs) +
                         " (no " + memberPath(file, 1, runs).string() + "): resume it without --ensemble or --best-of");
    Checkpoint checkpoint = loadCheckpoint(memberPath(file, 1, runs));
    // The run goes on as it was configured; changing η or the network halfway would not be a
    // continuation of it. (η, λ, μ changed live in the GUI are part of the checkpoint's state.)
    // Flags that repeat the checkpoint's own values are fine; only --epochs may change.
    const TrainConfig asGiven = flags.applyTo(checkpoint.config);
    for (const ConfigField& field : configFields()) {
        if (field.flag.empty() || field.flag == "--epochs" || !flags.given(field.flag))
            continue;
        const std::string was = field.get(checkpoint.config), now = field.get(asGiven);
        if (now != was)
            throw UsageError("--resume continues the checkpoint's own configuration: its " + field.flag + " is " +
                             was + ", not " + now + " (only --epochs can change)");
    }
    checkpoint.config = asGiven;   // --epochs, if given
    return checkpoint;
}

std::optional<Checkpoint> memberCheckpoint(const std::filesystem::path& path, const TrainConfig& config)
{
    if (!std::filesystem::exists(path))
        return std::nullopt;
    Checkpoint checkpoint = loadCheckpoint(path);
    checkpoint.config.epochs = config.epochs;   // --epochs may have extended the whole set
    if (trainConfigJson(checkpoint.config) != trainConfigJson(config))
        throw FileError(path.string() + ": belongs to another run (its configuration is not member 1's with seed " +
                        std::to_string(config.seed) + ")");
    return checkpoint;
}

}  // namespace nnlab::cli
