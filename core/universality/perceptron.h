// perceptron.h — chapter 1's perceptron, and the book's adder built from NAND perceptrons.
//
// A perceptron outputs 1 if w·x + b > 0 and 0 otherwise (eq. 2). With w = (−2, −2) and b = 3
// it is a NAND gate, and NAND gates can compute anything — the book adds two bits with five:
//   n₁ = NAND(x₁, x₂), n₂ = NAND(x₁, n₁), n₃ = NAND(x₂, n₁),
//   sum = NAND(n₂, n₃) = x₁ ⊕ x₂,  carry = NAND(n₁, n₁) = x₁x₂.
// The carry gate gets n₁ on both inputs; the book draws that as one input of weight −4.
#pragma once

#include <vector>

namespace nnlab::universality {

struct Perceptron {
    std::vector<double> w;
    double b = 0.0;
    double weightedInput(const std::vector<int>& x) const;  // w·x + b
    int output(const std::vector<int>& x) const;            // 1 if w·x + b > 0, else 0
};

Perceptron nandPerceptron();  // w = (−2, −2), b = 3, as in the book

// Every gate of the adder for inputs x₁, x₂, each gate being `gate` (so an edited gate shows
// what it does to the sum).
struct AdderState {
    int n1 = 0, n2 = 0, n3 = 0;
    int sum = 0;    // x₁ ⊕ x₂
    int carry = 0;  // x₁ x₂
};
AdderState addBits(const Perceptron& gate, int x1, int x2);

bool isNand(const Perceptron& gate);  // does `gate` compute NAND on all four inputs?

}  // namespace nnlab::universality
