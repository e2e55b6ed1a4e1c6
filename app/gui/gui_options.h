// gui_options.h — the nnlab window's command line: its options, and opening what they name.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

class MainWindow;

struct GuiOptions {
    GuiOptions();

    QCommandLineParser parser;
    QCommandLineOption data;
    QCommandLineOption dataset;
    QCommandLineOption view;
    QCommandLineOption startPreset;
    QCommandLineOption epochs;
    QCommandLineOption universality;
    QCommandLineOption runDeepNets;
    QCommandLineOption backpropSteps;
    QCommandLineOption backpropDigit;
    QCommandLineOption backpropCheck;
    QCommandLineOption checkpointFile;
    QCommandLineOption noTour;
};

// Whether to offer the first-run tour: not with --no-tour or NNLAB_NO_TOUR set (scripts,
// screenshots), nor once dismissed (FirstRunTour::wasDismissed, checked by the window).
bool wantsTour(const GuiOptions& options);

// True when the arguments ask only for text (--help, --version): answered without a window, so
// they work where there is no display.
bool asksOnlyForText(int argc, char* argv[]);

// True when a window can open: a display is named (DISPLAY, WAYLAND_DISPLAY) or a Qt platform
// chosen (QT_QPA_PLATFORM, -platform). Without one Qt aborts with a page about plugins.
bool hasDisplay(int argc, char* argv[]);

// Opens in window what the options name (a view, a preset started, a backprop step, …). False,
// with a line on stderr, when an option names nothing there.
bool openWhatTheOptionsName(const GuiOptions& options, MainWindow& window);
