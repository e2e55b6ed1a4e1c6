#include "ui/universality/plots_and_controls.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

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

    controls->setFixedWidth(controlColumnWidth);
    auto* body = new QHBoxLayout;
    body->addLayout(column, 1);
    body->addWidget(controls);

    auto* layout = new QVBoxLayout(panel);
    layout->addWidget(headerLabel);
    layout->addLayout(body, 1);
}
