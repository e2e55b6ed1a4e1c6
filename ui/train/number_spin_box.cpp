#include "ui/train/number_spin_box.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

NumberSpinBox::NumberSpinBox(QWidget* parent) : QDoubleSpinBox(parent)
{
    setDecimals(12);   // QDoubleSpinBox rounds to this; the text shows 6 significant digits
    setKeyboardTracking(false);   // a half-typed "0." is not a learning rate to apply
}

QString NumberSpinBox::textFromValue(double value) const
{
    return QLocale::c().toString(value, 'g', 6);
}

double NumberSpinBox::valueFromText(const QString& text) const
{
    return QLocale::c().toDouble(text.trimmed());
}

QValidator::State NumberSpinBox::validate(QString& text, int& /*pos*/) const
{
    const QString t = text.trimmed();
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (ok && std::isfinite(v))
        return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    static const QRegularExpression partial(R"(^[0-9]*\.?[0-9]*([eE][+-]?[0-9]*)?$)");
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void NumberSpinBox::stepBy(int steps)
{
    if (!m_multiplicative) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    setValue(std::clamp(value() * std::pow(2.0, steps), minimum(), maximum()));
    selectAll();
}
