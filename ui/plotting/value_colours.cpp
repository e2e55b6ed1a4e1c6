#include "ui/plotting/value_colours.h"

#include <QFontMetrics>
#include <QPainter>
#include <QRect>

#include <algorithm>
#include <cmath>

QColor signedColour(double value, double scale)
{
    const double t = scale > 0.0 ? std::clamp(value / scale, -1.0, 1.0) : 0.0;
    // White → red (178, 24, 43) for t > 0, white → blue (33, 102, 172) for t < 0.
    const QColor end = t >= 0.0 ? QColor(178, 24, 43) : QColor(33, 102, 172);
    const double s = std::abs(t);
    return QColor::fromRgbF(float(1.0 + s * (end.redF() - 1.0)), float(1.0 + s * (end.greenF() - 1.0)),
                            float(1.0 + s * (end.blueF() - 1.0)));
}

QColor activationColour(double a)
{
    const double t = std::isfinite(a) ? std::clamp(a, 0.0, 1.0) : 0.0;
    const QColor end(0, 109, 44);
    return QColor::fromRgbF(float(1.0 + t * (end.redF() - 1.0)), float(1.0 + t * (end.greenF() - 1.0)),
                            float(1.0 + t * (end.blueF() - 1.0)));
}

void drawColourBar(QPainter& painter, const QRect& rect, bool isSigned, double scale, const QString& title)
{
    painter.save();
    const QFontMetrics metrics = painter.fontMetrics();
    const int titleWidth = metrics.horizontalAdvance(title) + 6;
    const QRect bar(rect.left() + titleWidth, rect.top(), rect.width() - titleWidth, rect.height() - metrics.height());
    painter.setPen(QColor(40, 40, 40));
    painter.drawText(QRect(rect.left(), bar.top(), titleWidth, bar.height()), Qt::AlignVCenter | Qt::AlignLeft, title);
    // One thin rectangle per pixel column: exact colours whatever brush the painter holds.
    for (int x = 0; x < bar.width(); ++x) {
        const double t = bar.width() > 1 ? double(x) / (bar.width() - 1) : 0.0;
        painter.fillRect(QRect(bar.left() + x, bar.top(), 1, bar.height()),
                         isSigned ? signedColour((2.0 * t - 1.0) * scale, scale) : activationColour(t));
    }
    painter.setPen(QColor(120, 120, 120));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    painter.setPen(QColor(40, 40, 40));
    const QRect labels(bar.left(), bar.bottom() + 1, bar.width(), metrics.height());
    painter.drawText(labels, Qt::AlignLeft, isSigned ? formatValue(-scale, 2) : QStringLiteral("0"));
    painter.drawText(labels, Qt::AlignHCenter, isSigned ? QStringLiteral("0") : QStringLiteral("0.5"));
    painter.drawText(labels, Qt::AlignRight, isSigned ? "+" + formatValue(scale, 2) : QStringLiteral("1"));
    painter.restore();
}

QString formatValue(double value, int significant)
{
    if (!std::isfinite(value))
        return QStringLiteral("—");
    if (value == 0.0)
        return QStringLiteral("0");
    QString text = QString::number(value, 'g', significant);
    text.replace('-', QChar(0x2212));   // − rather than a hyphen
    return text;
}
