// interrupt_summary.h — the last line of an interrupted `nnlab-cli train` (exit 130): where the
// signal found it, what was done, what was saved and checkpointed where, and how to go on.
#pragma once

#include "app/cli/train_printer.h"

#include <optional>
#include <string>
#include <vector>

namespace nnlab::cli {

struct InterruptedCommand {
    std::vector<RunResult> results;   // the runs begun, in order; the last may have been cut short
    int runs = 1;                     // planned (--best-of K, --ensemble K)
    int epochs = 0;                   // planned per run
    bool trained = false;             // any mini-batch run (or a checkpoint's progress restored)
    bool saveAsked = false;           // --save given
    std::vector<std::string> saved;   // the files --save wrote
    std::optional<std::string> checkpoint;   // --checkpoint (or --resume) FILE as given
    bool checkpointBehind = false;    // its last write failed
    std::string again;                // the flags --resume needs again: " --ensemble 3"
};

// "interrupted in run 2 of 3 with 1 of 3 epochs done; best test accuracy so far 91.23% (run 1,
// epoch 3); saved net-member1.json; checkpoints run-member*.ckpt: continue with: nnlab-cli train
// --resume run.ckpt --ensemble 3" — without the "nnlab-cli: " in front.
std::string interruptedLine(const InterruptedCommand& command);

}  // namespace nnlab::cli
