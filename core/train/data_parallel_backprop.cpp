#include "core/train/data_parallel_backprop.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"

#include <algorithm>
#include <cstring>

namespace nnlab {

namespace {

// Core c's half of an array of `size` values, as (from, to).
std::pair<Eigen::Index, Eigen::Index> half(Eigen::Index size, int core)
{
    const auto [from, count] = halfOf(size, core);
    return {from, from + count};
}

// The first layer of the trailing fully connected ones when one of them is wide enough for
// split products (core_split.h), else 0.
int firstWideDenseStack(Network& net)
{
    int first = net.layerCount();
    while (first > 0 && dynamic_cast<DenseLayer*>(&net.layer(first - 1)))
        --first;
    for (int l = first; l < net.layerCount(); ++l)
        if (CoreSplit::pays(static_cast<DenseLayer&>(net.layer(l)).weights().size()))
            return first;
    return 0;
}

// Passes over parameter arrays go in blocks small enough to stay in the first-level cache
// between the two things done to each (add then square; update then copy).
constexpr Eigen::Index kBlock = 4096;

// Handing a pass to the helper costs a hand-over (helper_thread.h): worth it for the 1.7
// million parameters of the chapter 6 dropout net, not for the 86,000 of its ReLU net (which
// measured 11% slower per epoch with every pass split, with hand-overs through a condition variable).
constexpr Eigen::Index kSplitPassesFrom = 250000;

}  // namespace

DataParallelBackprop::DataParallelBackprop(Network& net, std::uint64_t seed)
    : m_net(net), m_replica(net), m_replicaRng(seed ^ 0x9e3779b97f4a7c15ULL)
{
    Eigen::Index parameters = 0;
    for (const Parameter& p : m_net.parameters())
        parameters += p.size;
    m_splitParameterPasses = parameters >= kSplitPassesFrom;
    m_firstDense = firstWideDenseStack(m_net);
    for (int l = 0; l < m_net.layerCount(); ++l) {
        for (const Parameter& p : m_net.layer(l).parameters()) {
            auto* dense = l >= m_firstDense && m_firstDense > 0 ? dynamic_cast<DenseLayer*>(&m_net.layer(l)) : nullptr;
            const bool splitWeights = dense && p.value == dense->weights().data() && CoreSplit::pays(p.size);
            m_splitWeights.push_back(splitWeights ? dense : nullptr);
            if (l < m_firstDense)
                ++m_replicatedParameters;
        }
    }
}

DataParallelBackprop::~DataParallelBackprop() = default;

bool DataParallelBackprop::worthwhile(const Network& net, int miniBatchSize)
{
    if (miniBatchSize < 2)
        return false;
    for (int l = 0; l < net.layerCount(); ++l)
        if (dynamic_cast<const ConvLayer*>(&net.layer(l)))
            return true;
    return false;   // a dense net's mini-batch of 10 is too little work to split
}

void DataParallelBackprop::onBothCores(const std::function<void(int core)>& job)
{
    m_helper.run(job);
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
    if (splitsProducts()) {
        costs[0] = backpropWithSplitProducts(y, rng);
    } else {
        onBothCores([&](int core) {
            costs[core] = core == 0 ? m_net.backprop(m_xMine, m_yMine, rng)
                                    : m_replica.backprop(m_xTheirs, m_yTheirs, m_replicaRng);
        });
    }

    // Σ over the mini-batch = Σ over my half + Σ over theirs (BP3, BP4 are sums over examples),
    // each core adding up half of every replicated array, and ‖nabla‖² of every array on the way
    // (split layers' weights have theirs already).
    const std::vector<Parameter> ours = m_net.parameters(), theirs = m_replica.parameters();
    const std::size_t replicated = splitsProducts() ? m_replicatedParameters : ours.size();
    m_squaredNorms.assign(ours.size(), 0.0);
    m_theirSquaredNorms.assign(ours.size(), 0.0);
    overParameters([&](int core) {
        std::vector<double>& norms = core == 0 ? m_squaredNorms : m_theirSquaredNorms;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            if (m_splitWeights[i]) {
                norms[i] = core == 0 ? m_splitWeights[i]->splitNablaWSquaredNorm() : 0.0;
                continue;
            }
            const auto [from, to] = half(ours[i].size, core);
            for (Eigen::Index b = from; b < to; b += kBlock) {
                const Eigen::Index count = std::min(kBlock, to - b);
                Eigen::Map<Eigen::ArrayXf> sum(ours[i].nabla + b, count);
                if (i < replicated)
                    sum += Eigen::Map<const Eigen::ArrayXf>(theirs[i].nabla + b, count);
                norms[i] += sum.matrix().squaredNorm();
            }
        }
    });
    for (std::size_t i = 0; i < ours.size(); ++i)
        m_squaredNorms[i] += m_theirSquaredNorms[i];
    return costs[0] + costs[1];
}

double DataParallelBackprop::backpropWithSplitProducts(const Eigen::MatrixXf& y, std::mt19937_64& rng)
{
    const int first = m_firstDense, last = m_net.layerCount() - 1;
    const Eigen::Index mine = m_xMine.cols(), m = mine + m_xTheirs.cols();
    // The convolutional layers: each core its half of the examples.
    const Eigen::MatrixXf* features[2] = {nullptr, nullptr};
    onBothCores([&](int core) {
        features[core] = core == 0 ? &m_net.forwardLayers(0, first, m_xMine, true, rng)
                                   : &m_replica.forwardLayers(0, first, m_xTheirs, true, m_replicaRng);
    });
    m_features.resize(features[0]->rows(), m);
    m_features << *features[0], *features[1];

    // The fully connected layers: every example, here, each wide product on both cores.
    double cost = 0.0;
    {
        ScopedCoreSplit lend(*this);
        m_net.forwardLayers(first, last + 1, m_features, true, rng);
        cost = m_net.outputDelta(y);                       // BP1
        m_net.backwardLayers(last, first);                 // BP2–BP4 down to ∂C/∂(features)
    }

    // ∂C/∂(features) back to the halves they came from, then down through the convolutions.
    Eigen::MatrixXf& dFeatures = m_net.delta(first - 1);
    m_replica.delta(first - 1) = dFeatures.rightCols(m - mine);
    dFeatures.conservativeResize(Eigen::NoChange, mine);
    onBothCores([&](int core) {
        Network& net = core == 0 ? m_net : m_replica;
        net.toDelta(first - 1);                            // BP2's ⊙ σ'(z), and the dropout mask
        net.backwardLayers(first - 1, 0);
    });
    return cost;
}

void DataParallelBackprop::step(SgdOptimizer& optimizer, int m, int n, const Hyperparameters& h)
{
    const std::vector<Parameter> ours = m_net.parameters(), theirs = m_replica.parameters();
    // The helper's copy: all of it, or (split products) the layers before the dense ones.
    const std::size_t replicated = splitsProducts() ? m_replicatedParameters : ours.size();
    optimizer.prepare(ours, h);
    overParameters([&](int core) {
        for (std::size_t i = 0; i < ours.size(); ++i) {
            const auto [from, to] = half(ours[i].size, core);
            for (Eigen::Index b = from; b < to; b += kBlock) {
                const Eigen::Index end = std::min(b + kBlock, to);
                optimizer.update(ours[i], i, b, end, m, n, h);
                if (i < replicated)
                    std::memcpy(theirs[i].value + b, ours[i].value + b, sizeof(float) * std::size_t(end - b));
            }
        }
    });
}

}  // namespace nnlab
