// run_history.h — the runs of this session, kept for comparison the way the book compares
// configurations: one line per run with its best test accuracy and configuration (describe()).
// The selected run is the one drawn solid, tabulated and exported; ticked runs are overlaid.
#pragma once

#include "ui/train/run_record.h"

#include <QList>
#include <QWidget>

#include <memory>
#include <vector>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

class RunHistory : public QWidget {
    Q_OBJECT

public:
    explicit RunHistory(QWidget* parent = nullptr);
    ~RunHistory() override;

    // Keeps the run, ticks and selects it; returns the kept record.
    RunRecord* addRun(RunRecord record);
    RunRecord* run(int id);
    int count() const { return static_cast<int>(m_runs.size()); }
    int nextId() const { return m_nextId; }

    RunRecord* selectedRun();
    void select(int id);
    void setChecked(int id, bool checked);
    // Ticked runs other than the selected one: drawn dashed over it.
    QList<const RunRecord*> overlays() const;

    void refresh(int id);   // after the record changed: its line's text

    QTreeWidget* tree() const { return m_tree; }

signals:
    void selectionChanged();   // another run selected, or a tick changed

private:
    QTreeWidgetItem* itemFor(int id) const;
    void removeSelected();

    std::vector<std::unique_ptr<RunRecord>> m_runs;
    QTreeWidget* m_tree;
    QPushButton* m_remove;
    int m_nextId = 1;
    bool m_removing = false;   // an item is being deleted: leave the items alone
};
