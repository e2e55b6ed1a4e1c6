#include "core/io/checkpoint_file.h"

#include "core/data/sha256.h"
#include "core/io/atomic_file.h"
#include "core/io/base64.h"
#include "core/io/config_json.h"
#include "core/io/json_reader.h"
#include "core/io/summary_json.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace nnlab {

namespace {

static_assert(std::endian::native == std::endian::little, "checkpoints store float32 little-endian");

// A checkpoint of the largest network allowed (kMaxParameters, network_limits.h) with momentum is ~200 MB.
constexpr std::uintmax_t kMaxCheckpointBytes = 1024u << 20;

using nlohmann::json;

// The first version whose float arrays are CBOR byte strings; version 1 had base64 text.
constexpr int kFirstBinaryVersion = 2;

json arrays(const std::vector<Eigen::ArrayXf>& list)
{
    json out = json::array();
    for (const Eigen::ArrayXf& values : list) {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(values.data());
        out.push_back(json::binary(std::vector<std::uint8_t>(bytes, bytes + values.size() * sizeof(float))));
    }
    return out;
}

json evaluationJson(const Evaluation& e)
{
    return {{"cost", e.cost}, {"accuracy", e.accuracy}, {"correct", e.correct}, {"total", e.total}};
}

json epochJson(const EpochReport& r)
{
    return {{"epoch", r.epoch},
            {"seconds", r.seconds},
            {"eta", r.eta},
            {"training", evaluationJson(r.training)},
            {"validation", evaluationJson(r.validation)},
            {"test", evaluationJson(r.test)},
            {"bias_gradient_norms", r.biasGradientNorms},
            {"weight_gradient_norms", r.weightGradientNorms}};
}

class CheckpointReader : public JsonReader {
public:
    CheckpointReader(std::string fileName, long long version) : JsonReader(std::move(fileName)), m_version(version) {}

    std::vector<Eigen::ArrayXf> floatArrays(const json& o, const char* key) const
    {
        std::vector<Eigen::ArrayXf> out;
        for (const json& item : array(o, key)) {
            const std::string where = std::string("\"") + key + "\" [" + std::to_string(out.size()) + "]";
            if (m_version >= kFirstBinaryVersion) {
                if (!item.is_binary() || item.get_binary().size() % sizeof(float) != 0)
                    fail(where + " is not float32 data");
                out.push_back(floats(item.get_binary().data(), item.get_binary().size()));
            } else {
                const std::optional<std::string> bytes = item.is_string() ? base64Decode(item.get<std::string>()) : std::nullopt;
                if (!bytes || bytes->size() % sizeof(float) != 0)
                    fail(where + " is not base64 float32 data");
                out.push_back(floats(bytes->data(), bytes->size()));
            }
        }
        return out;
    }

    std::vector<double> numbers(const json& o, const char* key) const
    {
        std::vector<double> out;
        for (const json& item : array(o, key)) {
            if (!item.is_number() || !std::isfinite(item.get<double>()))
                fail(std::string("\"") + key + "\" must hold finite numbers");
            out.push_back(item.get<double>());
        }
        return out;
    }

    Evaluation evaluation(const json& o, const char* key) const
    {
        const json& e = member(o, key);
        Evaluation out;
        out.cost = number(e, "cost");
        out.accuracy = number(e, "accuracy");
        out.correct = int(integer(e, "correct", 0, 1 << 30));
        out.total = int(integer(e, "total", 0, 1 << 30));
        return out;
    }

    EpochReport epoch(const json& o) const
    {
        EpochReport r;
        r.epoch = int(integer(o, "epoch", 1, 100000));
        r.seconds = number(o, "seconds");
        r.eta = float(number(o, "eta"));
        r.training = evaluation(o, "training");
        r.validation = evaluation(o, "validation");
        r.test = evaluation(o, "test");
        r.biasGradientNorms = numbers(o, "bias_gradient_norms");
        r.weightGradientNorms = numbers(o, "weight_gradient_norms");
        return r;
    }

private:
    static Eigen::ArrayXf floats(const void* bytes, std::size_t size)
    {
        Eigen::ArrayXf values(Eigen::Index(size / sizeof(float)));
        std::memcpy(values.data(), bytes, size);
        return values;
    }

    long long m_version;
};

// The document: version 2's CBOR, or version 1's JSON text, which starts with '{' (a CBOR map
// starts with a byte from 0xA0 to 0xBF, never '{').
// SHA-256 of the document's CBOR without its "checksum" member. CBOR from nlohmann-json is
// canonical for what a checkpoint holds (members in key order, each number in its shortest exact
// form), so a reader re-encodes what it decoded and gets the same bytes unless one has changed.
std::string contentChecksum(json document)
{
    document.erase("checksum");
    std::string bytes;
    json::to_cbor(document, bytes);
    return sha256Hex(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

json decode(const std::string& bytes, const JsonReader& reader)
{
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    const bool text = first != std::string::npos && bytes[first] == '{';
    try {
        return text ? json::parse(bytes) : json::from_cbor(bytes);
    } catch (const json::parse_error& e) {
        reader.fail(std::string("not a checkpoint: a ") + (text ? "JSON syntax" : "CBOR decoding") + " error at byte " +
                    std::to_string(e.byte) + " (perhaps a file cut short)");
    } catch (const json::exception&) {
        reader.fail(std::string("not a checkpoint: unreadable ") + (text ? "JSON" : "CBOR"));
    }
}

}  // namespace

std::string serialiseCheckpoint(const Checkpoint& c)
{
    const TrainingState& s = c.state;
    json history = json::array();
    for (const EpochReport& r : s.history)
        history.push_back(epochJson(r));
    json root = {
        {"format", "nnlab-checkpoint"},
        {"version", kCheckpointVersion},
        {"finished", c.finished},
        {"config", trainConfigJson(c.config)},
        {"epoch", s.epoch},
        {"batches_done", s.batchesDone},
        {"eta", s.hyper.eta},
        {"lambda", s.hyper.lambda},
        {"l1", s.hyper.l1},
        {"momentum", s.hyper.momentum},
        {"rng", s.rng},
        {"replica_rng", s.replicaRng},
        {"epoch_seconds", s.epochSeconds},
        {"epoch_bias_norm_sums", s.epochBiasNormSums},
        {"epoch_weight_norm_sums", s.epochWeightNormSums},
        {"epochs_since_best", s.epochsSinceBest},
        {"epochs_since_best_or_halving", s.epochsSinceBestOrHalving},
        {"summary", json(summaryFiguresJson(s.summary))},
        {"history", history},
        {"order", s.order},
        {"parameters", arrays(s.parameters)},
        {"velocities", arrays(s.velocities)},
    };
    root["checksum"] = contentChecksum(root);
    std::string bytes;
    json::to_cbor(root, bytes);
    return bytes;
}

void saveCheckpoint(const std::filesystem::path& path, const Checkpoint& checkpoint)
{
    writeFileAtomically(path, serialiseCheckpoint(checkpoint));
}

Checkpoint parseCheckpoint(const std::string& bytes, const std::string& nameForErrors)
{
    const JsonReader file(nameForErrors);
    const json root = decode(bytes, file);
    if (!root.is_object() || !root.contains("format") || root["format"] != "nnlab-checkpoint")
        file.fail("not an nnlab checkpoint (no \"format\": \"nnlab-checkpoint\")");
    const long long version = file.integer(root, "version", 0, 1 << 30);
    if (version < 1 || version > kCheckpointVersion)
        file.fail("checkpoint version " + std::to_string(version) + " is not one this nnlab reads (it reads 1 to " +
                  std::to_string(kCheckpointVersion) + ")");
    // From version 2 a checkpoint carries a checksum of its contents: one changed byte in a weight
    // would otherwise resume silently with a changed weight.
    if (version >= kFirstBinaryVersion) {
        const std::string checksum = file.text(root, "checksum");
        if (checksum != contentChecksum(root))
            file.fail("its contents don't match their checksum: the file was changed or damaged after it was "
                      "written");
    }
    const CheckpointReader reader(nameForErrors, version);
    try {
        Checkpoint c;
        c.finished = reader.boolean(root, "finished");
        c.config = parseTrainConfig(reader.member(root, "config"), reader);
        TrainingState& s = c.state;
        s.epoch = int(reader.integer(root, "epoch", 1, 100001));
        s.batchesDone = int(reader.integer(root, "batches_done", 0, 1 << 30));
        s.hyper.eta = float(reader.number(root, "eta"));
        s.hyper.lambda = float(reader.number(root, "lambda"));
        s.hyper.l1 = float(reader.number(root, "l1"));
        s.hyper.momentum = float(reader.number(root, "momentum"));
        s.rng = reader.text(root, "rng");
        s.replicaRng = reader.text(root, "replica_rng");
        s.epochSeconds = reader.number(root, "epoch_seconds");
        s.epochBiasNormSums = reader.numbers(root, "epoch_bias_norm_sums");
        s.epochWeightNormSums = reader.numbers(root, "epoch_weight_norm_sums");
        s.epochsSinceBest = int(reader.integer(root, "epochs_since_best", 0, 100000));
        s.epochsSinceBestOrHalving = int(reader.integer(root, "epochs_since_best_or_halving", 0, 100000));
        s.summary = parseSummaryFigures(reader.member(root, "summary"), reader);
        for (const json& r : reader.array(root, "history"))
            s.history.push_back(reader.epoch(r));
        for (const json& i : reader.array(root, "order")) {
            if (!i.is_number_integer())
                reader.fail("\"order\" must hold whole numbers");
            s.order.push_back(i.get<int>());
        }
        s.parameters = reader.floatArrays(root, "parameters");
        s.velocities = reader.floatArrays(root, "velocities");
        return c;
    } catch (const json::exception& e) {   // a type the checks above did not foresee
        reader.fail(std::string("malformed checkpoint (") + e.what() + ")");
    }
}

Checkpoint loadCheckpoint(const std::filesystem::path& path)
{
    return parseCheckpoint(readFile(path, kMaxCheckpointBytes), path.string());
}

}  // namespace nnlab
