#include "core/io/model_file.h"

#include "core/io/layer_stack_format.h"
#include "core/io/network2_format.h"
#include "core/nn/network_limits.h"

#include <optional>

namespace nnlab {

namespace {

constexpr std::uintmax_t kMaxModelBytes = 512u << 20;
// A network that can be saved can be loaded: at most 18 characters a parameter (network_limits.h),
// and a few hundred for each layer's keys.
static_assert(kMaxParameters * 18 + kMaxLayers * 1000 < static_cast<long long>(kMaxModelBytes));

// Where a JSON parser stopped (byte, 1-based), is it at NaN, Infinity or -Infinity? Python's
// json.dump writes those words; JSON has no such numbers. Returns the word's offset.
std::optional<std::size_t> nonFiniteLiteralNear(const std::string& text, std::size_t byte)
{
    const std::size_t from = byte > 10 ? byte - 10 : 0;
    for (const char* word : {"NaN", "Infinity"}) {
        const std::size_t at = text.find(word, from);
        if (at != std::string::npos && at <= byte)
            return at;
    }
    return std::nullopt;
}

}  // namespace

Network parseModel(const std::string& text, const std::string& nameForErrors)
{
    const ModelReader reader(nameForErrors);
    ModelJson root;
    try {
        root = ModelJson::parse(text);
    } catch (const ModelJson::parse_error& e) {
        if (const auto at = nonFiniteLiteralNear(text, e.byte))
            reader.fail("holds NaN or Infinity (at byte " + std::to_string(*at + 1) +
                        "), which JSON does not allow: Python's json.dump writes them for weights that are not "
                        "finite, so the network that was saved had diverged");
        reader.fail("not a valid JSON model file (syntax error at byte " + std::to_string(e.byte) + ")");
    } catch (const ModelJson::out_of_range&) {
        reader.fail("a number is too large for float32 (weights and biases must be finite)");
    }
    if (!root.is_object())
        reader.fail("not a model file: expected a JSON object with \"sizes\", \"weights\", \"biases\"");
    try {
        if (looksLikeLayerStack(root))
            return parseLayerStack(root, reader);
        if (root.contains("format") && !looksLikeNetwork2(root) && !root.contains("weights"))
            reader.fail("unknown model format " + root["format"].dump() +
                        " (nnlab reads network2.py's files, with \"sizes\", \"weights\" and \"biases\", and its own "
                        "\"nnlab-model\")");
        return parseNetwork2(root, reader);
    } catch (const ModelJson::exception& e) {   // a type the checks above did not foresee
        reader.fail(std::string("malformed model file (") + e.what() + ")");
    }
}

Network loadModel(const std::filesystem::path& path)
{
    return parseModel(readFile(path, kMaxModelBytes), path.string());
}

std::string serialiseModel(const Network& net)
{
    // network2.py's format where it can say everything (fully connected, no dropout to record).
    return (net.isFullyConnected() ? network2Json(net) : layerStackJson(net)).dump();
}

void saveModel(const std::filesystem::path& path, const Network& net)
{
    writeFileAtomically(path, serialiseModel(net));
}

}  // namespace nnlab
