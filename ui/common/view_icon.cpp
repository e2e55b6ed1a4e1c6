#include "ui/common/view_icon.h"

#include <QPainter>
#include <QPixmap>

QIcon viewIcon(const std::function<void(QPainter&)>& paint)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    {
        QPainter painter(&pixmap);   // finished before the pixmap is copied into the icon
        painter.setRenderHint(QPainter::Antialiasing);
        paint(painter);
    }
    return QIcon(pixmap);
}
