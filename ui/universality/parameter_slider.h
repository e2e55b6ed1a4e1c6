// parameter_slider.h — one of the book's numbers (w, b, s, h, N…) as a label, a slider and a
// spin box that move together. Where the range spans decades (the weights chapter 4 raises from
// 1 to 10,000 to turn a sigmoid into a step) the slider is logarithmic: equal distances along it
// multiply the value by equal factors, so a small drag is a small change at every size.
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;

// Where a value lies along a slider, as a fraction t of its length (0: the left end, 1: the right
// end), and back. The two maps are each other's inverse; both ends are exact.
class SliderScale {
public:
    enum class Kind {
        Linear,
        // Logarithmic. A range with 0 or negative values in it (±10,000) has 0 at the middle (or
        // at the left end), a short linear stretch around it up to `core`, and logarithmic halves
        // beyond: ±core·(largest/core)^u.
        SignedLog,
    };
    // Within a symmetric SignedLog range the linear stretch reaches this fraction of the largest
    // magnitude (4 decades below it), over this fraction of each half of the slider.
    static constexpr double coreMagnitude = 1e-4;
    static constexpr double coreLength = 0.04;

    SliderScale(double minimum, double maximum, Kind kind);

    double valueAt(double t) const;   // t in [0, 1]; clamped
    double fraction(double value) const;   // in [0, 1]; values outside the range go to the ends

private:
    double m_minimum;
    double m_maximum;
    Kind m_kind;
};

class ParameterSlider : public QWidget {
    Q_OBJECT

public:
    using Scale = SliderScale::Kind;
    static constexpr int sliderSteps = 1000;   // positions along the slider

    ParameterSlider(const QString& label, double minimum, double maximum, int decimals,
                    Scale scale = Scale::Linear, QWidget* parent = nullptr);

    double value() const;
    void setValue(double value);  // no valueChanged: for showing a value set elsewhere
    void setRange(double minimum, double maximum);
    void setLabel(const QString& label);
    void setToolTip(const QString& text);  // on the label, the slider and the spin box

    QDoubleSpinBox* spinBox() const { return m_spin; }
    QSlider* slider() const { return m_slider; }
    SliderScale scale() const { return {m_minimum, m_maximum, m_scale}; }

signals:
    void valueChanged(double value);  // the person moved it

private:
    int sliderPosition(double value) const;
    double valueAt(int position) const;   // rounded to what the spin box shows
    double shown(double value) const;     // `value` as the spin box rounds it

    QLabel* m_label;
    QSlider* m_slider;
    QDoubleSpinBox* m_spin;
    double m_minimum;
    double m_maximum;
    Scale m_scale;
};
