#include "core/train/training_config.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace nnlab {

void validate(const TrainConfig& c)
{
    validate(c.net);
    auto require = [](bool ok, const std::string& why) {
        if (!ok)
            throw std::invalid_argument(why);
    };
    require(std::isfinite(c.hyper.eta) && c.hyper.eta > 0.0f, "η (--eta) must be a positive number");
    require(std::isfinite(c.hyper.lambda) && c.hyper.lambda >= 0.0f, "λ (--lambda) must be ≥ 0");
    require(std::isfinite(c.hyper.l1) && c.hyper.l1 >= 0.0f, "L1 λ (--l1) must be ≥ 0");
    require(c.hyper.momentum >= 0.0f && c.hyper.momentum < 1.0f, "momentum μ must be in [0, 1)");
    require(c.miniBatchSize >= 1 && c.miniBatchSize <= 60000, "mini-batch size m must be in 1..60000");
    require(c.epochs >= 1 && c.epochs <= 100000, "epochs must be in 1..100000");
    require(c.trainingSize >= 1 && c.trainingSize <= 50000, "training-set size must be in 1..50000");
    require(c.expansion.rotationDegrees >= 0.0f && c.expansion.rotationDegrees <= 45.0f,
            "rotations must be between 0 and 45 degrees");
    require(c.etaHalvingPatience >= 0 && c.earlyStoppingPatience >= 0, "patience must be ≥ 0");
}

std::string describe(const TrainConfig& c)
{
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
      << ", η = " << c.hyper.eta << ", m = " << c.miniBatchSize << ", " << c.epochs << " epochs";
    if (c.hyper.lambda != 0.0f)
        s << ", λ = " << c.hyper.lambda;
    if (c.hyper.l1 != 0.0f)
        s << ", L1 λ = " << c.hyper.l1;
    if (c.hyper.momentum != 0.0f)
        s << ", μ = " << c.hyper.momentum;
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
