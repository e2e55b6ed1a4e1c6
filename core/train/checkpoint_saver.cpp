#include "core/train/checkpoint_saver.h"

#include "core/io/checkpoint_file.h"

namespace nnlab {

CheckpointSaver::CheckpointSaver(std::filesystem::path path, const TrainConfig& config, ErrorReporter reportError)
    : m_path(std::move(path)), m_config(config), m_reportError(std::move(reportError))
{
}

void CheckpointSaver::attach(Trainer& trainer)
{
    trainer.setCheckpointWriter([this](const TrainingState& state) {
        m_last = state;
        m_haveState = true;
        save(false);
    });
}

void CheckpointSaver::runEnded(Ending ending)
{
    if (m_haveState && ending == Ending::ForGood)
        save(true);
}

CheckpointSaver::Ending CheckpointSaver::endingOf(const TrainSummary& summary)
{
    return summary.reason == StopReason::Stopped ? Ending::Interrupted : Ending::ForGood;
}

void CheckpointSaver::save(bool finished)
{
    try {
        saveCheckpoint(m_path, {m_config, m_last, finished});
        m_lastWriteFailed = false;
    } catch (const FileError& e) {
        m_lastWriteFailed = true;
        if (m_reportError)
            m_reportError(std::string("checkpoint not written (training goes on): ") + e.what());
    }
}

}  // namespace nnlab
