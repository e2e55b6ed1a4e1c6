// main_gui.cpp — the nnlab desktop application: `nnlab [--data DIR] [--dataset mnist|fashion]`
// (`nnlab --help` lists the rest).
#include "app/gui/gui_options.h"
#include "ui/shell/crash_recovery.h"
#include "ui/shell/main_window.h"

#include "core/data/dataset.h"
#include "core/io/checkpoint_file.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>

#include <cstdio>

namespace {

void nameTheApplication()
{
    QCoreApplication::setApplicationName("nnlab");
    QCoreApplication::setOrganizationName("nnlab");
    QCoreApplication::setApplicationVersion(NNLAB_VERSION);
}

} // namespace

int main(int argc, char* argv[])
{
    if (asksOnlyForText(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameTheApplication();
        GuiOptions options;
        options.parser.process(app);   // prints the help or version and exits
        return 0;
    }
    if (!hasDisplay(argc, argv)) {
        std::fprintf(stderr, "nnlab: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
                             "run it in a desktop session, or use nnlab-cli for headless work\n");
        return 1;
    }

    QApplication app(argc, argv);
    nameTheApplication();
    QApplication::setWindowIcon(QIcon(":/icons/nnlab.png"));
    GuiOptions options;
    options.parser.process(app);

    const auto kind = nnlab::parseDatasetKind(options.parser.value(options.dataset).toStdString());
    if (!kind) {
        std::fprintf(stderr, "nnlab: unknown dataset '%s' (use mnist or fashion)\n",
                     qPrintable(options.parser.value(options.dataset)));
        return 2;
    }
    std::optional<std::filesystem::path> dataDir;
    if (options.parser.isSet(options.data))
        dataDir = std::filesystem::path(options.parser.value(options.data).toStdString());

    // A checkpoint file named on the command line is one the user means: say what is wrong with it.
    if (options.parser.isSet(options.checkpointFile)) {
        const QString file = options.parser.value(options.checkpointFile);
        if (!QFileInfo::exists(file)) {
            std::fprintf(stderr, "nnlab: %s: no checkpoint there yet; the Train view's runs will write one there\n",
                         qPrintable(file));
        } else {
            try {
                nnlab::loadCheckpoint(file.toStdString());
            } catch (const nnlab::FileError& e) {
                std::fprintf(stderr, "nnlab: --checkpoint-file: %s (move it away to start afresh)\n", e.what());
                return 2;
            }
        }
    }

    MainWindow window(dataDir, *kind);
    // Crash-safe runs: a run cut short last time (a crash, the window closed mid-run) is offered
    // for resuming in the Train view.
    enableCrashRecovery(window, options.parser.isSet(options.checkpointFile)
                                    ? options.parser.value(options.checkpointFile)
                                    : defaultCheckpointFile());
    if (!openWhatTheOptionsName(options, window))
        return 2;
    window.show();
    if (wantsTour(options))
        window.offerTour();   // the first time only, unless scripted
    return app.exec();
}
