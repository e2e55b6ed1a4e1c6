// scroll_page.h — a view's panels in a frameless scroll area: they fill the view when the window
// has room, and scroll when it has not (a 1024×640 screen, QT_SCALE_FACTOR=2) instead of being
// squeezed into each other or cut off. The view's minimum size is then the scroll area's, so no
// view holds the window bigger than the screen.
#pragma once

class QScrollArea;
class QWidget;

QScrollArea* scrollPage(QWidget* content, QWidget* parent = nullptr);
