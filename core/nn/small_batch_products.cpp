#include "nn/small_batch_products.h"

#include <algorithm>

namespace nnlab {

namespace {

constexpr Eigen::Index kMaxColumns = 8;   // one register of accumulators per column and row block
constexpr Eigen::Index kRowBlock = 32;

// z's rows i0 .. i0+B for every full block of B rows, J = a.cols(): w's columns stream through
// once, each one multiplied into J accumulators (a(k, j) broadcast).
template <int J>
void weightedInputBlocks(const Eigen::MatrixXf& w, const Eigen::MatrixXf& a, Eigen::MatrixXf& z)
{
    constexpr Eigen::Index B = kRowBlock;
    const Eigen::Index rows = w.rows(), depth = w.cols();
    for (Eigen::Index i0 = 0; i0 + B <= rows; i0 += B) {
        float acc[J][B] = {};
        for (Eigen::Index k = 0; k < depth; ++k) {
            const float* wk = w.data() + k * rows + i0;
            for (int j = 0; j < J; ++j) {
                const float s = a(k, j);
                for (Eigen::Index i = 0; i < B; ++i)
                    acc[j][i] += wk[i] * s;
            }
        }
        for (int j = 0; j < J; ++j)
            std::copy(acc[j], acc[j] + B, &z(i0, j));
    }
}

}  // namespace

bool preferSmallBatchProducts(const Eigen::MatrixXf& w, Eigen::Index m)
{
    // Measured: below a few hundred neurons the general product is as fast or faster.
    return m >= 1 && m <= kMaxColumns && w.rows() >= 256;
}

void weightedInput(const Eigen::MatrixXf& w, const Eigen::MatrixXf& a, Eigen::MatrixXf& z)
{
    const Eigen::Index rows = w.rows(), m = a.cols();
    z.resize(rows, m);
    switch (m) {
    case 1: weightedInputBlocks<1>(w, a, z); break;
    case 2: weightedInputBlocks<2>(w, a, z); break;
    case 3: weightedInputBlocks<3>(w, a, z); break;
    case 4: weightedInputBlocks<4>(w, a, z); break;
    case 5: weightedInputBlocks<5>(w, a, z); break;
    case 6: weightedInputBlocks<6>(w, a, z); break;
    case 7: weightedInputBlocks<7>(w, a, z); break;
    case 8: weightedInputBlocks<8>(w, a, z); break;
    default: z.noalias() = w * a; return;
    }
    const Eigen::Index done = rows - rows % kRowBlock;   // the last few rows, if any
    if (done < rows)
        z.bottomRows(rows - done).noalias() = w.bottomRows(rows - done) * a;
}

void backpropagatedError(const Eigen::MatrixXf& w, const Eigen::MatrixXf& delta, Eigen::MatrixXf& dAPrev)
{
    // Entry (k, j) is column k of w (contiguous, and still in cache for the next j) · δ's column j.
    dAPrev.resize(w.cols(), delta.cols());
    for (Eigen::Index k = 0; k < w.cols(); ++k)
        for (Eigen::Index j = 0; j < delta.cols(); ++j)
            dAPrev(k, j) = w.col(k).dot(delta.col(j));
}

void weightGradient(const Eigen::MatrixXf& delta, const Eigen::MatrixXf& a, Eigen::MatrixXf& nablaW)
{
    // Column k of ∂C/∂w is Σ_j δ_j a_kj: written once, no zeroing first.
    nablaW.resize(delta.rows(), a.rows());
    for (Eigen::Index k = 0; k < a.rows(); ++k)
        nablaW.col(k).noalias() = delta.lazyProduct(a.row(k).transpose());
}

}  // namespace nnlab
