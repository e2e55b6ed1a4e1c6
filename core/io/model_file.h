// model_file.h — saving and loading trained networks.
//
// Fully connected networks are written in the JSON format of network2.py's save()
// (network2_format.h), so network2.load() reads our files and we read its; other networks
// (convnets) in nnlab's versioned layer-stack format (layer_stack_format.h). Loading tells the
// two apart by their keys.
#pragma once

#include "core/io/atomic_file.h"
#include "core/nn/network.h"

#include <filesystem>
#include <string>

namespace nnlab {

// Throws FileError "<path>: <what is wrong>" for a file that isn't a valid model.
Network loadModel(const std::filesystem::path& path);
Network parseModel(const std::string& json, const std::string& nameForErrors);

// Atomic (temp + rename); FileError on failure, with the old file intact.
void saveModel(const std::filesystem::path& path, const Network& net);
std::string serialiseModel(const Network& net);

}  // namespace nnlab
