#include "io/model_file.h"

#include "nn/dense_layer.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace nnlab {

namespace {

// Parameters are float32: keeping them float in the JSON tree prints each with the shortest
// text that reads back exactly (e.g. 0.1 rather than 0.10000000149011612), halving file size.
using Json = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                  std::uint64_t, float>;

constexpr std::uintmax_t kMaxModelBytes = 512u << 20;
constexpr long long kMaxParameters = 50'000'000;

std::string network2CostName(Cost cost)
{
    // network2.py knows these two classes; a softmax/log-likelihood net is read there as
    // cross-entropy, which classifies identically (argmax of σ(z) = argmax of softmax(z)).
    return cost == Cost::Quadratic ? "QuadraticCost" : "CrossEntropyCost";
}

class ModelParser {
public:
    explicit ModelParser(std::string name) : m_name(std::move(name)) {}

    [[noreturn]] void fail(const std::string& what) const { throw FileError(m_name + ": " + what); }

    Network parse(const std::string& text)
    {
        Json root;
        try {
            root = Json::parse(text);
        } catch (const Json::parse_error& e) {
            fail("not a valid JSON model file (syntax error at byte " + std::to_string(e.byte) + ")");
        } catch (const Json::out_of_range&) {
            fail("a number is too large for float32 (weights and biases must be finite)");
        }
        if (!root.is_object())
            fail("not a model file: expected a JSON object with \"sizes\", \"weights\", \"biases\"");
        for (const char* key : {"sizes", "weights", "biases"})
            if (!root.contains(key))
                fail(std::string("not a model file: the key \"") + key + "\" is missing");
        const NetworkSpec spec = readSpec(root);
        std::vector<std::unique_ptr<Layer>> layers;
        const Json& weights = root["weights"];
        const Json& biases = root["biases"];
        const std::size_t layerCount = spec.sizes.size() - 1;
        if (!weights.is_array() || weights.size() != layerCount)
            fail("\"weights\" must hold " + std::to_string(layerCount) + " matrices, one per layer after the input");
        if (!biases.is_array() || biases.size() != layerCount)
            fail("\"biases\" must hold " + std::to_string(layerCount) + " vectors, one per layer after the input");
        for (std::size_t l = 0; l < layerCount; ++l) {
            const bool isOutput = l + 1 == layerCount;
            auto layer = std::make_unique<DenseLayer>(spec.sizes[l], spec.sizes[l + 1],
                                                      isOutput ? spec.output : spec.hidden);
            readWeights(weights[l], l + 1, layer->weights());
            readBiases(biases[l], l + 1, layer->biases());
            layers.push_back(std::move(layer));
        }
        return Network(std::move(layers), spec.cost);
    }

private:
    NetworkSpec readSpec(const Json& root) const
    {
        NetworkSpec spec;
        const Json& sizes = root["sizes"];
        if (!sizes.is_array() || sizes.size() < 2)
            fail("\"sizes\" must be a list of at least two layer sizes, like [784, 30, 10]");
        long long parameters = 0;
        for (const Json& s : sizes) {
            if (!s.is_number_integer() || s.get<long long>() < 1 || s.get<long long>() > 100000)
                fail("\"sizes\" must hold whole numbers from 1 to 100000");
            if (!spec.sizes.empty())
                parameters += (spec.sizes.back() + 1LL) * s.get<long long>();
            spec.sizes.push_back(s.get<int>());
        }
        if (parameters > kMaxParameters)
            fail("the network is too large (" + std::to_string(parameters) + " parameters)");
        spec.cost = readCost(root);
        spec.hidden = readActivation(root, "activation");
        spec.output = readActivation(root, "output_activation");
        try {
            validate(spec);
        } catch (const std::invalid_argument& e) {
            fail(e.what());
        }
        return spec;
    }

    Cost readCost(const Json& root) const
    {
        if (root.contains("nnlab_cost")) {
            const Json& c = root["nnlab_cost"];
            if (c.is_string())
                if (auto cost = parseCost(c.get<std::string>()))
                    return *cost;
            fail("unknown \"nnlab_cost\" (expected quadratic, cross-entropy or log-likelihood)");
        }
        if (!root.contains("cost"))
            return Cost::CrossEntropy;
        const Json& c = root["cost"];
        if (c == "QuadraticCost")
            return Cost::Quadratic;
        if (c == "CrossEntropyCost")
            return Cost::CrossEntropy;
        fail("unknown \"cost\" (network2.py writes QuadraticCost or CrossEntropyCost)");
    }

    Activation readActivation(const Json& root, const char* key) const
    {
        if (!root.contains(key))
            return Activation::Sigmoid;   // network2.py's only activation
        const Json& a = root[key];
        if (a.is_string())
            if (auto f = parseActivation(a.get<std::string>()))
                return *f;
        fail(std::string("unknown \"") + key + "\" (expected sigmoid, tanh, relu or softmax)");
    }

    float readNumber(const Json& v, const std::string& where) const
    {
        if (!v.is_number())
            fail(where + " is not a number");
        const float x = v.get<float>();
        if (!std::isfinite(x))
            fail(where + " is not finite (NaN, infinite, or too large for float32)");
        return x;
    }

    void readWeights(const Json& w, std::size_t l, Eigen::MatrixXf& weights) const
    {
        const std::string name = "weights of layer " + std::to_string(l);
        if (!w.is_array() || w.size() != std::size_t(weights.rows()))
            fail(name + " must have " + std::to_string(weights.rows()) + " rows (one per neuron)");
        for (Eigen::Index j = 0; j < weights.rows(); ++j) {
            const Json& row = w[j];
            if (!row.is_array() || row.size() != std::size_t(weights.cols()))
                fail(name + ", row " + std::to_string(j) + " must have " + std::to_string(weights.cols()) +
                     " entries (one per input)");
            for (Eigen::Index k = 0; k < weights.cols(); ++k)
                weights(j, k) = readNumber(row[k], name + " [" + std::to_string(j) + "][" + std::to_string(k) + "]");
        }
    }

    void readBiases(const Json& b, std::size_t l, Eigen::VectorXf& biases) const
    {
        const std::string name = "biases of layer " + std::to_string(l);
        if (!b.is_array() || b.size() != std::size_t(biases.size()))
            fail(name + " must have " + std::to_string(biases.size()) + " entries (one per neuron)");
        for (Eigen::Index j = 0; j < biases.size(); ++j) {
            // network2.py stores each bias vector as a column: [[b_0], [b_1], ...].
            const Json& entry = b[j].is_array() && b[j].size() == 1 ? b[j][0] : b[j];
            biases[j] = readNumber(entry, name + " [" + std::to_string(j) + "]");
        }
    }

    std::string m_name;
};

}  // namespace

Network parseModel(const std::string& json, const std::string& nameForErrors)
{
    return ModelParser(nameForErrors).parse(json);
}

Network loadModel(const std::filesystem::path& path)
{
    return parseModel(readFile(path, kMaxModelBytes), path.string());
}

std::string serialiseModel(const Network& net)
{
    if (!net.isFullyConnected())
        throw FileError("only fully connected networks are saved in network2.py's format");
    Json root;
    root["sizes"] = net.sizes();
    Json weights = Json::array(), biases = Json::array();
    for (int l = 0; l < net.layerCount(); ++l) {
        const auto& dense = static_cast<const DenseLayer&>(net.layer(l));
        Json w = Json::array();
        for (Eigen::Index j = 0; j < dense.weights().rows(); ++j) {
            Json row = Json::array();
            for (Eigen::Index k = 0; k < dense.weights().cols(); ++k)
                row.push_back(dense.weights()(j, k));
            w.push_back(std::move(row));
        }
        Json b = Json::array();
        for (Eigen::Index j = 0; j < dense.biases().size(); ++j)
            b.push_back(Json::array({dense.biases()[j]}));
        weights.push_back(std::move(w));
        biases.push_back(std::move(b));
    }
    root["weights"] = std::move(weights);
    root["biases"] = std::move(biases);
    root["cost"] = network2CostName(net.cost());
    root["activation"] = activationName(net.hiddenActivation());
    root["output_activation"] = activationName(net.outputActivation());
    root["nnlab_cost"] = costName(net.cost());
    root["format"] = "nnlab network2-compatible 1";
    return root.dump();
}

void saveModel(const std::filesystem::path& path, const Network& net)
{
    writeFileAtomically(path, serialiseModel(net));
}

}  // namespace nnlab
