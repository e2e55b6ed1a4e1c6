// split_panes.h — two panes side by side (or one above the other) with a handle between them that
// the person drags to resize; spare room is shared in the ratio of their stretches, and neither
// pane can be dragged away to nothing.
#pragma once

#include <Qt>

class QSplitter;
class QWidget;

QSplitter* splitPanes(Qt::Orientation orientation, QWidget* first, int firstStretch, QWidget* second,
                      int secondStretch, QWidget* parent = nullptr);
