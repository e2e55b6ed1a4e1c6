#include "ui/universality/deviation_gauge.h"

#include "ui/plotting/palette.h"

#include "core/universality/bump_construction.h"

#include <algorithm>
#include <cmath>

using nnlab::universality::challengeSuccessThreshold;

DeviationGauge::DeviationGauge(QWidget* parent)
    : QCustomPlot(parent), m_bar(new QCPBars(yAxis, xAxis)), m_threshold(new QCPItemStraightLine(this)),
      m_thresholdLabel(new QCPItemText(this))
{
    setInteractions({});
    setFixedHeight(58);
    yAxis->setVisible(false);
    yAxis->setRange(-0.5, 1.5);  // the bar low, the threshold's label above it
    xAxis->grid()->setVisible(false);
    axisRect()->setAutoMargins(QCP::msBottom);
    axisRect()->setMargins({8, 4, 8, 0});
    m_bar->setWidth(0.9);
    m_bar->setPen(Qt::NoPen);
    m_bar->setName(tr("average deviation"));

    m_threshold->setPen(QPen(palette::deviation, 2, Qt::DashLine));
    m_threshold->point1->setCoords(challengeSuccessThreshold, 0);
    m_threshold->point2->setCoords(challengeSuccessThreshold, 1);
    m_thresholdLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_thresholdLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_thresholdLabel->position->setCoords(challengeSuccessThreshold, 0.0);
    m_thresholdLabel->setText(tr(" book's success: < 0.40"));
    m_thresholdLabel->setColor(palette::deviation);
    setToolTip(tr("The book's challenge: make the average deviation smaller than 0.40 "
                  "(chapter 4, the red line) by dragging the bumps' heights"));
    setDeviation(0.0);
}

void DeviationGauge::setDeviation(double deviation)
{
    m_deviation = deviation;
    const bool success = deviation < challengeSuccessThreshold;
    m_bar->setBrush(success ? palette::success : palette::notYet);
    m_bar->setData(QVector<double>{0.0}, QVector<double>{std::isfinite(deviation) ? deviation : 0.0});
    xAxis->setRange(0, std::max(1.0, std::isfinite(deviation) ? std::ceil(deviation * 1.15 * 2) / 2 : 1.0));
    replot(QCustomPlot::rpQueuedReplot);
}
