#include "ui/universality/formula_text.h"

#include <cmath>

QString formulaNumber(double value, char format, int precision, Sign sign)
{
    // The magnitude as it will be printed; a value that rounds to zero has no sign.
    const QString digits = QString::number(std::abs(value), format, precision);
    const bool zero = digits.toDouble() == 0.0;
    const bool negative = value < 0.0 && !zero;
    static const QString minus = QStringLiteral("\u2212");
    switch (sign) {
    case Sign::NegativeOnly: return negative ? minus + digits : digits;
    case Sign::Always: return zero ? digits : (negative ? minus : QStringLiteral("+")) + digits;
    case Sign::Operator: return (negative ? minus : QStringLiteral("+")) + ' ' + digits;
    }
    return digits;
}
