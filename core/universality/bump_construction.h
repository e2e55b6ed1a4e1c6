// bump_construction.h — chapter 4's construction: steps → bumps → any function of one input.
//
// Two step neurons at s₁ < s₂ with output weights +h and −h make a bump of height h on
// [s₁, s₂]. N bumps side by side, each as high as the target in its middle, approximate the
// target (a plain weighted sum), or — with a sigmoid output neuron — approximate σ⁻¹∘f, so that
// σ(weighted sum) ≈ f (the book's σ⁻¹ trick, output bias 0).
//
// Near each step the neuron is neither 0 nor 1: a "window of failure". The book's fix adds M
// approximations, each with heights divided by M and shifted by 1/M of a bump width, so that at
// any x at most one of them is failing.
#pragma once

#include "core/universality/one_input_network.h"
#include "core/universality/target_function.h"

#include <random>
#include <vector>

namespace nnlab::universality {

struct Bump {
    double s1 = 0.0;  // step up here (output weight +h)
    double s2 = 0.0;  // step down here (output weight −h)
    double h = 0.0;   // the bump's height in the weighted output
};

struct BumpConstruction {
    std::vector<Bump> bumps;
    double w = 10000.0;  // every step neuron's input weight: large w, sharp step
    NeuronFunction hidden = NeuronFunction::Sigmoid;
    OutputKind output = OutputKind::WeightedSum;
};

// The network the bumps describe. Each step at s is one neuron (w, b = −w·s); for ReLU it is two,
// ReLU(w(x − s) + ½) − ReLU(w(x − s) − ½), a ramp up to 1 over a width 1/w around s.
OneInputNetwork buildNetwork(const BumpConstruction& construction);

// N bumps of width 1/N at 0, 1/N, …, (N−1)/N, heights from f at their midpoints: f(mid) for a
// weighted-sum output, σ⁻¹(f(mid)) for a sigmoid output. copies = M > 1 sums M such
// approximations, heights divided by M, copy m shifted right by m/(M·N) (one more bump on the
// left so it still covers x = 0).
enum class HeightRule {
    Midpoint,  // the goal at the bump's middle
    Median,    // the median of the goal over the book's grid points in the bump: the heights that
               // minimise the challenge's mean |deviation| (an L1 fit), what a person dragging aims for
};
std::vector<Bump> equalBumps(const Function1D& f, int n, OutputKind output, int copies = 1,
                             HeightRule rule = HeightRule::Midpoint);

// Sets every height uniformly at random in [lo, hi] (the challenge's starting point).
void randomiseHeights(std::vector<Bump>& bumps, std::mt19937& rng, double lo, double hi);

// Half the width of the window of failure of one step: where the step neuron is more than 0.01
// away from 0 or 1 (|z| < ln 99 for σ, ln 120 for s(z) with its wobble, ½ for ReLU's ramp pair).
// A linear neuron fails everywhere: infinity.
double windowHalfWidth(NeuronFunction hidden, double w);

struct Interval {
    double from = 0.0;
    double to = 0.0;
    bool contains(double x) const { return x >= from && x <= to; }
};

std::vector<double> stepPositions(const BumpConstruction& construction);  // sorted, unique
// The windows of failure around every step, clipped to [0, 1], overlapping ones merged.
std::vector<Interval> windowsOfFailure(const BumpConstruction& construction);

std::vector<double> bookGrid();              // x = 0, 0.01, …, 0.99: the book's challenge
std::vector<double> uniformGrid(int count);  // x = i/count, i = 0 … count − 1
// Where to plot: a uniform grid plus extra points across each step, so sharp steps stay sharp.
std::vector<double> plotPoints(const BumpConstruction& construction, int uniformCount = 1000);

// The book's challenge: mean |goal(x) − z(x)| over bookGrid(), where z is the weighted output and
// goal is σ⁻¹∘f for a sigmoid output, f itself for a weighted-sum output.
double challengeDeviation(const OneInputNetwork& network, const Function1D& f);
inline constexpr double challengeSuccessThreshold = 0.40;  // the book's "success" line

// mean |f(x) − a(x)| over xs, a the network's output.
double meanDeviation(const OneInputNetwork& network, const Function1D& f, const std::vector<double>& xs);

struct PointDeviation {
    double x = 0.0;
    double deviation = 0.0;  // |f(x) − a(x)|
};
PointDeviation worstDeviation(const OneInputNetwork& network, const Function1D& f,
                              const std::vector<double>& xs);

}  // namespace nnlab::universality
