#include "ui/common/scroll_page.h"

#include <QScrollArea>

QScrollArea* scrollPage(QWidget* content, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setObjectName("scrollPage");
    // Resizable: the content gets the whole viewport, and is only scrolled below its minimum size.
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(content);
    return area;
}
