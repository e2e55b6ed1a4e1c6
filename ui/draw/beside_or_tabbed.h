// beside_or_tabbed.h — two panes side by side where there is room for both, else two tabs in
// the same place: the Draw view's probability bars and its hidden layers (side by side at
// 1280×800 and 1920×1080, tabs in a 1024×640 window, where side by side each would be too narrow
// to read).
//
// The choice follows the width this widget gets; its size hints are the same either way, so
// switching never changes the width it is given (no back and forth).
#pragma once

#include <QString>
#include <QWidget>

class QHBoxLayout;
class QStackedLayout;
class QTabWidget;

class BesideOrTabbed : public QWidget {
    Q_OBJECT

public:
    // Side by side, `first` takes the room `second` leaves (see setWidths()).
    BesideOrTabbed(QWidget* first, const QString& firstTitle, QWidget* second, const QString& secondTitle,
                   QWidget* parent = nullptr);

    // Side by side from firstMinimum + secondMinimum pixels on; then `second` is as wide as the
    // room beyond firstComfortable allows, between secondMinimum and secondMaximum.
    void setWidths(int firstMinimum, int firstComfortable, int secondMinimum, int secondMaximum);

    bool isBeside() const { return m_beside; }
    QTabWidget* tabs() const { return m_tabs; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void arrange(bool beside);
    void fitSecond();   // side by side: the second pane's width for this widget's

    QWidget* m_first;
    QWidget* m_second;
    QString m_firstTitle;
    QString m_secondTitle;
    int m_firstMinimum = 220;
    int m_firstComfortable = 220;
    int m_secondMinimum = 300;
    int m_secondMaximum = 300;
    bool m_beside = false;
    int m_shownTab = 0;   // the tab shown before the panes went side by side
    QStackedLayout* m_pages;   // the two side by side, or the tabs
    QWidget* m_besidePage;
    QHBoxLayout* m_row;
    QTabWidget* m_tabs;
};
