// hidden_layers_panel.h — the Draw view's hidden layers, lit by the digit on the canvas.
//
// One section per layer between the input and the outputs: a fully connected layer as tiles, a
// tile per neuron (NeuronTileGrid); a convolutional or pooling layer as its feature maps, small
// greyscale images (MapGridWidget). Above them, the neuron pointed at or clicked in detail
// (NeuronDetailPanel). The sections scroll; the facts come from core/draw/hidden_activity.h,
// from the same pass that gives the view its prediction. Without a network the panel says why.
#pragma once

#include "core/draw/hidden_activity.h"
#include "core/nn/network.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class MapGridWidget;
class NeuronDetailPanel;
class NeuronTileGrid;
class QBoxLayout;
class QLabel;
class QScrollArea;
class QVBoxLayout;

class HiddenLayersPanel : public QWidget {
    Q_OBJECT

public:
    explicit HiddenLayersPanel(QWidget* parent = nullptr);

    // The network whose hidden layers to show (null: none; then showMessage() says why).
    void setNetwork(std::shared_ptr<const nnlab::Network> network);
    // The current input's pass (traceActivity of the network set), or none: nothing drawn.
    void setActivity(nnlab::NetworkActivity activity);
    void clearActivity();
    // Why there is nothing to show (no network, still loading); hides the layers.
    void showMessage(const QString& why);

    // Shows neuron j of layer l (a fully connected hidden layer) in the detail panel and frames it.
    void selectNeuron(int l, int j);
    int selectedLayer() const { return m_selectedLayer; }
    int selectedNeuron() const { return m_selectedNeuron; }

    QString message() const;   // why there are no layers to show; empty while they are shown
    const std::vector<NeuronTileGrid*>& neuronGrids() const { return m_neuronGrids; }
    const std::vector<MapGridWidget*>& mapGrids() const { return m_mapGrids; }
    QStringList sectionTitles() const;
    NeuronDetailPanel* detail() const { return m_detail; }
    const std::optional<nnlab::NetworkActivity>& activity() const { return m_activity; }

    // Beside the bars: as wide as a 10×10 grid of weight images, and no taller than the row
    // lets it be (the sections scroll). From wideWidth() on, the neuron's detail stands beside
    // the layers instead of above them, and the layers have the whole height.
    QSize sizeHint() const override;
    int wideWidth() const;
    // Not the height of all its layers at a width: that is what the scroll area is for.
    bool hasHeightForWidth() const override { return false; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void showActivity();
    void showDetail(int l, int j);   // j < 0: the selected neuron, or how to choose one
    void hovered(int l, int j);
    QString layerName(int l, bool capital) const;   // "hidden layer 1", or "Hidden layer 1"

    std::shared_ptr<const nnlab::Network> m_network;
    std::optional<nnlab::NetworkActivity> m_activity;
    QLabel* m_message;
    QBoxLayout* m_body;   // the detail over the layers, or beside them
    NeuronDetailPanel* m_detail;
    QScrollArea* m_scroll;
    QWidget* m_sections = nullptr;
    QVBoxLayout* m_sectionsLayout = nullptr;
    std::vector<QLabel*> m_titles;
    std::vector<NeuronTileGrid*> m_neuronGrids;
    std::vector<MapGridWidget*> m_mapGrids;
    std::vector<int> m_mapLayers;   // the network layer of each map grid
    int m_selectedLayer = -1;
    int m_selectedNeuron = -1;
    int m_hoveredLayer = -1;
    int m_hoveredNeuron = -1;
};
