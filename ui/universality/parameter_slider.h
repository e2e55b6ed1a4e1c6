// parameter_slider.h — one of the book's numbers (w, b, s, h, N…) as a label, a slider and a
// spin box that move together. The slider can be logarithmic, for the weights chapter 4 raises
// from 1 to 10,000 to turn a sigmoid into a step.
#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;

class ParameterSlider : public QWidget {
    Q_OBJECT

public:
    enum class Scale {
        Linear,
        SignedLog,  // ±10^t: equal slider steps multiply the size; the middle is 0
    };

    ParameterSlider(const QString& label, double minimum, double maximum, int decimals,
                    Scale scale = Scale::Linear, QWidget* parent = nullptr);

    double value() const;
    void setValue(double value);  // no valueChanged: for showing a value set elsewhere
    void setRange(double minimum, double maximum);
    void setLabel(const QString& label);
    void setToolTip(const QString& text);  // on the label, the slider and the spin box

    QDoubleSpinBox* spinBox() const { return m_spin; }
    QSlider* slider() const { return m_slider; }

signals:
    void valueChanged(double value);  // the person moved it

private:
    int sliderPosition(double value) const;
    double valueAt(int position) const;

    QLabel* m_label;
    QSlider* m_slider;
    QDoubleSpinBox* m_spin;
    double m_minimum;
    double m_maximum;
    Scale m_scale;
};
