// view_header.h — the strip above every view: one line on what the view shows, a "Read this in
// the book" link to the section that explains it, and a button for the view's help (F1).
#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QToolButton;

class ViewHeader : public QWidget {
    Q_OBJECT

public:
    explicit ViewHeader(QWidget* parent = nullptr);

    // `section` names the book's section (its heading) for the link's tooltip; an invalid
    // `bookUrl` hides the link.
    void setContent(const QString& summary, int chapter, const QString& section, const QUrl& bookUrl);

    QString summary() const;
    QUrl bookUrl() const { return m_url; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* bookLink() const { return m_link; }
    QToolButton* helpButton() const { return m_help; }

signals:
    void helpRequested();

private:
    QLabel* m_summary;
    QLabel* m_link;
    QToolButton* m_help;
    QUrl m_url;
};
