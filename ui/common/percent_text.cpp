#include "ui/common/percent_text.h"

#include <cmath>

QString percentText(double p, int decimals)
{
    // Decided on the printed digits, so that nothing that prints as 100 or 0 gets through.
    const QString printed = QString::number(100.0 * p, 'f', decimals);
    const double unit = std::pow(10.0, -decimals);   // the last printed digit's worth
    if (printed.toDouble() >= 100.0)
        return QStringLiteral("> %1%").arg(100.0 - unit, 0, 'f', decimals);
    if (printed.toDouble() <= 0.0)
        return QStringLiteral("< %1%").arg(unit, 0, 'f', decimals);
    return printed + '%';
}
