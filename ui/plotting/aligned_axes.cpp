#include "ui/plotting/aligned_axes.h"

#include <qcustomplot.h>

QCPMarginGroup* alignAxisRects(const QList<QCustomPlot*>& plots)
{
    if (plots.isEmpty())
        return nullptr;
    // The group belongs to the first plot; an axis rect leaves it when its plot is deleted.
    auto* group = new QCPMarginGroup(plots.front());
    for (QCustomPlot* plot : plots)
        plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    for (QCustomPlot* plot : plots) {
        QObject::connect(plot, &QCustomPlot::afterReplot, plot, [plot, plots] {
            const QMargins mine = plot->axisRect()->margins();
            for (QCustomPlot* other : plots) {
                const QMargins theirs = other->axisRect()->margins();
                if (other != plot && (theirs.left() != mine.left() || theirs.right() != mine.right()))
                    other->replot(QCustomPlot::rpQueuedReplot);
            }
        });
    }
    return group;
}
