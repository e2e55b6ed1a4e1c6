#include "ui/train/train_settings.h"

#include "core/train/config_fields.h"

#include <QSettings>

#include <stdexcept>

using namespace nnlab;

// One settings key per field of the configuration (config_fields.h), under "train/config/".
void saveTrainConfig(QSettings& s, const TrainConfig& c, const QString& presetName)
{
    s.beginGroup("train");
    s.setValue("preset", presetName);
    s.beginGroup("config");
    for (const ConfigField& field : configFields())
        s.setValue(QString::fromStdString(field.key), QString::fromStdString(field.get(c)));
    s.endGroup();
    s.endGroup();
}

std::optional<TrainConfig> loadTrainConfig(const QSettings& s, QString* presetName)
{
    if (!s.contains("train/config/architecture"))
        return std::nullopt;
    TrainConfig c;
    try {
        // A key this version doesn't know stays at its default; a value it can't read, or a
        // configuration that no longer validates, means nothing usable was saved.
        for (const ConfigField& field : configFields()) {
            const QString key = "train/config/" + QString::fromStdString(field.key);
            if (s.contains(key))
                field.set(c, s.value(key).toString().toStdString());
        }
        validate(c);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
    if (presetName)
        *presetName = s.value("train/preset").toString();
    return c;
}
