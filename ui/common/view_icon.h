// view_icon.h — the 64×64 picture a view shows beside its name in the main window's list.
#pragma once

#include <QIcon>

#include <functional>

class QPainter;

// `paint` draws on a transparent 64×64 pixmap with antialiasing on.
QIcon viewIcon(const std::function<void(QPainter&)>& paint);
