// dense_layer.h — a fully connected layer: z = w·a^{l-1} + b, a = σ(z) (eq. 25).
#pragma once

#include "core/nn/layer.h"

namespace nnlab {

class DenseLayer final : public Layer {
public:
    // Weights are (n_out × n_in) so that z = w·a reads as in the book (w_jk: k-th input to the
    // j-th neuron). Parameters start at zero; see initialisation.h.
    DenseLayer(int inputSize, int outputSize, Activation activation, float dropout = 0.0f);

    int inputSize() const override { return static_cast<int>(m_weights.cols()); }
    int outputSize() const override { return static_cast<int>(m_weights.rows()); }
    Activation activation() const override { return m_activation; }
    std::string describe() const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<DenseLayer>(*this); }
    bool isFullyConnected() const override { return true; }
    // n_in = inputSize(), n_out = outputSize(); behind a dropout the weights start × (1 − p_in).
    void initialise(Initialisation init, NormalStream& normal, int poolingAfter) override;

    const Eigen::MatrixXf& forward(const Eigen::MatrixXf& aPrev, bool training,
                                   std::mt19937_64& rng) override;
    void infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const override;
    void inferWithZ(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& z, Eigen::MatrixXf& a) const override;
    void inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const override;
    void outputGradientToDelta(Eigen::MatrixXf& dA) const override;
    void backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev) override;
    std::vector<Parameter> parameters() override;

    Eigen::MatrixXf& weights() { return m_weights; }
    const Eigen::MatrixXf& weights() const { return m_weights; }
    Eigen::VectorXf& biases() { return m_biases; }
    const Eigen::VectorXf& biases() const { return m_biases; }
    const Eigen::MatrixXf& nablaW() const { return m_nablaW; }
    const Eigen::VectorXf& nablaB() const { return m_nablaB; }
    // ‖∂C/∂w‖² of the last backward(), when it split its products between two cores (the
    // cores take it as they write ∂C/∂w, saving another pass over it; core_split.h).
    double splitNablaWSquaredNorm() const { return m_splitNablaWSquaredNorm; }

    // The dropout of this layer's inputs (the layer before's outputs; Network sets it). Then
    // BP4's ∂C/∂w is taken for the book's unhalved weights, as dropout.h explains.
    void setInputDropout(float p) override { m_inputDropout = p; }
    float inputDropout() const { return m_inputDropout; }

private:
    Activation m_activation;
    float m_inputDropout = 0.0f;
    Eigen::MatrixXf m_weights;   // w^l  (n_out × n_in)
    Eigen::VectorXf m_biases;    // b^l  (n_out)
    Eigen::MatrixXf m_nablaW;    // ∂C/∂w^l summed over the mini-batch
    Eigen::VectorXf m_nablaB;    // ∂C/∂b^l summed over the mini-batch
    const Eigen::MatrixXf* m_aPrev = nullptr;  // input of the last forward(), for BP4
    Eigen::MatrixXf m_deltaForW;               // δ × (1 − p_in)², when the inputs are dropped
    double m_splitNablaWSquaredNorm = 0.0;
};

}  // namespace nnlab
