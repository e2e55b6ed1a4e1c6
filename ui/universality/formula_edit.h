// formula_edit.h — a line edit for a typed target, f(x) or f(x, y), with its error shown inline.
//
// Parsing is core's safe parser (universality/target_function.h): a bad formula never replaces
// the last good one, it only turns the field red and says what is wrong and where.
#pragma once

#include "core/universality/target_function.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;

class FormulaEdit : public QWidget {
    Q_OBJECT

public:
    FormulaEdit(const QString& initial, bool twoInputs, QWidget* parent = nullptr);

    void setText(const QString& text);  // parses it as if typed
    QString text() const;
    bool hasError() const;
    QString errorText() const;
    // The last formula that parsed; non-finite values (log(0), 1/0) read as 0.
    nnlab::universality::Function1D function1D() const;
    nnlab::universality::Function2D function2D() const;

    QLineEdit* lineEdit() const { return m_edit; }

signals:
    void formulaChanged();  // a new formula parsed

private:
    void parse();

    QLineEdit* m_edit;
    QLabel* m_message;
    bool m_twoInputs;
    std::shared_ptr<const nnlab::universality::Formula> m_formula;
};
