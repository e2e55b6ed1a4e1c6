#include "ui/common/view_header.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

ViewHeader::ViewHeader(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_link(new QLabel(this)), m_help(new QToolButton(this))
{
    setObjectName("viewHeader");
    m_summary->setObjectName("viewSummary");
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    // The line may wrap at a narrow window, but it never sets the window's width.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setMinimumWidth(120);

    m_link->setObjectName("bookLink");
    m_link->setTextFormat(Qt::RichText);
    m_link->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    // The system's browser opens the book at the section (QDesktopServices, so tests can catch it).
    connect(m_link, &QLabel::linkActivated, this, [](const QString& link) { QDesktopServices::openUrl(QUrl(link)); });

    m_help->setObjectName("viewHelpButton");
    m_help->setText(tr("Help"));
    m_help->setToolTip(tr("What this view shows, what to try first and what each control means (F1)"));
    m_help->setAutoRaise(true);
    connect(m_help, &QToolButton::clicked, this, &ViewHeader::helpRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 2);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_link, 0, Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_help, 0, Qt::AlignRight | Qt::AlignVCenter);
}

void ViewHeader::setContent(const QString& summary, int chapter, const QString& section, const QUrl& bookUrl)
{
    m_summary->setText(summary);
    m_summary->setToolTip(summary);
    m_url = bookUrl;
    m_link->setVisible(bookUrl.isValid());
    m_link->setText(tr("<a href=\"%1\">Read this in the book ↗</a> (ch. %2)")
                        .arg(bookUrl.toString(QUrl::FullyEncoded).toHtmlEscaped())
                        .arg(chapter));
    m_link->setToolTip(tr("Chapter %1, “%2”, in your browser:<br>%3")
                           .arg(chapter)
                           .arg(section.toHtmlEscaped(), bookUrl.toString().toHtmlEscaped()));
}

QString ViewHeader::summary() const
{
    return m_summary->text();
}
