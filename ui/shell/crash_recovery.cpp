#include "ui/shell/crash_recovery.h"

#include "ui/shell/main_window.h"
#include "ui/train/train_view.h"

#include <QDir>
#include <QLoggingCategory>
#include <QFileInfo>
#include <QStackedWidget>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcRecovery, "nnlab.train")

QString defaultCheckpointFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath("interrupted-run.nnlab-checkpoint");
}

bool enableCrashRecovery(MainWindow& window, const QString& file)
{
    auto* train = window.findChild<TrainView*>();
    if (!train)
        return false;
    QDir().mkpath(QFileInfo(file).absolutePath());
    if (!train->enableCheckpoints(file))
        return false;
    qCInfo(lcRecovery).noquote() << "offering to resume the interrupted run in" << file;
    if (auto* views = qobject_cast<QStackedWidget*>(train->parentWidget()))
        window.showView(views->indexOf(train));
    return true;
}
