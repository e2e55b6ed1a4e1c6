// plot_helpers.h — small things several views' plots share: a title with a line under it saying
// what is drawn, a legend in a row above the axes (so it never hides a curve), and shaded
// x-intervals (the universality plots' windows of failure).
#pragma once

#include "core/universality/bump_construction.h"

#include <qcustomplot.h>

#include <vector>

// A bold title (row 0) and, under it, a smaller grey line saying what is drawn (row 1), above the
// axes. Returns the title.
QCPTextElement* addTitleAndExplanation(QCustomPlot* plot, const QString& title, const QString& explanation);

// Moves the plot's legend out of the axis rect into a row above it, items side by side.
void placeLegendAbove(QCustomPlot* plot);

// Vertical bands over x-intervals, full height, under the curves. Items are pooled and reused.
class ShadedIntervals {
public:
    ShadedIntervals(QCustomPlot* plot, const QColor& color);
    void set(const std::vector<nnlab::universality::Interval>& intervals);
    int visibleCount() const { return m_visible; }

private:
    QCustomPlot* m_plot;
    QColor m_color;
    std::vector<QCPItemRect*> m_rects;
    int m_visible = 0;
};
