#include "core/inspect/neuron_edit.h"

#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"
#include "core/nn/max_pool_layer.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nnlab {

namespace {

// The weights of a layer that has them, one row per neuron (a dense layer's w, n_out × n_in; a
// convolution's filters, maps × C·k·k); null for pooling.
Eigen::MatrixXf* weightsOf(Layer& layer)
{
    if (auto* dense = dynamic_cast<DenseLayer*>(&layer))
        return &dense->weights();
    if (auto* conv = dynamic_cast<ConvLayer*>(&layer))
        return &conv->weights();
    return nullptr;
}

const Eigen::MatrixXf* weightsOf(const Layer& layer)
{
    return weightsOf(const_cast<Layer&>(layer));
}

}  // namespace

bool NeuronChange::isNone() const
{
    return !silenced && scale == 1.0f && !negated && (painted.size() == 0 || painted.isZero(0.0f));
}

NeuronEdits::NeuronEdits(std::shared_ptr<const Network> trained) : m_trained(std::move(trained))
{
    if (!m_trained)
        throw std::invalid_argument("no network to edit");
    const Layer& first = m_trained->layer(0);
    const Eigen::MatrixXf* w = weightsOf(first);
    if (!w)
        throw std::invalid_argument("the first layer has no weights to edit");
    m_trainedWeights = *w;
    const int neurons = neuronCount();

    if (const auto* conv = dynamic_cast<const ConvLayer*>(&first)) {
        m_convolution = true;
        // Weights ordered (channel, ky, kx): C kernels of k × k, one under the other.
        m_imageRows = conv->input().channels * conv->kernel();
        m_imageCols = conv->kernel();
    } else {
        const int side = int(std::lround(std::sqrt(double(weightCount()))));
        if (side * side == weightCount()) {
            m_imageRows = m_imageCols = side;   // MNIST's 784 pixels: row after row, 28 × 28
        } else {
            m_imageCols = weightCount();
        }
    }

    // The layer that reads these outputs through weights. Between a convolution and it there may
    // be max-pooling, which keeps each feature map to itself (map-major columns), so filter j's
    // outputs stay one contiguous block of the reader's inputs.
    int l = 1;
    if (m_convolution)
        while (l < m_trained->layerCount() && dynamic_cast<const MaxPoolLayer*>(&m_trained->layer(l)))
            ++l;
    if (l >= m_trained->layerCount())
        return;
    const Layer& reader = m_trained->layer(l);
    if (const auto* conv = dynamic_cast<const ConvLayer*>(&reader); conv && m_convolution) {
        if (conv->input().channels == neurons) {
            m_reader = l;
            m_readerColumns = conv->kernel() * conv->kernel();   // channel j's k × k weights
        }
    } else if (dynamic_cast<const DenseLayer*>(&reader) && reader.inputSize() % neurons == 0) {
        m_reader = l;
        m_readerColumns = reader.inputSize() / neurons;   // 1, or a pooled feature map's H·W
    }
}

void NeuronEdits::check(int j) const
{
    if (j < 0 || j >= neuronCount())
        throw std::out_of_range("neuron " + std::to_string(j) + " is not one of the first layer's " +
                                std::to_string(neuronCount()));
}

NeuronChange& NeuronEdits::changeFor(int j)
{
    check(j);
    return m_changes[j];
}

void NeuronEdits::dropIfNone(int j)
{
    const auto it = m_changes.find(j);
    if (it != m_changes.end() && it->second.isNone())
        m_changes.erase(it);
}

void NeuronEdits::setSilenced(int j, bool silenced)
{
    if (silenced && !canSilence())
        throw std::logic_error("no later layer reads the first layer's outputs through weights");
    changeFor(j).silenced = silenced;
    dropIfNone(j);
}

void NeuronEdits::setScale(int j, float factor)
{
    if (!std::isfinite(factor))
        throw std::invalid_argument("a scale factor must be a finite number");
    changeFor(j).scale = factor;
    dropIfNone(j);
}

void NeuronEdits::setNegated(int j, bool negated)
{
    changeFor(j).negated = negated;
    dropIfNone(j);
}

int NeuronEdits::paint(int j, int row, int col, int radius, float delta)
{
    NeuronChange& change = changeFor(j);
    if (change.painted.size() == 0)
        change.painted = Eigen::VectorXf::Zero(weightCount());
    int painted = 0;
    for (int y = row - radius; y <= row + radius; ++y)
        for (int x = col - radius; x <= col + radius; ++x) {
            const int dy = y - row, dx = x - col;
            if (y < 0 || y >= m_imageRows || x < 0 || x >= m_imageCols || dy * dy + dx * dx > radius * radius)
                continue;
            change.painted[y * m_imageCols + x] += delta;   // k = row · width + column
            ++painted;
        }
    dropIfNone(j);
    return painted;
}

void NeuronEdits::setWeight(int j, int k, float value)
{
    if (k < 0 || k >= weightCount())
        throw std::out_of_range("weight " + std::to_string(k) + " is not one of the neuron's " +
                                std::to_string(weightCount()));
    const float now = weights(j)[k];
    NeuronChange& change = changeFor(j);
    if (change.painted.size() == 0)
        change.painted = Eigen::VectorXf::Zero(weightCount());
    change.painted[k] += value - now;
    dropIfNone(j);
}

void NeuronEdits::reset(int j)
{
    check(j);
    m_changes.erase(j);
}

void NeuronEdits::resetAll()
{
    m_changes.clear();
}

const NeuronChange& NeuronEdits::change(int j) const
{
    check(j);
    static const NeuronChange none;
    const auto it = m_changes.find(j);
    return it == m_changes.end() ? none : it->second;
}

std::vector<int> NeuronEdits::changedNeurons() const
{
    std::vector<int> neurons;
    for (const auto& [j, change] : m_changes)
        neurons.push_back(j);
    return neurons;
}

Eigen::VectorXf NeuronEdits::weights(int j) const
{
    const NeuronChange& c = change(j);
    Eigen::VectorXf w = m_trainedWeights.row(j).transpose();
    if (c.scale != 1.0f || c.negated)
        w *= c.negated ? -c.scale : c.scale;   // ±scale · w_j
    if (c.painted.size())
        w += c.painted;                        // + Δ_j
    return w;
}

Eigen::VectorXf NeuronEdits::trainedWeights(int j) const
{
    check(j);
    return m_trainedWeights.row(j).transpose();
}

Eigen::MatrixXf NeuronEdits::weightImage(int j) const
{
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::VectorXf w = weights(j);
    return Eigen::Map<const RowMajor>(w.data(), m_imageRows, m_imageCols);
}

Network NeuronEdits::apply() const
{
    Network edited(*m_trained);
    Eigen::MatrixXf& w = *weightsOf(edited.layer(0));
    for (const auto& [j, change] : m_changes) {
        w.row(j) = weights(j).transpose();
        if (change.silenced) {
            // w^{l+1}_{ij} = 0 for every neuron i of the reader: z^{l+1} no longer depends on a_j.
            Eigen::MatrixXf& next = *weightsOf(edited.layer(m_reader));
            next.middleCols(Eigen::Index(j) * m_readerColumns, m_readerColumns).setZero();
        }
    }
    return edited;
}

}  // namespace nnlab
