// nnlab-cli — the engine without a window: train the book's networks, evaluate models,
// check gradients, and measure speed. The command line is CLI11's: every subcommand's options,
// ranges and --help come from one description each (config_flags.h for the training flags).
#include "app/cli/commands.h"

#include "core/train/config_fields.h"

#include <iostream>
#include <map>
#include <new>

namespace nnlab::cli {

void addDataFlag(CLI::App& command, DataFlags& flags)
{
    command.add_option("--data", flags.dir, "folder with the IDX files (default: see README, \"Data\")")
        ->type_name("DIR");
}

void addJsonFlag(CLI::App& command, bool& json, const std::string& what)
{
    command.add_flag("--json", json, what);
}

CLI::Option* inRange(CLI::Option* option, double min, double max)
{
    option->check(CLI::Range(min, max).description(""));
    return option->description(option->get_description() + " [" + formatLimit(min) + ".." + formatLimit(max) + "]");
}

}  // namespace nnlab::cli

int main(int argc, char** argv)
{
    using namespace nnlab::cli;
    CLI::App cli("nnlab-cli — the networks of Nielsen's \"Neural Networks and Deep Learning\" without a "
                 "window: train them, evaluate saved models, check gradients, measure speed.",
                 "nnlab-cli");
    cli.get_formatter()->label("Usage", "usage");
    cli.get_formatter()->column_width(34);
    cli.set_version_flag("--version", NNLAB_VERSION);
    cli.require_subcommand(1, 1);
    const std::map<std::string, CommandRunner> runners{
        {"presets", addPresetsCommand(cli)}, {"train", addTrainCommand(cli)},
        {"evaluate", addEvaluateCommand(cli)}, {"gradcheck", addGradcheckCommand(cli)},
        {"bench", addBenchCommand(cli)}, {"baselines", addBaselinesCommand(cli)},
        {"classify", addClassifyCommand(cli)}};
    // Unknown options are ours to name ("unknown option '--speed'"), not a list of leftovers.
    for (CLI::App* command : cli.get_subcommands({}))
        command->allow_extras();

    // One line: the mistake, and where the command's options are listed.
    auto usageError = [](const std::string& command, const std::string& what) {
        const std::string name = command.empty() ? "nnlab-cli" : "nnlab-cli " + command;
        std::cerr << name << ": " << what << " (see " << name << " --help)\n";
        return 2;
    };
    const std::string first = argc > 1 ? argv[1] : "";
    if (argc == 1) {   // the list of commands, and on stderr what went wrong (exit 2 says it too)
        std::cout << cli.help();
        std::cerr << "nnlab-cli: no command given: name one of those above\n";
        return 2;
    }
    if (first == "help") {
        std::cout << cli.help();
        return 0;
    }
    if (first[0] != '-' && !runners.count(first))
        return usageError("", "unknown command '" + first + "'");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return cli.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        const auto chosen = cli.get_subcommands();
        return usageError(chosen.empty() ? "" : chosen.front()->get_name(), e.what());
    }
    CLI::App* command = cli.get_subcommands().front();
    for (const std::string& extra : command->remaining())
        return usageError(command->get_name(), extra.rfind("-", 0) == 0 ? "unknown option '" + extra + "'"
                                                                        : "unexpected argument '" + extra + "'");
    // No exception ends the process unexplained: each is one line and exit status 1.
    try {
        return runners.at(command->get_name())();
    } catch (const UsageError& e) {
        return usageError(command->get_name(), e.what());
    } catch (const std::bad_alloc&) {
        // Past the memory estimate (memory_estimate.h), yet refused: other programs took the memory
        // meanwhile, or a limit the estimate doesn't read (ulimit -d) stopped it.
        std::cerr << "nnlab-cli: out of memory while running " << command->get_name()
                  << " (the system refused an allocation; a smaller network or mini-batch needs less)\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "nnlab-cli: " << e.what() << "\n";
        return 1;
    } catch (...) {
        std::cerr << "nnlab-cli: an unexpected error ended the command\n";
        return 1;
    }
}
