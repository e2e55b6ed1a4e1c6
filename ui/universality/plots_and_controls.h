// plots_and_controls.h — the layout of the Universality view's pages that are plots to drag on:
// a word-wrapped header across the top; under it the plots, stacked, take the spare room on the
// left, and a column of controls of fixed width stands on the right, so that the plots, not the
// controls, grow with the window. The column scrolls when the window is too short for it.
#pragma once

#include <QList>
#include <QString>

class QScrollArea;
class QWidget;

// Wide enough for a slider with its name and value, and for the combo boxes' longest entries.
inline constexpr int controlColumnWidth = 370;

struct StackedPlot {
    QWidget* plot;
    int stretch;   // its share of the column's height
};

// `controls` at controlColumnWidth in a scroll area of its own (a child of `parent`) that scrolls
// it vertically when the window is too short for it, and is wide enough for its scroll bar.
QScrollArea* scrollingControls(QWidget* controls, QWidget* parent);

// Gives `panel` (which has no layout yet) that layout; `plotSpacing` < 0: the style's spacing.
void layOutPlotsAndControls(QWidget* panel, const QString& header, const QList<StackedPlot>& plots,
                            QWidget* controls, int plotSpacing = -1);
