// csv_export.h — a run's metrics as CSV, one row per epoch, for a spreadsheet or a notebook:
//   epoch,seconds,eta,training_cost,training_accuracy,validation_cost,validation_accuracy,
//   test_cost,test_accuracy,bias_gradient_norm_1,...,bias_gradient_norm_L
// Accuracies are fractions, as in `nnlab-cli train --json`; numbers are written in the shortest
// form that reads back to the same double.
#pragma once

#include "ui/train/run_record.h"

#include <QString>

QString metricsCsv(const RunRecord& run);

// Writes `text` to `path` atomically (a temporary file renamed over it): a failed write leaves
// any old file intact. False, with a one-line reason in *error, on failure.
bool writeTextAtomically(const QString& path, const QString& text, QString* error = nullptr);
