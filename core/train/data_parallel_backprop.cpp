#include "train/data_parallel_backprop.h"

#include "nn/conv_layer.h"

#include <cstring>

namespace nnlab {

DataParallelBackprop::DataParallelBackprop(Network& net, std::uint64_t seed)
    : m_net(net), m_replica(net), m_replicaRng(seed ^ 0x9e3779b97f4a7c15ULL), m_worker([this] { work(); })
{
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
        m_changed.wait(lock, [this] { return m_jobReady || m_quit; });
        if (m_quit)
            return;
        m_jobReady = false;
        lock.unlock();
        const double cost = m_replica.backprop(m_xTheirs, m_yTheirs, m_replicaRng);
        lock.lock();
        m_theirCost = cost;
        m_jobDone = true;
        m_changed.notify_all();
    }
}

double DataParallelBackprop::backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng)
{
    const Eigen::Index m = x.cols(), mine = (m + 1) / 2;
    // The helper's copy takes this step's parameters (they changed at the last update).
    std::vector<Parameter> ours = m_net.parameters(), theirs = m_replica.parameters();
    for (std::size_t i = 0; i < ours.size(); ++i)
        std::memcpy(theirs[i].value, ours[i].value, sizeof(float) * std::size_t(ours[i].size));

    m_xMine = x.leftCols(mine);
    m_yMine = y.leftCols(mine);
    m_xTheirs = x.rightCols(m - mine);
    m_yTheirs = y.rightCols(m - mine);
    {
        std::lock_guard lock(m_mutex);
        m_jobReady = true;
        m_jobDone = false;
    }
    m_changed.notify_all();
    const double myCost = m_net.backprop(m_xMine, m_yMine, rng);
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_jobDone; });
    }
    // Σ over the mini-batch = Σ over my half + Σ over theirs (BP3, BP4 are sums over examples).
    for (std::size_t i = 0; i < ours.size(); ++i)
        Eigen::Map<Eigen::ArrayXf>(ours[i].nabla, ours[i].size) +=
            Eigen::Map<const Eigen::ArrayXf>(theirs[i].nabla, theirs[i].size);
    return myCost + m_theirCost;
}

}  // namespace nnlab
