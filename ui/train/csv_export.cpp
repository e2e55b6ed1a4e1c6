#include "ui/train/csv_export.h"

#include <QLocale>
#include <QSaveFile>
#include <QStringList>

namespace {

QString shortest(double v)
{
    return QLocale::c().toString(v, 'g', QLocale::FloatingPointShortest);
}

}  // namespace

QString metricsCsv(const RunRecord& run)
{
    QStringList header{"epoch", "seconds", "eta", "training_cost", "training_accuracy", "validation_cost",
                       "validation_accuracy", "test_cost", "test_accuracy"};
    for (int l = 1; l <= run.layerCount(); ++l)
        header << QString("bias_gradient_norm_%1").arg(l);
    QString csv = header.join(',') + '\n';
    for (const nnlab::EpochReport& e : run.epochs) {
        QStringList row{QString::number(e.epoch),
                        shortest(e.seconds),
                        shortest(e.eta),
                        shortest(e.training.cost),
                        shortest(e.training.accuracy),
                        shortest(e.validation.cost),
                        shortest(e.validation.accuracy),
                        shortest(e.test.cost),
                        shortest(e.test.accuracy)};
        for (int l = 0; l < run.layerCount(); ++l)
            row << (l < int(e.biasGradientNorms.size()) ? shortest(e.biasGradientNorms[l]) : QString());
        csv += row.join(',') + '\n';
    }
    return csv;
}

bool writeTextAtomically(const QString& path, const QString& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(text.toUtf8()) < 0 ||
        !file.commit()) {
        if (error)
            *error = QString("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
