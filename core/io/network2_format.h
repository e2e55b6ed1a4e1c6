// network2_format.h — the JSON of network2.py's save(), for fully connected networks:
//   {"sizes": [784, 30, 10], "weights": [w^1 as rows, ...], "biases": [[[b], ...], ...],
//    "cost": "CrossEntropyCost"}
// What network2.py has no field for goes in extra keys it ignores: "activation" (hidden),
// "output_activation", "nnlab_cost".
#pragma once

#include "core/io/model_json.h"
#include "core/nn/network.h"

namespace nnlab {

bool looksLikeNetwork2(const ModelJson& root);
Network parseNetwork2(const ModelJson& root, const ModelReader& reader);
ModelJson network2Json(const Network& net);   // the network must be fully connected

}  // namespace nnlab
