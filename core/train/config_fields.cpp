#include "core/train/config_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace nnlab {

std::string formatLimit(double value)
{
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));   // 50000, 4294967295: every digit
    std::ostringstream s;
    s << value;   // 0.999, 1e-09
    return s.str();
}

namespace {

using Type = ConfigField::Type;

[[noreturn]] void refuse(const std::string& what, const std::string& text)
{
    throw std::invalid_argument("must be " + what + ", not '" + text + "'");
}

std::string rangeText(double min, double max) { return formatLimit(min) + " to " + formatLimit(max); }

float parseReal(const std::string& text, double min, double max)
{
    float value = 0.0f;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    // Compared as floats: 1e-9 as a float is a little below 1e-9 as a double.
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < float(min) ||
        value > float(max))
        refuse("a number from " + rangeText(min, max), text);
    return value;
}

long long parseInteger(const std::string& text, double min, double max)
{
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max)
        refuse("a whole number from " + rangeText(min, max), text);
    return value;
}

std::string formatFloat(float value)
{
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);   // shortest exact
    return std::string(buffer, error == std::errc() ? end : buffer);
}

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

// `access` is a generic lambda returning a reference to the field inside a TrainConfig (const or
// not): [](auto& c) -> auto& { return c.hyper.eta; }.
template <typename Access>
ConfigField real(std::string key, std::string flag, std::string label, std::string help, double min, double max,
                 Access access)
{
    ConfigField f{std::move(key), std::move(flag), std::move(label), std::move(help), Type::Real, min, max};
    f.get = [access](const TrainConfig& c) { return formatFloat(access(c)); };
    f.set = [access, min, max](TrainConfig& c, const std::string& text) { access(c) = parseReal(text, min, max); };
    return f;
}

template <typename Access>
ConfigField integer(std::string key, std::string flag, std::string label, std::string help, double min, double max,
                    Access access)
{
    ConfigField f{std::move(key), std::move(flag), std::move(label), std::move(help), Type::Integer, min, max};
    f.get = [access](const TrainConfig& c) { return std::to_string(access(c)); };
    f.set = [access, min, max](TrainConfig& c, const std::string& text) {
        using Value = std::remove_reference_t<decltype(access(c))>;
        access(c) = static_cast<Value>(parseInteger(text, min, max));
    };
    return f;
}

// An enum field: `names` are the accepted ones, `nameOf` and `parse` the enum's own name table.
template <typename Access, typename NameOf, typename Parse>
ConfigField named(std::string key, std::string flag, std::string label, std::string help,
                  std::vector<std::string> names, Access access, NameOf nameOf, Parse parse)
{
    ConfigField f{std::move(key), std::move(flag), std::move(label), std::move(help), Type::Name};
    f.names = std::move(names);
    f.get = [access, nameOf](const TrainConfig& c) { return nameOf(access(c)); };
    f.set = [access, parse, accepted = f.names](TrainConfig& c, const std::string& text) {
        const auto value = parse(text);
        if (!value || std::find(accepted.begin(), accepted.end(), text) == accepted.end())
            refuse("one of " + joined(accepted), text);
        access(c) = *value;
    };
    return f;
}

template <typename Access>
ConfigField onOff(std::string key, std::string flag, std::string label, std::string help, Access access)
{
    ConfigField f{std::move(key), std::move(flag), std::move(label), std::move(help), Type::Switch};
    f.get = [access](const TrainConfig& c) { return std::string(access(c) ? "true" : "false"); };
    f.set = [access](TrainConfig& c, const std::string& text) {
        if (text != "true" && text != "false")
            refuse("true or false", text);
        access(c) = text == "true";
    };
    return f;
}

ConfigField architecture()
{
    ConfigField f{"architecture", "--net", "network",
                  "layer sizes; convnets: 784,conv20x5,pool2,conv40x5,pool2,100,10", Type::Text};
    f.get = [](const TrainConfig& c) { return formatArchitecture(c.net); };
    f.set = [](TrainConfig& c, const std::string& text) {
        try {
            parseArchitecture(text, c.net);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("must be a network such as 784,30,10: ") + e.what());
        }
    };
    return f;
}

std::vector<ConfigField> describeFields()
{
    std::vector<ConfigField> fields;
    fields.push_back(architecture());
    fields.push_back(named("hidden", "--activation", "hidden activation", "hidden neurons (σ)",
                           {"sigmoid", "tanh", "relu"}, [](auto& c) -> auto& { return c.net.hidden; },
                           activationName, parseActivation));
    fields.push_back(named("output", "--output", "output activation", "output layer", {"sigmoid", "softmax"},
                           [](auto& c) -> auto& { return c.net.output; }, activationName, parseActivation));
    fields.push_back(named("cost", "--cost", "cost", "cost function (C)",
                           {"quadratic", "cross-entropy", "log-likelihood"},
                           [](auto& c) -> auto& { return c.net.cost; }, costName, parseCost));
    fields.push_back(real("dropout", "--dropout", "dropout probability p",
                          "dropout probability of hidden neurons (convnets: also the fully connected layers' "
                          "inputs)",
                          0.0, 0.95, [](auto& c) -> auto& { return c.net.dropout; }));
    fields.push_back(named("init", "--init", "initialisation",
                           "weights N(0,1), N(0,1/n_in), or network3.py's N(0,1/n_out) (chapter 6)",
                           {"large", "scaled", "network3"}, [](auto& c) -> auto& { return c.init; },
                           initialisationName, parseInitialisation));
    fields.push_back(real("eta", "--eta", "learning rate η", "learning rate (η)", 1e-9, 1e30,
                          [](auto& c) -> auto& { return c.hyper.eta; }));
    fields.push_back(real("lambda", "--lambda", "L2 regularisation λ", "L2 regularisation (λ)", 0.0, 1e6,
                          [](auto& c) -> auto& { return c.hyper.lambda; }));
    fields.push_back(real("l1", "--l1", "L1 regularisation λ", "L1 regularisation (λ of eq. 95)", 0.0, 1e6,
                          [](auto& c) -> auto& { return c.hyper.l1; }));
    fields.push_back(real("momentum", "--momentum", "momentum co-efficient μ", "momentum co-efficient (μ)", 0.0,
                          0.999, [](auto& c) -> auto& { return c.hyper.momentum; }));
    fields.push_back(integer("mini_batch_size", "--batch", "mini-batch size m", "mini-batch size (m)", 1, 50000,
                             [](auto& c) -> auto& { return c.miniBatchSize; }));
    fields.push_back(integer("epochs", "--epochs", "epochs", "passes over the training set", 1, 100000,
                             [](auto& c) -> auto& { return c.epochs; }));
    fields.push_back(integer("training_size", "--train-size", "training-set size n",
                             "use the first n training images (n)", 1, 50000,
                             [](auto& c) -> auto& { return c.trainingSize; }));
    fields.push_back(onOff("shifts", "--expand", "expanded data",
                           "expanded training data: every image also shifted 1 pixel 4 ways",
                           [](auto& c) -> auto& { return c.expansion.shifts; }));
    fields.push_back(real("rotation_degrees", "--rotations", "rotations", "expanded training data: every image also rotated by ±DEG degrees", 0.0,
                          45.0, [](auto& c) -> auto& { return c.expansion.rotationDegrees; }));
    fields.push_back(named("dataset", "--dataset", "dataset", "MNIST's digits or Fashion-MNIST's clothes",
                           {"mnist", "fashion"}, [](auto& c) -> auto& { return c.dataset; }, datasetName,
                           parseDatasetKind));
    fields.push_back(integer("eta_halving_patience", "--eta-schedule", "η schedule patience",
                             "halve η after N epochs without better validation accuracy; stop at η/128", 0, 1000,
                             [](auto& c) -> auto& { return c.etaHalvingPatience; }));
    fields.push_back(integer("early_stopping_patience", "--early-stop", "early-stopping patience",
                             "stop after N epochs without better validation accuracy", 0, 1000,
                             [](auto& c) -> auto& { return c.earlyStoppingPatience; }));
    fields.push_back(integer("seed", "--seed", "seed", "random seed (same seed, same weights)", 0, 4294967295.0,
                             [](auto& c) -> auto& { return c.seed; }));
    fields.push_back(integer("threads", "--threads", "threads",
                             "backprop threads: 0 chooses (2 for convnets), 1 forces one", 0, 2,
                             [](auto& c) -> auto& { return c.threads; }));
    return fields;
}

}  // namespace

void ConfigField::checkRange(const TrainConfig& config) const
{
    if (type != Type::Real && type != Type::Integer)
        return;
    const std::string text = get(config);
    const bool inRange = type == Type::Real ? std::stof(text) >= float(min) && std::stof(text) <= float(max)
                                            : std::stod(text) >= min && std::stod(text) <= max;
    if (!inRange)
        throw std::invalid_argument(label + " must be from " + rangeText(min, max) + ", not " + text);
}

const std::vector<ConfigField>& configFields()
{
    static const std::vector<ConfigField> fields = describeFields();
    return fields;
}

const ConfigField* configField(std::string_view keyOrFlag)
{
    for (const ConfigField& f : configFields())
        if (f.key == keyOrFlag || (!f.flag.empty() && f.flag == keyOrFlag))
            return &f;
    return nullptr;
}

}  // namespace nnlab
