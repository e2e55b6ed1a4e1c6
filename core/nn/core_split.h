// core_split.h — lends a second core to the big products of fully connected layers.
//
// Chapter 6's dropout net spends most of its time in two layers of 1,000 neurons, whose
// products read every weight for only 10 examples: the time goes into moving w^l through the
// memory system. Splitting the mini-batch between two cores (DataParallelBackprop) makes each
// core read all of w^l for 5 examples, and then add up two full nablas and copy the weights
// back; splitting each product instead — each core taking half of w^l's rows or columns for all
// 10 examples — moves every weight once. DataParallelBackprop lends its helper thread this way
// while the fully connected layers run (ScopedCoreSplit), and DenseLayer then splits its
// products into halves that write disjoint parts of the result.
#pragma once

#include <Eigen/Core>

#include <functional>
#include <utility>

namespace nnlab {

class CoreSplit {
public:
    virtual ~CoreSplit() = default;
    // Runs job(0) on this thread and job(1) on the other core; returns when both are done.
    virtual void onBothCores(const std::function<void(int core)>& job) = 0;

    // The split lent to the calling thread for a layer with these weights, or null: none is
    // lent, or the layer is too small for the hand-over to the other core to pay.
    static CoreSplit* forWeights(const Eigen::MatrixXf& weights);
    // Whether a layer with this many weights is big enough to split.
    static bool pays(Eigen::Index weights);
};

// Core c's half of 0 .. size-1, as (first, count).
std::pair<Eigen::Index, Eigen::Index> halfOf(Eigen::Index size, int core);

// Lends `split` to this thread for the guard's lifetime.
class ScopedCoreSplit {
public:
    explicit ScopedCoreSplit(CoreSplit& split);
    ~ScopedCoreSplit();
    ScopedCoreSplit(const ScopedCoreSplit&) = delete;
    ScopedCoreSplit& operator=(const ScopedCoreSplit&) = delete;

private:
    CoreSplit* m_previous;
};

}  // namespace nnlab
