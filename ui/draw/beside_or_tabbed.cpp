#include "ui/draw/beside_or_tabbed.h"

#include <QHBoxLayout>
#include <QResizeEvent>
#include <QStackedLayout>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>

BesideOrTabbed::BesideOrTabbed(QWidget* first, const QString& firstTitle, QWidget* second,
                               const QString& secondTitle, QWidget* parent)
    : QWidget(parent), m_first(first), m_second(second), m_firstTitle(firstTitle), m_secondTitle(secondTitle),
      m_pages(new QStackedLayout(this)), m_besidePage(new QWidget(this)), m_row(new QHBoxLayout(m_besidePage)),
      m_tabs(new QTabWidget(this))
{
    m_tabs->setObjectName("besideOrTabbedTabs");
    m_tabs->setDocumentMode(true);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_pages->addWidget(m_besidePage);
    m_pages->addWidget(m_tabs);
    arrange(false);
}

void BesideOrTabbed::setWidths(int firstMinimum, int firstComfortable, int secondMinimum, int secondMaximum)
{
    m_firstMinimum = firstMinimum;
    m_firstComfortable = std::max(firstMinimum, firstComfortable);
    m_secondMinimum = secondMinimum;
    m_secondMaximum = std::max(secondMinimum, secondMaximum);
    updateGeometry();
    if (const bool beside = width() >= m_firstMinimum + m_secondMinimum; beside != m_beside)
        arrange(beside);
    fitSecond();
}

void BesideOrTabbed::arrange(bool beside)
{
    m_beside = beside;
    if (beside) {
        m_shownTab = std::max(0, m_tabs->currentIndex());
        m_tabs->clear();   // (takes the pages out; deletes nothing)
        m_row->addWidget(m_first, 1);
        m_row->addWidget(m_second);
        m_first->show();
        m_second->show();
        m_pages->setCurrentWidget(m_besidePage);
    } else {
        m_row->removeWidget(m_first);
        m_row->removeWidget(m_second);
        m_second->setMinimumWidth(0);   // a tab is as wide as the tabs
        m_second->setMaximumWidth(QWIDGETSIZE_MAX);
        m_tabs->addTab(m_first, m_firstTitle);
        m_tabs->addTab(m_second, m_secondTitle);
        m_tabs->setCurrentIndex(m_shownTab);
        m_pages->setCurrentWidget(m_tabs);
    }
}

void BesideOrTabbed::fitSecond()
{
    if (m_beside)
        m_second->setFixedWidth(std::clamp(width() - m_firstComfortable, m_secondMinimum, m_secondMaximum));
}

QSize BesideOrTabbed::sizeHint() const
{
    // The two panes' widths side by side, the taller one's height: what a window with room gives.
    const QSize a = m_first->sizeHint();
    return {std::max(a.width(), m_firstComfortable) + m_secondMinimum,
            std::max(a.height(), m_second->sizeHint().height())};
}

QSize BesideOrTabbed::minimumSizeHint() const
{
    // A tab's worth, the least it can work with in either arrangement.
    const QSize a = m_first->minimumSizeHint(), b = m_second->minimumSizeHint();
    return {std::max(a.width(), b.width()), std::max(a.height(), b.height()) + m_tabs->tabBar()->sizeHint().height()};
}

void BesideOrTabbed::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (const bool beside = event->size().width() >= m_firstMinimum + m_secondMinimum; beside != m_beside)
        arrange(beside);
    fitSecond();
}
