#include "ui/universality/parameter_slider.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace {

constexpr int sliderSteps = 1000;
constexpr double smallestLogMagnitude = 0.1;  // SignedLog: positions next to the middle are ±0.1

}  // namespace

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
        const double v = valueAt(position);
        const QSignalBlocker block(m_spin);
        m_spin->setValue(v);
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
    m_slider->setValue(sliderPosition(value));
}

void ParameterSlider::setRange(double minimum, double maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    const QSignalBlocker block(m_spin);
    m_spin->setRange(minimum, maximum);
    setValue(m_spin->value());
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
    double t = 0.0;  // 0 … 1 along the slider
    if (m_scale == Scale::Linear) {
        t = (value - m_minimum) / (m_maximum - m_minimum);
    } else {
        // Map |value| in [0.1, max] logarithmically onto each half; the middle is 0.
        const double largest = std::max(std::abs(m_minimum), std::abs(m_maximum));
        const double magnitude = std::abs(value) < smallestLogMagnitude
                                     ? 0.0
                                     : std::log10(std::abs(value) / smallestLogMagnitude) /
                                           std::log10(largest / smallestLogMagnitude);
        const double half = std::abs(value) < smallestLogMagnitude ? 0.0 : 0.02 + 0.98 * magnitude;
        const bool symmetric = m_minimum < 0.0;
        t = symmetric ? 0.5 + 0.5 * std::copysign(half, value) : half;
    }
    return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * sliderSteps));
}

double ParameterSlider::valueAt(int position) const
{
    const double t = static_cast<double>(position) / sliderSteps;
    if (m_scale == Scale::Linear)
        return m_minimum + t * (m_maximum - m_minimum);
    const double largest = std::max(std::abs(m_minimum), std::abs(m_maximum));
    const bool symmetric = m_minimum < 0.0;
    const double half = symmetric ? std::abs(t - 0.5) * 2.0 : t;
    if (half < 0.02)
        return 0.0;
    const double magnitude = smallestLogMagnitude *
                             std::pow(largest / smallestLogMagnitude, (half - 0.02) / 0.98);
    // Round to 2 significant digits so that the slider lands on readable numbers (100, 2500).
    const double digits = std::pow(10.0, std::floor(std::log10(magnitude)) - 1);
    const double rounded = std::round(magnitude / digits) * digits;
    return std::clamp(symmetric && t < 0.5 ? -rounded : rounded, m_minimum, m_maximum);
}
