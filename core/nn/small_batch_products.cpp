#include "core/nn/small_batch_products.h"

#include <cstring>
#include <utility>

namespace nnlab {

namespace {

using Index = Eigen::Index;

constexpr Index kMaxColumns = 10;   // examples: J accumulators per 16 rows stay in registers

// 16 floats: one AVX-512 register (two AVX2 ones when built for x86-64-v3). GCC and Clang
// vector extensions: `v * s` multiplies every lane by the scalar s.
typedef float Vec __attribute__((vector_size(64)));
constexpr Index kLanes = 16;

Vec load(const float* p)
{
    Vec v;
    std::memcpy(&v, p, sizeof v);   // an unaligned vector load
    return v;
}

void store(float* p, const Vec& v)
{
    std::memcpy(p, &v, sizeof v);
}

// z(j, :) = w(j, :) · a for rows j0 .. j1 and J = a.cols() examples: w's columns stream through
// once; 32 rows at a time hold 2J accumulators (a(k, i) broadcast to every lane).
template <int J>
void weightedInputRows(const Eigen::MatrixXf& w, const Eigen::MatrixXf& a, Eigen::MatrixXf& z, Index j0, Index j1)
{
    const Index ld = w.rows(), depth = w.cols(), lda = a.rows(), ldz = z.rows();
    const float* W = w.data();
    const float* A = a.data();
    float* Z = z.data();
    Index j = j0;
    for (; j + 2 * kLanes <= j1; j += 2 * kLanes) {
        Vec acc[J] = {}, acc2[J] = {};
        for (Index k = 0; k < depth; ++k) {
            const Vec wk = load(W + k * ld + j), wk2 = load(W + k * ld + j + kLanes);
            for (int i = 0; i < J; ++i) {
                const float s = A[k + i * lda];
                acc[i] += wk * s;
                acc2[i] += wk2 * s;
            }
        }
        for (int i = 0; i < J; ++i) {
            store(Z + j + i * ldz, acc[i]);
            store(Z + j + kLanes + i * ldz, acc2[i]);
        }
    }
    for (; j + kLanes <= j1; j += kLanes) {
        Vec acc[J] = {};
        for (Index k = 0; k < depth; ++k) {
            const Vec wk = load(W + k * ld + j);
            for (int i = 0; i < J; ++i)
                acc[i] += wk * A[k + i * lda];
        }
        for (int i = 0; i < J; ++i)
            store(Z + j + i * ldz, acc[i]);
    }
    if (j < j1)   // the last few rows
        z.middleRows(j, j1 - j).noalias() = w.middleRows(j, j1 - j) * a;
}

// dAPrev(k, :) = w(:, k)ᵀ · δ for k = k0 .. k1: two columns of w at a time, each multiplied
// into J accumulators of 16 lanes, summed across the lanes at the end.
template <int J>
void backpropagatedErrorRows(const Eigen::MatrixXf& w, const Eigen::MatrixXf& delta, Eigen::MatrixXf& dAPrev,
                             Index k0, Index k1)
{
    const Index rows = w.rows(), vectorRows = rows - rows % kLanes, ldo = dAPrev.rows();
    const float* W = w.data();
    const float* D = delta.data();
    float* out = dAPrev.data();
    auto columns = [&](Index k, auto pairTag) {
        constexpr int K = decltype(pairTag)::value;
        Vec acc[K][J] = {};
        for (Index r = 0; r < vectorRows; r += kLanes) {
            Vec wk[K];
            for (int c = 0; c < K; ++c)
                wk[c] = load(W + (k + c) * rows + r);
            for (int i = 0; i < J; ++i) {
                const Vec d = load(D + r + i * rows);
                for (int c = 0; c < K; ++c)
                    acc[c][i] += wk[c] * d;
            }
        }
        for (int c = 0; c < K; ++c)
            for (int i = 0; i < J; ++i) {
                float sum = 0.0f;
                for (Index lane = 0; lane < kLanes; ++lane)
                    sum += acc[c][i][lane];
                for (Index r = vectorRows; r < rows; ++r)   // the last few rows
                    sum += W[(k + c) * rows + r] * D[r + i * rows];
                out[k + c + i * ldo] = sum;
            }
    };
    Index k = k0;
    for (; k + 2 <= k1; k += 2)
        columns(k, std::integral_constant<int, 2>{});
    if (k < k1)
        columns(k, std::integral_constant<int, 1>{});
}

// nablaW(:, k) = Σ_i a(k, i) δ(:, i) for k = k0 .. k1, four columns at a time sharing the loads
// of δ; returns their Σ nablaW².
template <int J>
double weightGradientColumns(const Eigen::MatrixXf& delta, const Eigen::MatrixXf& a, Eigen::MatrixXf& nablaW,
                             Index k0, Index k1)
{
    const Index rows = delta.rows(), vectorRows = rows - rows % kLanes, lda = a.rows();
    const float* D = delta.data();
    const float* A = a.data();
    float* N = nablaW.data();
    double squaredNorm = 0.0;
    auto columns = [&](Index k, auto countTag) {
        constexpr int K = decltype(countTag)::value;
        float s[K][J];
        for (int c = 0; c < K; ++c)
            for (int i = 0; i < J; ++i)
                s[c][i] = A[k + c + i * lda];
        for (Index r = 0; r < vectorRows; r += kLanes) {
            Vec d[J];
            for (int i = 0; i < J; ++i)
                d[i] = load(D + r + i * rows);
            for (int c = 0; c < K; ++c) {
                Vec sum = d[0] * s[c][0];
                for (int i = 1; i < J; ++i)
                    sum += d[i] * s[c][i];
                store(N + (k + c) * rows + r, sum);
            }
        }
        for (int c = 0; c < K; ++c) {
            for (Index r = vectorRows; r < rows; ++r) {   // the last few rows
                float sum = 0.0f;
                for (int i = 0; i < J; ++i)
                    sum += D[r + i * rows] * s[c][i];
                N[(k + c) * rows + r] = sum;
            }
            squaredNorm += Eigen::Map<const Eigen::VectorXf>(N + (k + c) * rows, rows).squaredNorm();
        }
    };
    Index k = k0;
    for (; k + 4 <= k1; k += 4)
        columns(k, std::integral_constant<int, 4>{});
    for (; k < k1; ++k)
        columns(k, std::integral_constant<int, 1>{});
    return squaredNorm;
}

// Calls kernel(std::integral_constant<int, J>) for J = columns, 1 ≤ J ≤ kMaxColumns, so that
// the kernels are compiled for each J; false for more columns.
template <typename Kernel>
bool withColumns(Index columns, Kernel kernel)
{
    switch (columns) {
    case 1: kernel(std::integral_constant<int, 1>{}); return true;
    case 2: kernel(std::integral_constant<int, 2>{}); return true;
    case 3: kernel(std::integral_constant<int, 3>{}); return true;
    case 4: kernel(std::integral_constant<int, 4>{}); return true;
    case 5: kernel(std::integral_constant<int, 5>{}); return true;
    case 6: kernel(std::integral_constant<int, 6>{}); return true;
    case 7: kernel(std::integral_constant<int, 7>{}); return true;
    case 8: kernel(std::integral_constant<int, 8>{}); return true;
    case 9: kernel(std::integral_constant<int, 9>{}); return true;
    case 10: kernel(std::integral_constant<int, 10>{}); return true;
    default: return false;
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
    z.resize(w.rows(), a.cols());
    weightedInput(w, a, z, 0, w.rows());
}

void weightedInput(const Eigen::MatrixXf& w, const Eigen::MatrixXf& a, Eigen::MatrixXf& z,
                   Eigen::Index j0, Eigen::Index count)
{
    const bool done = withColumns(a.cols(), [&](auto J) { weightedInputRows<J()>(w, a, z, j0, j0 + count); });
    if (!done)
        z.middleRows(j0, count).noalias() = w.middleRows(j0, count) * a;
}

void backpropagatedError(const Eigen::MatrixXf& w, const Eigen::MatrixXf& delta, Eigen::MatrixXf& dAPrev)
{
    dAPrev.resize(w.cols(), delta.cols());
    backpropagatedError(w, delta, dAPrev, 0, w.cols());
}

void backpropagatedError(const Eigen::MatrixXf& w, const Eigen::MatrixXf& delta, Eigen::MatrixXf& dAPrev,
                         Eigen::Index k0, Eigen::Index count)
{
    const bool done = withColumns(delta.cols(), [&](auto J) {
        backpropagatedErrorRows<J()>(w, delta, dAPrev, k0, k0 + count);
    });
    if (!done)
        dAPrev.middleRows(k0, count).noalias() = w.middleCols(k0, count).transpose() * delta;
}

void weightGradient(const Eigen::MatrixXf& delta, const Eigen::MatrixXf& a, Eigen::MatrixXf& nablaW)
{
    nablaW.resize(delta.rows(), a.rows());
    weightGradient(delta, a, nablaW, 0, a.rows());
}

double weightGradient(const Eigen::MatrixXf& delta, const Eigen::MatrixXf& a, Eigen::MatrixXf& nablaW,
                      Eigen::Index k0, Eigen::Index count)
{
    double squaredNorm = 0.0;
    if (withColumns(delta.cols(), [&](auto J) {
            squaredNorm = weightGradientColumns<J()>(delta, a, nablaW, k0, k0 + count);
        }))
        return squaredNorm;
    // More examples: column k of ∂C/∂w is Σ_j δ_j a_kj, written once, no zeroing first.
    for (Eigen::Index k = k0; k < k0 + count; ++k) {
        nablaW.col(k).noalias() = delta.lazyProduct(a.row(k).transpose());
        squaredNorm += nablaW.col(k).squaredNorm();
    }
    return squaredNorm;
}

}  // namespace nnlab
