#include "ui/universality/formula_edit.h"

#include "ui/plotting/palette.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cmath>

using nnlab::universality::Formula;

FormulaEdit::FormulaEdit(const QString& initial, bool twoInputs, QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(initial, this)), m_message(new QLabel(this)),
      m_twoInputs(twoInputs)
{
    m_edit->setObjectName("formulaLineEdit");
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(twoInputs ? tr("A formula in x and y, e.g. 0.5 + 0.3*sin(6*x)*cos(5*y). "
                                      "+ − * / ^, parentheses, sin cos tan exp log sqrt abs tanh, pi, e")
                                 : tr("A formula in x, e.g. 0.5 + 0.3*sin(6*x). "
                                      "+ − * / ^, parentheses, sin cos tan exp log sqrt abs tanh, pi, e"));
    m_message->setObjectName("formulaMessage");
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);

    connect(m_edit, &QLineEdit::textChanged, this, &FormulaEdit::parse);
    parse();
}

void FormulaEdit::setText(const QString& text)
{
    m_edit->setText(text);
}

QString FormulaEdit::text() const
{
    return m_edit->text();
}

bool FormulaEdit::hasError() const
{
    return m_edit->property("bad").toBool();
}

QString FormulaEdit::errorText() const
{
    return hasError() ? m_message->text() : QString();
}

void FormulaEdit::parse()
{
    const Formula::Result result = Formula::parse(m_edit->text().toStdString(), m_twoInputs);
    if (!result.ok()) {
        m_edit->setProperty("bad", true);
        m_edit->setStyleSheet(QString("QLineEdit { border: 1px solid %1; background: %2; }")
                                  .arg(palette::failure.name(), palette::invalidBackground.name()));
        m_message->setStyleSheet(palette::textStyle(palette::failure));
        m_message->setText(tr("Column %1: %2").arg(result.column).arg(QString::fromStdString(result.error)));
        m_message->setVisible(true);
        return;
    }
    m_edit->setProperty("bad", false);
    m_edit->setStyleSheet({});
    m_formula = result.formula;
    // A formula can parse and still fail somewhere in [0, 1] (log(x) at 0): say so, in amber.
    bool finite = true;
    for (int i = 0; i <= 100 && finite; ++i)
        for (int j = 0; j <= (m_twoInputs ? 100 : 0) && finite; ++j)
            finite = std::isfinite((*m_formula)(i / 100.0, j / 100.0));
    m_message->setStyleSheet(palette::textStyle(palette::warningText));
    m_message->setText(tr("Not finite somewhere in [0, 1]; read as 0 there."));
    m_message->setVisible(!finite);
    emit formulaChanged();
}

nnlab::universality::Function1D FormulaEdit::function1D() const
{
    auto formula = m_formula;
    return [formula](double x) {
        const double v = formula ? (*formula)(x) : 0.0;
        return std::isfinite(v) ? v : 0.0;
    };
}

nnlab::universality::Function2D FormulaEdit::function2D() const
{
    auto formula = m_formula;
    return [formula](double x, double y) {
        const double v = formula ? (*formula)(x, y) : 0.0;
        return std::isfinite(v) ? v : 0.0;
    };
}
