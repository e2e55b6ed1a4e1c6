#include "ui/draw/probability_bars.h"

#include "ui/common/percent_text.h"
#include "ui/plotting/palette.h"
#include "ui/plotting/plot_helpers.h"

#include <numeric>

ProbabilityBars::ProbabilityBars(QWidget* parent)
    : QCustomPlot(parent), m_others(new QCPBars(xAxis, yAxis)), m_top(new QCPBars(xAxis, yAxis)),
      m_message(new QCPItemText(this))
{
    // The legend in a row of its own above the axes (inside them, it covered the label of a tall
    // bar at 8 or 9), and the title above it.
    placeLegendAbove(this);
    auto* title = new QCPTextElement(this, tr("What the network thinks"),
                                     QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, title);

    for (QCPBars* bars : {m_others, m_top})
        bars->setWidth(0.7);
    m_others->setPen(QPen(palette::otherDigits.darker(130)));
    m_others->setBrush(palette::otherDigits);
    m_others->setName(tr("other digits"));
    m_top->setPen(QPen(palette::accent.darker(130)));
    m_top->setBrush(palette::accent);
    m_top->setName(tr("top guess"));

    QVector<double> keys(10);
    std::iota(keys.begin(), keys.end(), 0.0);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int d = 0; d < 10; ++d)
        ticker->addTick(d, QString::number(d));
    xAxis->setTicker(ticker);
    xAxis->setLabel(tr("digit"));
    xAxis->setRange(-0.6, 9.6);
    xAxis->grid()->setVisible(false);
    xAxis->setSubTicks(false);
    xAxis->setTickLength(0, 3);
    yAxis->setRange(0, 1.12);
    auto percent = QSharedPointer<QCPAxisTickerFixed>::create();
    percent->setTickStep(0.25);
    yAxis->setTicker(percent);
    yAxis->setNumberFormat("f");
    yAxis->setNumberPrecision(2);

    for (int d = 0; d < 10; ++d) {
        auto* label = new QCPItemText(this);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->setClipToAxisRect(false);
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.85);
        label->setFont(small);
        label->setColor(palette::plotLabel);
        m_labels.push_back(label);
    }
    m_message->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_message->position->setCoords(0.5, 0.45);
    m_message->setPositionAlignment(Qt::AlignCenter);
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.3);
    m_message->setFont(big);
    m_message->setColor(palette::hintText);

    setInteractions({});
    setToolTip(tr("The network's ten outputs for the 28×28 input, one bar per digit; the tallest "
                  "is its answer"));
    showMessage(tr("Draw a digit"));
}

void ProbabilityBars::setProbabilities(const std::vector<float>& probabilities, int predicted,
                                       bool normalised)
{
    yAxis->setLabel(normalised ? tr("output ÷ sum of outputs (sigmoid output layer)")
                               : tr("probability (softmax output)"));
    QVector<double> keys, others, top;
    m_values.assign(probabilities.begin(), probabilities.end());
    for (int d = 0; d < int(probabilities.size()) && d < 10; ++d) {
        (d == predicted ? top : others).append(probabilities[d]);
        keys.append(d);
        m_labels[d]->position->setCoords(d, probabilities[d] + 0.01);
        m_labels[d]->setText(percentText(probabilities[d]));
        m_labels[d]->setVisible(probabilities[d] >= 0.01f);   // tiny bars need no number
    }
    QVector<double> otherKeys, topKeys;
    for (int d = 0; d < int(keys.size()); ++d)
        (d == predicted ? topKeys : otherKeys).append(d);
    m_others->setData(otherKeys, others, true);
    m_top->setData(topKeys, top, true);
    m_message->setVisible(false);
    replot(QCustomPlot::rpQueuedReplot);
}

void ProbabilityBars::showMessage(const QString& message)
{
    m_values.clear();
    m_others->data()->clear();
    m_top->data()->clear();
    for (QCPItemText* label : m_labels)
        label->setVisible(false);
    if (yAxis->label().isEmpty())
        yAxis->setLabel(tr("probability (softmax output)"));
    m_message->setText(message);
    m_message->setVisible(true);
    replot(QCustomPlot::rpQueuedReplot);
}

std::vector<double> ProbabilityBars::probabilities() const
{
    return m_values;
}

QString ProbabilityBars::message() const
{
    return m_message->visible() ? m_message->text() : QString();
}

QString ProbabilityBars::valueAxisLabel() const
{
    return yAxis->label();
}

QString ProbabilityBars::labelText(int digit) const
{
    const QCPItemText* label = m_labels.at(digit);
    return label->visible() ? label->text() : QString();
}

QRectF ProbabilityBars::labelRect(int digit) const
{
    const QCPItemText* label = m_labels.at(digit);
    if (!label->visible())
        return {};
    return QRectF(label->topLeft->pixelPosition(), label->bottomRight->pixelPosition()).normalized();
}
