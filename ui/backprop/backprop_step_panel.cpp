#include "ui/backprop/backprop_step_panel.h"

#include "ui/plotting/value_colours.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using nnlab::backprop::Equation;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString joined(const Eigen::VectorXf& v, int count)
{
    QStringList parts;
    for (int i = 0; i < std::min<int>(count, int(v.size())); ++i)
        parts << formatValue(v(i));
    return parts.join(", ");
}

}  // namespace

BackpropStepPanel::BackpropStepPanel(QWidget* parent)
    : QWidget(parent), m_reset(new QPushButton(tr("Reset"), this)), m_back(new QPushButton(tr("◀ Back"), this)),
      m_step(new QPushButton(tr("Step ▶"), this)), m_runAll(new QPushButton(tr("Run all ▶▶"), this)),
      m_counter(new QLabel(this)), m_equation(new QLabel(this)), m_text(new QLabel(this)),
      m_values(new QLabel(this)), m_steps(new QListWidget(this)), m_timer(new QTimer(this))
{
    m_reset->setObjectName("resetButton");
    m_back->setObjectName("backButton");
    m_step->setObjectName("stepButton");
    m_runAll->setObjectName("runAllButton");
    m_reset->setToolTip(tr("Back to the start: only the input a¹ = x is known"));
    m_back->setToolTip(tr("Undo the last step"));
    m_step->setToolTip(tr("Apply the next equation: the forward pass zˡ = wˡaˡ⁻¹ + bˡ, aˡ = σ(zˡ) layer by layer, "
                          "then BP1 (δᴸ), BP2 (δˡ from δˡ⁺¹), BP3 (∂C/∂bˡ) and BP4 (∂C/∂wˡ)"));
    m_runAll->setToolTip(tr("Play the remaining steps, one every half second"));

    m_equation->setObjectName("equationLabel");
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.35);
    big.setBold(true);
    m_equation->setFont(big);
    m_equation->setWordWrap(true);
    m_equation->setToolTip(tr("The equation applied in this step, in general form (chapter 2's four "
                              "fundamental equations of backpropagation)"));
    m_text->setObjectName("stepText");
    m_text->setWordWrap(true);
    m_text->setToolTip(tr("The same equation with this step's layer numbers"));
    m_values->setObjectName("valuesLabel");
    m_values->setTextFormat(Qt::RichText);
    m_values->setWordWrap(true);
    m_values->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_values->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_values->setToolTip(tr("The numbers this step produced (vectors are columns, written ( … )ᵀ)"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_values);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // Three lines each at the least (less than Qt's default for a scrolling box), so that the tiny
    // network's tab, controls and diagram, still fits a 1024×640 window; both scroll.
    const int threeLines = 3 * fontMetrics().lineSpacing() + 2 * scroll->frameWidth();
    scroll->setMinimumHeight(threeLines);
    m_steps->setMinimumHeight(threeLines + 2 * m_steps->frameWidth());
    m_steps->setObjectName("stepList");
    m_steps->setToolTip(tr("Every step of the pass, in order; click one to go there"));
    m_counter->setObjectName("stepCounter");

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_reset);
    buttons->addWidget(m_back);
    buttons->addWidget(m_step);
    buttons->addWidget(m_runAll);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_counter);
    layout->addWidget(m_equation);
    layout->addWidget(m_text);
    layout->addWidget(scroll, 3);
    layout->addWidget(m_steps, 2);

    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_done >= stepCount())
            m_timer->stop();
        else
            step();
    });
    connect(m_reset, &QPushButton::clicked, this, &BackpropStepPanel::reset);
    connect(m_back, &QPushButton::clicked, this, &BackpropStepPanel::back);
    connect(m_step, &QPushButton::clicked, this, &BackpropStepPanel::step);
    connect(m_runAll, &QPushButton::clicked, this, &BackpropStepPanel::runAll);
    connect(m_steps, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        m_timer->stop();
        setDone(m_steps->row(item) + 1);
    });
    show();
}

void BackpropStepPanel::setTrace(const nnlab::backprop::BackpropTrace& trace)
{
    m_trace = trace;
    m_done = std::clamp(m_done, 0, stepCount());
    m_steps->clear();
    for (int i = 0; i < stepCount(); ++i) {
        const auto& s = m_trace.steps[i];
        const QString label = s.equation == Equation::Forward ? tr("forward") : q(equationLabel(s.equation));
        m_steps->addItem(QString("%1. %2   %3").arg(i + 1).arg(label, q(s.text)));
    }
    show();
}

void BackpropStepPanel::setDone(int done)
{
    done = std::clamp(done, 0, stepCount());
    if (done == m_done)
        return;
    m_done = done;
    show();
    emit doneChanged(m_done);
}

bool BackpropStepPanel::isRunning() const { return m_timer->isActive(); }

void BackpropStepPanel::step() { setDone(m_done + 1); }

void BackpropStepPanel::back()
{
    m_timer->stop();
    setDone(m_done - 1);
}

void BackpropStepPanel::reset()
{
    m_timer->stop();
    setDone(0);
}

void BackpropStepPanel::runAll()
{
    if (m_done >= stepCount())
        setDone(0);
    m_timer->start();
}

QString BackpropStepPanel::equationText() const { return m_equation->text(); }
QString BackpropStepPanel::stepText() const { return m_text->text(); }
QString BackpropStepPanel::valuesText() const { return m_values->text(); }

QString BackpropStepPanel::formatValues(const Eigen::MatrixXf& value)
{
    if (value.cols() == 1) {
        const Eigen::VectorXf v = value.col(0);
        if (v.size() <= 12)
            return "(" + joined(v, int(v.size())) + ")ᵀ";
        return QString("(%1, …)ᵀ  — %2 values from %3 to %4, ‖·‖ = %5")
            .arg(joined(v, 6))
            .arg(v.size())
            .arg(formatValue(v.minCoeff()), formatValue(v.maxCoeff()), formatValue(v.norm()));
    }
    if (value.rows() <= 6 && value.cols() <= 8) {
        QStringList rows;
        for (int r = 0; r < value.rows(); ++r)
            rows << "[" + joined(value.row(r).transpose(), int(value.cols())) + "]";
        return rows.join("<br>");
    }
    return QString("%1 × %2 matrix, entries from %3 to %4, ‖·‖ = %5")
        .arg(value.rows())
        .arg(value.cols())
        .arg(formatValue(value.minCoeff()), formatValue(value.maxCoeff()), formatValue(value.norm()));
}

void BackpropStepPanel::show()
{
    m_reset->setEnabled(m_done > 0);
    m_back->setEnabled(m_done > 0);
    m_step->setEnabled(m_done < stepCount());
    m_counter->setText(tr("step %1 of %2").arg(m_done).arg(stepCount()));
    m_steps->setCurrentRow(m_done - 1);
    if (m_done == 0) {
        m_equation->setText(tr("Start: a¹ = x"));
        m_text->setText(tr("Only the input is known. Step through the forward pass (zˡ, aˡ for l = 2, …, L), "
                           "then the backward pass: δᴸ (BP1), δˡ layer by layer (BP2), ∂C/∂b (BP3) and ∂C/∂w (BP4)."));
        m_values->setText(m_trace.x.size() ? "<b>x</b> = " + formatValues(m_trace.x).toHtmlEscaped() + "<br><b>y</b> = " +
                                                 formatValues(m_trace.y).toHtmlEscaped()
                                           : QString());
        return;
    }
    const auto& s = m_trace.steps[m_done - 1];
    const QString label = s.equation == Equation::Forward ? tr("Forward") : q(equationLabel(s.equation));
    m_equation->setText(label + "  " + q(equationFormula(s.equation)));
    QString text = tr("layer l = %1:  ").arg(s.layer) + q(s.text);
    m_text->setText(text);
    QStringList lines;
    for (const auto& v : s.values)
        lines << "<b>" + q(v.name).toHtmlEscaped() + "</b> = " + formatValues(v.value).replace("&", "&amp;");
    if (m_done == stepCount() || (s.equation == Equation::Forward && s.layer == m_trace.L()))
        lines << tr("cost C = %1").arg(formatValue(m_trace.costValue, 4));
    m_values->setText(lines.join("<br>"));
}
