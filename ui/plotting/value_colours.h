// value_colours.h — the colours the Backprop view paints numbers with, and their legends.
//
// Signed quantities (z, δ, w, ∂C/∂w): blue < 0 < red, white at 0, full colour at ±scale — the
// convention of the Convnets view's filters. Activations a ∈ [0, 1]: white at 0, dark green at 1.
#pragma once

#include <QColor>
#include <QString>

class QPainter;
class QRect;

QColor signedColour(double value, double scale);
QColor activationColour(double a);

// A horizontal colour bar in `rect` with its end values written under it and `title` on its left.
// Signed: −scale … 0 … +scale; otherwise 0 … 1.
void drawColourBar(QPainter& painter, const QRect& rect, bool isSigned, double scale, const QString& title);

// A number for the diagram and tables: 3 significant digits, a real minus sign.
QString formatValue(double value, int significant = 3);
