#include "ui/common/split_panes.h"

#include <QSplitter>

QSplitter* splitPanes(Qt::Orientation orientation, QWidget* first, int firstStretch, QWidget* second,
                      int secondStretch, QWidget* parent)
{
    auto* splitter = new QSplitter(orientation, parent);
    splitter->addWidget(first);
    splitter->addWidget(second);
    splitter->setStretchFactor(0, firstStretch);
    splitter->setStretchFactor(1, secondStretch);
    splitter->setChildrenCollapsible(false);
    return splitter;
}
