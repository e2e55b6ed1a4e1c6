#include "ui/train/training_progress_bar.h"

#include <cmath>

namespace {
constexpr int steps = 10000;
}

TrainingProgressBar::TrainingProgressBar(QWidget* parent) : QProgressBar(parent)
{
    setObjectName("trainingProgress");
    setRange(0, steps);
    setValue(0);
    setTextVisible(true);
    setAlignment(Qt::AlignCenter);
    setMinimumWidth(160);   // narrower than its line: the compact form then (showFitting)
    m_idleToolTip = tr("Epoch and mini-batch of the run, the learning rate η it uses now, and an "
                       "estimate of the time left");
    setToolTip(m_idleToolTip);
}

void TrainingProgressBar::begin(int epochs)
{
    m_epochs = std::max(1, epochs);
    m_progress = {};
    m_pausedMs = 0;
    m_pauseStartedMs = -1;
    m_epochsEvaluated = 0;
    m_clock.start();
    setValue(0);
    showMessageText(tr("Starting: preparing %1 epochs…").arg(m_epochs));
}

void TrainingProgressBar::setProgress(const nnlab::TrainingProgress& progress)
{
    m_progress = progress;
    showProgress();
}

void TrainingProgressBar::setPaused(bool paused)
{
    if (!m_clock.isValid())
        return;
    if (paused && m_pauseStartedMs < 0) {
        m_pauseStartedMs = m_clock.elapsed();
        m_pauseReached = false;
    } else if (!paused && m_pauseStartedMs >= 0) {
        m_pausedMs += m_clock.elapsed() - m_pauseStartedMs;
        m_pauseStartedMs = -1;
    }
    showProgress();
}

void TrainingProgressBar::setPauseReached(bool reached)
{
    m_pauseReached = reached;
    if (m_pauseStartedMs >= 0)
        showProgress();
}

void TrainingProgressBar::setEpochEvaluated(int epoch)
{
    m_epochsEvaluated = epoch;
    if (!m_fullText.isEmpty())
        showProgress();
}

void TrainingProgressBar::setStopping()
{
    showMessageText(tr("Stopping after this mini-batch…"));
}

void TrainingProgressBar::finish(const QString& text, bool complete)
{
    if (complete)
        setValue(steps);
    m_clock.invalidate();
    showMessageText(text);
}

void TrainingProgressBar::showMessage(const QString& text)
{
    setValue(0);
    showMessageText(text);
}

void TrainingProgressBar::showMessageText(const QString& text)
{
    m_fullText.clear();
    m_compactText.clear();
    setToolTip(m_idleToolTip);
    setFormat(text);
}

double TrainingProgressBar::activeSeconds() const
{
    qint64 paused = m_pausedMs;
    if (m_pauseStartedMs >= 0)
        paused += m_clock.elapsed() - m_pauseStartedMs;
    return (m_clock.elapsed() - paused) / 1000.0;
}

void TrainingProgressBar::showProgress()
{
    if (m_progress.batchesPerEpoch <= 0)
        return;
    const double done = ((m_progress.epoch - 1) + double(m_progress.batch) / m_progress.batchesPerEpoch) / m_epochs;
    setValue(int(std::lround(done * steps)));
    QString text = tr("Epoch %L1 of %L2 · mini-batch %L3 of %L4 · η = %5")
                       .arg(m_progress.epoch)
                       .arg(m_epochs)
                       .arg(m_progress.batch)
                       .arg(m_progress.batchesPerEpoch)
                       .arg(double(m_progress.eta), 0, 'g', 4);
    // Where the whole line would not fit (chapter 6's 25,000 mini-batches an epoch in a narrow
    // window), the bar shows the numbers without the words and η; the full line is the tooltip.
    QString compact = tr("Epoch %L1/%L2 · %L3/%L4").arg(m_progress.epoch).arg(m_epochs)
                          .arg(m_progress.batch).arg(m_progress.batchesPerEpoch);
    // After an epoch's last mini-batch the trainer measures cost and accuracy on the monitored
    // data (seconds for chapter 6's nets) before the epoch's report comes.
    if (m_progress.batch == m_progress.batchesPerEpoch && m_epochsEvaluated < m_progress.epoch) {
        text = tr("Epoch %L1 of %L2 · all %L3 mini-batches done · evaluating…")
                   .arg(m_progress.epoch).arg(m_epochs).arg(m_progress.batchesPerEpoch);
        compact = tr("Epoch %L1/%L2 · evaluating…").arg(m_progress.epoch).arg(m_epochs);
    }
    const double seconds = activeSeconds();
    if (m_pauseStartedMs >= 0) {
        // A pause takes hold between two mini-batches: after the epoch's evaluation, if one runs.
        const QString paused = m_pauseReached ? tr("Paused · ") : tr("Pausing… · ");
        text = paused + text;
        compact = paused + compact;
    } else if (done > 0.0 && seconds > 0.5) {
        const QString left = tr(" · %1 left").arg(formatDuration(seconds * (1.0 - done) / done));
        text += left;
        compact += left;
    }
    m_fullText = text;
    m_compactText = compact;
    showFitting();
}

void TrainingProgressBar::showFitting()
{
    if (m_fullText.isEmpty())
        return;
    const int room = contentsRect().width() - 12;   // the style's text margins
    const bool fits = fontMetrics().horizontalAdvance(m_fullText) <= room;
    setFormat(fits ? m_fullText : m_compactText);
    setToolTip(fits ? m_idleToolTip : m_fullText);
}

void TrainingProgressBar::resizeEvent(QResizeEvent* event)
{
    QProgressBar::resizeEvent(event);
    showFitting();
}

QString TrainingProgressBar::formatDuration(double seconds)
{
    const qint64 s = std::llround(std::max(0.0, seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}
