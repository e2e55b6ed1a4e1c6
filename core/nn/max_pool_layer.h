// max_pool_layer.h — max-pooling (chapter 6): each p×p block of a feature map becomes its
// largest value. No parameters; backward routes each gradient to the position that won.
#pragma once

#include "core/nn/conv_layer.h"

#include <cstdint>

namespace nnlab {

class MaxPoolLayer final : public Layer {
public:
    MaxPoolLayer(ImageShape input, int pool);

    int inputSize() const override { return m_input.size(); }
    int outputSize() const override { return output().size(); }
    // Pooling passes values through unchanged: as an activation, the identity (σ' = 1).
    Activation activation() const override { return m_passThrough; }
    std::string describe() const override;
    std::unique_ptr<Layer> clone() const override { return std::make_unique<MaxPoolLayer>(*this); }
    void initialise(Initialisation, NormalStream&, int) override {}   // no parameters
    int poolingArea() const override { return m_pool * m_pool; }

    const Eigen::MatrixXf& forward(const Eigen::MatrixXf& aPrev, bool training, std::mt19937_64& rng) override;
    void infer(const Eigen::MatrixXf& aPrev, Eigen::MatrixXf& a) const override;
    void inferDouble(const Eigen::MatrixXd& aPrev, Eigen::MatrixXd& a) const override;
    void outputGradientToDelta(Eigen::MatrixXf& dA) const override;
    void backward(const Eigen::MatrixXf& delta, Eigen::MatrixXf* dAPrev) override;
    std::vector<Parameter> parameters() override { return {}; }

    ImageShape input() const { return m_input; }
    ImageShape output() const { return {m_input.channels, m_input.height / m_pool, m_input.width / m_pool}; }
    int pool() const { return m_pool; }
    // The layer below's activation: pooling takes the max of its a, and passes δ straight down.
    void setPassThrough(Activation below) { m_passThrough = below; }

private:
    template <typename Scalar>
    void pool(const Eigen::Matrix<Scalar, -1, -1>& aPrev, Eigen::Matrix<Scalar, -1, -1>& a,
              std::vector<std::int32_t>* winners) const;

    ImageShape m_input;
    int m_pool;
    Activation m_passThrough = Activation::Sigmoid;
    std::vector<std::int32_t> m_winners;   // input index of each output's max, per example
};

}  // namespace nnlab
