// epoch_table.h — one row per epoch of a run, as nnlab-cli prints them: seconds, η, the
// training cost and the accuracies on the three sets.
#pragma once

#include "ui/train/run_record.h"

#include <QTableWidget>

class EpochTable : public QTableWidget {
    Q_OBJECT

public:
    explicit EpochTable(QWidget* parent = nullptr);

    // Shows the run's epochs; rows already shown for the same run are kept (one append per epoch).
    void showRun(const RunRecord* run);

private:
    void setRow(int row, const nnlab::EpochReport& e);

    int m_runId = -1;
};
