#include "core/io/config_json.h"

#include <stdexcept>

namespace nnlab {

nlohmann::json trainConfigJson(const TrainConfig& c)
{
    return {
        {"architecture", formatArchitecture(c.net)},
        {"hidden", activationName(c.net.hidden)},
        {"output", activationName(c.net.output)},
        {"cost", costName(c.net.cost)},
        {"dropout", c.net.dropout},
        {"init", initialisationName(c.init)},
        {"eta", c.hyper.eta},
        {"lambda", c.hyper.lambda},
        {"l1", c.hyper.l1},
        {"momentum", c.hyper.momentum},
        {"mini_batch_size", c.miniBatchSize},
        {"epochs", c.epochs},
        {"training_size", c.trainingSize},
        {"shifts", c.expansion.shifts},
        {"rotation_degrees", c.expansion.rotationDegrees},
        {"dataset", datasetName(c.dataset)},
        {"eta_halving_patience", c.etaHalvingPatience},
        {"early_stopping_patience", c.earlyStoppingPatience},
        {"seed", c.seed},
        {"threads", c.threads},
    };
}

TrainConfig parseTrainConfig(const nlohmann::json& o, const JsonReader& reader)
{
    TrainConfig c;
    try {
        parseArchitecture(reader.text(o, "architecture"), c.net);
    } catch (const std::invalid_argument& e) {
        reader.fail(std::string("architecture: ") + e.what());
    }
    auto named = [&](const char* key, auto parse) {
        const std::string name = reader.text(o, key);
        const auto value = parse(name);
        if (!value)
            reader.fail(std::string("unknown ") + key + " \"" + name + "\"");
        return *value;
    };
    c.net.hidden = named("hidden", parseActivation);
    c.net.output = named("output", parseActivation);
    c.net.cost = named("cost", parseCost);
    c.init = named("init", parseInitialisation);
    c.dataset = named("dataset", parseDatasetKind);
    c.net.dropout = float(reader.number(o, "dropout"));
    c.hyper.eta = float(reader.number(o, "eta"));
    c.hyper.lambda = float(reader.number(o, "lambda"));
    c.hyper.l1 = float(reader.number(o, "l1"));
    c.hyper.momentum = float(reader.number(o, "momentum"));
    c.miniBatchSize = int(reader.integer(o, "mini_batch_size", 1, 60000));
    c.epochs = int(reader.integer(o, "epochs", 1, 100000));
    c.trainingSize = int(reader.integer(o, "training_size", 1, 50000));
    c.expansion.shifts = reader.boolean(o, "shifts");
    c.expansion.rotationDegrees = float(reader.number(o, "rotation_degrees"));
    c.etaHalvingPatience = int(reader.integer(o, "eta_halving_patience", 0, 100000));
    c.earlyStoppingPatience = int(reader.integer(o, "early_stopping_patience", 0, 100000));
    const nlohmann::json& seed = reader.member(o, "seed");
    if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
        reader.fail("\"seed\" must be a whole number ≥ 0");
    c.seed = seed.get<std::uint64_t>();
    c.threads = int(reader.integer(o, "threads", 0, 256));
    try {
        validate(c);
    } catch (const std::invalid_argument& e) {
        reader.fail(std::string("the training configuration is not valid: ") + e.what());
    }
    return c;
}

}  // namespace nnlab
