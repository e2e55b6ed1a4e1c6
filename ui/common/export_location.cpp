#include "ui/common/export_location.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

namespace {

QString settingsKey(ExportKind kind)
{
    switch (kind) {
    case ExportKind::Plot: return "export/plotDirectory";
    case ExportKind::Table: return "export/tableDirectory";
    case ExportKind::Model: return "export/modelDirectory";
    }
    return "export/directory";
}

}  // namespace

QString exportDirectory(ExportKind kind)
{
    const QString last = QSettings().value(settingsKey(kind)).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    // Pictures for images, Documents for the rest; the home folder where those don't exist.
    const auto standard =
        kind == ExportKind::Plot ? QStandardPaths::PicturesLocation : QStandardPaths::DocumentsLocation;
    for (const auto location : {standard, QStandardPaths::DocumentsLocation}) {
        const QString dir = QStandardPaths::writableLocation(location);
        if (!dir.isEmpty() && QFileInfo(dir).isDir())
            return dir;
    }
    return QDir::homePath();
}

void rememberExportDirectory(ExportKind kind, const QString& chosenFile)
{
    if (!chosenFile.isEmpty())
        QSettings().setValue(settingsKey(kind), QFileInfo(chosenFile).absolutePath());
}

QString askSaveFile(QWidget* parent, ExportKind kind, const QString& title, const QString& fileName,
                    const QString& filter)
{
    const QString path =
        QFileDialog::getSaveFileName(parent, title, QDir(exportDirectory(kind)).filePath(fileName), filter);
    rememberExportDirectory(kind, path);
    return path;
}

QString askOpenFile(QWidget* parent, ExportKind kind, const QString& title, const QString& filter)
{
    const QString path = QFileDialog::getOpenFileName(parent, title, exportDirectory(kind), filter);
    rememberExportDirectory(kind, path);
    return path;
}

void announceSaved(QWidget* from, const QString& message, const QString& path)
{
    auto* window = from ? qobject_cast<QMainWindow*>(from->window()) : nullptr;
    if (window)
        window->statusBar()->showMessage(message.arg(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
                                         15000);
}
