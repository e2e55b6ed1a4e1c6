#include "ui/universality/perceptron_panel.h"

#include "ui/plotting/palette.h"
#include "ui/universality/adder_diagram.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace nnlab::universality;

namespace {

constexpr int inputs[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

QTableWidget* makeTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(4, headers.size(), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    const int rowHeight = table->fontMetrics().height() + 10;
    table->verticalHeader()->setDefaultSectionSize(rowHeight);
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height() + 4 * rowHeight + 4);
    return table;
}

void setCell(QTableWidget* table, int row, int column, const QString& text, const QColor& color = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignCenter);
    if (color.isValid())
        item->setForeground(color);
    table->setItem(row, column, item);
}

QDoubleSpinBox* makeSpin(double value, const QString& tip, QWidget* parent)
{
    auto* spin = new QDoubleSpinBox(parent);
    spin->setRange(-10, 10);
    spin->setSingleStep(0.5);
    spin->setDecimals(1);
    spin->setValue(value);
    spin->setToolTip(tip);
    return spin;
}

}  // namespace

PerceptronPanel::PerceptronPanel(QWidget* parent) : QWidget(parent), m_gate(nandPerceptron())
{
    setObjectName("perceptronPanel");
    auto* header = new QLabel(
        tr("<b>Chapter 1:</b> a perceptron outputs 1 if w·x + b > 0, else 0. With w = (−2, −2) and "
           "b = 3 it is a NAND gate, and NAND gates compute anything: here five of them add two bits. "
           "Edit the gate and watch the adder."),
        this);
    header->setWordWrap(true);

    // The gate.
    auto* gateGroup = new QGroupBox(tr("One perceptron"), this);
    m_w1 = makeSpin(-2, tr("w₁, the weight on input x₁"), gateGroup);
    m_w1->setObjectName("w1Spin");
    m_w2 = makeSpin(-2, tr("w₂, the weight on input x₂"), gateGroup);
    m_w2->setObjectName("w2Spin");
    m_b = makeSpin(3, tr("b, the bias: how easy it is to get the perceptron to fire"), gateGroup);
    m_b->setObjectName("biasSpin");
    auto* reset = new QPushButton(tr("The book's NAND: −2, −2, 3"), gateGroup);
    reset->setToolTip(tr("Back to w = (−2, −2), b = 3"));
    m_gateTable = makeTable({tr("x₁"), tr("x₂"), tr("w·x + b"), tr("output"), tr("NAND")}, gateGroup);
    m_gateTable->setObjectName("gateTable");
    m_gateTable->setToolTip(tr("The perceptron on all four inputs, against NAND"));
    m_verdict = new QLabel(gateGroup);
    m_verdict->setObjectName("gateVerdict");
    auto* weights = new QFormLayout;
    weights->addRow(tr("w₁"), m_w1);
    weights->addRow(tr("w₂"), m_w2);
    weights->addRow(tr("b"), m_b);
    auto* gateLayout = new QVBoxLayout(gateGroup);
    gateLayout->addLayout(weights);
    gateLayout->addWidget(reset);
    gateLayout->addWidget(m_gateTable);
    gateLayout->addWidget(m_verdict);
    auto* hint = new QLabel(tr("Try b = 5: the gate fires on (1, 1) too, it is no longer NAND, and "
                               "the adder goes wrong. Try w = (−1, −1), b = 1.5: still NAND, the "
                               "adder still adds — any weights with the same truth table will do."),
                            gateGroup);
    hint->setWordWrap(true);
    gateLayout->addWidget(hint);
    gateLayout->addStretch();

    // The adder.
    auto* adderGroup = new QGroupBox(tr("The book's adder: x₁ + x₂ from five NAND perceptrons"), this);
    m_diagram = new AdderDiagram(adderGroup);
    m_diagram->setObjectName("adderDiagram");
    m_adderTable = makeTable({tr("x₁"), tr("x₂"), tr("carry"), tr("sum"), tr("x₁ + x₂"), tr("correct")}, adderGroup);
    m_adderTable->setObjectName("adderTable");
    m_adderTable->setToolTip(tr("The adder's outputs for every input; click a row to see it in the circuit"));
    m_adderVerdict = new QLabel(adderGroup);
    auto* adderLayout = new QVBoxLayout(adderGroup);
    adderLayout->addWidget(m_diagram, 1);
    adderLayout->addWidget(m_adderTable);
    adderLayout->addWidget(m_adderVerdict);

    auto* body = new QHBoxLayout;
    gateGroup->setFixedWidth(380);
    body->addWidget(gateGroup);
    body->addWidget(adderGroup, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addLayout(body, 1);

    for (QDoubleSpinBox* spin : {m_w1, m_w2, m_b})
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this] {
            setGate(m_w1->value(), m_w2->value(), m_b->value());
        });
    connect(reset, &QPushButton::clicked, this, [this] { setGate(-2, -2, 3); });
    connect(m_adderTable, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0)
            m_diagram->setInputs(inputs[row][0], inputs[row][1]);
    });
    refresh();
    m_adderTable->selectRow(3);
}

void PerceptronPanel::setGate(double w1, double w2, double b)
{
    m_gate = Perceptron{{w1, w2}, b};
    for (auto [spin, value] : {std::pair{m_w1, w1}, std::pair{m_w2, w2}, std::pair{m_b, b}}) {
        const QSignalBlocker block(spin);
        spin->setValue(value);
    }
    refresh();
}

void PerceptronPanel::refresh()
{
    for (int row = 0; row < 4; ++row) {
        const int x1 = inputs[row][0], x2 = inputs[row][1];
        const int out = m_gate.output({x1, x2});
        const int nand = x1 && x2 ? 0 : 1;
        setCell(m_gateTable, row, 0, QString::number(x1));
        setCell(m_gateTable, row, 1, QString::number(x2));
        setCell(m_gateTable, row, 2, QString::number(m_gate.weightedInput({x1, x2}), 'g', 4));
        setCell(m_gateTable, row, 3, QString::number(out));
        setCell(m_gateTable, row, 4, out == nand ? "✓" : "✗", out == nand ? palette::success : palette::failure);

        const AdderState s = addBits(m_gate, x1, x2);
        const bool right = 2 * s.carry + s.sum == x1 + x2;
        setCell(m_adderTable, row, 0, QString::number(x1));
        setCell(m_adderTable, row, 1, QString::number(x2));
        setCell(m_adderTable, row, 2, QString::number(s.carry));
        setCell(m_adderTable, row, 3, QString::number(s.sum));
        setCell(m_adderTable, row, 4, QString::number(x1 + x2) + QString(" = %1%2").arg(x1 & x2).arg(x1 ^ x2) + "₂");
        setCell(m_adderTable, row, 5, right ? "✓" : "✗", right ? palette::success : palette::failure);
    }
    const bool nand = isNand(m_gate);
    m_verdict->setText(nand ? palette::coloured(tr("<b>This perceptron is a NAND gate.</b>"), palette::success)
                            : palette::coloured(tr("<b>Not NAND</b>: the adder built from it goes wrong."),
                                                palette::failure));
    int correct = 0;
    for (const auto& in : inputs) {
        const AdderState s = addBits(m_gate, in[0], in[1]);
        correct += 2 * s.carry + s.sum == in[0] + in[1];
    }
    m_adderVerdict->setText(tr("The adder is right on %1 of 4 inputs.").arg(correct));
    m_diagram->setGate(m_gate);
}
