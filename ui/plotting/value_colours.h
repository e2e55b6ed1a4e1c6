// value_colours.h — the legends of the colours the Backprop view paints numbers with
// (palette::signedValue, palette::activation), and the way it writes those numbers.
#pragma once

#include <QString>

class QPainter;
class QRect;

// A horizontal colour bar in `rect` with its end values written under it and `title` on its left.
// Signed: −scale … 0 … +scale; otherwise 0 … 1.
void drawColourBar(QPainter& painter, const QRect& rect, bool isSigned, double scale, const QString& title);

// A number for the diagram and tables: 3 significant digits, a real minus sign.
QString formatValue(double value, int significant = 3);
