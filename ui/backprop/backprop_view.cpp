#include "ui/backprop/backprop_view.h"
#include "ui/bridge/live_network.h"

#include "ui/backprop/gradient_check_panel.h"
#include "ui/backprop/real_digit_panel.h"
#include "ui/backprop/tiny_net_panel.h"
#include "ui/common/split_panes.h"

#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

BackpropView::BackpropView(DatasetLoader* loader, LiveNetwork* live, QWidget* parent)
    : QWidget(parent), m_tiny(new TinyNetPanel), m_digit(new RealDigitPanel(loader)), m_check(new GradientCheckPanel),
      m_tabs(new QTabWidget)
{
    auto* title = new QLabel(
        tr("<b>How backpropagation works</b> (chapter 2) — one example through the network, step by step: "
           "the forward pass zˡ = wˡaˡ⁻¹ + bˡ, aˡ = σ(zˡ), then the error δᴸ (BP1), δˡ layer by layer back (BP2), "
           "and the gradients ∂C/∂bˡ (BP3), ∂C/∂wˡ (BP4). Below: why it is fast, against finite differences."),
        this);
    title->setWordWrap(true);

    m_tabs->setObjectName("backpropTabs");
    m_tabs->addTab(m_tiny, tr("Tiny network (edit it)"));
    m_tabs->addTab(m_digit, tr("784-30-10 on a real digit"));
    m_tabs->setTabToolTip(0, tr("A small sigmoid network you can edit, drawn neuron by neuron"));
    m_tabs->setTabToolTip(1, tr("Chapter 1's 784-30-10 network on an MNIST test digit, each layer as heat strips"));

    m_check->addSource(tr("784-30-10 on the digit"), tr("The network and digit of the second tab (23,860 parameters)"),
                       [this]() -> std::optional<GradientCheckPanel::Example> {
                           if (!m_digit->network())
                               return std::nullopt;
                           GradientCheckPanel::Example e{m_digit->network(), m_digit->x(), m_digit->y(),
                                                         m_digit->description()};
                           if (e.x.size() == 0) {
                               // No MNIST yet: a mid-grey image and the label 0 still make the point.
                               e.x = Eigen::VectorXf::Constant(e.net->inputSize(), 0.5f);
                               e.y = Eigen::VectorXf::Zero(e.net->outputSize());
                               e.y(0) = 1.0f;
                               e.description += tr(" (grey image: MNIST not loaded)");
                           }
                           return e;
                       });
    m_check->addSource(tr("the tiny network"), tr("The network of the first tab, on its x and y"),
                       [this]() -> std::optional<GradientCheckPanel::Example> {
                           QStringList sizes;
                           for (int n : m_tiny->network().sizes())
                               sizes << QString::number(n);
                           return GradientCheckPanel::Example{std::make_shared<nnlab::Network>(m_tiny->network()),
                                                              m_tiny->x(), m_tiny->y(), tr("the tiny %1 network").arg(sizes.join('-'))};
                       });

    QSplitter* splitter = splitPanes(Qt::Vertical, m_tabs, 3, m_check, 1, this);
    splitter->setSizes({1000, 1});   // the gradient check at its minimum: the walk gets the room

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(splitter, 1);

    // The network of the Train view's last run, for the 784-30-10 tab's "Train view" choice.
    if (live)
        connect(live, &LiveNetwork::finished, m_digit, &RealDigitPanel::setLiveNetwork);
}

void BackpropView::showRealDigit(bool show)
{
    m_tabs->setCurrentIndex(show ? 1 : 0);
}
