#include "core/train/training_config.h"

#include "core/train/config_fields.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace nnlab {

void validate(const TrainConfig& c)
{
    validate(c.net);
    for (const ConfigField& field : configFields())
        field.checkRange(c);
}

std::string describe(const TrainConfig& c)
{
    return describe(c, {});
}

std::string describe(const TrainConfig& c, const std::vector<HyperparameterChange>& changes)
{
    const auto changed = [&changes](LiveHyperparameter p) {
        return std::any_of(changes.begin(), changes.end(),
                           [p](const HyperparameterChange& change) { return change.parameter == p; });
    };
    std::ostringstream s;
    if (c.net.features.empty()) {
        s << "[";
        for (std::size_t i = 0; i < c.net.sizes.size(); ++i)
            s << (i ? ", " : "") << c.net.sizes[i];
        s << "]";
    } else {
        s << formatArchitecture(c.net);
    }
    s << " " << activationName(c.net.hidden);
    if (c.net.output != c.net.hidden)
        s << "/" << activationName(c.net.output);
    s << ", " << costName(c.net.cost) << ", " << initialisationName(c.init) << " init"
      << ", " << describeHistory(LiveHyperparameter::Eta, c.hyper.eta, changes) << ", m = " << c.miniBatchSize
      << ", " << c.epochs << " epochs";
    if (c.hyper.lambda != 0.0f || changed(LiveHyperparameter::Lambda))
        s << ", " << describeHistory(LiveHyperparameter::Lambda, c.hyper.lambda, changes);
    if (c.hyper.l1 != 0.0f)
        s << ", L1 λ = " << c.hyper.l1;
    if (c.hyper.momentum != 0.0f || changed(LiveHyperparameter::Momentum))
        s << ", " << describeHistory(LiveHyperparameter::Momentum, c.hyper.momentum, changes);
    if (c.net.dropout != 0.0f)
        s << ", dropout " << c.net.dropout;
    if (c.trainingSize != 50000)
        s << ", n = " << c.trainingSize;
    if (c.expansion.any()) {
        s << ", expanded ×" << c.expansion.variantsPerImage() << " (";
        if (c.expansion.shifts)
            s << "shifts" << (c.expansion.rotationDegrees > 0 ? ", " : "");
        if (c.expansion.rotationDegrees > 0)
            s << "±" << c.expansion.rotationDegrees << "° rotations";
        s << ")";
    }
    if (c.etaHalvingPatience)
        s << ", halve η after " << c.etaHalvingPatience << " flat epochs";
    if (c.earlyStoppingPatience)
        s << ", early stop after " << c.earlyStoppingPatience;
    if (c.dataset != DatasetKind::Mnist)
        s << ", " << datasetName(c.dataset);
    return s.str();
}

}  // namespace nnlab
