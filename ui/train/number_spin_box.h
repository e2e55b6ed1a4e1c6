// number_spin_box.h — a spin box for the book's hyperparameters: shows numbers as the book writes
// them (3, 0.025, 1e+30) rather than with a fixed count of decimals, and can step by doubling and
// halving, the way one explores a learning rate.
#pragma once

#include <QDoubleSpinBox>

class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    explicit NumberSpinBox(QWidget* parent = nullptr);

    // The arrows double and halve the value (η) instead of adding singleStep (λ, μ).
    void setMultiplicativeSteps(bool on) { m_multiplicative = on; }

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;

private:
    bool m_multiplicative = false;
};
