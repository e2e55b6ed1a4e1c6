// backprop_view.h — "How the backpropagation algorithm works" (chapter 2): the forward pass and
// BP1–BP4 step by step on an editable tiny network (tiny_net_panel.h) and on the 784-30-10
// network with a real digit (real_digit_panel.h), and the gradient check that shows why
// backpropagation is fast (gradient_check_panel.h).
#pragma once

#include <QWidget>

class DatasetLoader;
class LiveNetwork;
class GradientCheckPanel;
class QTabWidget;
class RealDigitPanel;
class TinyNetPanel;

class BackpropView : public QWidget {
    Q_OBJECT

public:
    // `live` (may be null): the Train view's network, for the 784-30-10 tab's "Train view" choice
    // once a run has ended.
    explicit BackpropView(DatasetLoader* loader, LiveNetwork* live = nullptr, QWidget* parent = nullptr);

    TinyNetPanel* tinyNet() const { return m_tiny; }
    RealDigitPanel* realDigit() const { return m_digit; }
    GradientCheckPanel* gradientCheck() const { return m_check; }
    void showRealDigit(bool show);   // the 784-30-10 tab, or the tiny net's

    enum CheckSource { CheckRealDigit = 0, CheckTinyNet = 1 };   // the gradient check's choices

private:
    TinyNetPanel* m_tiny;
    RealDigitPanel* m_digit;
    GradientCheckPanel* m_check;
    QTabWidget* m_tabs;
};
