// data_parallel_backprop.h — backpropagation of one mini-batch on two cores.
//
// A convnet's mini-batch is thousands of times more arithmetic than the cost of handing work
// to another thread, and its examples are independent: the gradient of the mini-batch is the
// sum of the gradients of its halves (BP3 and BP4 sum over examples). So a helper thread keeps
// a copy of the network, backpropagates the second half of each mini-batch while this thread
// does the first, and adds its nablas to ours. The result is the whole mini-batch's gradient,
// deterministic for a given seed (each half has its own random stream for dropout, and the
// sum is always taken in the same order).
#pragma once

#include "nn/network.h"

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace nnlab {

class DataParallelBackprop {
public:
    DataParallelBackprop(Network& net, std::uint64_t seed);
    ~DataParallelBackprop();
    DataParallelBackprop(const DataParallelBackprop&) = delete;
    DataParallelBackprop& operator=(const DataParallelBackprop&) = delete;

    // As Network::backprop: afterwards net's nablas hold the sums over all columns of x, and the
    // mini-batch's total cost is returned. The helper's copy takes net's current parameters first.
    double backprop(const Eigen::MatrixXf& x, const Eigen::MatrixXf& y, std::mt19937_64& rng);

    // The helper's random stream (dropout on its half): part of a checkpoint. Touch it only
    // between backprop() calls.
    std::mt19937_64& replicaRng() { return m_replicaRng; }

    // Whether splitting pays for this network and mini-batch size (convolutions, m ≥ 2).
    static bool worthwhile(const Network& net, int miniBatchSize);

private:
    void work();

    Network& m_net;
    Network m_replica;
    std::mt19937_64 m_replicaRng;
    Eigen::MatrixXf m_xMine, m_yMine, m_xTheirs, m_yTheirs;   // the halves (forward keeps &x)
    double m_theirCost = 0.0;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_jobReady = false;
    bool m_jobDone = false;
    bool m_quit = false;
    std::thread m_worker;
};

}  // namespace nnlab
