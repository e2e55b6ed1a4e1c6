#include "ui/train/run_history.h"

#include "ui/plotting/palette.h"

#include "core/train/chance.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
enum Column { NameColumn, AccuracyColumn, ConfigColumn };
constexpr int idRole = Qt::UserRole;

// The run's colour as the plots draw it: the selected run solid in the colours of the sets
// (training, validation, test: three stripes), any other in its own overlay colour (dashed
// when ticked; the colour it gets when ticked otherwise).
QIcon swatch(const RunRecord& run, bool selected)
{
    QPixmap pixmap(12, 12);
    if (!selected) {
        pixmap.fill(palette::overlayRun(run.id));
        return QIcon(pixmap);
    }
    QPainter painter(&pixmap);
    const QColor sets[] = {palette::training, palette::validation, palette::test};
    for (int i = 0; i < 3; ++i)
        painter.fillRect(4 * i, 0, 4, 12, sets[i]);
    return QIcon(pixmap);
}

}  // namespace

RunHistory::RunHistory(QWidget* parent)
    : QWidget(parent), m_tree(new QTreeWidget(this)), m_remove(new QPushButton(tr("Forget run"), this))
{
    m_tree->setObjectName("runList");
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Run"), tr("Best test"), tr("Configuration")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(AccuracyColumn, QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("<p>Every run of this session. The selected run is drawn solid and listed "
                          "in the epoch table; tick earlier runs to draw them dashed over it and "
                          "compare, as the book compares configurations.</p>"));

    m_remove->setObjectName("forgetRunButton");
    m_remove->setToolTip(tr("Remove the selected run from the list (not while it trains)"));
    auto* hint = new QLabel(tr("Tick runs to overlay them."), this);
    hint->setStyleSheet(palette::textStyle(palette::hintText));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_remove);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* now, QTreeWidgetItem* before) {
        if (!m_removing)   // (removeSelected refreshes the rest once the item is gone)
            for (QTreeWidgetItem* item : {now, before})   // their swatches: solid, and its own colour again
                if (item)
                    refresh(item->data(NameColumn, idRole).toInt());
        const RunRecord* run = selectedRun();
        m_remove->setEnabled(run && !run->isRunning());
        emit selectionChanged();
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int column) {
        if (column == NameColumn)
            emit selectionChanged();
    });
    connect(m_remove, &QPushButton::clicked, this, &RunHistory::removeSelected);
    m_remove->setEnabled(false);
}

RunHistory::~RunHistory()
{
    m_tree->disconnect(this);   // the tree outlives m_runs: no selection signals from it now
}

RunRecord* RunHistory::addRun(RunRecord record)
{
    record.id = m_nextId++;
    if (record.name.isEmpty())
        record.name = tr("Run %1").arg(record.id);
    m_runs.push_back(std::make_unique<RunRecord>(std::move(record)));
    RunRecord* run = m_runs.back().get();

    auto* item = new QTreeWidgetItem;
    item->setData(NameColumn, idRole, run->id);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    {
        const QSignalBlocker blocker(m_tree);
        item->setCheckState(NameColumn, Qt::Checked);
        m_tree->insertTopLevelItem(0, item);   // newest first
    }
    refresh(run->id);
    m_tree->setCurrentItem(item);
    return run;
}

RunRecord* RunHistory::run(int id)
{
    const auto it = std::find_if(m_runs.begin(), m_runs.end(), [id](const auto& r) { return r->id == id; });
    return it == m_runs.end() ? nullptr : it->get();
}

RunRecord* RunHistory::selectedRun()
{
    const QTreeWidgetItem* item = m_tree->currentItem();
    return item ? run(item->data(NameColumn, idRole).toInt()) : nullptr;
}

void RunHistory::select(int id)
{
    if (QTreeWidgetItem* item = itemFor(id))
        m_tree->setCurrentItem(item);
}

void RunHistory::setChecked(int id, bool checked)
{
    if (QTreeWidgetItem* item = itemFor(id))
        item->setCheckState(NameColumn, checked ? Qt::Checked : Qt::Unchecked);
}

QList<const RunRecord*> RunHistory::overlays() const
{
    QList<const RunRecord*> list;
    const QTreeWidgetItem* current = m_tree->currentItem();
    // Oldest first, so the legend reads in the order the runs were made.
    for (int i = m_tree->topLevelItemCount() - 1; i >= 0; --i) {
        const QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item == current || item->checkState(NameColumn) != Qt::Checked)
            continue;
        const int id = item->data(NameColumn, idRole).toInt();
        for (const auto& r : m_runs)
            if (r->id == id)
                list.append(r.get());
    }
    return list;
}

void RunHistory::refresh(int id)
{
    const RunRecord* r = run(id);
    QTreeWidgetItem* item = itemFor(id);
    if (!r || !item)
        return;
    const QSignalBlocker blocker(m_tree);
    QString name = r->name;
    if (r->isRunning())
        name += tr(" (training)");
    else if (r->summary && r->summary->reason == nnlab::StopReason::Diverged)
        name += tr(" (diverged)");
    else if (r->summary && r->summary->reason == nnlab::StopReason::Failed)
        name += tr(" (failed)");
    else if (r->summary && nnlab::isAtChance(*r->summary, r->config.net.sizes.back()))
        name += tr(" (at chance)");
    item->setText(NameColumn, name);
    const auto best = r->bestTestAccuracy();
    item->setText(AccuracyColumn, best ? QString("%1%").arg(100 * *best, 0, 'f', 2) : QString("—"));
    item->setTextAlignment(AccuracyColumn, Qt::AlignRight | Qt::AlignVCenter);
    QString config = r->presetLabel().isEmpty() ? QString() : r->presetLabel() + ": ";
    config += r->isLoadedModel() ? tr("loaded from %1").arg(r->sourceFile) : r->description();
    item->setText(ConfigColumn, config);
    QString tip = config.toHtmlEscaped();
    for (const nnlab::HyperparameterChange& c : r->changes)
        tip += tr("<br>%1 = %2 → %3 from mini-batch %L4 of %L5 in epoch %6%7")
                   .arg(QString::fromStdString(nnlab::symbol(c.parameter)))
                   .arg(double(c.from), 0, 'g', 4)
                   .arg(double(c.to), 0, 'g', 4)
                   .arg(c.batch)
                   .arg(c.batchesPerEpoch)
                   .arg(c.epoch)
                   .arg(c.bySchedule ? tr(" (halved by the schedule)") : QString());
    item->setToolTip(ConfigColumn, tip);
    item->setToolTip(NameColumn, tip);
    item->setIcon(NameColumn, swatch(*r, item == m_tree->currentItem()));
    if (item == m_tree->currentItem())
        m_remove->setEnabled(!r->isRunning());
}

QTreeWidgetItem* RunHistory::itemFor(int id) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->data(NameColumn, idRole).toInt() == id)
            return m_tree->topLevelItem(i);
    return nullptr;
}

void RunHistory::removeSelected()
{
    const RunRecord* r = selectedRun();
    if (!r || r->isRunning())
        return;
    const int id = r->id;
    m_removing = true;
    delete itemFor(id);   // selects a neighbour: selectionChanged
    m_removing = false;
    m_runs.erase(std::remove_if(m_runs.begin(), m_runs.end(), [id](const auto& p) { return p->id == id; }),
                 m_runs.end());
    if (const RunRecord* now = selectedRun())
        refresh(now->id);   // drawn solid now
    emit selectionChanged();
}
