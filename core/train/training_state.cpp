#include "core/train/training_state.h"

#include <sstream>
#include <stdexcept>

namespace nnlab {

namespace {

[[noreturn]] void bad(const std::string& what) { throw std::invalid_argument(what); }

}  // namespace

void checkStateFits(const TrainingState& state, const std::vector<Parameter>& parameters, int layers, int n,
                    int batchesPerEpoch)
{
    if (state.parameters.size() != parameters.size())
        bad("it has " + std::to_string(state.parameters.size()) + " parameter arrays; the network has " +
            std::to_string(parameters.size()));
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (state.parameters[i].size() != parameters[i].size || !state.parameters[i].isFinite().all())
            bad("parameter array " + std::to_string(i + 1) + " has the wrong size or a non-finite value");
    if (!state.velocities.empty() && state.velocities.size() != parameters.size())
        bad("the momentum velocities don't match the network's parameters");
    for (std::size_t i = 0; i < state.velocities.size(); ++i)
        if (state.velocities[i].size() != parameters[i].size)
            bad("velocity array " + std::to_string(i + 1) + " has the wrong size");
    if (state.epoch < 1 || state.batchesDone < 0 || state.batchesDone >= batchesPerEpoch)
        bad("epoch " + std::to_string(state.epoch) + ", mini-batch " + std::to_string(state.batchesDone) +
            " is not a place in this run");
    if (static_cast<int>(state.order.size()) != n)
        bad("its shuffled order has " + std::to_string(state.order.size()) + " entries; the run has " +
            std::to_string(n) + " training examples");
    std::vector<char> seen(static_cast<std::size_t>(n), 0);
    for (int i : state.order) {
        if (i < 0 || i >= n || seen[static_cast<std::size_t>(i)])
            bad("its shuffled order is not a permutation of the training set");
        seen[static_cast<std::size_t>(i)] = 1;
    }
    const auto l = static_cast<std::size_t>(layers);
    if (state.batchesDone > 0 && (state.epochBiasNormSums.size() != l || state.epochWeightNormSums.size() != l))
        bad("the half-done epoch's gradient sums don't match the network's layers");
    std::mt19937_64 check;
    setRngFromText(check, state.rng);
    if (!state.replicaRng.empty())
        setRngFromText(check, state.replicaRng);
}

std::string rngAsText(const std::mt19937_64& rng)
{
    std::ostringstream text;
    text << rng;
    return text.str();
}

void setRngFromText(std::mt19937_64& rng, const std::string& text)
{
    std::istringstream in(text);
    std::mt19937_64 parsed;
    in >> parsed;
    if (!in)
        throw std::invalid_argument("a random-number state in it is not valid");
    rng = parsed;
}

}  // namespace nnlab
