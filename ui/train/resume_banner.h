// resume_banner.h — the Train view's offer to resume a run that was cut short (the app crashed,
// the power went, or the window closed mid-run): what the run was, how far it got, and two
// buttons. Non-modal, so the rest of the app stays usable while the user decides.
#pragma once

#include "core/io/checkpoint_file.h"

#include <QFrame>

class QLabel;
class QPushButton;

class ResumeBanner : public QFrame {
    Q_OBJECT

public:
    explicit ResumeBanner(QWidget* parent = nullptr);

    void offer(const nnlab::Checkpoint& checkpoint);
    QString text() const;
    QPushButton* resumeButton() const { return m_resume; }
    QPushButton* discardButton() const { return m_discard; }

signals:
    void resumeClicked();
    void discardClicked();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_resume = nullptr;
    QPushButton* m_discard = nullptr;
};
