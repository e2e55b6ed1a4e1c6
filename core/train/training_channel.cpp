#include "core/train/training_channel.h"

#include <algorithm>
#include <cmath>

namespace nnlab {

TrainingChannel::TrainingChannel(int epochs) : m_epochs(std::max(1, epochs)) {}

TrainingChannel::Drained TrainingChannel::drain()
{
    Drained out;
    // The GUI never waits for the trainer: should the trainer hold the buffer (for a push_back)
    // just now, possibly descheduled on a busy machine, the next tick takes it.
    std::unique_lock lock(m_bufferMutex, std::try_to_lock);
    if (!lock.owns_lock())
        return out;
    out.samples.swap(m_buffer);
    if (m_progressChanged)
        out.progress = m_progress;
    m_progressChanged = false;
    return out;
}

void TrainingChannel::pause()
{
    std::lock_guard lock(m_controlMutex);
    m_pause = true;
    if (m_trainer)
        m_trainer->pause();
}

void TrainingChannel::resume()
{
    std::lock_guard lock(m_controlMutex);
    m_pause = false;
    if (m_trainer)
        m_trainer->resume();
}

void TrainingChannel::stop()
{
    std::lock_guard lock(m_controlMutex);
    m_stop = true;
    if (m_trainer)
        m_trainer->stop();
}

void TrainingChannel::step()
{
    std::lock_guard lock(m_controlMutex);
    if (m_trainer) {
        m_trainer->step();
    } else {
        m_pause = true;
        ++m_steps;
    }
}

void TrainingChannel::setEta(float eta)
{
    std::lock_guard lock(m_controlMutex);
    m_eta = eta;
    if (m_trainer)
        m_trainer->setEta(eta);
}

void TrainingChannel::setLambda(float lambda)
{
    std::lock_guard lock(m_controlMutex);
    m_lambda = lambda;
    if (m_trainer)
        m_trainer->setLambda(lambda);
}

void TrainingChannel::setMomentum(float momentum)
{
    std::lock_guard lock(m_controlMutex);
    m_momentum = momentum;
    if (m_trainer)
        m_trainer->setMomentum(momentum);
}

void TrainingChannel::attach(Trainer* trainer)
{
    std::lock_guard lock(m_controlMutex);
    m_trainer = trainer;
    if (m_eta)
        trainer->setEta(*m_eta);
    if (m_lambda)
        trainer->setLambda(*m_lambda);
    if (m_momentum)
        trainer->setMomentum(*m_momentum);
    if (m_pause)
        trainer->pause();
    for (; m_steps > 0; --m_steps)
        trainer->step();
    if (m_stop)
        trainer->stop();
}

std::shared_ptr<const Network> TrainingChannel::snapshot()
{
    std::lock_guard lock(m_controlMutex);   // detach() waits for the copy to finish
    if (!m_trainer)
        return nullptr;
    return std::make_shared<const Network>(m_trainer->snapshot());
}

void TrainingChannel::detach()
{
    std::lock_guard lock(m_controlMutex);
    m_trainer = nullptr;
}

void TrainingChannel::miniBatchFinished(const MiniBatchReport& r)
{
    if (m_blockSize == 0) {
        const int pointsPerEpoch = std::clamp(3000 / m_epochs, 4, 100);
        m_blockSize = std::max(1, r.batchesPerEpoch / pointsPerEpoch);
    }
    if (m_gradientSums.size() != r.biasGradientNorms.size())
        m_gradientSums.assign(r.biasGradientNorms.size(), 0.0);
    m_costSum += r.cost;
    for (std::size_t l = 0; l < r.biasGradientNorms.size(); ++l)
        m_gradientSums[l] += r.biasGradientNorms[l];
    m_blockChanges.insert(m_blockChanges.end(), r.changes.begin(), r.changes.end());
    ++m_blockCount;
    m_lastBatch = {r.epoch, r.batch, r.batchesPerEpoch, r.eta};
    // A block never spans two epochs, so each epoch's points end at its last mini-batch.
    if (m_blockCount == m_blockSize || r.batch == r.batchesPerEpoch)
        flushBlock();
}

void TrainingChannel::trainingFinished(const TrainSummary&)
{
    if (m_blockCount > 0)
        flushBlock();
}

void TrainingChannel::flushBlock()
{
    const TrainingProgress& last = m_lastBatch;
    MiniBatchSample sample;
    sample.epochPosition = (last.epoch - 1) + double(last.batch) / last.batchesPerEpoch;
    sample.cost = m_costSum / m_blockCount;
    sample.eta = last.eta;
    sample.batches = m_blockCount;
    sample.changes.swap(m_blockChanges);
    sample.biasGradientNorms.resize(m_gradientSums.size());
    for (std::size_t l = 0; l < m_gradientSums.size(); ++l)
        sample.biasGradientNorms[l] = m_gradientSums[l] / m_blockCount;
    m_costSum = 0.0;
    std::fill(m_gradientSums.begin(), m_gradientSums.end(), 0.0);
    m_blockCount = 0;

    std::lock_guard lock(m_bufferMutex);
    m_buffer.push_back(std::move(sample));
    m_progress = last;
    m_progressChanged = true;
}

void TrainingChannel::epochFinished(const EpochReport& report)
{
    if (onEpoch)
        onEpoch(report);
}

void TrainingChannel::pausedChanged(bool paused)
{
    // Paused: the progress shown is where the trainer waits (a step moves it by its one
    // mini-batch), while the block being summed stays whole, so the plotted means keep their size.
    if (paused && m_blockCount > 0) {
        std::lock_guard lock(m_bufferMutex);
        m_progress = m_lastBatch;
        m_progressChanged = true;
    }
    int steps = 0;
    {
        std::lock_guard lock(m_controlMutex);
        if (m_trainer)
            steps = m_trainer->stepsRequested();
    }
    if (onPaused)
        onPaused(paused, steps);
}

}  // namespace nnlab
