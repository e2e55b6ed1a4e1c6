// checkpoint_saver.h — keeps one training run's checkpoint file, for nnlab-cli and the GUI alike.
//
// The policy, in one place:
// - The file is written (atomically: the previous one stays whole until the new one is complete)
//   after every epoch, and when the run is stopped, at the mini-batch where it stopped.
// - When run() has returned, the caller says how the run ended:
//     ForGood: it completed its epochs, stopped early, finished its η schedule, diverged (the file
//       keeps the last good epoch's state), or its user stopped it on purpose (the GUI's Stop).
//       The file is marked finished: there is nothing to offer for resuming.
//     Interrupted: Ctrl-C or SIGTERM in the CLI, the window closing in the GUI. The file stays
//       unfinished, and `nnlab-cli train --resume` or the Train view's resume banner goes on from
//       where it stopped. (A crash or SIGKILL never gets here: the last file written stays
//       unfinished too.)
// - A checkpoint that can't be written (disk full, folder gone) doesn't stop training: one line
//   goes to `reportError`, and the next epoch tries again. lastWriteFailed() says whether the
//   file on disk is behind the run (the CLI then doesn't exit 0).
#pragma once

#include "core/train/trainer.h"

#include <filesystem>
#include <functional>
#include <string>

namespace nnlab {

class CheckpointSaver {
public:
    enum class Ending { ForGood, Interrupted };
    using ErrorReporter = std::function<void(const std::string& line)>;

    CheckpointSaver(std::filesystem::path path, const TrainConfig& config, ErrorReporter reportError);

    // Called on the thread that will call trainer.run(): writes from there on.
    void attach(Trainer& trainer);
    void runEnded(Ending ending);
    bool lastWriteFailed() const { return m_lastWriteFailed; }

    // The CLI's reading of a summary: its runs stop early only on Ctrl-C or SIGTERM.
    static Ending endingOf(const TrainSummary& summary);

private:
    void save(bool finished);

    std::filesystem::path m_path;
    TrainConfig m_config;
    ErrorReporter m_reportError;
    TrainingState m_last;
    bool m_haveState = false;
    bool m_lastWriteFailed = false;
};

}  // namespace nnlab
