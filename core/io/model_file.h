// model_file.h — saving and loading trained networks.
//
// Fully connected networks are written in the JSON format of network2.py's save():
//   {"sizes": [784, 30, 10], "weights": [w^1 as rows, ...], "biases": [[[b], ...], ...],
//    "cost": "CrossEntropyCost"}
// so network2.load() reads our files and we read its. What network2.py has no field for goes in
// extra keys it ignores: "activation" (hidden), "output_activation", "nnlab_cost", "format".
#pragma once

#include "io/atomic_file.h"
#include "nn/network.h"

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
