// help_dialog.h — F1: the help for the view on screen (view_guide.h), in a window beside the
// main one that stays open while you try things; its links open the book in the browser.
#pragma once

#include "ui/shell/view_guide.h"

#include <QDialog>

class QTextBrowser;

class HelpDialog : public QDialog {
    Q_OBJECT

public:
    explicit HelpDialog(QWidget* parent = nullptr);

    void showGuide(const ViewGuide& guide);
    QString guideKey() const { return m_key; }
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
    QString m_key;
};
