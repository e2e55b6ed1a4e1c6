// aligned_axes.h — plots stacked one above the other whose x axes line up.
//
// Each QCustomPlot sizes its axis rect's left and right margins to its own tick labels and axis
// labels, so two plots of the same width put x = 0 at different pixels when one has wider y
// labels, a right-hand axis or a colour scale. A QCPMarginGroup makes the grouped axis rects
// take the largest of their margins; QCustomPlot only applies it when a plot replots, so a plot
// whose own margins changed asks the others to replot too (once: they stop when equal).
#pragma once

#include <QList>

class QCPMarginGroup;
class QCustomPlot;

// Aligns the main axis rects of `plots` on the left and the right. The plots must be the same
// width and stacked in one column (as layOutPlotsAndControls puts them). Returns the group, for
// more elements that should line up with them (a colour scale above a heat map).
QCPMarginGroup* alignAxisRects(const QList<QCustomPlot*>& plots);
