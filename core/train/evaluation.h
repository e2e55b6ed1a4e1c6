// evaluation.h — how well a network does on a labelled set: accuracy and cost.
#pragma once

#include "core/data/dataset.h"
#include "core/nn/network.h"

#include <atomic>
#include <vector>

namespace nnlab {

struct Evaluation {
    double cost = 0.0;       // mean C over the set, plus the regularisation term
    double accuracy = 0.0;   // fraction of examples whose largest output is the label
    int correct = 0;
    int total = 0;
};

struct Regularisation {
    float lambda = 0.0f;     // L2: adds ½(λ/n) Σ w² (eq. 85)
    float l1 = 0.0f;         // L1: adds (λ₁/n) Σ |w| (eq. 95)
    int n = 1;               // the training-set size. network2.py divides by the size of the set
                             // being evaluated; we use the training set's n for every set, so the
                             // validation cost is the same function the training minimises.
};

// The regularisation term of the cost: ½(λ/n) Σ w² + (λ₁/n) Σ |w| (eqs. 85 and 95).
double regularisationTerm(const Network& net, const Regularisation& reg);

// Runs the set through the network in chunks, on both cores (inference is thread-safe).
Evaluation evaluate(const Network& net, const Dataset& data, const Regularisation& reg = {});

// The output activations a^L of every example (output size × set size), on both cores.
Eigen::MatrixXf outputActivations(const Network& net, const Dataset& data);

// The predicted class of every example (argmax of the output layer). Setting `cancelled` from
// another thread stops it within a chunk of examples, and it returns an empty vector.
std::vector<int> predictClasses(const Network& net, const Dataset& data,
                                const std::atomic<bool>* cancelled = nullptr);

// The class column j of `scores` (output activations, or votes) names: the row of its largest entry.
int classOf(const Eigen::MatrixXf& scores, Eigen::Index j);

}  // namespace nnlab
