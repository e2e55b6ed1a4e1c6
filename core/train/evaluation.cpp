#include "core/train/evaluation.h"

#include "core/train/helper_thread.h"
#include "core/train/memory_estimate.h"
#include "core/util/allocator.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

namespace nnlab {

namespace {

// Columns per inference call: big products, bounded memory (memory_estimate.h).
int chunkSize(const Network& net) { return evaluationChunk(measureNetwork(net)); }

struct ChunkResult {
    double costSum = 0.0;
    int correct = 0;
};

// Evaluates chunks first, first + stride, ... of the set; the output activations go to
// `outputs` (10 × set size) if given. Stops between chunks once `cancelled` is set.
ChunkResult evaluateChunks(const Network& net, const Dataset& data, int first, int stride,
                           Eigen::MatrixXf* outputs, const std::atomic<bool>* cancelled)
{
    ChunkResult result;
    Eigen::MatrixXf output, y;
    std::vector<int> labels;
    const int chunk = chunkSize(net);
    for (int start = first * chunk; start < data.size(); start += stride * chunk) {
        if (cancelled && cancelled->load(std::memory_order_relaxed))
            break;
        const int count = std::min(chunk, data.size() - start);
        net.infer(data.images.middleCols(start, count), output);
        labels.assign(data.labels.begin() + start, data.labels.begin() + start + count);
        oneHot(labels, net.outputSize(), y);
        result.costSum += costValue(net.cost(), output, y);
        for (int j = 0; j < count; ++j) {
            if (classOf(output, j) == labels[j])
                ++result.correct;
        }
        if (outputs)
            outputs->middleCols(start, count) = output;
    }
    return result;
}

// Both halves of the work in parallel: this machine's two cores.
ChunkResult evaluateInParallel(const Network& net, const Dataset& data, Eigen::MatrixXf* outputs,
                               const std::atomic<bool>* cancelled = nullptr)
{
    reuseLargeAllocations();
    if (outputs)
        outputs->resize(net.outputSize(), data.size());
    ChunkResult other;
    // An exception (out of memory) must not end the process from the worker: it is handed to
    // this thread, which throws it once both halves are done.
    std::exception_ptr otherFailed, mineFailed;
    std::thread worker = startThread([&] {
        try {
            other = evaluateChunks(net, data, 1, 2, outputs, cancelled);
        } catch (...) {
            otherFailed = std::current_exception();
        }
    });
    ChunkResult mine;
    try {
        mine = evaluateChunks(net, data, 0, 2, outputs, cancelled);
    } catch (...) {
        mineFailed = std::current_exception();
    }
    worker.join();
    for (const std::exception_ptr& failed : {mineFailed, otherFailed})
        if (failed)
            std::rethrow_exception(failed);
    return {mine.costSum + other.costSum, mine.correct + other.correct};
}

}  // namespace

Evaluation evaluate(const Network& net, const Dataset& data, const Regularisation& reg)
{
    Evaluation e;
    e.total = data.size();
    if (e.total == 0)
        return e;
    const ChunkResult sums = evaluateInParallel(net, data, nullptr);
    e.correct = sums.correct;
    e.accuracy = double(e.correct) / e.total;
    e.cost = sums.costSum / e.total + regularisationTerm(net, reg);
    return e;
}

double regularisationTerm(const Network& net, const Regularisation& reg)
{
    double term = 0.0;
    if (reg.lambda != 0.0f)
        term += 0.5 * (reg.lambda / reg.n) * net.sumOfSquaredWeights();
    if (reg.l1 != 0.0f)
        term += (reg.l1 / reg.n) * net.sumOfAbsoluteWeights();
    return term;
}

Eigen::MatrixXf outputActivations(const Network& net, const Dataset& data)
{
    Eigen::MatrixXf outputs;
    evaluateInParallel(net, data, &outputs);
    return outputs;
}

std::vector<int> predictClasses(const Network& net, const Dataset& data, const std::atomic<bool>* cancelled)
{
    Eigen::MatrixXf outputs;
    evaluateInParallel(net, data, &outputs, cancelled);
    if (cancelled && cancelled->load())
        return {};
    std::vector<int> classes(data.size(), 0);
    for (int j = 0; j < data.size(); ++j) {
        classes[j] = classOf(outputs, j);
    }
    return classes;
}

int classOf(const Eigen::MatrixXf& scores, Eigen::Index j)
{
    Eigen::Index row = 0;
    scores.col(j).maxCoeff(&row);
    return static_cast<int>(row);
}

}  // namespace nnlab
