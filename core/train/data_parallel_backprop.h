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
#pragma once

#include "nn/network.h"
#include "train/sgd.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

namespace nnlab {

class DataParallelBackprop {
public:
    // The helper's copy is taken now: from here on net's parameters must change only through
    // step() (Trainer::run keeps one of these for one run).
    DataParallelBackprop(Network& net, std::uint64_t seed);
    ~DataParallelBackprop();
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

private:
    // Runs job(1) on the helper and job(0) on this thread; returns when both are done.
    void onBothCores(const std::function<void(int core)>& job);
    // The same for the passes over the parameters, unless there are too few of them to be worth
    // waking the helper for: then this thread runs job(0) and job(1), with the same result.
    void overParameters(const std::function<void(int core)>& job);
    void work();

    Network& m_net;
    Network m_replica;
    std::mt19937_64 m_replicaRng;
    Eigen::MatrixXf m_xMine, m_yMine, m_xTheirs, m_yTheirs;   // the halves (forward keeps &x)
    std::vector<double> m_squaredNorms;
    std::vector<double> m_theirSquaredNorms;
    bool m_splitParameterPasses = false;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    const std::function<void(int)>* m_job = nullptr;   // the helper's job, while there is one
    bool m_jobDone = false;
    bool m_quit = false;
    std::thread m_worker;
};

}  // namespace nnlab
