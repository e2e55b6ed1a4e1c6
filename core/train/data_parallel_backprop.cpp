#include "train/data_parallel_backprop.h"

#include "nn/conv_layer.h"

#include <algorithm>
#include <cstring>

namespace nnlab {

namespace {

// Core c's half of an array of `size` values.
std::pair<Eigen::Index, Eigen::Index> half(Eigen::Index size, int core)
{
    const Eigen::Index middle = size / 2;
    return core == 0 ? std::pair{Eigen::Index(0), middle} : std::pair{middle, size};
}

// Passes over parameter arrays go in blocks small enough to stay in the first-level cache
// between the two things done to each (add then square; update then copy).
constexpr Eigen::Index kBlock = 4096;

// Handing a pass to the helper costs a thread wake-up (tens of µs): worth it for the 1.7
// million parameters of the chapter 6 dropout net, not for the 86,000 of its ReLU net (which
// measured 11% slower per epoch with every pass split).
constexpr Eigen::Index kSplitPassesFrom = 250000;

}  // namespace

DataParallelBackprop::DataParallelBackprop(Network& net, std::uint64_t seed)
    : m_net(net), m_replica(net), m_replicaRng(seed ^ 0x9e3779b97f4a7c15ULL), m_worker([this] { work(); })
{
    Eigen::Index parameters = 0;
    for (const Parameter& p : m_net.parameters())
        parameters += p.size;
    m_splitParameterPasses = parameters >= kSplitPassesFrom;
}

DataParallelBackprop::~DataParallelBackprop()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_worker.join();
}

bool DataParallelBackprop::worthwhile(const Network& net, int miniBatchSize)
{
    if (miniBatchSize < 2)
        return false;
    for (int l = 0; l < net.layerCount(); ++l)
        if (dynamic_cast<const ConvLayer*>(&net.layer(l)))
            return true;
    return false;   // a dense net's mini-batch of 10 is too little work to split
}

void DataParallelBackprop::work()
{
    std::unique_lock lock(m_mutex);
    while (true) {
        m_changed.wait(lock, [this] { return m_job || m_quit; });
        if (m_quit)
            return;
        const std::function<void(int)>* job = m_job;
        lock.unlock();
        (*job)(1);
        lock.lock();
        m_job = nullptr;
        m_jobDone = true;
        m_changed.notify_all();
    }
}

void DataParallelBackprop::onBothCores(const std::function<void(int core)>& job)
{
    {
        std::lock_guard lock(m_mutex);
        m_job = &job;
        m_jobDone = false;
    }
    m_changed.notify_all();
    job(0);
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_jobDone; });
}

void DataParallelBackprop::overParameters(const std::function<void(int core)>& job)
{
    if (m_splitParameterPasses) {
        onBothCores(job);
    } else {
        job(0);
        job(1);
    }
}

double DataParallelBackprop::backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng)
{
    const Eigen::Index m = x.cols(), mine = (m + 1) / 2;
    m_xMine = x.leftCols(mine);
    m_yMine = y.leftCols(mine);
    m_xTheirs = x.rightCols(m - mine);
    m_yTheirs = y.rightCols(m - mine);
    double costs[2] = {0.0, 0.0};
    onBothCores([&](int core) {
        costs[core] = core == 0 ? m_net.backprop(m_xMine, m_yMine, rng)
                                : m_replica.backprop(m_xTheirs, m_yTheirs, m_replicaRng);
    });

    // Σ over the mini-batch = Σ over my half + Σ over theirs (BP3, BP4 are sums over examples),
    // each core adding up half of every array, and ‖nabla‖² on the way.
    const std::vector<Parameter> ours = m_net.parameters(), theirs = m_replica.parameters();
    m_squaredNorms.assign(ours.size(), 0.0);
    m_theirSquaredNorms.assign(ours.size(), 0.0);
    overParameters([&](int core) {
        std::vector<double>& norms = core == 0 ? m_squaredNorms : m_theirSquaredNorms;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            const auto [from, to] = half(ours[i].size, core);
            for (Eigen::Index b = from; b < to; b += kBlock) {
                const Eigen::Index count = std::min(kBlock, to - b);
                Eigen::Map<Eigen::ArrayXf> sum(ours[i].nabla + b, count);
                sum += Eigen::Map<const Eigen::ArrayXf>(theirs[i].nabla + b, count);
                norms[i] += sum.matrix().squaredNorm();
            }
        }
    });
    for (std::size_t i = 0; i < ours.size(); ++i)
        m_squaredNorms[i] += m_theirSquaredNorms[i];
    return costs[0] + costs[1];
}

void DataParallelBackprop::step(SgdOptimizer& optimizer, int m, int n, const Hyperparameters& h)
{
    const std::vector<Parameter> ours = m_net.parameters(), theirs = m_replica.parameters();
    optimizer.prepare(ours, h);
    overParameters([&](int core) {
        for (std::size_t i = 0; i < ours.size(); ++i) {
            const auto [from, to] = half(ours[i].size, core);
            for (Eigen::Index b = from; b < to; b += kBlock) {
                const Eigen::Index end = std::min(b + kBlock, to);
                optimizer.update(ours[i], i, b, end, m, n, h);
                std::memcpy(theirs[i].value + b, ours[i].value + b, sizeof(float) * std::size_t(end - b));
            }
        }
    });
}

}  // namespace nnlab
