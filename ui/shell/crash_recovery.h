// crash_recovery.h — the app's side of crash-safe runs: where the checkpoint of the run in
// progress lives, and the offer to resume a run that the last session didn't finish.
#pragma once

#include <QString>

class MainWindow;

// <app data>/interrupted-run.nnlab-checkpoint (e.g. ~/.local/share/nnlab/nnlab/...).
QString defaultCheckpointFile();

// Every Train view run checkpoints to `file`. If the file holds a run the last session didn't
// finish (a crash, a power cut, the window closed mid-run), the Train view is shown with an
// offer to resume it. Returns whether it offered.
bool enableCrashRecovery(MainWindow& window, const QString& file);
