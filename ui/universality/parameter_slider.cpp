#include "ui/universality/parameter_slider.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace {

// One half of a SignedLog slider: u in [0, 1] along it ↔ a magnitude in [0, largest]. Linear up
// to `core` over the first coreLength of the half, then logarithmic: core·(largest/core)^u'.
struct LogHalf {
    double largest;
    double core() const { return largest * SliderScale::coreMagnitude; }

    double magnitudeAt(double u) const
    {
        constexpr double c = SliderScale::coreLength;
        if (u <= c)
            return core() * u / c;
        return core() * std::pow(largest / core(), (u - c) / (1.0 - c));
    }
    double lengthTo(double magnitude) const
    {
        constexpr double c = SliderScale::coreLength;
        if (magnitude <= core())
            return c * magnitude / core();
        return c + (1.0 - c) * std::log(magnitude / core()) / std::log(largest / core());
    }
};

}  // namespace

SliderScale::SliderScale(double minimum, double maximum, Kind kind)
    : m_minimum(minimum), m_maximum(maximum), m_kind(kind)
{
}

double SliderScale::valueAt(double t) const
{
    // The ends are the range's own numbers, not what a power makes of them.
    if (t <= 0.0)
        return m_minimum;
    if (t >= 1.0)
        return m_maximum;
    if (m_kind == Kind::Linear)
        return m_minimum + t * (m_maximum - m_minimum);
    if (m_minimum > 0.0)  // all positive: a plain logarithmic scale, min·(max/min)^t
        return m_minimum * std::pow(m_maximum / m_minimum, t);
    if (m_maximum <= 0.0)  // all negative: the mirror image of the positive case
        return -SliderScale(-m_maximum, -m_minimum, m_kind).valueAt(1.0 - t);
    // Through zero: the negative half's length, then the positive half's, in LogHalf's units.
    const LogHalf half{std::max(-m_minimum, m_maximum)};
    const double left = half.lengthTo(-m_minimum), right = half.lengthTo(m_maximum);
    const double s = t * (left + right) - left;
    return std::clamp(std::copysign(half.magnitudeAt(std::abs(s)), s), m_minimum, m_maximum);
}

double SliderScale::fraction(double value) const
{
    if (!(value > m_minimum))  // (NaN too)
        return 0.0;
    if (value >= m_maximum)
        return 1.0;
    if (m_kind == Kind::Linear)
        return (value - m_minimum) / (m_maximum - m_minimum);
    if (m_minimum > 0.0)
        return std::log(value / m_minimum) / std::log(m_maximum / m_minimum);
    if (m_maximum <= 0.0)
        return 1.0 - SliderScale(-m_maximum, -m_minimum, m_kind).fraction(-value);
    const LogHalf half{std::max(-m_minimum, m_maximum)};
    const double left = half.lengthTo(-m_minimum), right = half.lengthTo(m_maximum);
    const double s = std::copysign(half.lengthTo(std::abs(value)), value);
    return std::clamp((s + left) / (left + right), 0.0, 1.0);
}

ParameterSlider::ParameterSlider(const QString& label, double minimum, double maximum, int decimals,
                                 Scale scale, QWidget* parent)
    : QWidget(parent), m_label(new QLabel(label, this)), m_slider(new QSlider(Qt::Horizontal, this)),
      m_spin(new QDoubleSpinBox(this)), m_minimum(minimum), m_maximum(maximum), m_scale(scale)
{
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance("w₁ ") + 6);
    m_slider->setRange(0, sliderSteps);
    m_spin->setDecimals(decimals);
    m_spin->setRange(minimum, maximum);
    m_spin->setKeyboardTracking(false);
    m_spin->setMinimumWidth(m_spin->fontMetrics().horizontalAdvance("-10000.000") + 28);
    m_spin->setSingleStep(decimals == 0 ? 1.0 : std::pow(10.0, 1 - decimals));
    m_label->setBuddy(m_spin);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(valueAt(position));
        emit valueChanged(m_spin->value());
    });
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(sliderPosition(v));
        emit valueChanged(v);
    });
}

double ParameterSlider::value() const
{
    return m_spin->value();
}

void ParameterSlider::setValue(double value)
{
    const QSignalBlocker blockSpin(m_spin);
    const QSignalBlocker blockSlider(m_slider);
    m_spin->setValue(value);
    // A view hands back every value the slider gave it. Where the handle is already shows that
    // value, so it stays there: under the pointer while it is dragged, one step further after an
    // arrow key. Moving it to sliderPosition() of the rounded value would make it jump.
    if (valueAt(m_slider->value()) != m_spin->value())
        m_slider->setValue(sliderPosition(m_spin->value()));
}

void ParameterSlider::setRange(double minimum, double maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    const QSignalBlocker block(m_spin);
    m_spin->setRange(minimum, maximum);
    const QSignalBlocker blockSlider(m_slider);
    m_slider->setValue(sliderPosition(m_spin->value()));
}

void ParameterSlider::setLabel(const QString& label)
{
    m_label->setText(label);
}

void ParameterSlider::setToolTip(const QString& text)
{
    QWidget::setToolTip(text);
    m_label->setToolTip(text);
    m_slider->setToolTip(text);
    m_spin->setToolTip(text);
}

int ParameterSlider::sliderPosition(double value) const
{
    return static_cast<int>(std::lround(scale().fraction(value) * sliderSteps));
}

double ParameterSlider::valueAt(int position) const
{
    double v = scale().valueAt(static_cast<double>(position) / sliderSteps);
    if (m_scale == Scale::SignedLog && v != 0.0 && position > 0 && position < sliderSteps) {
        // Three significant digits (2510, not 2511.886): readable, and still finer than one
        // step of the slider (a factor of about 1.01).
        const double unit = std::pow(10.0, std::floor(std::log10(std::abs(v))) - 2);
        v = std::round(v / unit) * unit;
    }
    return shown(std::clamp(v, m_minimum, m_maximum));
}

double ParameterSlider::shown(double value) const
{
    // As QDoubleSpinBox rounds what it is given.
    return QString::number(value, 'f', m_spin->decimals()).toDouble();
}
