// convnet_view.h — "Inside a convnet" (chapter 6): the filters each convolutional layer learned
// and the feature maps they make of one digit, layer by layer.
#pragma once

#include "core/nn/network.h"

#include <Eigen/Core>

#include <QWidget>

#include <memory>
#include <vector>

class DatasetLoader;
class MapGridWidget;
class QComboBox;
class QLabel;
class QSpinBox;
class QVBoxLayout;

class ConvnetView : public QWidget {
    Q_OBJECT

public:
    explicit ConvnetView(DatasetLoader* loader, QWidget* parent = nullptr);

    // The shipped convnet in the resources (":/models/..."), or null if it can't be read.
    static std::shared_ptr<const nnlab::Network> embeddedConvnet(QString* error = nullptr);

    void setNetwork(std::shared_ptr<const nnlab::Network> net, const QString& source);
    const nnlab::Network* network() const { return m_net.get(); }
    // Filter grids (one per conv layer) and activation grids (one per layer) shown now.
    const std::vector<MapGridWidget*>& filterGrids() const { return m_filterGrids; }
    const std::vector<MapGridWidget*>& activationGrids() const { return m_activationGrids; }
    int predictedClass() const { return m_predicted; }

public slots:
    // A 784-pixel digit in MNIST's convention (ink = 1), e.g. the one drawn in the Draw view.
    void showDigit(const Eigen::VectorXf& pixels, int label = -1);
    void showTestDigit(int index);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void openModelFile();
    void rebuild();
    void clearLayers();
    void addSection(const QString& title, MapGridWidget* grid);
    void addFilterSection(int layer);   // the conv layer's filters as a grid of kernels

    DatasetLoader* m_loader;
    std::shared_ptr<const nnlab::Network> m_net;
    Eigen::VectorXf m_pixels;
    int m_label = -1;
    int m_predicted = -1;

    QLabel* m_source;
    QSpinBox* m_testIndex;
    QLabel* m_digit;
    QLabel* m_prediction;
    QLabel* m_message;
    QVBoxLayout* m_layers;
    std::vector<MapGridWidget*> m_filterGrids;
    std::vector<MapGridWidget*> m_activationGrids;
};
