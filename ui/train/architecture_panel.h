// architecture_panel.h — the network and its data: the layers (sizes, and chapter 6's
// convolution and pooling layers), the neurons of the hidden and output layers, the cost, how
// weights start, the dataset, how much of it to train on, and chapter 6's expanded data.
#pragma once

#include "core/train/training_config.h"

#include <QGroupBox>


class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class ArchitecturePanel : public QGroupBox {
    Q_OBJECT

public:
    explicit ArchitecturePanel(QWidget* parent = nullptr);

    // Writes the panel's choices into `config`; returns what is wrong with the layer sizes
    // (empty when they parse).
    QString applyTo(nnlab::TrainConfig& config) const;
    void setConfig(const nnlab::TrainConfig& config);

    // "784, 30, 10", "[784 30 10]", "784-30-10" or "784, conv20x5, pool2, 100, 10" into the
    // spec's sizes and features (the core's parseArchitecture, more forgiving about separators).
    static QString parseLayers(const QString& text, nnlab::NetworkSpec& spec);
    static QString formatLayers(const nnlab::NetworkSpec& spec);   // "784, conv20x5, pool2, 100, 10"
    // "784 → 20×24×24 → 20×12×12 → 100 → 10 · 289,650 parameters", or empty for a spec that
    // can't be built.
    static QString describeShapes(const nnlab::NetworkSpec& spec);
    // What is wrong with the layers themselves (they don't parse, don't fit 28×28 images and ten
    // classes, or a convolution or pooling doesn't fit its input); empty when they are fine.
    // Shown in red under the field, where the user is typing.
    QString layersProblem() const;

signals:
    void changed();

private:
    QLineEdit* m_layers;
    QLabel* m_shapes;   // each layer's output shape and the parameter count
    QComboBox* m_hidden;
    QComboBox* m_output;
    QComboBox* m_cost;
    QComboBox* m_init;
    QComboBox* m_dataset;
    QSpinBox* m_trainingSize;
    QCheckBox* m_shifts;
    QDoubleSpinBox* m_rotation;
};
