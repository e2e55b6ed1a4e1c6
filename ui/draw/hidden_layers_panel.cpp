#include "ui/draw/hidden_layers_panel.h"

#include "ui/common/map_grid_widget.h"
#include "ui/draw/neuron_detail_panel.h"
#include "ui/draw/neuron_tile_grid.h"
#include "ui/draw/weight_picture.h"
#include "ui/plotting/palette.h"

#include "core/nn/max_pool_layer.h"

#include <QBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kMapTile = NeuronTileGrid::weightTile;   // every map the size of a weight tile, whatever its resolution
constexpr int kMapsPerRow = 10;

}  // namespace

HiddenLayersPanel::HiddenLayersPanel(QWidget* parent)
    : QWidget(parent), m_message(new QLabel(this)), m_detail(new NeuronDetailPanel(this)),
      m_scroll(new QScrollArea(this))
{
    auto* heading = new QLabel(tr("Hidden layers"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    heading->setToolTip(tr("The neurons between the input and the outputs, lit by your digit as you draw"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_message->setStyleSheet(palette::textStyle(palette::hintText));
    m_scroll->setObjectName("hiddenLayersScroll");
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);   // the grids wrap instead

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    m_body = new QBoxLayout(QBoxLayout::TopToBottom);
    m_body->addWidget(m_detail, 0, Qt::AlignTop);
    m_body->addWidget(m_scroll, 1);
    layout->addLayout(m_body, 1);
    layout->addWidget(m_message, 1);   // instead of the two above, when there is no network
    showMessage(tr("No network"));
}

QSize HiddenLayersPanel::sizeHint() const
{
    // Ten 28-pixel tiles and their gaps, the scroll bar, a little air; the height is the row's.
    const int tiles = 10 * (NeuronTileGrid::weightTile + NeuronTileGrid::gap);
    return {tiles + m_scroll->verticalScrollBar()->sizeHint().width() + 8, 240};
}

int HiddenLayersPanel::wideWidth() const
{
    // The tiles' column and the detail's: its picture and a text column as wide as above them.
    return 2 * sizeHint().width();
}

void HiddenLayersPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    // Wide, the detail stands right of the layers (RightToLeft: the scroll area, added last, on
    // the left), which then keep a tile grid's width and have the whole height.
    const bool wide = width() >= wideWidth();
    m_body->setDirection(wide ? QBoxLayout::RightToLeft : QBoxLayout::TopToBottom);
    m_scroll->setMinimumWidth(wide ? sizeHint().width() : 0);
    m_scroll->setMaximumWidth(wide ? sizeHint().width() : QWIDGETSIZE_MAX);
}

void HiddenLayersPanel::setNetwork(std::shared_ptr<const nnlab::Network> network)
{
    if (network == m_network)
        return;
    m_network = std::move(network);
    m_activity.reset();
    m_selectedLayer = m_selectedNeuron = m_hoveredLayer = m_hoveredNeuron = -1;
    rebuild();
}

QString HiddenLayersPanel::layerName(int l, bool capital) const
{
    // "hidden layer 1" in a fully connected net, as the book counts; "layer 5" in a convnet,
    // whose convolution and pooling layers count too.
    if (m_network && m_network->isFullyConnected())
        return capital ? tr("Hidden layer %1").arg(l + 1) : tr("hidden layer %1").arg(l + 1);
    return capital ? tr("Layer %1").arg(l + 1) : tr("layer %1").arg(l + 1);
}

void HiddenLayersPanel::rebuild()
{
    delete m_scroll->takeWidget();
    m_titles.clear();
    m_neuronGrids.clear();
    m_mapGrids.clear();
    m_mapLayers.clear();
    m_detail->clear();
    m_sections = new QWidget;
    m_sectionsLayout = new QVBoxLayout(m_sections);
    m_sectionsLayout->setContentsMargins(0, 0, 4, 0);
    if (!m_network) {
        m_scroll->setWidget(m_sections);
        showMessage(tr("No network"));
        return;
    }
    auto addTitle = [this](const QString& text) {
        auto* title = new QLabel(text, m_sections);
        title->setWordWrap(true);
        m_sectionsLayout->addWidget(title);
        m_titles.push_back(title);
    };
    const nnlab::Network& net = *m_network;
    for (int l = 0; l + 1 < net.layerCount(); ++l) {
        const nnlab::Layer& layer = net.layer(l);
        if (const auto shape = nnlab::featureMapShape(layer)) {
            const auto* pool = dynamic_cast<const nnlab::MaxPoolLayer*>(&layer);
            QString title = pool ? tr("Layer %1: max-pooled %2×%2 → %3 maps %4×%5")
                                       .arg(l + 1).arg(pool->pool()).arg(shape->channels)
                                       .arg(shape->height).arg(shape->width)
                                 : tr("Layer %1: %2 feature maps %3×%4, a = %5(w ∗ a + b)")
                                       .arg(l + 1).arg(shape->channels).arg(shape->height).arg(shape->width)
                                       .arg(QString::fromStdString(nnlab::activationName(layer.activation())));
            addTitle(title);
            auto* grid = new MapGridWidget(m_sections);
            grid->setWrapping(true);
            grid->setMaps(nnlab::featureMaps(Eigen::VectorXf::Zero(shape->size()), *shape), kMapsPerRow,
                          MapGridWidget::Colouring::Intensity, kMapTile);
            grid->setToolTip(
                tr("What each filter of layer %1 finds in your digit: black where it fires most").arg(l + 1));
            m_sectionsLayout->addWidget(grid);
            m_mapGrids.push_back(grid);
            m_mapLayers.push_back(l);
            continue;
        }
        // A fully connected layer: a tile per neuron; its weight image when it reads the pixels.
        const int neurons = layer.outputSize();
        std::vector<QImage> weights;
        if (l == 0 && net.inputSize() == 28 * 28)
            for (int j = 0; j < neurons; ++j)
                weights.push_back(weightPicture(nnlab::weightImage(net, l, j)));
        addTitle(net.isFullyConnected() ? tr("%1: %2 neurons").arg(layerName(l, true)).arg(neurons)
                                        : tr("%1: %2 neurons, fully connected").arg(layerName(l, true)).arg(neurons));
        auto* grid = new NeuronTileGrid(l, neurons, std::move(weights), m_sections);
        connect(grid, &NeuronTileGrid::neuronClicked, this, &HiddenLayersPanel::selectNeuron);
        connect(grid, &NeuronTileGrid::neuronHovered, this, &HiddenLayersPanel::hovered);
        m_sectionsLayout->addWidget(grid);
        m_neuronGrids.push_back(grid);
    }
    if (m_titles.empty())
        addTitle(tr("This network has no hidden layers: its inputs go straight to the outputs."));
    m_sectionsLayout->addStretch(1);
    m_scroll->setWidget(m_sections);
    m_message->clear();
    m_message->setVisible(false);
    m_scroll->setVisible(true);
    m_detail->setVisible(!m_neuronGrids.empty());
    clearActivity();
}

void HiddenLayersPanel::showMessage(const QString& why)
{
    m_message->setText(why);
    m_message->setVisible(true);
    m_detail->setVisible(false);
    m_scroll->setVisible(false);
}

QString HiddenLayersPanel::message() const
{
    return m_message->isVisibleTo(this) ? m_message->text() : QString();
}

QStringList HiddenLayersPanel::sectionTitles() const
{
    QStringList titles;
    for (const QLabel* title : m_titles)
        titles << title->text();
    return titles;
}

void HiddenLayersPanel::setActivity(nnlab::NetworkActivity activity)
{
    m_activity = std::move(activity);
    showActivity();
}

void HiddenLayersPanel::clearActivity()
{
    m_activity.reset();
    showActivity();
}

void HiddenLayersPanel::showActivity()
{
    if (!m_network)
        return;
    const bool active = m_activity && int(m_activity->activations.size()) == m_network->layerCount();
    for (NeuronTileGrid* grid : m_neuronGrids) {
        const int l = grid->layer();
        if (active)
            grid->setActivity(m_activity->activations[l], m_activity->zs[l],
                              nnlab::firingLevels(m_network->layer(l).activation(), m_activity->activations[l]));
        else
            grid->clearActivity();
    }
    for (std::size_t i = 0; i < m_mapGrids.size(); ++i) {
        const int l = m_mapLayers[i];
        const nnlab::ImageShape shape = *nnlab::featureMapShape(m_network->layer(l));
        const Eigen::VectorXf a =
            active ? m_activity->activations[l] : Eigen::VectorXf(Eigen::VectorXf::Zero(shape.size()));
        m_mapGrids[i]->setMaps(nnlab::featureMaps(a, shape), kMapsPerRow, MapGridWidget::Colouring::Intensity, kMapTile);
    }
    // The neuron in the detail panel: its z and a for the new input.
    if (m_hoveredNeuron >= 0)
        showDetail(m_hoveredLayer, m_hoveredNeuron);
    else if (m_selectedNeuron >= 0)
        showDetail(m_selectedLayer, m_selectedNeuron);
}

void HiddenLayersPanel::selectNeuron(int l, int j)
{
    const auto grid = std::find_if(m_neuronGrids.begin(), m_neuronGrids.end(),
                                   [l](const NeuronTileGrid* g) { return g->layer() == l; });
    if (grid == m_neuronGrids.end() || j < 0 || j >= (*grid)->neuronCount())
        return;
    m_selectedLayer = l;
    m_selectedNeuron = j;
    for (NeuronTileGrid* g : m_neuronGrids)
        g->setSelected(g == *grid ? j : -1);
    showDetail(l, j);
}

void HiddenLayersPanel::hovered(int l, int j)
{
    m_hoveredLayer = j >= 0 ? l : -1;
    m_hoveredNeuron = j;
    if (j >= 0)
        showDetail(l, j);
    else if (m_selectedNeuron >= 0)
        showDetail(m_selectedLayer, m_selectedNeuron);
    else
        m_detail->clear();
}

void HiddenLayersPanel::showDetail(int l, int j)
{
    if (!m_network)
        return;
    const nnlab::NeuronFacts facts = nnlab::neuronFacts(*m_network, m_activity ? &*m_activity : nullptr, l, j);
    m_detail->showNeuron(facts, weightPicture(nnlab::weightImage(*m_network, l, j)), layerName(l, true),
                         l + 1 < m_network->layerCount() ? layerName(l + 1, false) : QString());
}
