// gui_options.cpp — the nnlab window's command line: its options, and opening what they name.
#include "app/gui/gui_options.h"

#include "ui/backprop/backprop_step_panel.h"
#include "ui/backprop/backprop_view.h"
#include "ui/backprop/gradient_check_panel.h"
#include "ui/backprop/real_digit_panel.h"
#include "ui/backprop/tiny_net_panel.h"
#include "ui/deep_nets/deep_nets_view.h"
#include "ui/shell/main_window.h"
#include "ui/train/train_view.h"
#include "ui/universality/universality_view.h"

#include <QCoreApplication>
#include <QStackedWidget>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("main", text);
}

// Shows the view that holds page (one of the window's views); false when page is not one.
bool showViewOf(MainWindow& window, QWidget* page)
{
    auto* views = page ? qobject_cast<QStackedWidget*>(page->parentWidget()) : nullptr;
    if (!views)
        return false;
    window.showView(views->indexOf(page));
    return true;
}

bool hasValue(const char* name)
{
    const char* value = std::getenv(name);
    return value && *value;
}

} // namespace

GuiOptions::GuiOptions()
    : data("data", tr("Read the IDX data files from <dir>."), "dir"),
      dataset("dataset", tr("Start with <name>: mnist or fashion."), "name", "mnist"),
      view("view", tr("Open the view titled <name>, e.g. train."), "name"),
      startPreset("start-preset", tr("Start training the book's experiment <name> (nnlab-cli presets)."), "name"),
      epochs("epochs", tr("With --start-preset: train <n> epochs."), "n"),
      universality("universality", tr("Open the Universality view at <page>: neuron, 1d, 2d or perceptrons "
                                      "(2d/tower, 2d/grid, … also pick what 2d builds)."),
                   "page"),
      runDeepNets("run-deep-nets", tr("Open the Deep nets view and run chapter 5's experiment (four hidden layers).")),
      backpropSteps("backprop-steps", tr("Open the Backprop view with the tiny network <n> steps into backprop."), "n"),
      backpropDigit("backprop-digit", tr("Open the Backprop view's 784-30-10 tab with every step of a test digit taken.")),
      backpropCheck("backprop-check", tr("Open the Backprop view and check the 784-30-10 network's gradients.")),
      checkpointFile("checkpoint-file", tr("Checkpoint Train view runs to <file> (default: in the app's data folder), "
                                           "and offer to resume the run it holds if that run was cut short."),
                     "file"),
      noTour("no-tour", tr("Don't offer the first-run tour (for scripts and screenshots; also NNLAB_NO_TOUR=1)."))
{
    parser.setApplicationDescription(tr("A lab for the book Neural Networks and Deep Learning."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({data, dataset, view, startPreset, epochs, universality, runDeepNets, checkpointFile,
                       backpropSteps, backpropDigit, backpropCheck, noTour});
}

bool wantsTour(const GuiOptions& options)
{
    return !options.parser.isSet(options.noTour) && !hasValue("NNLAB_NO_TOUR");
}

bool asksOnlyForText(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

bool hasDisplay(int argc, char* argv[])
{
#if defined(__linux__)
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "-platform") == 0)
            return true;
    return hasValue("QT_QPA_PLATFORM") || hasValue("DISPLAY") || hasValue("WAYLAND_DISPLAY");
#else
    (void)argc;
    (void)argv;
    return true;
#endif
}

bool openWhatTheOptionsName(const GuiOptions& options, MainWindow& window)
{
    const QCommandLineParser& parser = options.parser;
    if (parser.isSet(options.view) && !window.showView(parser.value(options.view))) {
        std::fprintf(stderr, "nnlab: no view titled '%s'\n", qPrintable(parser.value(options.view)));
        return false;
    }
    if (parser.isSet(options.startPreset)) {
        auto* train = window.findChild<TrainView*>();
        if (!train || !train->startPreset(parser.value(options.startPreset), parser.value(options.epochs).toInt())) {
            std::fprintf(stderr, "nnlab: no preset named '%s' (nnlab-cli presets lists them)\n",
                         qPrintable(parser.value(options.startPreset)));
            return false;
        }
    }
    if (parser.isSet(options.universality)) {
        auto* universality = window.findChild<UniversalityView*>();
        if (!universality || !universality->showPage(parser.value(options.universality))
            || !showViewOf(window, universality)) {
            std::fprintf(stderr, "nnlab: no Universality page '%s' (use neuron, 1d, 2d, 2d/tower, 2d/grid "
                                 "or perceptrons)\n",
                         qPrintable(parser.value(options.universality)));
            return false;
        }
    }
    if (parser.isSet(options.runDeepNets)) {
        auto* deep = window.findChild<DeepNetsView*>();
        if (showViewOf(window, deep))
            deep->run();
    }
    const bool takeAll = parser.isSet(options.backpropDigit);
    const bool check = parser.isSet(options.backpropCheck);
    if (parser.isSet(options.backpropSteps) || takeAll || check) {
        auto* backprop = window.findChild<BackpropView*>();
        if (showViewOf(window, backprop)) {
            backprop->tinyNet()->stepPanel()->setDone(parser.value(options.backpropSteps).toInt());
            RealDigitPanel* digit = backprop->realDigit();
            backprop->showRealDigit(takeAll);
            // Both wait for the test digit (MNIST loads in the background), then act once.
            auto done = std::make_shared<bool>(false);
            auto act = [digit, backprop, done, takeAll, check] {
                if (*done || !digit->isReady())
                    return;
                *done = true;
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
    return true;
}
