#include "ui/universality/hidden_neuron_model.h"

using nnlab::universality::HiddenNeuron;

HiddenNeuronModel::HiddenNeuronModel(QObject* parent) : QAbstractTableModel(parent) {}

void HiddenNeuronModel::setNetwork(const nnlab::universality::OneInputNetwork& network)
{
    const bool sameShape = network.hiddenCount() == m_network.hiddenCount();
    if (!sameShape)
        beginResetModel();
    m_network = network;
    if (sameShape)  // a drag: the numbers changed, not the rows (keeps the scroll position)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
    else
        endResetModel();
}

int HiddenNeuronModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_network.hiddenCount();
}

int HiddenNeuronModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HiddenNeuronModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const HiddenNeuron& n = m_network.neuron(index.row());
    switch (index.column()) {
    case Index: return index.row() + 1;
    case Weight: return QString::number(n.w, 'g', 6);
    case Bias: return QString::number(n.b, 'g', 6);
    case Step: return n.w != 0.0 ? QString::number(-n.b / n.w, 'f', 4) : QString("—");
    case OutputWeight: return QString::number(n.v, 'f', 3);
    default: return {};
    }
}

QVariant HiddenNeuronModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Index: return tr("Hidden neuron j");
        case Weight: return tr("wⱼ, the weight from the input x: large w, sharp step");
        case Bias: return tr("bⱼ, the bias: the step sits where wⱼ x + bⱼ = 0");
        case Step: return tr("sⱼ = −bⱼ/wⱼ, where the step is (the book's step parametrisation)");
        case OutputWeight: return tr("The weight from neuron j to the output (the book's w₁, w₂, …): ±h for a bump of height h");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Index: return tr("j");
    case Weight: return tr("wⱼ");
    case Bias: return tr("bⱼ");
    case Step: return tr("sⱼ = −bⱼ/wⱼ");
    case OutputWeight: return tr("vⱼ (out)");
    default: return {};
    }
}
