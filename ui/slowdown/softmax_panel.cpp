#include "ui/slowdown/softmax_panel.h"

#include "ui/plotting/palette.h"

#include "core/nn/activation.h"

#include <qcustomplot.h>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace {
constexpr double bookZ[SoftmaxPanel::neurons] = {2.5, -1.0, 3.2, 0.5};   // the book's example
constexpr double zLimit = 6.0;
}  // namespace

SoftmaxPanel::SoftmaxPanel(QWidget* parent)
    : QWidget(parent), m_sum(new QLabel), m_plot(new QCustomPlot), m_bars(nullptr)
{
    auto* header = new QLabel(
        tr("<b>Softmax (chapter 3).</b> The output layer's activations a<sub>j</sub> = "
           "e<sup>z<sub>j</sub></sup> / Σ<sub>k</sub> e<sup>z<sub>k</sub></sup> (eq. 78): all "
           "positive, summing to 1 — a probability distribution. Raise one z<sub>j</sub> and its "
           "a<sub>j</sub> grows while every other one shrinks."));
    header->setWordWrap(true);

    auto* sliders = new QGridLayout;
    for (int j = 0; j < neurons; ++j) {
        auto* slider = new QSlider(Qt::Horizontal);
        slider->setRange(static_cast<int>(-zLimit * sliderScale), static_cast<int>(zLimit * sliderScale));
        slider->setSingleStep(10);
        slider->setPageStep(100);
        slider->setMinimumWidth(120);
        slider->setToolTip(tr("z<sup>L</sup><sub>%1</sub>: the weighted input of output neuron %1").arg(j + 1));
        auto* name = new QLabel(tr("z<sub>%1</sub>").arg(j + 1));
        auto* value = new QLabel;
        value->setMinimumWidth(44);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        sliders->addWidget(name, j, 0);
        sliders->addWidget(slider, j, 1);
        sliders->addWidget(value, j, 2);
        m_sliders.append(slider);
        m_zLabels.append(value);
        connect(slider, &QSlider::valueChanged, this, &SoftmaxPanel::update);
    }
    auto* bookButton = new QPushButton(tr("Book's z"));
    bookButton->setToolTip(tr("z = 2.5, −1, 3.2, 0.5, the book's example"));
    connect(bookButton, &QPushButton::clicked, this, &SoftmaxPanel::resetToBook);
    sliders->addWidget(m_sum, neurons, 0, 1, 2);
    sliders->addWidget(bookButton, neurons, 2);
    m_sum->setToolTip(tr("Σ<sub>j</sub> a<sub>j</sub>: always 1 (eq. 79)"));

    // The bars: a_j for j = 1..4, the value written above each.
    QFont bold = m_plot->font();
    bold.setBold(true);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Softmax activations a₁ … a₄ (ch. 3)"), bold));
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    m_bars->setName(tr("a_j"));
    m_bars->setWidth(0.6);
    m_bars->setPen(Qt::NoPen);
    m_bars->setBrush(palette::softmaxBars);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int j = 0; j < neurons; ++j) {
        ticker->addTick(j + 1, QStringLiteral("a") + QChar(0x2081 + j));   // a₁, a₂, ...
        auto* label = new QCPItemText(m_plot);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->position->setCoords(j + 1, 0);
        m_valueLabels.append(label);
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(0.4, neurons + 0.6);
    m_plot->xAxis->setLabel(tr("output neuron j"));
    m_plot->yAxis->setRange(0.0, 1.0);
    m_plot->yAxis->setLabel(tr("activation"));
    m_plot->setInteractions({});
    m_plot->setMinimumSize(260, 200);
    m_plot->setToolTip(tr("<p>a<sup>L</sup><sub>j</sub> = e<sup>z<sup>L</sup><sub>j</sub></sup> / "
                          "Σ<sub>k</sub> e<sup>z<sup>L</sup><sub>k</sub></sup>, computed by the "
                          "engine's softmax; the bars' heights always add up to 1.</p>"));

    auto* body = new QHBoxLayout;
    body->addLayout(sliders, 1);
    body->addWidget(m_plot, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addLayout(body, 1);

    resetToBook();
}

void SoftmaxPanel::setZ(int j, double z)
{
    m_sliders[j]->setValue(static_cast<int>(std::lround(z * sliderScale)));
}

double SoftmaxPanel::z(int j) const
{
    return m_sliders[j]->value() / sliderScale;
}

void SoftmaxPanel::resetToBook()
{
    for (int j = 0; j < neurons; ++j)
        setZ(j, bookZ[j]);
}

std::vector<double> SoftmaxPanel::activations() const
{
    std::vector<double> a;
    for (auto it = m_bars->data()->constBegin(); it != m_bars->data()->constEnd(); ++it)
        a.push_back(it->value);
    return a;
}

void SoftmaxPanel::update()
{
    Eigen::MatrixXd z(neurons, 1), a;
    for (int j = 0; j < neurons; ++j)
        z(j, 0) = this->z(j);
    nnlab::activate(nnlab::Activation::Softmax, z, a);   // eq. 78

    QVector<double> keys, values;
    for (int j = 0; j < neurons; ++j) {
        keys.append(j + 1);
        values.append(a(j, 0));
        m_zLabels[j]->setText(QString::number(z(j, 0), 'f', 2));
        m_valueLabels[j]->position->setCoords(j + 1, a(j, 0) + 0.01);
        m_valueLabels[j]->setText(QString::number(a(j, 0), 'f', 3));
    }
    m_bars->setData(keys, values, true);
    m_sum->setText(tr("Σ a<sub>j</sub> = %1").arg(a.sum(), 0, 'f', 3));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    emit activationsChanged();
}
