#include "ui/universality/plots_and_controls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

QScrollArea* scrollingControls(QWidget* controls, QWidget* parent)
{
    // The controls scroll when the window is too short for them (1024×640), rather than being
    // squeezed over one another; the scroll bar gets room of its own beside them.
    controls->setFixedWidth(controlColumnWidth);
    auto* scroll = new QScrollArea(parent);
    scroll->setObjectName("controlsScroll");
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(controlColumnWidth + scroll->verticalScrollBar()->sizeHint().width());
    return scroll;
}

void layOutPlotsAndControls(QWidget* panel, const QString& header, const QList<StackedPlot>& plots,
                            QWidget* controls, int plotSpacing)
{
    auto* headerLabel = new QLabel(header, panel);
    headerLabel->setWordWrap(true);

    auto* column = new QVBoxLayout;
    if (plotSpacing >= 0)
        column->setSpacing(plotSpacing);
    for (const StackedPlot& p : plots)
        column->addWidget(p.plot, p.stretch);

    auto* body = new QHBoxLayout;
    body->addLayout(column, 1);
    body->addWidget(scrollingControls(controls, panel));

    auto* layout = new QVBoxLayout(panel);
    layout->addWidget(headerLabel);
    layout->addLayout(body, 1);
}
