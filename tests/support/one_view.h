// one_view.h — a view's layout checked in the real main window at a screen's size.
//
// The window can't be smaller than its largest view; to test one view at 1024×640 the others
// leave the window's stack of views first (their layouts are their own tests' business). Then: which visible
// widgets under a root overlap a visible sibling (one line each, naming both).
#pragma once

#include "ui/shell/main_window.h"

#include <QLabel>
#include <QStackedWidget>
#include <QStringList>
#include <QWidget>

inline void keepOnlyView(MainWindow& window, QWidget* view)
{
    // Out of the stack's layout (so its size no longer counts) and hidden, but not deleted: the
    // window may still refer to it (its Train view, for the menus).
    auto* views = window.findChild<QStackedWidget*>();
    for (int i = views->count() - 1; i >= 0; --i)
        if (QWidget* other = views->widget(i); other != view)
            views->removeWidget(other);
}

// Visible labels under root too small for their text: narrower than its longest word, or (word
// wrapped) shorter than the lines it needs at its width. One line each, with the text.
inline QStringList squeezedLabels(const QWidget* root)
{
    QStringList found;
    for (const QLabel* label : root->findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty())
            continue;
        const int needed = label->hasHeightForWidth() ? label->heightForWidth(label->width())
                                                      : label->minimumSizeHint().height();
        if (label->width() < label->minimumSizeHint().width() || label->height() < needed)
            found << QString("\"%1\" in %2×%3").arg(label->text()).arg(label->width()).arg(label->height());
    }
    return found;
}

inline QStringList overlappingSiblings(const QWidget* root)
{
    QStringList found;
    auto name = [](const QWidget* w) {
        return QString("%1#%2").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
    };
    for (const QWidget* w : root->findChildren<QWidget*>()) {
        if (!w->isVisible() || w->isWindow())
            continue;
        bool after = false;   // each pair once: w against the siblings after it
        for (const QObject* o : w->parentWidget()->children()) {
            after = after || o == w;
            auto* sibling = qobject_cast<const QWidget*>(o);
            if (o == w || !after || !sibling || !sibling->isVisible() || sibling->isWindow())
                continue;
            if (w->geometry().intersects(sibling->geometry()))
                found << name(w) + " overlaps " + name(sibling);
        }
    }
    return found;
}
