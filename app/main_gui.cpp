// main_gui.cpp — the nnlab desktop application: `nnlab [--data DIR] [--dataset mnist|fashion]`.
#include "backprop_step_panel.h"
#include "backprop_view.h"
#include "crash_recovery.h"
#include "deep_nets_view.h"
#include "gradient_check_panel.h"
#include "main_window.h"
#include "real_digit_panel.h"
#include "tiny_net_panel.h"
#include "train_view.h"
#include "universality_view.h"

#include "data/dataset.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStackedWidget>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("nnlab");
    QApplication::setOrganizationName("nnlab");
    QApplication::setApplicationVersion(NNLAB_VERSION);
    QApplication::setWindowIcon(QIcon(":/icons/nnlab.png"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A lab for the book Neural Networks and Deep Learning."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataOption(
        "data", QApplication::translate("main", "Read the IDX data files from <dir>."), "dir");
    const QCommandLineOption datasetOption(
        "dataset", QApplication::translate("main", "Start with <name>: mnist or fashion."), "name",
        "mnist");
    const QCommandLineOption viewOption(
        "view", QApplication::translate("main", "Open the view titled <name>, e.g. train."), "name");
    const QCommandLineOption startPresetOption(
        "start-preset",
        QApplication::translate("main", "Start training the book's experiment <name> (nnlab-cli presets)."),
        "name");
    const QCommandLineOption epochsOption(
        "epochs", QApplication::translate("main", "With --start-preset: train <n> epochs."), "n");
    parser.addOption(dataOption);
    parser.addOption(datasetOption);
    parser.addOption(viewOption);
    parser.addOption(startPresetOption);
    parser.addOption(epochsOption);
    const QCommandLineOption universalityOption(
        "universality",
        QApplication::translate("main", "Open the Universality view at <page>: neuron, 1d, 2d or "
                                        "perceptrons (2d/tower, 2d/grid, … also pick what 2d builds)."),
        "page");
    parser.addOption(universalityOption);
    const QCommandLineOption runDeepNetsOption(
        "run-deep-nets",
        QApplication::translate("main", "Open the Deep nets view and run chapter 5's experiment (four hidden layers)."));
    parser.addOption(runDeepNetsOption);
    const QCommandLineOption backpropStepsOption(
        "backprop-steps",
        QApplication::translate("main", "Open the Backprop view with the tiny network <n> steps into backprop."), "n");
    const QCommandLineOption backpropDigitOption(
        "backprop-digit",
        QApplication::translate("main", "Open the Backprop view's 784-30-10 tab with every step of a test digit taken."));
    const QCommandLineOption backpropCheckOption(
        "backprop-check",
        QApplication::translate("main", "Open the Backprop view and check the 784-30-10 network's gradients."));
    const QCommandLineOption checkpointOption(
        "checkpoint-file",
        QApplication::translate("main", "Checkpoint Train view runs to <file> (default: in the app's data folder), "
                                        "and offer to resume the run it holds if that run was cut short."),
        "file");
    parser.addOption(checkpointOption);
    parser.addOption(backpropStepsOption);
    parser.addOption(backpropDigitOption);
    parser.addOption(backpropCheckOption);
    parser.process(app);

    const auto kind = nnlab::parseDatasetKind(parser.value(datasetOption).toStdString());
    if (!kind) {
        std::fprintf(stderr, "nnlab: unknown dataset '%s' (use mnist or fashion)\n",
                     qPrintable(parser.value(datasetOption)));
        return 2;
    }
    std::optional<std::filesystem::path> dataDir;
    if (parser.isSet(dataOption))
        dataDir = std::filesystem::path(parser.value(dataOption).toStdString());

    MainWindow window(dataDir, *kind);
    // Crash-safe runs: a run cut short last time (a crash, the window closed mid-run) is offered
    // for resuming in the Train view.
    enableCrashRecovery(window, parser.isSet(checkpointOption) ? parser.value(checkpointOption) : defaultCheckpointFile());
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(stderr, "nnlab: no view titled '%s'\n", qPrintable(parser.value(viewOption)));
        return 2;
    }
    if (parser.isSet(startPresetOption)) {
        auto* train = window.findChild<TrainView*>();
        const int epochs = parser.value(epochsOption).toInt();
        if (!train || !train->startPreset(parser.value(startPresetOption), epochs)) {
            std::fprintf(stderr, "nnlab: no preset named '%s' (nnlab-cli presets lists them)\n",
                         qPrintable(parser.value(startPresetOption)));
            return 2;
        }
    }
    if (parser.isSet(universalityOption)) {
        auto* universality = window.findChild<UniversalityView*>();
        auto* views = universality ? qobject_cast<QStackedWidget*>(universality->parentWidget()) : nullptr;
        if (!views || !universality->showPage(parser.value(universalityOption))) {
            std::fprintf(stderr, "nnlab: no Universality page '%s' (use neuron, 1d, 2d, 2d/tower, 2d/grid "
                                 "or perceptrons)\n",
                         qPrintable(parser.value(universalityOption)));
            return 2;
        }
        window.showView(views->indexOf(universality));
    }
    if (parser.isSet(runDeepNetsOption)) {
        auto* deep = window.findChild<DeepNetsView*>();
        auto* views = deep ? qobject_cast<QStackedWidget*>(deep->parentWidget()) : nullptr;
        if (views) {
            window.showView(views->indexOf(deep));
            deep->run();
        }
    }
    if (parser.isSet(backpropStepsOption) || parser.isSet(backpropDigitOption) || parser.isSet(backpropCheckOption)) {
        auto* backprop = window.findChild<BackpropView*>();
        auto* views = backprop ? qobject_cast<QStackedWidget*>(backprop->parentWidget()) : nullptr;
        if (views) {
            window.showView(views->indexOf(backprop));
            backprop->tinyNet()->stepPanel()->setDone(parser.value(backpropStepsOption).toInt());
            RealDigitPanel* digit = backprop->realDigit();
            backprop->showRealDigit(parser.isSet(backpropDigitOption));
            // Both wait for the digit (MNIST loads in the background); each acts once.
            auto pending = std::make_shared<int>(2);
            auto act = [digit, backprop, pending, takeAll = parser.isSet(backpropDigitOption),
                        check = parser.isSet(backpropCheckOption)] {
                if (*pending == 0 || !digit->isReady())
                    return;
                *pending = 0;
                if (takeAll) {
                    digit->stepPanel()->setDone(digit->stepPanel()->stepCount());
                    qInfo("backprop: digit traced, %d steps", digit->stepPanel()->stepCount());
                }
                if (check) {
                    backprop->gradientCheck()->setSource(BackpropView::CheckRealDigit);
                    backprop->gradientCheck()->check();
                }
            };
            QObject::connect(digit, &RealDigitPanel::traced, digit, act);
            act();
        }
    }
    window.show();
    return app.exec();
}
