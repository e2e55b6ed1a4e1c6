// nnlab-cli presets — list the book's experiments.
#include "app/cli/commands.h"

#include "core/train/presets.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

int listPresets(bool json)
{
    for (const Preset& p : presets()) {
        if (json) {
            nlohmann::ordered_json line{{"name", p.name}, {"chapter", p.chapter}, {"title", p.title},
                                        {"config", describe(p.config)}};
            line["book_accuracy"] = p.bookAccuracy ? nlohmann::ordered_json(*p.bookAccuracy) : nullptr;
            line["book_note"] = p.bookNote;
            std::cout << line.dump() << "\n";
        } else {
            std::printf("%-24s ch%d  book: %-38s\n    %s\n    %s\n", p.name.c_str(), p.chapter,
                        p.bookNote.c_str(), p.title.c_str(), describe(p.config).c_str());
        }
    }
    return 0;
}

}  // namespace

CommandRunner addPresetsCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand("presets", "the book's experiments and the figures it reports");
    auto json = std::make_shared<bool>(false);
    addJsonFlag(*command, *json, "one JSON object per preset");
    return [json] { return listPresets(*json); };
}

}  // namespace nnlab::cli
