// layer_stack_format.h — nnlab's own model format, for any stack of layers (convnets):
//   {"format": "nnlab-model", "version": 2, "input": {"channels": 1, "height": 28, "width": 28},
//    "cost": "log-likelihood",
//    "layers": [{"type": "conv", "maps": 20, "kernel": 5, "activation": "relu",
//                "weights": [K·C·k·k numbers, filter by filter], "biases": [K numbers]},
//               {"type": "pool", "size": 2},
//               {"type": "dense", "neurons": 100, "activation": "relu",
//                "weights": [n_out·n_in numbers, row by row], "biases": [n_out numbers]}, ...]}
// A file with another "version" is refused with a clear message rather than misread.
#pragma once

#include "core/io/model_json.h"
#include "core/nn/network.h"

namespace nnlab {

constexpr int kLayerStackVersion = 2;

bool looksLikeLayerStack(const ModelJson& root);
Network parseLayerStack(const ModelJson& root, const ModelReader& reader);
ModelJson layerStackJson(const Network& net);

}  // namespace nnlab
