#include "core/nn/conv_layer.h"

#include <stdexcept>

namespace nnlab {

namespace {

// Rows of `patches` (one per output position, example-major) ↔ columns of a layer's output
// (maps × positions per example). These two copies are the only layout changes im2col needs.
template <typename Scalar>
void rowsToColumns(const Eigen::Matrix<Scalar, -1, -1>& rows, int positions, Eigen::Matrix<Scalar, -1, -1>& columns)
{
    const Eigen::Index maps = rows.cols(), examples = rows.rows() / positions;
    columns.resize(maps * positions, examples);
    for (Eigen::Index s = 0; s < examples; ++s)
        for (Eigen::Index j = 0; j < maps; ++j)
            columns.col(s).segment(j * positions, positions) = rows.col(j).segment(s * positions, positions);
}

void columnsToRows(const Eigen::MatrixXf& columns, int positions, Eigen::MatrixXf& rows)
{
    const Eigen::Index maps = columns.rows() / positions, examples = columns.cols();
    rows.resize(examples * positions, maps);
    for (Eigen::Index s = 0; s < examples; ++s)
        for (Eigen::Index j = 0; j < maps; ++j)
            rows.col(j).segment(s * positions, positions) = columns.col(s).segment(j * positions, positions);
}

}  // namespace

ConvLayer::ConvLayer(ImageShape input, int maps, int kernel, Activation activation)
    : m_input(input), m_kernel(kernel), m_activation(activation)
{
    if (maps < 1 || kernel < 1 || kernel > input.height || kernel > input.width)
        throw std::invalid_argument("a " + std::to_string(kernel) + "×" + std::to_string(kernel) +
                                    " convolution does not fit a " + std::to_string(input.height) + "×" +
                                    std::to_string(input.width) + " input");
    if (activation == Activation::Softmax)
        throw std::invalid_argument("a convolutional layer can't be softmax");
    const int fanIn = input.channels * kernel * kernel;
    m_weights = Eigen::MatrixXf::Zero(maps, fanIn);
    m_biases = Eigen::VectorXf::Zero(maps);
    m_nablaW = Eigen::MatrixXf::Zero(maps, fanIn);
    m_nablaB = Eigen::VectorXf::Zero(maps);
}

std::string ConvLayer::describe() const
{
    const ImageShape out = output();
    return std::to_string(maps()) + " maps " + std::to_string(m_kernel) + "×" + std::to_string(m_kernel) +
           " conv → " + std::to_string(out.height) + "×" + std::to_string(out.width) + " " +
           activationName(m_activation) + m_dropout.describe();
}

void ConvLayer::initialise(Initialisation init, NormalStream& normal, int poolingAfter)
{
    // network3.py's n_out: each input pixel reaches k² positions of every map, and a p×p pooling
    // after them keeps one value of p² (its ConvPoolLayer's fan_out).
    const float fanOut = float(maps() * m_kernel * m_kernel) / float(poolingAfter);
    initialiseParameters(init, {float(m_weights.cols()), fanOut}, m_activation, 1.0f, m_weights, m_biases, normal);
}

template <typename Scalar>
void ConvLayer::convolve(const Eigen::Matrix<Scalar, -1, -1>& aPrev, Eigen::Matrix<Scalar, -1, -1>& patches,
                         Eigen::Matrix<Scalar, -1, -1>& zRows, Eigen::Matrix<Scalar, -1, -1>& z) const
{
    const ImageShape out = output();
    const int positions = out.height * out.width, k = m_kernel, W = m_input.width;
    const Eigen::Index examples = aPrev.cols();
    // im2col: patches(s·H'W' + y·W' + x, (c·k + ky)·k + kx) = a_c(y + ky, x + kx) of example s.
    // For fixed (c, ky, kx) and y, the W' values along x are contiguous in the input.
    patches.resize(examples * positions, Eigen::Index(m_input.channels) * k * k);
    for (Eigen::Index s = 0; s < examples; ++s) {
        const Scalar* image = aPrev.col(s).data();
        for (int c = 0; c < m_input.channels; ++c)
            for (int ky = 0; ky < k; ++ky)
                for (int kx = 0; kx < k; ++kx) {
                    Scalar* column = patches.col((c * k + ky) * k + kx).data() + s * positions;
                    for (int y = 0; y < out.height; ++y) {
                        const Scalar* row = image + (c * m_input.height + y + ky) * W + kx;
                        Scalar* to = column + y * out.width;
                        for (int x = 0; x < out.width; ++x)   // a few floats: a loop beats memmove
                            to[x] = row[x];
                    }
                }
    }
    // z for every position of every example at once (eq. 125): (m·H'W') × K.
    zRows.resize(patches.rows(), maps());
    zRows.noalias() = patches * m_weights.template cast<Scalar>().transpose();
    zRows.rowwise() += m_biases.template cast<Scalar>().transpose();
    rowsToColumns(zRows, positions, z);
}

const Eigen::MatrixXf& ConvLayer::forward(const Eigen::MatrixXf& aPrev, bool training, std::mt19937_64& rng)
{
    convolve(aPrev, m_patches, m_zRows, m_z);
    activate(m_activation, m_z, m_a);
    return m_dropout.apply(m_a, training, rng);
}

void ConvLayer::infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const
{
    // Scratch kept per thread: evaluation calls this chunk after chunk with the same sizes,
    // and allocating megabytes each time costs more in page faults than the product itself.
    thread_local Eigen::MatrixXf z;
    inferWithZ(aPrev, z, a);
}

void ConvLayer::inferWithZ(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& z, Eigen::MatrixXf& a) const
{
    thread_local Eigen::MatrixXf patches, zRows;   // (as infer()'s scratch)
    convolve(aPrev, patches, zRows, z);
    activate(m_activation, z, a);
}

void ConvLayer::inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const
{
    Eigen::MatrixXd patches, zRows, z;
    convolve(aPrev, patches, zRows, z);
    activate(m_activation, z, a);
}

void ConvLayer::outputGradientToDelta(Eigen::MatrixXf& dA) const
{
    m_dropout.maskGradient(dA);
    multiplyByDerivative(m_activation, m_z, m_a, dA);   // BP2's ⊙ σ'(z), position by position
}

void ConvLayer::backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev)
{
    const ImageShape out = output();
    const int positions = out.height * out.width, k = m_kernel, W = m_input.width;
    columnsToRows(delta, positions, m_deltaRows);
    // BP3 and BP4 with shared weights: each weight's gradient sums over every position it is
    // used at, which is what the product over all rows of the patches does.
    m_nablaB.noalias() = m_deltaRows.colwise().sum().transpose();
    m_nablaW.noalias() = m_deltaRows.transpose() * m_patches;
    if (!dAPrev)
        return;
    // ∂C/∂a^{l-1}: each patch entry's gradient δ · w, added back to the pixel it was copied from.
    m_patchGrad.noalias() = m_deltaRows * m_weights;
    const Eigen::Index examples = delta.cols();
    dAPrev->setZero(m_input.size(), examples);
    for (Eigen::Index s = 0; s < examples; ++s) {
        float* image = dAPrev->col(s).data();
        for (int c = 0; c < m_input.channels; ++c)
            for (int ky = 0; ky < k; ++ky)
                for (int kx = 0; kx < k; ++kx) {
                    const float* column = m_patchGrad.col((c * k + ky) * k + kx).data() + s * positions;
                    for (int y = 0; y < out.height; ++y) {
                        float* row = image + (c * m_input.height + y + ky) * W + kx;
                        const float* from = column + y * out.width;
                        for (int x = 0; x < out.width; ++x)
                            row[x] += from[x];
                    }
                }
    }
}

std::vector<Parameter> ConvLayer::parameters()
{
    return {{m_weights.data(), m_nablaW.data(), m_weights.size(), true},
            {m_biases.data(), m_nablaB.data(), m_biases.size(), false}};
}

}  // namespace nnlab
