// two_input_network.h — chapter 4's "many input variables": steps, bumps and towers in (x, y).
//
// A hidden neuron with weights (w_x, w_y) = (w, 0) and bias b = −w·s is a step in x at s; with
// (0, w) a step in y. Two steps with output weights ±h make a bump in x (or y); an x-bump plus a
// y-bump is a plateau of height h with a tower of height 2h where they cross. To keep only the
// tower, a second layer's neuron takes the four step neurons with weights ±h and the threshold
// bias b = −3h/2: inside the square its input is 2h − 3h/2 = h/2 (σ → 1 for large h), on the
// plateau −h/2 (σ → 0). A grid of such towers, each weighted by f at its centre, approximates
// f(x, y); each output neuron is one function, so several outputs share the same towers.
//
// Layout (samples as columns, as in the engine):
//   a¹ = σ(w¹ [x; y] + b¹)          w¹ is (H₁ × 2)
//   a² = σ(w² a¹ + b²)               w² is (H₂ × H₁), the tower neurons; absent when H₂ = 0
//   z  = v a_last + c,  a = z or σ(z)  v is (K × H_last): K outputs
#pragma once

#include "core/universality/bump_construction.h"
#include "core/universality/one_input_network.h"
#include "core/universality/target_function.h"

#include <Eigen/Core>

#include <vector>

namespace nnlab::universality {

enum class Axis { X, Y };

struct TwoInputNetwork {
    Eigen::MatrixXd w1;  // (H₁ × 2)
    Eigen::VectorXd b1;  // (H₁)
    Eigen::MatrixXd w2;  // (H₂ × H₁); 0 rows: no tower layer
    Eigen::VectorXd b2;  // (H₂)
    Eigen::MatrixXd v;   // (K × H_last)
    Eigen::VectorXd c;   // (K)
    OutputKind outputKind = OutputKind::WeightedSum;

    bool hasTowerLayer() const { return w2.rows() > 0; }
    int outputCount() const { return static_cast<int>(v.rows()); }
    // Outputs for the points in the columns of xy (2 × P): (K × P).
    Eigen::MatrixXd evaluate(const Eigen::MatrixXd& xy) const;
    double output(double x, double y, int k = 0) const;
    // Output k at the centres of an nx × ny grid of cells over [0, 1]²: (nx × ny), [i][j] ↔ (x_i, y_j).
    Eigen::MatrixXd outputGrid(int nx, int ny, int k = 0) const;
    // Every output on that grid. When each first-layer neuron sees only x or only y (all of the
    // book's constructions), the first layer is computed per column and per row, not per cell.
    std::vector<Eigen::MatrixXd> outputGrids(int nx, int ny) const;
};

double towerThresholdBias(double h);  // b = −3h/2

// Mean |f(x, y) − a(x, y)| over the centres of the cells of `grid` (an outputGrid: (nx × ny),
// [i][j] ↔ (x_i, y_j)): how far a tower grid is from the function it approximates, the 2-D
// counterpart of meanDeviation.
double meanGridDeviation(const Function2D& f, const Eigen::MatrixXd& grid);

TwoInputNetwork stepNetwork(Axis axis, double s, double w);
TwoInputNetwork bumpNetwork(Axis axis, double s1, double s2, double h, double w);
// x-bump on `x` plus y-bump on `y`, both of height h: plateau h, tower 2h where they cross.
TwoInputNetwork plateauNetwork(Interval x, Interval y, double h, double w);
// The four step neurons, one tower neuron σ(h·(a₁ − a₂ + a₃ − a₄) + bias), output weight `height`.
TwoInputNetwork towerNetwork(Interval x, Interval y, double w, double h, double bias, double height);
// n × n towers over [0, 1]², tower (i, j) weighted by f_k at its centre for output k.
TwoInputNetwork towerGridNetwork(const std::vector<Function2D>& fs, int n, double w, double h);

// n inputs: a tower on the box (one interval per input) from 2n step neurons and one neuron
// with bias −(n − ½)h, which fires only when all n bumps are on. Returns that neuron's output.
double nInputThresholdBias(int n, double h);
double nInputTower(const std::vector<double>& x, const std::vector<Interval>& box, double w, double h);

}  // namespace nnlab::universality
