// first_run_tour.h — the tour offered on the first start: three stops, one for each thing people
// come for (draw a digit, watch a network train, shape a function), each showing its view.
// Skippable at any stop; once skipped, closed or finished it is not offered again (QSettings),
// and Help ▸ First-run tour shows it on request. nnlab --no-tour (or NNLAB_NO_TOUR=1) keeps it
// away from scripted runs and screenshots.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

class FirstRunTour : public QDialog {
    Q_OBJECT

public:
    explicit FirstRunTour(QWidget* parent = nullptr);

    // Whether the tour was dismissed (skipped, closed or finished) on this machine before.
    static bool wasDismissed();
    static void forget();   // offer it again at the next start

    int stopCount() const { return 3; }
    int currentStop() const { return m_stop; }
    void showStop(int stop);
    QString viewOf(int stop) const;   // the guide key of the view the stop shows
    QPushButton* nextButton() const { return m_next; }
    QPushButton* skipButton() const { return m_skip; }

signals:
    void viewRequested(const QString& key);

protected:
    void done(int result) override;

private:
    QLabel* m_title;
    QLabel* m_text;
    QLabel* m_counter;
    QPushButton* m_back;
    QPushButton* m_next;
    QPushButton* m_skip;
    int m_stop = 0;
};
