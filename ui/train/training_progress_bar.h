// training_progress_bar.h — where a run is: epoch, mini-batch (or the epoch's evaluation), the current
// η and the time left (estimated from the time spent so far, pauses excluded).
#pragma once

#include "ui/train/run_record.h"

#include <QElapsedTimer>
#include <QProgressBar>

class TrainingProgressBar : public QProgressBar {
    Q_OBJECT

public:
    explicit TrainingProgressBar(QWidget* parent = nullptr);

    void begin(int epochs);
    void setProgress(const nnlab::TrainingProgress& progress);
    void setPaused(bool paused);
    void setPauseReached(bool reached);   // the trainer has stopped between two mini-batches
    void setEpochEvaluated(int epoch);    // its report is in: the evaluation after its last mini-batch is done
    void setStopping();
    void finish(const QString& text, bool complete);
    void showMessage(const QString& text);   // idle: what to do next, or what is loading

    static QString formatDuration(double seconds);   // "45 s", "3 min 20 s", "1 h 5 min"

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void showProgress();
    void showFitting();                         // the full line, or the compact one where it would not fit
    void showMessageText(const QString& text);  // a message, not progress: no compact form
    double activeSeconds() const;

    nnlab::TrainingProgress m_progress;
    int m_epochs = 1;
    QElapsedTimer m_clock;
    qint64 m_pausedMs = 0;
    qint64 m_pauseStartedMs = -1;
    bool m_pauseReached = false;   // until then a pause shows as "Pausing…"
    int m_epochsEvaluated = 0;
    QString m_fullText, m_compactText;   // of the progress shown last; empty while a message is
    QString m_idleToolTip;
};
