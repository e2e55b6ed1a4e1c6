#include "core/train/hyperparameter_change.h"

#include <sstream>

namespace nnlab {

std::string symbol(LiveHyperparameter parameter)
{
    switch (parameter) {
    case LiveHyperparameter::Eta: return "η";
    case LiveHyperparameter::Lambda: return "λ";
    case LiveHyperparameter::Momentum: return "μ";
    }
    return "?";
}

float valueOf(const Hyperparameters& h, LiveHyperparameter parameter)
{
    switch (parameter) {
    case LiveHyperparameter::Eta: return h.eta;
    case LiveHyperparameter::Lambda: return h.lambda;
    case LiveHyperparameter::Momentum: return h.momentum;
    }
    return 0.0f;
}

std::vector<HyperparameterChange> changesBetween(const Hyperparameters& before, const Hyperparameters& now,
                                                 int epoch, int batch, int batchesPerEpoch)
{
    std::vector<HyperparameterChange> changes;
    for (LiveHyperparameter p : {LiveHyperparameter::Eta, LiveHyperparameter::Lambda, LiveHyperparameter::Momentum})
        if (valueOf(before, p) != valueOf(now, p))
            changes.push_back({p, valueOf(before, p), valueOf(now, p), epoch, batch, batchesPerEpoch});
    return changes;
}

std::string describeHistory(LiveHyperparameter parameter, float initial,
                            const std::vector<HyperparameterChange>& changes)
{
    std::ostringstream s;   // floats as describe() writes them: 3, 0.5, 0.001
    s << symbol(parameter) << " = " << initial;
    for (const HyperparameterChange& c : changes)
        if (c.parameter == parameter)
            s << " → " << c.to << " (epoch " << c.epoch << (c.bySchedule ? ", halved" : "") << ")";
    return s.str();
}

}  // namespace nnlab
