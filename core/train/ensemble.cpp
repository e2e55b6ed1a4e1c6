#include "core/train/ensemble.h"

namespace nnlab {

std::vector<Eigen::MatrixXf> memberOutputs(const std::vector<Network>& members, const Dataset& data)
{
    std::vector<Eigen::MatrixXf> outputs;
    for (const Network& net : members)
        outputs.push_back(outputActivations(net, data));
    return outputs;
}

namespace {

// Adds one vote, in `votes`, for the class each column of `output` names.
void countVotes(const Eigen::MatrixXf& output, Eigen::MatrixXf& votes)
{
    for (Eigen::Index j = 0; j < output.cols(); ++j)
        votes(classOf(output, j), j) += 1.0f;
}

}  // namespace

Evaluation voteOnOutputs(const std::vector<Eigen::MatrixXf>& outputs, const Dataset& data, Cost cost, Vote vote)
{
    Evaluation e;
    e.total = data.size();
    if (outputs.empty() || e.total == 0)
        return e;
    Eigen::MatrixXf average = outputs.front();
    for (std::size_t i = 1; i < outputs.size(); ++i)
        average += outputs[i];
    average /= float(outputs.size());
    // What decides each example's class: the average itself, or for a plurality vote the number
    // of members naming each class plus half the average (in [0, ½], so it only breaks ties
    // between classes named equally often).
    Eigen::MatrixXf scores = average;
    if (vote == Vote::Plurality) {
        Eigen::MatrixXf votes = Eigen::MatrixXf::Zero(average.rows(), average.cols());
        for (const Eigen::MatrixXf& output : outputs)
            countVotes(output, votes);
        scores = votes + 0.5f * average;
    }
    for (int j = 0; j < e.total; ++j) {
        if (classOf(scores, j) == data.labels[j])
            ++e.correct;
    }
    Eigen::MatrixXf y;
    oneHot(std::vector<int>(data.labels.begin(), data.labels.end()), int(average.rows()), y);
    e.accuracy = double(e.correct) / e.total;
    e.cost = costValue(cost, average, y) / e.total;
    return e;
}

Evaluation evaluateEnsemble(const std::vector<Network>& members, const Dataset& data, Vote vote)
{
    if (members.empty())
        return {0.0, 0.0, 0, data.size()};
    return voteOnOutputs(memberOutputs(members, data), data, members.front().cost(), vote);
}

std::vector<int> missedByCounts(const std::vector<Eigen::MatrixXf>& outputs, const Dataset& data)
{
    std::vector<int> missedBy(data.size(), 0);   // per example: how many members miss it
    for (const Eigen::MatrixXf& output : outputs)
        for (int j = 0; j < data.size(); ++j) {
            if (classOf(output, j) != data.labels[j])
                ++missedBy[j];
        }
    std::vector<int> counts(outputs.size() + 1, 0);
    for (int k : missedBy)
        ++counts[k];
    return counts;
}

EnsembleResult voteOn(const std::vector<Network>& members, const DataSplit& data)
{
    const std::vector<Eigen::MatrixXf> validation = memberOutputs(members, data.validation);
    const std::vector<Eigen::MatrixXf> test = memberOutputs(members, data.test);
    const Cost cost = members.front().cost();
    EnsembleResult result;
    result.size = members.size();
    for (const Eigen::MatrixXf& output : test)
        result.members.push_back(voteOnOutputs({output}, data.test, cost));
    auto onBothSets = [&](Vote vote) {
        return SetVote{voteOnOutputs(validation, data.validation, cost, vote), voteOnOutputs(test, data.test, cost, vote)};
    };
    result.averaged = onBothSets(Vote::AveragedOutputs);
    result.plurality = onBothSets(Vote::Plurality);
    result.missedBy = missedByCounts(test, data.test);
    return result;
}

}  // namespace nnlab
