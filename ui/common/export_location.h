// export_location.h — where save and open dialogs start: the folder last used for that kind of
// file, else the user's Pictures (plots) or Documents (tables, models) folder — never the
// working directory, which is often the source tree.
#pragma once

#include <QString>

class QWidget;

enum class ExportKind { Plot, Table, Model };

QString exportDirectory(ExportKind kind);
// Remembers the folder of `chosenFile` for the next dialog of this kind (QSettings).
void rememberExportDirectory(ExportKind kind, const QString& chosenFile);

// The file dialogs, starting in exportDirectory(kind) and remembering where the user went.
// Empty when cancelled.
QString askSaveFile(QWidget* parent, ExportKind kind, const QString& title, const QString& fileName,
                    const QString& filter);
QString askOpenFile(QWidget* parent, ExportKind kind, const QString& title, const QString& filter);

// Says where a file went, in the status bar of `from`'s main window (nothing without one):
// `message` with %1 for the path, e.g. tr("Saved the plot to %1").
void announceSaved(QWidget* from, const QString& message, const QString& path);
