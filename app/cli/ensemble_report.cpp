#include "app/cli/ensemble_report.h"

#include <cstdio>
#include <string>

namespace nnlab::cli {

namespace {

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

nlohmann::ordered_json ensembleJson(const EnsembleResult& ensemble)
{
    nlohmann::ordered_json json = {{"size", ensemble.size}, {"vote", "averaged outputs"}};
    json.update(setJson(ensemble.averaged));
    json["plurality"] = setJson(ensemble.plurality);
    json["test_missed_by"] = ensemble.missedBy;
    return json;
}

void printEnsemble(const EnsembleResult& ensemble)
{
    std::printf("ensemble of %zu, voting\n", ensemble.size);
    printSet("by averaged outputs:", ensemble.averaged);
    printSet("by plurality:", ensemble.plurality);
    // e.g. "test images missed by 1, 2, 3 members: 30, 12, 9" — a vote rescues only the first kind.
    std::string by, counts;
    for (std::size_t k = 1; k < ensemble.missedBy.size(); ++k) {
        const char* separator = k > 1 ? ", " : "";
        by.append(separator).append(std::to_string(k));
        counts.append(separator).append(std::to_string(ensemble.missedBy[k]));
    }
    std::printf("test images missed by %s of the %zu members: %s (no vote rescues one most members miss)\n",
                by.c_str(), ensemble.size, counts.c_str());
}

}  // namespace nnlab::cli
