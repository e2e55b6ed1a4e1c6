// explosion.h — whether a run has exploded: its cost or its weights grown, still finite, by
// orders of magnitude beyond anything a learning network reaches (a NaN or an infinity already
// stops a run as diverged). The trainer stops such a run as diverged, with a message naming
// the likely cause; nnlab-cli's summary and the Train view both show it.
//
// What the costs really look like (mean C₀ per example, 10 classes; measured on MNIST):
//   - every output is a sigmoid or softmax and every logarithm is clamped at ln 1e-300, so C₀ is
//     bounded: quadratic ≤ 5, cross-entropy ≤ 10 × 690.8, log-likelihood ≤ 690.8. A cost of
//     10¹⁸ can only be the L2 term ½(λ/n)Σw² of exploded weights.
//   - guessing (every output 1/k) costs 0.45, 3.25 and 2.30. At the end of every epoch each
//     book preset stays below 2.1 times that (every preset for 2–3 epochs on 1,000–10,000
//     images; ch3-overfitting's 400 and ch5-speed-*'s 500 epochs whole); single mini-batches
//     start up to 32 times higher with the large initialisation (784-100-10, cross-entropy: 105)
//     and fall within the epoch.
//   - exploding runs: 784-30-10 cross-entropy at η = 30, 100, 1000 ends its first epoch at 520,
//     195 and 212 times the guessing cost (saturated outputs, most of them wrong). A sigmoid net
//     with the quadratic cost can't show an explosion in its cost at all: at η = 10⁶ its
//     outputs all go to 0 and C₀ *falls* to 0.5, while its weights grow 3,575-fold.
//   - weights: the root-mean-square of all weights grows at most 2.8-fold in those preset runs,
//     3.3-fold in 30 epochs of ch6-fc-baseline (10,000 images, no L2) and 21-fold in a run that
//     learns with a large η (784-30-10, cross-entropy, η = 3, 10 epochs, 89%); exploding runs
//     grow it 358-fold (cross-entropy, η = 100), 3,575-fold (quadratic, η = 10⁶) and 10⁵ to
//     10¹⁴-fold (chapter 6's ReLU convnet with the large initialisation, η = 0.03 to 3).
// Hence two rules, each far from every learning run and each judged on the state alone (not on
// the mini-batches before it), so that a resumed run stops where the unbroken one would:
//   - the cost: an epoch's training C₀ over 100 times the guessing cost;
//   - the weights: their root-mean-square over 1,000 times what it was at the start (checked
//     every 50 mini-batches and at each epoch's end).
#pragma once

#include "core/train/training_config.h"

#include <string>

namespace nnlab {

// The mean cost per example of a network that answers 1/k for each of k classes: quadratic
// ½(1 − 1/k), cross-entropy ln k + (k − 1) ln(k/(k − 1)), log-likelihood ln k.
double guessingCost(Cost cost, int classes);

// An epoch's training cost C₀ (the regularisation term left out) over 100 times guessingCost.
bool costExploded(double dataCost, Cost cost, int classes);

// The weights' root-mean-square over 1,000 times its value at the start of the run.
bool weightsExploded(double rms, double initialRms);

// How often the trainer checks the weights, in mini-batches.
constexpr int kWeightCheckInterval = 50;

// The likely cause, for a person, in chance.h's style: "η = 1e+06 is probably too large for this
// network", or — with the large N(0, 1) initialisation on a ReLU, convolutional or deep network,
// which multiplies each layer's output — that initialisation first, unless η is 10 or more
// (beyond any η of the book's). `eta` is the η the run was using.
std::string explosionCause(const TrainConfig& config, float eta);

}  // namespace nnlab
