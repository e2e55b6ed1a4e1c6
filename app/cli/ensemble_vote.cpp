#include "ensemble_vote.h"

#include <cstdio>

namespace nnlab::cli {

namespace {

SetVote voteOnSets(const std::vector<Network>& members, const DataSplit& data, Vote vote)
{
    return {evaluateEnsemble(members, data.validation, vote), evaluateEnsemble(members, data.test, vote)};
}

nlohmann::ordered_json setJson(const SetVote& v)
{
    return {{"validation_accuracy", v.validation.accuracy},
            {"test_accuracy", v.test.accuracy},
            {"correct", v.test.correct},
            {"total", v.test.total}};
}

void printSet(const char* how, const SetVote& v)
{
    std::printf("  %-22s test accuracy %.2f%% (%d / %d), validation %.2f%%\n", how, 100.0 * v.test.accuracy,
                v.test.correct, v.test.total, 100.0 * v.validation.accuracy);
}

}  // namespace

EnsembleResult voteOn(const std::vector<Network>& members, const DataSplit& data)
{
    return {members.size(), voteOnSets(members, data, Vote::AveragedOutputs),
            voteOnSets(members, data, Vote::Plurality)};
}

nlohmann::ordered_json ensembleJson(const EnsembleResult& ensemble)
{
    nlohmann::ordered_json json = {{"size", ensemble.size}, {"vote", "averaged outputs"}};
    json.update(setJson(ensemble.averaged));
    json["plurality"] = setJson(ensemble.plurality);
    return json;
}

void printEnsemble(const EnsembleResult& ensemble)
{
    std::printf("ensemble of %zu, voting\n", ensemble.size);
    printSet("by averaged outputs:", ensemble.averaged);
    printSet("by plurality:", ensemble.plurality);
}

}  // namespace nnlab::cli
