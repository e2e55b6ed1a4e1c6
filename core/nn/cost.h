// cost.h — the cost functions C(a, y) of chapters 1 and 3 and the output error δ^L (BP1).
//
// As in network2.py, each cost has two parts: fn(a, y), its value, and delta(z, a, y), the
// error δ^L = ∂C/∂z^L of the output layer. Columns are examples; values are summed over them.
#pragma once

#include "core/nn/activation.h"

#include <Eigen/Core>

#include <optional>
#include <string>

namespace nnlab {

enum class Cost { Quadratic, CrossEntropy, LogLikelihood };

std::string costName(Cost cost);                                  // "quadratic", ...
std::optional<Cost> parseCost(const std::string& name);

// Σ over the columns of C(a, y):
//   quadratic      ½‖a − y‖²                                    (eq. 6)
//   cross-entropy  −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]    (eq. 63)
//   log-likelihood −ln a_y                                      (eq. 80)
// Computed in double so that a mini-batch's or a whole set's total is exact enough for
// finite-difference gradient checks.
double costValue(Cost cost, const Eigen::MatrixXf& a, const Eigen::MatrixXf& y);
double costValue(Cost cost, const Eigen::MatrixXd& a, const Eigen::MatrixXd& y);

// δ^L = ∂C/∂z^L for an output layer with activation `output` (BP1):
//   quadratic      (a − y) ⊙ σ'(z)            (eq. BP1 with ∇_a C = a − y)
//   cross-entropy  a − y  for sigmoid output  (eq. 66: σ' cancels, no learning slowdown)
//   log-likelihood a − y  for softmax output  (eq. 84)
void outputDelta(Cost cost, Activation output, const Eigen::MatrixXf& z, const Eigen::MatrixXf& a,
                 const Eigen::MatrixXf& y, Eigen::MatrixXf& delta);

// Which output activations a cost is defined for here (softmax goes with log-likelihood).
bool costSupportsOutput(Cost cost, Activation output);

}  // namespace nnlab
