#include "core/train/memory_estimate.h"

#include "core/util/available_memory.h"

#include <algorithm>
#include <cstdio>

namespace nnlab {

namespace {

// Address space each run's threads take besides the data (a helper core, an evaluation thread):
// their stacks and malloc's per-thread heaps, which an address-space limit (ulimit -v) counts.
constexpr std::uint64_t kThreadBytes = 160u << 20;

bool hasFeatureLayers(const NetworkSize& size)
{
    return std::any_of(size.layers.begin(), size.layers.end(),
                       [](const MeasuredLayer& l) { return l.kind != LayerSize::Kind::FullyConnected; });
}

// Floats one example takes in a copy of the network that trains: each layer keeps z, a (forward)
// and δ (backprop) for it; a convolution also z and δ in its patches' row order, the patches and
// their gradient (conv_layer.h); pooling the index of each maximum; dropout its mask, the dropped
// a, and the δ the layer behind it scales (dropout.h, dense_layer.h).
long long trainingValuesPerExample(const NetworkSize& size, bool dropout)
{
    long long values = 0;
    for (const MeasuredLayer& l : size.layers) {
        switch (l.kind) {
        case LayerSize::Kind::Convolution: values += 5 * l.outputs + 2 * l.patchValues; break;
        case LayerSize::Kind::MaxPool: values += 4 * l.outputs; break;
        case LayerSize::Kind::FullyConnected: values += 3 * l.outputs; break;
        }
        if (dropout)
            values += 3 * l.outputs;
    }
    return values;
}

// Floats one example takes in inference (Network::infer): the two buffers the layers write in
// turn (layer l into buffer l mod 2, each as large as the largest output it ever holds), each
// convolution's patches, z in their order and z (scratch kept per thread, as large as the
// largest layer's), a fully connected layer's z, and the output's one-hot targets.
long long inferenceValuesPerExample(const NetworkSize& size)
{
    long long buffers[2] = {0, 0}, patches = 0, convOutputs = 0, denseOutputs = 0;
    for (std::size_t l = 0; l < size.layers.size(); ++l) {
        const MeasuredLayer& layer = size.layers[l];
        buffers[l % 2] = std::max(buffers[l % 2], layer.outputs);
        if (layer.kind == LayerSize::Kind::Convolution) {
            patches = std::max(patches, layer.patchValues);
            convOutputs = std::max(convOutputs, layer.outputs);
        } else if (layer.kind == LayerSize::Kind::FullyConnected) {
            denseOutputs = std::max(denseOutputs, layer.outputs);
        }
    }
    return buffers[0] + buffers[1] + patches + 2 * convOutputs + denseOutputs + size.layers.back().outputs;
}

std::uint64_t bytesOf(long long floats)
{
    return static_cast<std::uint64_t>(floats) * sizeof(float);
}

}  // namespace

int evaluationChunk(const NetworkSize& size)
{
    // 1,000 images of a fully connected net, 100 of a convnet (the book's chapter 6 net needs
    // ~80,000 floats of scratch an image), fewer when that would pass 64 M floats.
    constexpr long long kScratchValues = 64LL << 20;
    const long long most = hasFeatureLayers(size) ? 100 : 1000;
    return static_cast<int>(std::clamp(kScratchValues / std::max(1LL, inferenceValuesPerExample(size)), 1LL, most));
}

std::uint64_t trainingMemory(const TrainConfig& config, const RunMemory& run)
{
    const NetworkSize size = measureNetwork(config.net);
    const long long m = config.miniBatchSize, parameters = size.parameters;
    const long long outputs = size.layers.back().outputs;
    // One copy of the network: w and b, ∇w and ∇b, and the mini-batch's buffers.
    const long long buffers = m * trainingValuesPerExample(size, config.net.dropout > 0.0f);
    const long long copy = 2 * parameters + buffers;
    long long floats = 0;
    if (config.threads != 1 && m >= 2 && hasFeatureLayers(size)) {
        // Two cores (data_parallel_backprop.h): this one's network and the helper's copy, each with
        // buffers for half the mini-batch, and the copy of this one's that each epoch starts from.
        floats += 3 * 2 * parameters + 3 * buffers / 2;
    } else {
        floats += 2 * copy;   // the trainer's network, and the copy of it each epoch starts from
    }
    floats += parameters;     // momentum's velocities (the Train view can turn μ on during a run)
    floats += 2 * (size.inputs + outputs) * m;   // the mini-batch x, y (and, on two cores, their halves)
    floats += 2 * evaluationChunk(size) * inferenceValuesPerExample(size);   // evaluation, both cores
    // The images loaded, and the training set's own copy of its first n.
    floats += (run.imagesLoaded + config.trainingSize) * size.inputs;
    floats += run.networksKept * copy;
    if (run.checkpoints)
        floats += 6 * parameters;   // w, b and velocities copied into the state, then serialised
    return bytesOf(floats) + kThreadBytes;
}

std::uint64_t gradientCheckMemory(const NetworkSpec& spec, int samples)
{
    const NetworkSize size = measureNetwork(spec);
    // The network with buffers for the samples, x and y, and the finite differences' inference
    // in double precision (twice a float's bytes) on the same samples.
    const long long floats = 2 * size.parameters + samples * trainingValuesPerExample(size, false) +
                             2 * samples * (size.inputs + size.layers.back().outputs) +
                             2 * samples * inferenceValuesPerExample(size);
    return bytesOf(floats) + kThreadBytes;
}

std::string formatBytes(std::uint64_t bytes)
{
    const char* unit = "bytes";
    double value = double(bytes);
    for (const char* larger : {"kB", "MB", "GB", "TB"}) {
        if (value < 999.5)
            break;
        value /= 1000.0;
        unit = larger;
    }
    char text[32];
    std::snprintf(text, sizeof text, value < 9.95 && unit[0] != 'b' ? "%.1f %s" : "%.0f %s", value, unit);
    return text;
}

std::string memoryProblem(const std::string& what, std::uint64_t bytes)
{
    const AvailableMemory available = availableMemory();
    if (bytes <= available.bytes)
        return {};
    return what + " needs about " + formatBytes(bytes) + " of memory; only " + formatBytes(available.bytes) +
           " is available" + (available.limitedByUlimit ? " under this process's address-space limit (ulimit -v)" : "");
}

}  // namespace nnlab

namespace nnlab {

std::string trainingMemoryProblem(const TrainConfig& config, const RunMemory& run)
{
    std::string what = formatArchitecture(config.net) + " with m = " + std::to_string(config.miniBatchSize);
    if (run.networksKept > 1)
        what += ", keeping " + std::to_string(run.networksKept) + " trained networks,";
    return memoryProblem(what, trainingMemory(config, run));
}

}  // namespace nnlab
