#include "ui/train/resume_banner.h"

#include "ui/plotting/palette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

ResumeBanner::ResumeBanner(QWidget* parent) : QFrame(parent)
{
    setObjectName("resumeBanner");
    setStyleSheet(palette::noticeStyle(palette::resumeNotice, "#resumeBanner"));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_resume = new QPushButton(tr("Resume"), this);
    m_resume->setToolTip(tr("Continue the run from its last checkpoint: the same weights, optimiser state and "
                            "random streams, so it ends exactly as the uninterrupted run would have"));
    m_discard = new QPushButton(tr("Discard"), this);
    m_discard->setToolTip(tr("Forget the interrupted run (its checkpoint file is deleted)"));
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_resume);
    layout->addWidget(m_discard);
    connect(m_resume, &QPushButton::clicked, this, [this] {
        hide();
        emit resumeClicked();
    });
    connect(m_discard, &QPushButton::clicked, this, [this] {
        hide();
        emit discardClicked();
    });
    hide();
}

void ResumeBanner::offer(const nnlab::Checkpoint& c)
{
    const nnlab::TrainingState& s = c.state;
    const int done = s.epoch - 1;
    QString where = tr("after epoch %1 of %2").arg(done).arg(c.config.epochs);
    if (s.batchesDone > 0)
        where = tr("in epoch %1 of %2 (mini-batch %3)").arg(s.epoch).arg(c.config.epochs).arg(s.batchesDone);
    QString accuracy;
    if (s.summary.epochs > 0)
        accuracy = tr("; test accuracy so far: peak %1%").arg(100 * s.summary.bestTestAccuracy, 0, 'f', 2);
    m_text->setText(tr("<b>A training run was interrupted</b> %1%2.<br>%3")
                        .arg(where, accuracy,
                             QString::fromStdString(nnlab::describe(c.config)).toHtmlEscaped()));
    show();
}

QString ResumeBanner::text() const
{
    return m_text->text();
}
