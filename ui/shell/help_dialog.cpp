#include "ui/shell/help_dialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

HelpDialog::HelpDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setObjectName("helpDialog");
    m_browser->setObjectName("helpText");
    m_browser->setOpenExternalLinks(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

void HelpDialog::showGuide(const ViewGuide& guide)
{
    m_key = guide.key;
    setWindowTitle(tr("Help: %1").arg(guide.title));
    // The sections of the book behind the view and its pages, each once, in order.
    std::vector<BookSection> sections{guide.section};
    for (const BookSection& s : guide.tabSections)
        if (std::none_of(sections.begin(), sections.end(),
                         [&s](const BookSection& t) { return t.chapter == s.chapter && t.anchor == s.anchor; }))
            sections.push_back(s);
    QString book;
    for (const BookSection& s : sections)
        if (s.isValid())
            book += QString("<li><a href=\"%1\">%2</a></li>")
                        .arg(s.url().toString(QUrl::FullyEncoded).toHtmlEscaped(),
                             tr("Chapter %1: %2").arg(s.chapter).arg(s.heading.toHtmlEscaped()));
    m_browser->setHtml(QString("<h3>%1</h3><p><i>%2</i></p>%3<h4>%4</h4><ul>%5</ul><p>%6</p>")
                           .arg(guide.title.toHtmlEscaped(), guide.summary.toHtmlEscaped(), guide.help,
                                tr("In the book"), book,
                                tr("<small>F1: this help · Ctrl+1…9: the views · the Run menu drives the Train "
                                   "view from anywhere.</small>")));
}
