// view_guide.h — the one table that ties each view (and each page of a view's tabs) to the section
// of the book it shows, with the line that says what the view shows and its F1 help. The main
// window shows the line and a "Read this in the book" link above every view, and the help in a
// dialog; the Train view's presets link their own sections (core/train/presets.h).
#pragma once

#include <QString>
#include <QUrl>

#include <vector>

// A section of the book: chapN.html#anchor, with its heading as the book writes it.
struct BookSection {
    int chapter = 0;
    QString anchor;
    QString heading;

    QUrl url() const;
    bool isValid() const { return chapter > 0; }
};

// The book's sections nnlab links to (their anchors are the book's own, from its table of
// contents). Unknown: an invalid section.
const std::vector<BookSection>& bookSections();
BookSection bookSection(int chapter, const QString& anchor);

struct ViewGuide {
    QString key;                         // as MainWindow::setGuide names it: "train", "deep-nets"
    QString title;                       // the view's title
    QString summary;                     // one line: what the view shows
    BookSection section;                 // where the book explains it
    QString tabsName;                    // objectName of the view's QTabWidget, if it has pages
    std::vector<BookSection> tabSections;   // the section of each page, in tab order
    QString help;                        // rich text: what it shows, what to try first, the controls
};

// Every view's guide, in the navigation's order (translated when called).
std::vector<ViewGuide> viewGuides();
// The guide for `key`; an empty guide (no key) when there is none.
ViewGuide viewGuide(const QString& key);
