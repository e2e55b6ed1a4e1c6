// conv_layer.h — a convolutional layer (chapter 6): local receptive fields, shared weights.
//
// Input columns hold C feature maps of H×W pixels (map-major, each map row-major), output
// columns K maps of H'×W' with H' = H − k + 1 (a "valid" convolution, stride 1). Every output
// neuron of map j computes z = b_j + Σ_{c,ky,kx} w_j,c,ky,kx · a_c(y+ky, x+kx)   (eq. 125)
// and a = σ(z).
//
// The whole mini-batch goes through one matrix product (im2col): the receptive field of every
// output position of every example becomes a row of `patches`, so that z for all of them is
// patches · wᵀ. Backward is two more products: ∂C/∂w = δᵀ · patches, and the gradient of the
// patches, δ · w, is summed back onto the input pixels it came from (col2im).
#pragma once

#include "core/nn/layer.h"

namespace nnlab {

struct ImageShape {
    int channels = 1;
    int height = 28;
    int width = 28;
    int size() const { return channels * height * width; }
};

class ConvLayer final : public Layer {
public:
    ConvLayer(ImageShape input, int maps, int kernel, Activation activation);

    int inputSize() const override { return m_input.size(); }
    int outputSize() const override { return output().size(); }
    Activation activation() const override { return m_activation; }
    std::string describe() const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<ConvLayer>(*this); }
    // n_in = C·k², one filter's weights; n_out = maps·k²/poolingAfter, as network3.py counts it.
    void initialise(Initialisation init, NormalStream& normal, int poolingAfter) override;

    const Eigen::MatrixXf& forward(const Eigen::MatrixXf& aPrev, bool training, std::mt19937_64& rng) override;
    void infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const override;
    void inferWithZ(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& z, Eigen::MatrixXf& a) const override;
    void inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const override;
    void outputGradientToDelta(Eigen::MatrixXf& dA) const override;
    void backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev) override;
    std::vector<Parameter> parameters() override;

    ImageShape input() const { return m_input; }
    ImageShape output() const { return {maps(), m_input.height - m_kernel + 1, m_input.width - m_kernel + 1}; }
    int maps() const { return static_cast<int>(m_weights.rows()); }
    int kernel() const { return m_kernel; }
    // Row j holds filter j: its C·k·k shared weights, ordered (channel, ky, kx).
    Eigen::MatrixXf& weights() { return m_weights; }
    const Eigen::MatrixXf& weights() const { return m_weights; }
    Eigen::VectorXf& biases() { return m_biases; }
    const Eigen::VectorXf& biases() const { return m_biases; }

private:
    template <typename Scalar>
    void convolve(const Eigen::Matrix<Scalar, -1, -1>& aPrev, Eigen::Matrix<Scalar, -1, -1>& patches,
                  Eigen::Matrix<Scalar, -1, -1>& zRows, Eigen::Matrix<Scalar, -1, -1>& z) const;

    ImageShape m_input;
    int m_kernel;
    Activation m_activation;
    Eigen::MatrixXf m_weights;     // K × (C·k·k)
    Eigen::VectorXf m_biases;      // K
    Eigen::MatrixXf m_nablaW;
    Eigen::VectorXf m_nablaB;
    Eigen::MatrixXf m_patches;     // (m·H'·W') × (C·k·k): example s's positions in rows s·H'W' ...
    Eigen::MatrixXf m_zRows;       // z in the patches' row order   (m·H'·W') × K
    Eigen::MatrixXf m_deltaRows;   // δ in the patches' row order   (m·H'·W') × K
    Eigen::MatrixXf m_patchGrad;   // δ · w                          (m·H'·W') × (C·k·k)
};

}  // namespace nnlab
