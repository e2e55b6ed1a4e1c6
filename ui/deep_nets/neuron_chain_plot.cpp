#include "ui/deep_nets/neuron_chain_plot.h"

#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"

#include "core/deep_nets/neuron_chain.h"

#include <cmath>

namespace {

struct Curve {
    const char* name;
    nnlab::Activation activation;
    double w;
    QColor color;
};

}  // namespace

NeuronChainPlot::NeuronChainPlot(QWidget* parent) : QCustomPlot(parent)
{
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, new QCPTextElement(this, tr("A chain of five single neurons"),
                                                      QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    placeLegendAbove(this);
    legend->setWrap(1);
    // Two lines: on one the label is wider than the plot in a 1024-pixel-wide window, and cut.
    xAxis->setLabel(tr("neuron j (1 = nearest the input)\ninput x = 1, target y = 0"));
    yAxis->setLabel(tr("|∂C/∂bⱼ| (log scale)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    yAxis->setNumberFormat("eb");
    yAxis->setNumberPrecision(0);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1);
    xAxis->setTicker(ticker);
    xAxis->setRange(0.7, chainLength + 0.3);
    setToolTip(tr("∂C/∂b₁ = σ'(z₁) w₂σ'(z₂) w₃σ'(z₃) … w_Lσ'(z_L) ∂C/∂a_L (eq. 122): each layer multiplies "
                  "the gradient by |wⱼσ'(zⱼ)|. With w = 100 and bⱼ = −100·aⱼ₋₁ every zⱼ = 0, σ'(0) = 1/4, a factor "
                  "of 25: the gradient explodes toward the input. With |w| ≈ 1 it vanishes by 1/4 a layer; ReLU "
                  "(σ' = 1 for z > 0) passes it on unchanged."));

    const Curve curves[] = {
        {"sigmoid, w = 100, zⱼ = 0: ×25 a layer (explodes)", nnlab::Activation::Sigmoid, 100.0, palette::explodingGradient},
        {"sigmoid, w = 1, zⱼ = 0: ×¼ a layer (vanishes)", nnlab::Activation::Sigmoid, 1.0, palette::vanishingGradient},
        {"ReLU, w = 1, b = 0: ×1 a layer", nnlab::Activation::ReLU, 1.0, palette::steadyGradient},
    };
    double low = 1.0, high = 1.0;
    for (const Curve& c : curves) {
        const auto chain = nnlab::deep::balancedChain(chainLength, c.w, 1.0, c.activation);
        const auto g = nnlab::deep::chainGradients(chain, 1.0, 0.0);
        QCPGraph* graph = addGraph();
        graph->setName(tr(c.name));
        graph->setPen(QPen(c.color, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
        for (int j = 0; j < chainLength; ++j) {
            const double v = std::abs(g.biasGradients[j]);
            graph->addData(j + 1, v);
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    yAxis->setRange(std::pow(10.0, std::floor(std::log10(low))), std::pow(10.0, std::ceil(std::log10(high))));
}

double NeuronChainPlot::growthPerLayer(int curve) const
{
    const auto data = graph(curve)->data();
    return data->at(0)->value / data->at(1)->value;
}
