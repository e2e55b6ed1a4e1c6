#include "ui/plotting/value_colours.h"

#include "ui/plotting/palette.h"

#include <QFontMetrics>
#include <QPainter>
#include <QRect>

#include <algorithm>
#include <cmath>

void drawColourBar(QPainter& painter, const QRect& rect, bool isSigned, double scale, const QString& title)
{
    painter.save();
    const QFontMetrics metrics = painter.fontMetrics();
    const int titleWidth = metrics.horizontalAdvance(title) + 6;
    const QRect bar(rect.left() + titleWidth, rect.top(), rect.width() - titleWidth, rect.height() - metrics.height());
    painter.setPen(palette::legendText);
    painter.drawText(QRect(rect.left(), bar.top(), titleWidth, bar.height()), Qt::AlignVCenter | Qt::AlignLeft, title);
    // One thin rectangle per pixel column: exact colours whatever brush the painter holds.
    for (int x = 0; x < bar.width(); ++x) {
        const double t = bar.width() > 1 ? double(x) / (bar.width() - 1) : 0.0;
        painter.fillRect(QRect(bar.left() + x, bar.top(), 1, bar.height()),
                         isSigned ? palette::signedValue((2.0 * t - 1.0) * scale, scale) : palette::activation(t));
    }
    painter.setPen(palette::legendFrame);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
    painter.setPen(palette::legendText);
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
