#include "core/train/trainer.h"

#include "core/train/data_parallel_backprop.h"
#include "core/train/explosion.h"
#include "core/train/network_fit.h"

#include "core/util/allocator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace nnlab {

std::string stopReasonName(StopReason reason)
{
    switch (reason) {
    case StopReason::Completed: return "completed";
    case StopReason::Stopped: return "stopped";
    case StopReason::Diverged: return "diverged";
    case StopReason::EtaScheduleFinished: return "eta-schedule-finished";
    case StopReason::EarlyStopped: return "early-stopped";
    case StopReason::Failed: return "failed";
    }
    return "?";
}

namespace {

Network buildNetwork(const TrainConfig& config, std::mt19937_64& rng)
{
    validate(config);
    return makeNetwork(config.net, config.init, rng);
}

}  // namespace

Trainer::Trainer(const TrainConfig& config, const DataSplit& data)
    : m_config(config), m_data(data), m_rng(config.seed), m_network(buildNetwork(config, m_rng)),
      m_lastUsed(config.hyper), m_eta(config.hyper.eta), m_lambda(config.hyper.lambda),
      m_momentum(config.hyper.momentum)
{
    if (const std::string problem = trainingProblem(config, &data); !problem.empty())
        throw std::invalid_argument(problem);
    m_training = data.training.slice(0, config.trainingSize);
    for (const Parameter& p : m_network.parameters())
        if (p.isWeight)
            m_weightCount += static_cast<std::size_t>(p.size);
    m_initialWeightRms = weightRms();   // before restore(): a resumed run measures from the same start
    reuseLargeAllocations();
}

double Trainer::weightRms() const
{
    return m_weightCount ? std::sqrt(m_network.sumOfSquaredWeights() / double(m_weightCount)) : 0.0;
}

std::string Trainer::divergedMessage(const std::string& what) const
{
    return "diverged: " + what + "; " + explosionCause(m_config, m_eta.load());
}

std::string Trainer::weightsExplosion(int epoch, int batch) const
{
    const double rms = weightRms();
    if (!weightsExploded(rms, m_initialWeightRms))
        return {};
    std::ostringstream what;
    what << std::setprecision(4) << "the weights exploded in epoch " << epoch << " (mini-batch " << batch
         << "): their root-mean-square grew " << rms / m_initialWeightRms << "-fold, from " << m_initialWeightRms
         << " to " << rms;
    return divergedMessage(what.str());
}

std::string Trainer::costExplosion(const EpochReport& report) const
{
    const double dataCost = report.training.cost - regularisationTerm(m_network, regularisation());
    if (!costExploded(dataCost, m_config.net.cost, m_network.outputSize()))
        return {};
    const double guessing = guessingCost(m_config.net.cost, m_network.outputSize());
    std::ostringstream what;
    what << std::setprecision(4) << "the cost exploded in epoch " << report.epoch << ": " << dataCost
         << " per training example, " << dataCost / guessing << " times what guessing costs (" << guessing << ")";
    return divergedMessage(what.str());
}

Hyperparameters Trainer::hyperparameters() const
{
    return {m_eta.load(), m_lambda.load(), m_config.hyper.l1, m_momentum.load()};
}

Network Trainer::snapshot() const
{
    std::lock_guard lock(m_networkMutex);
    return m_network;
}

void Trainer::pause()
{
    std::lock_guard lock(m_pauseMutex);
    m_pauseRequested = true;
}

void Trainer::resume()
{
    {
        std::lock_guard lock(m_pauseMutex);
        m_pauseRequested = false;
        m_stepsAllowed = 0;
    }
    m_pauseChanged.notify_all();
}

void Trainer::step()
{
    {
        std::lock_guard lock(m_pauseMutex);
        m_pauseRequested = true;
        ++m_stepsAllowed;
        ++m_stepsRequested;
    }
    m_pauseChanged.notify_all();
}

void Trainer::stop()
{
    {
        std::lock_guard lock(m_pauseMutex);
        m_stopRequested = true;
    }
    m_pauseChanged.notify_all();
}

bool Trainer::waitWhilePaused(double* pausedSeconds)
{
    if (!m_pauseRequested.load())
        return !m_stopRequested.load();
    // A step asked for: this mini-batch runs, and the one after it waits.
    const auto takeStep = [this] {
        if (m_stepsAllowed == 0)
            return false;
        --m_stepsAllowed;
        return true;
    };
    {
        std::lock_guard lock(m_pauseMutex);
        if (takeStep())
            return !m_stopRequested.load();
    }
    const auto t0 = std::chrono::steady_clock::now();
    if (m_observer)
        m_observer->pausedChanged(true);
    {
        std::unique_lock lock(m_pauseMutex);
        m_pauseChanged.wait(lock, [this] {
            return !m_pauseRequested.load() || m_stopRequested.load() || m_stepsAllowed > 0;
        });
        if (m_pauseRequested.load())
            takeStep();
    }
    *pausedSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (m_observer)
        m_observer->pausedChanged(false);
    return !m_stopRequested.load();
}

void Trainer::recordGradientNorms(MiniBatchReport& report, int m, const std::vector<double>* squaredNorms)
{
    report.biasGradientNorms.clear();
    report.weightGradientNorms.clear();
    std::size_t index = 0;   // into squaredNorms, which follows m_network.parameters()
    for (int l = 0; l < m_network.layerCount(); ++l) {
        double b2 = 0.0, w2 = 0.0;
        for (const Parameter& p : m_network.layer(l).parameters()) {
            const double s = squaredNorms ? (*squaredNorms)[index++]
                                          : Eigen::Map<const Eigen::ArrayXf>(p.nabla, p.size).matrix().squaredNorm();
            (p.isWeight ? w2 : b2) += s;
        }
        // nabla is summed over the mini-batch; the gradient of the mean cost is nabla / m.
        report.biasGradientNorms.push_back(std::sqrt(b2) / m);
        report.weightGradientNorms.push_back(std::sqrt(w2) / m);
    }
}

Regularisation Trainer::regularisation() const
{
    const Hyperparameters h = hyperparameters();
    return {h.lambda, h.l1, m_config.trainingSize * m_config.expansion.variantsPerImage()};
}

EpochReport Trainer::evaluateEpoch(int epoch, double seconds, float eta) const
{
    const Regularisation reg = regularisation();
    EpochReport report;
    report.epoch = epoch;
    report.seconds = seconds;
    report.eta = eta;
    report.training = evaluate(m_network, m_training, reg);
    report.validation = evaluate(m_network, m_data.validation, reg);
    report.test = evaluate(m_network, m_data.test, reg);
    return report;
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

void Trainer::restore(const TrainingState& state)
{
    const int n = examplesPerEpoch();
    const int batchesPerEpoch = (n + m_config.miniBatchSize - 1) / m_config.miniBatchSize;
    std::vector<Parameter> parameters = m_network.parameters();
    checkStateFits(state, parameters, m_network.layerCount(), n, batchesPerEpoch);   // before anything changes
    {
        std::lock_guard lock(m_networkMutex);
        for (std::size_t i = 0; i < parameters.size(); ++i)
            Eigen::Map<Eigen::ArrayXf>(parameters[i].value, parameters[i].size) = state.parameters[i];
    }
    m_optimizer.velocities() = state.velocities;
    m_eta = state.hyper.eta;
    m_lambda = state.hyper.lambda;
    m_momentum = state.hyper.momentum;
    m_lastUsed = state.hyper;
    setRngFromText(m_rng, state.rng);
    m_progress = state;
    m_progress.parameters.clear();   // they live in the network now
    m_progress.velocities.clear();
}

void Trainer::writeCheckpoint(DataParallelBackprop* parallel)
{
    if (!m_checkpointWriter)
        return;
    TrainingState state = m_progress;
    for (const Parameter& p : m_network.parameters())
        state.parameters.push_back(Eigen::Map<const Eigen::ArrayXf>(p.value, p.size));
    state.velocities = m_optimizer.velocities();
    state.hyper = hyperparameters();
    state.rng = rngAsText(m_rng);
    if (parallel)
        state.replicaRng = rngAsText(parallel->replicaRng());
    m_checkpointWriter(state);
}

TrainSummary Trainer::run()
{
    using Clock = std::chrono::steady_clock;
    // With expanded data every image comes in several variants: n counts them all (it is the
    // n of the L2 term too, as network3.py's number of mini-batches counts the expanded set).
    const int variants = m_config.expansion.variantsPerImage();
    const int n = examplesPerEpoch();
    const int m = m_config.miniBatchSize;
    const int batchesPerEpoch = (n + m - 1) / m;   // as network.py: the last mini-batch may be smaller
    const float initialEta = m_config.hyper.eta;
    const int inputs = m_training.inputSize();
    const std::size_t layers = static_cast<std::size_t>(m_network.layerCount());

    TrainingState& s = m_progress;   // a fresh run's, or the one restore() took
    if (s.order.empty()) {
        s.order.resize(static_cast<std::size_t>(n));
        std::iota(s.order.begin(), s.order.end(), 0);
    }
    Eigen::MatrixXf x, y;
    std::vector<int> labels;
    MiniBatchReport batchReport;
    batchReport.batchesPerEpoch = batchesPerEpoch;

    // Convnets split each mini-batch between both cores; dense nets' steps are too small to.
    std::unique_ptr<DataParallelBackprop> parallel;
    if (m_config.threads != 1 && DataParallelBackprop::worthwhile(m_network, m)) {
        parallel = std::make_unique<DataParallelBackprop>(m_network, m_config.seed);
        if (!s.replicaRng.empty())
            setRngFromText(parallel->replicaRng(), s.replicaRng);
    }

    float scheduledEta = -1.0f;   // η as the schedule last halved it, until a mini-batch uses it

    TrainSummary& summary = s.summary;
    auto finish = [&](StopReason reason, std::string message) {
        summary.reason = reason;
        summary.message = std::move(message);
        if (m_observer)
            m_observer->trainingFinished(summary);
        return summary;
    };

    while (s.epoch <= m_config.epochs) {
        const int epoch = s.epoch;
        const Network epochStart = m_network;   // the last good weights, should an update overflow
        const auto t0 = Clock::now();
        double pausedSeconds = 0.0;   // since t0: not training time
        if (s.batchesDone == 0) {   // a new epoch (a resumed half-done one keeps its order and sums)
            std::shuffle(s.order.begin(), s.order.end(), m_rng);
            s.epochSeconds = 0.0;
            s.epochBiasNormSums.assign(layers, 0.0);
            s.epochWeightNormSums.assign(layers, 0.0);
        }
        float eta = m_eta.load();
        for (; s.batchesDone < batchesPerEpoch; ++s.batchesDone) {
            const int batch = s.batchesDone;
            if (!waitWhilePaused(&pausedSeconds)) {
                s.epochSeconds += secondsSince(t0) - pausedSeconds;
                writeCheckpoint(parallel.get());
                return finish(StopReason::Stopped, "stopped by request during epoch " + std::to_string(epoch));
            }
            const int first = batch * m;
            const int count = std::min(m, n - first);
            x.resize(inputs, count);
            labels.resize(count);
            for (int j = 0; j < count; ++j) {
                const int image = s.order[first + j] / variants, variant = s.order[first + j] % variants;
                if (variant == 0)
                    x.col(j) = m_training.images.col(image);
                else
                    expandedImage(m_training, image, variant, m_config.expansion, x.col(j).data());
                labels[j] = m_training.labels[image];
            }
            oneHot(labels, m_network.outputSize(), y);

            double cost;
            {
                // snapshot() copies the whole network from another thread, with the buffers that
                // backprop writes (z, a, ∇): ThreadSanitizer caught it copying them mid-forward.
                std::lock_guard lock(m_networkMutex);
                cost = parallel ? parallel->backprop(x, y, m_rng) : m_network.backprop(x, y, m_rng);
            }
            recordGradientNorms(batchReport, count, parallel ? &parallel->nablaSquaredNorms() : nullptr);
            const bool finite = std::isfinite(cost) &&
                std::all_of(batchReport.weightGradientNorms.begin(), batchReport.weightGradientNorms.end(),
                            [](double g) { return std::isfinite(g); });
            if (!finite) {
                // The update is not applied, so the network keeps the last good weights.
                std::ostringstream what;
                what << (std::isfinite(cost) ? "the gradient" : "the cost") << " overflowed in epoch " << epoch
                     << ", mini-batch " << batch + 1 << " (the weights before it are kept)";
                return finish(StopReason::Diverged, divergedMessage(what.str()));
            }
            const Hyperparameters h = hyperparameters();
            eta = h.eta;
            batchReport.changes = changesBetween(m_lastUsed, h, epoch, batch + 1, batchesPerEpoch);
            for (HyperparameterChange& change : batchReport.changes)
                change.bySchedule = change.parameter == LiveHyperparameter::Eta && change.to == scheduledEta;
            m_lastUsed = h;
            {
                std::lock_guard lock(m_networkMutex);
                if (parallel)
                    parallel->step(m_optimizer, count, n, h);
                else
                    m_optimizer.step(m_network.parameters(), count, n, h);
            }
            for (std::size_t l = 0; l < layers; ++l) {
                s.epochBiasNormSums[l] += batchReport.biasGradientNorms[l];
                s.epochWeightNormSums[l] += batchReport.weightGradientNorms[l];
            }
            if (m_observer) {
                batchReport.epoch = epoch;
                batchReport.batch = batch + 1;
                batchReport.cost = cost / count;
                batchReport.eta = h.eta;
                m_observer->miniBatchFinished(batchReport);
            }
            if ((batch + 1) % kWeightCheckInterval == 0)
                if (std::string exploded = weightsExplosion(epoch, batch + 1); !exploded.empty())
                    return finish(StopReason::Diverged, std::move(exploded));
        }
        const double seconds = s.epochSeconds + secondsSince(t0) - pausedSeconds;
        if (!m_network.allFinite()) {
            {
                std::lock_guard lock(m_networkMutex);
                m_network = epochStart;
            }
            return finish(StopReason::Diverged,
                          divergedMessage("a weight overflowed in epoch " + std::to_string(epoch) +
                                          " (the weights from the start of that epoch are kept)"));
        }

        EpochReport report = evaluateEpoch(epoch, seconds, eta);
        for (std::size_t l = 0; l < layers; ++l) {
            report.biasGradientNorms.push_back(s.epochBiasNormSums[l] / batchesPerEpoch);
            report.weightGradientNorms.push_back(s.epochWeightNormSums[l] / batchesPerEpoch);
        }
        summary.epochs = epoch;
        summary.trainingSeconds += seconds;
        summary.finalTestAccuracy = report.test.accuracy;
        if (report.test.accuracy > summary.bestTestAccuracy) {
            summary.bestTestAccuracy = report.test.accuracy;
            summary.bestTestEpoch = epoch;
        }
        if (report.validation.accuracy > summary.bestValidationAccuracy) {
            summary.bestValidationAccuracy = report.validation.accuracy;
            summary.bestValidationEpoch = epoch;
            summary.testAccuracyAtBestValidation = report.test.accuracy;
            s.epochsSinceBest = s.epochsSinceBestOrHalving = 0;
        } else {
            ++s.epochsSinceBest;
            ++s.epochsSinceBestOrHalving;
        }
        s.history.push_back(report);
        if (m_observer)
            m_observer->epochFinished(report);

        bool etaScheduleFinished = false;
        if (m_config.etaHalvingPatience > 0 && s.epochsSinceBestOrHalving >= m_config.etaHalvingPatience) {
            const float halved = m_eta.load() / 2.0f;
            s.epochsSinceBestOrHalving = 0;
            if (halved < initialEta / 128.0f * 1.0001f)
                etaScheduleFinished = true;
            else
                m_eta.store(scheduledEta = halved);
        }
        s.epoch = epoch + 1;
        s.batchesDone = 0;
        writeCheckpoint(parallel.get());

        std::string exploded = costExplosion(report);
        if (exploded.empty())
            exploded = weightsExplosion(epoch, batchesPerEpoch);
        if (!exploded.empty())
            return finish(StopReason::Diverged, std::move(exploded));
        if (etaScheduleFinished)
            return finish(StopReason::EtaScheduleFinished,
                          "η fell to η/128 after " + std::to_string(epoch) + " epochs (learning-rate schedule)");
        if (m_config.earlyStoppingPatience > 0 && s.epochsSinceBest >= m_config.earlyStoppingPatience)
            return finish(StopReason::EarlyStopped,
                          "early stopping: no validation improvement in " +
                              std::to_string(m_config.earlyStoppingPatience) + " epochs");
        if (m_stopRequested.load())
            return finish(StopReason::Stopped, "stopped by request after epoch " + std::to_string(epoch));
    }
    return finish(StopReason::Completed, "completed " + std::to_string(summary.epochs) + " epochs");
}

}  // namespace nnlab
