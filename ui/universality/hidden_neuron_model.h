// hidden_neuron_model.h — the hidden neurons of chapter 4's one-input network as a table:
// j, w_j, b_j, the step position s_j = −b_j/w_j, and v_j, the weight into the output neuron.
// A model (not a QTableWidget) because auto-construct can make thousands of neurons.
#pragma once

#include "core/universality/one_input_network.h"

#include <QAbstractTableModel>

class HiddenNeuronModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Index, Weight, Bias, Step, OutputWeight, ColumnCount };

    explicit HiddenNeuronModel(QObject* parent = nullptr);

    void setNetwork(const nnlab::universality::OneInputNetwork& network);
    const nnlab::universality::OneInputNetwork& network() const { return m_network; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    nnlab::universality::OneInputNetwork m_network;
};
