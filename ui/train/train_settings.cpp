#include "ui/train/train_settings.h"

#include <QSettings>

#include <stdexcept>

using namespace nnlab;

void saveTrainConfig(QSettings& s, const TrainConfig& c, const QString& presetName)
{
    s.beginGroup("train");
    s.setValue("preset", presetName);
    s.setValue("layers", QString::fromStdString(formatArchitecture(c.net)));
    s.setValue("hidden", QString::fromStdString(activationName(c.net.hidden)));
    s.setValue("output", QString::fromStdString(activationName(c.net.output)));
    s.setValue("cost", QString::fromStdString(costName(c.net.cost)));
    s.setValue("init", QString::fromStdString(initialisationName(c.init)));
    s.setValue("dataset", QString::fromStdString(datasetName(c.dataset)));
    s.setValue("trainingSize", c.trainingSize);
    s.setValue("expandShifts", c.expansion.shifts);
    s.setValue("expandRotationDegrees", double(c.expansion.rotationDegrees));
    s.setValue("eta", double(c.hyper.eta));
    s.setValue("lambda", double(c.hyper.lambda));
    s.setValue("l1", double(c.hyper.l1));
    s.setValue("momentum", double(c.hyper.momentum));
    s.setValue("dropout", double(c.net.dropout));
    s.setValue("miniBatchSize", c.miniBatchSize);
    s.setValue("epochs", c.epochs);
    s.setValue("etaHalvingPatience", c.etaHalvingPatience);
    s.setValue("earlyStoppingPatience", c.earlyStoppingPatience);
    s.setValue("seed", QString::number(c.seed));
    s.endGroup();
}

std::optional<TrainConfig> loadTrainConfig(const QSettings& s, QString* presetName)
{
    if (!s.contains("train/layers"))
        return std::nullopt;
    auto text = [&s](const char* key) { return s.value(QString("train/") + key).toString().toStdString(); };
    auto number = [&s](const char* key, double fallback) {
        return s.value(QString("train/") + key, fallback).toDouble();
    };
    TrainConfig c;
    c.net.hidden = parseActivation(text("hidden")).value_or(c.net.hidden);
    c.net.output = parseActivation(text("output")).value_or(c.net.output);
    c.net.cost = parseCost(text("cost")).value_or(c.net.cost);
    c.init = parseInitialisation(text("init")).value_or(c.init);
    c.dataset = parseDatasetKind(text("dataset")).value_or(c.dataset);
    c.trainingSize = int(number("trainingSize", c.trainingSize));
    c.expansion.shifts = s.value("train/expandShifts", false).toBool();
    c.expansion.rotationDegrees = float(number("expandRotationDegrees", 0.0));
    c.hyper.eta = float(number("eta", c.hyper.eta));
    c.hyper.lambda = float(number("lambda", c.hyper.lambda));
    c.hyper.l1 = float(number("l1", c.hyper.l1));
    c.hyper.momentum = float(number("momentum", c.hyper.momentum));
    c.net.dropout = float(number("dropout", c.net.dropout));
    c.miniBatchSize = int(number("miniBatchSize", c.miniBatchSize));
    c.epochs = int(number("epochs", c.epochs));
    c.etaHalvingPatience = int(number("etaHalvingPatience", 0));
    c.earlyStoppingPatience = int(number("earlyStoppingPatience", 0));
    c.seed = s.value("train/seed", "1").toString().toULongLong();
    try {
        parseArchitecture(text("layers"), c.net);
        validate(c);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
    if (presetName)
        *presetName = s.value("train/preset").toString();
    return c;
}
