#include "core/nn/core_split.h"

namespace nnlab {

namespace {

thread_local CoreSplit* lent = nullptr;

// Below this many weights a product takes about as long as waking the other core (tens of µs).
constexpr Eigen::Index kSplitFromWeights = 200000;

}  // namespace

CoreSplit* CoreSplit::forWeights(const Eigen::MatrixXf& weights)
{
    return pays(weights.size()) ? lent : nullptr;
}

bool CoreSplit::pays(Eigen::Index weights)
{
    return weights >= kSplitFromWeights;
}

std::pair<Eigen::Index, Eigen::Index> halfOf(Eigen::Index size, int core)
{
    const Eigen::Index middle = size / 2;
    return core == 0 ? std::pair{Eigen::Index(0), middle} : std::pair{middle, size - middle};
}

ScopedCoreSplit::ScopedCoreSplit(CoreSplit& split) : m_previous(lent)
{
    lent = &split;
}

ScopedCoreSplit::~ScopedCoreSplit()
{
    lent = m_previous;
}

}  // namespace nnlab
