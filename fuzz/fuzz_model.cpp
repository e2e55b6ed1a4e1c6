// fuzz_model — the model-file parser (core/io/model_file.h) behind loadModel(): network2.py's
// JSON and nnlab's layer-stack format, told apart by their keys. A model that loads must also
// run: one forward pass on an all-zero input of its input size.
#include "fuzz/fuzz_check.h"

#include "core/io/model_file.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string name = "fuzz.json";
    try {
        const nnlab::Network net = nnlab::parseModel(std::string(reinterpret_cast<const char*>(data), size), name);
        const Eigen::VectorXf output = net.feedforward(Eigen::VectorXf::Zero(net.inputSize()));
        if (output.size() != net.sizes().back())
            std::abort();
    } catch (const nnlab::FileError& e) {
        requireOneLineNamingFile(e.what(), name);
    }
    return 0;
}
