#include "ui/train/epoch_table.h"

#include <QHeaderView>

#include <cmath>

namespace {

QString number(double v, char format, int precision)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    return QString::number(v, format, precision);
}

QString percent(double fraction)
{
    return number(100 * fraction, 'f', 2);
}

}  // namespace

EpochTable::EpochTable(QWidget* parent) : QTableWidget(0, 7, parent)
{
    setObjectName("epochTable");
    setHorizontalHeaderLabels({tr("Epoch"), tr("s"), tr("η"), tr("C train"), tr("Train %"),
                               tr("Valid %"), tr("Test %")});
    horizontalHeaderItem(3)->setToolTip(tr("The cost C on the training set, with the regularisation term"));
    horizontalHeaderItem(4)->setToolTip(tr("Accuracy on the training set"));
    horizontalHeaderItem(5)->setToolTip(tr("Accuracy on the validation set (the last 10,000 training images)"));
    horizontalHeaderItem(6)->setToolTip(tr("Accuracy on the test set (t10k)"));
    horizontalHeaderItem(1)->setToolTip(tr("Seconds the epoch's training took, evaluation excluded"));
    horizontalHeaderItem(2)->setToolTip(tr("The learning rate η used in the epoch"));
    verticalHeader()->setVisible(false);
    // Seven columns in a narrow pane: a slightly smaller font, each column as wide as its figures
    // (never cut to "0.…"), the last one taking what is left; sideways scrolling where the pane is
    // narrower than the figures (1024×640).
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.92);
    setFont(small);
    horizontalHeader()->setFont(small);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setMinimumSectionSize(30);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    verticalHeader()->setDefaultSectionSize(QFontMetrics(small).height() + 6);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setToolTip(tr("The selected run, epoch by epoch: what nnlab-cli train prints"));
}

void EpochTable::showRun(const RunRecord* run)
{
    if (!run) {
        setRowCount(0);
        m_runId = -1;
        return;
    }
    const int have = run->id == m_runId ? std::min<int>(rowCount(), int(run->epochs.size())) : 0;
    m_runId = run->id;
    setRowCount(int(run->epochs.size()));
    for (int row = have; row < int(run->epochs.size()); ++row)
        setRow(row, run->epochs[row]);
    if (have < rowCount())
        scrollToBottom();
}

void EpochTable::setRow(int row, const nnlab::EpochReport& e)
{
    const QString cells[] = {QString::number(e.epoch),
                             number(e.seconds, 'f', 2),
                             number(e.eta, 'g', 4),
                             number(e.training.cost, 'f', 4),
                             percent(e.training.accuracy),
                             percent(e.validation.accuracy),
                             percent(e.test.accuracy)};
    for (int column = 0; column < 7; ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        setItem(row, column, item);
    }
}
