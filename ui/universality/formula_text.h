// formula_text.h — numbers as they are written inside the Universality view's formulas.
//
// A caption such as "v = +h and −h" or "z = wx + b" puts a sign in front of a number; pasting a
// negative number there gave "+-1.312" and "−-1.312". Every signed value in a formula goes through
// here: a true minus sign (U+2212) for negatives, an explicit plus where the formula asks for one,
// and no sign at all for a value that prints as zero (never "−0.000").
#pragma once

#include <QString>

enum class Sign {
    NegativeOnly,  // "1.312", "−1.312": a value on its own ("b = −400")
    Always,        // "+1.312", "−1.312": a value whose sign the reader must see ("v = +h")
    Operator,      // "+ 1.312", "− 1.312": the next term of a sum ("wx + b")
};

// `value` printed with QString::number's `format` and `precision`, its sign written as `sign` says.
QString formulaNumber(double value, char format = 'f', int precision = 3, Sign sign = Sign::NegativeOnly);
