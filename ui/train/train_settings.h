// train_settings.h — the Train view's last configuration in QSettings, so that the next launch
// starts where this one left off.
#pragma once

#include "core/train/training_config.h"

#include <QString>

#include <optional>

class QSettings;

void saveTrainConfig(QSettings& settings, const nnlab::TrainConfig& config, const QString& presetName);
// The saved configuration, or nothing when none was saved or it no longer validates.
std::optional<nnlab::TrainConfig> loadTrainConfig(const QSettings& settings, QString* presetName = nullptr);
