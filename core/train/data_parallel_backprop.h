// data_parallel_backprop.h — backpropagation of one mini-batch, and its update, on two cores.
//
// A convnet's mini-batch is thousands of times more arithmetic than the cost of handing work
// to another thread, and its examples are independent: the gradient of the mini-batch is the
// sum of the gradients of its halves (BP3 and BP4 sum over examples). So a helper thread keeps
// a copy of the network, backpropagates the second half of each mini-batch while this thread
// does the first, and the two nablas are added. The result is the whole mini-batch's gradient,
// deterministic for a given seed (each half has its own random stream for dropout, and the
// sum is always taken in the same order).
//
// The passes over every parameter that follow (the sum, the gradient's size, the SGD update
// and bringing the helper's copy up to date) are shared too: each core takes half of every
// parameter array. For the chapter 6 net with two layers of 1,000 neurons they touch 1.7 million
// parameters per mini-batch, as much time as the backpropagation itself when done on one core.
//
// Such wide fully connected layers are better split the other way (core_split.h): only the
// convolutional layers run on halves of the mini-batch; their outputs are put side by side and
// the fully connected layers run on all of it, on this thread, with each big product split
// between the cores. Their weights then live in one copy: no second nabla to add, none to copy.
#pragma once

#include "core/nn/core_split.h"
#include "core/nn/network.h"
#include "core/train/helper_thread.h"
#include "core/train/sgd.h"

#include <functional>
#include <random>

namespace nnlab {

class DenseLayer;

class DataParallelBackprop final : public CoreSplit {
public:
    // The helper's copy is taken now: from here on net's parameters must change only through
    // step() (Trainer::run keeps one of these for one run).
    DataParallelBackprop(Network& net, std::uint64_t seed);
    ~DataParallelBackprop() override;
    DataParallelBackprop(const DataParallelBackprop&) = delete;
    DataParallelBackprop& operator=(const DataParallelBackprop&) = delete;

    // As Network::backprop: afterwards net's nablas hold the sums over all columns of x, and the
    // mini-batch's total cost is returned.
    double backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng);

    // ‖nabla‖² of each of net.parameters() (in that order), from the last backprop().
    const std::vector<double>& nablaSquaredNorms() const { return m_squaredNorms; }

    // optimizer.step(net.parameters(), m, n, h), and the helper's copy takes the new values.
    void step(SgdOptimizer& optimizer, int m, int n, const Hyperparameters& h);

    // The helper's random stream (dropout on its half): part of a checkpoint. Touch it only
    // between backprop() calls.
    std::mt19937_64& replicaRng() { return m_replicaRng; }

    // Whether splitting pays for this network and mini-batch size (convolutions, m ≥ 2).
    static bool worthwhile(const Network& net, int miniBatchSize);

    // Whether the fully connected layers run on the whole mini-batch with split products.
    bool splitsProducts() const { return m_firstDense > 0; }

    // Runs job(1) on the helper and job(0) on this thread; returns when both are done.
    void onBothCores(const std::function<void(int core)>& job) override;

private:
    // backprop()'s first part when the dense layers split their products: the cost.
    double backpropWithSplitProducts(const Eigen::MatrixXf& y, std::mt19937_64& rng);
    // onBothCores for the passes over the parameters, unless there are too few of them to be
    // worth waking the helper for: then this thread runs job(0) and job(1), with the same result.
    void overParameters(const std::function<void(int core)>& job);

    Network& m_net;
    Network m_replica;
    std::mt19937_64 m_replicaRng;
    Eigen::MatrixXf m_xMine, m_yMine, m_xTheirs, m_yTheirs;   // the halves (forward keeps &x)
    // With split products: the first fully connected layer (else 0), the number of parameter
    // arrays before it (the replicated ones), and the features it takes, side by side.
    int m_firstDense = 0;
    std::size_t m_replicatedParameters = 0;
    std::vector<DenseLayer*> m_splitWeights;   // per parameter array: its layer, if split weights
    Eigen::MatrixXf m_features;
    std::vector<double> m_squaredNorms;
    std::vector<double> m_theirSquaredNorms;
    bool m_splitParameterPasses = false;

    HelperThread m_helper;
};

}  // namespace nnlab
