#include "ui/plotting/plot_export.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <qcustomplot.h>

bool exportPlot(QCustomPlot* plot, const QString& path, QString* error)
{
    const auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == "pdf")
        ok = plot->savePdf(path, plot->width(), plot->height());
    else if (suffix == "png")
        ok = plot->savePng(path, plot->width(), plot->height(), 2.0);
    else
        return fail(QCoreApplication::translate("plot_export", "%1: use a .png or .pdf file name").arg(path));
    if (!ok)
        return fail(QCoreApplication::translate("plot_export", "%1: could not write the file").arg(path));
    return true;
}

QString plotName(const QCustomPlot* plot)
{
    // "costPlot" → "cost", "LearningSpeedPlot" → "learning speed".
    QString name = plot->objectName().isEmpty() ? QString(plot->metaObject()->className()) : plot->objectName();
    name.remove(QRegularExpression("Plot$"));
    name.replace(QRegularExpression("([a-z0-9])([A-Z])"), "\\1 \\2");
    return name.toLower().trimmed();
}
