// presets.h — the book's experiments, each with the figure the book reports for it.
#pragma once

#include "core/train/training_config.h"

#include <optional>
#include <string>
#include <vector>

namespace nnlab {

struct Preset {
    std::string name;            // e.g. "ch1-784-30-10"
    int chapter = 0;
    std::string bookSection;     // the anchor of the section that runs it, in chapter's page (book_link.h)
    std::string title;           // one line: what the experiment shows
    TrainConfig config;
    std::optional<double> bookAccuracy;   // test accuracy the book reports (fraction)
    std::string bookNote;        // how the book states it, e.g. "95.42% at its peak (epoch 28)"
    int ensembleSize = 1;        // > 1: train that many networks and let them vote (chapter 6)
};

const std::vector<Preset>& presets();
const Preset* findPreset(const std::string& name);
// Where the book runs the preset's experiment: chapN.html#section.
std::string bookUrl(const Preset& preset);

}  // namespace nnlab
