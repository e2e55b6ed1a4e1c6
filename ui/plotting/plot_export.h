// plot_export.h — a plot saved as the file name says: PNG (at twice the screen's pixels, sharp in
// documents) or PDF (vector). One home for every plot's export, the File menu's and the views'.
#pragma once

#include <QString>

class QCustomPlot;

// False, with a one-line reason naming the file in *error, for another suffix or a failed write.
bool exportPlot(QCustomPlot* plot, const QString& path, QString* error = nullptr);

// A name for the plot in a list ("cost", "learning speed"): its object name, else its class's.
QString plotName(const QCustomPlot* plot);
