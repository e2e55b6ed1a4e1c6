#include "ui/shell/first_run_tour.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr const char* kDismissedKey = "tour/dismissed";

}  // namespace

FirstRunTour::FirstRunTour(QWidget* parent)
    : QDialog(parent), m_title(new QLabel(this)), m_text(new QLabel(this)), m_counter(new QLabel(this)),
      m_back(new QPushButton(tr("◀ Back"), this)), m_next(new QPushButton(this)),
      m_skip(new QPushButton(tr("Skip the tour"), this))
{
    setObjectName("firstRunTour");
    setWindowTitle(tr("Welcome to nnlab"));
    m_title->setObjectName("tourTitle");
    m_text->setObjectName("tourText");
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_next->setObjectName("tourNext");
    m_next->setDefault(true);
    m_skip->setObjectName("tourSkip");
    m_skip->setToolTip(tr("Close the tour; Help ▸ First-run tour brings it back"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_counter);
    buttons->addStretch();
    buttons->addWidget(m_skip);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    setMinimumWidth(420);

    connect(m_back, &QPushButton::clicked, this, [this] { showStop(m_stop - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_stop + 1 < stopCount())
            showStop(m_stop + 1);
        else
            accept();
    });
    connect(m_skip, &QPushButton::clicked, this, &QDialog::reject);
}

bool FirstRunTour::wasDismissed()
{
    return QSettings().value(kDismissedKey, false).toBool();
}

void FirstRunTour::forget()
{
    QSettings().remove(kDismissedKey);
}

QString FirstRunTour::viewOf(int stop) const
{
    static const char* const views[] = {"draw", "train", "universality"};
    return stop >= 0 && stop < stopCount() ? views[stop] : QString();
}

void FirstRunTour::showStop(int stop)
{
    m_stop = std::clamp(stop, 0, stopCount() - 1);
    const QString titles[] = {tr("1. Draw a digit"), tr("2. Watch a network train"), tr("3. Shape a function")};
    const QString texts[] = {
        tr("The <b>Draw</b> view: draw a digit with the mouse and a trained network reads it as you draw, "
           "its ten outputs as bars. Chapter 1 of the book."),
        tr("The <b>Train</b> view: pick one of the book's experiments and press <b>Start</b> (Ctrl+Enter). "
           "The cost, the accuracy and how fast each layer learns are drawn live; Space pauses, F10 steps one "
           "mini-batch. Chapters 1, 3, 5 and 6."),
        tr("The <b>Universality</b> view: drag steps and bumps until one hidden layer computes the function "
           "you want. Chapter 4's visual proof.<br><br>Every view has <b>Read this in the book</b> above it, "
           "and F1 explains its controls."),
    };
    m_title->setText(QString("<b>%1</b>").arg(titles[m_stop]));
    m_text->setText(texts[m_stop]);
    m_counter->setText(tr("%1 of %2").arg(m_stop + 1).arg(stopCount()));
    m_back->setEnabled(m_stop > 0);
    m_next->setText(m_stop + 1 < stopCount() ? tr("Next ▶") : tr("Done"));
    emit viewRequested(viewOf(m_stop));
}

void FirstRunTour::done(int result)
{
    // Finished, skipped or closed: not offered again.
    QSettings().setValue(kDismissedKey, true);
    QDialog::done(result);
}
