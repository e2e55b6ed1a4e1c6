#include "ui/plotting/plot_helpers.h"

#include "ui/plotting/palette.h"

QCPTextElement* addTitleAndExplanation(QCustomPlot* plot, const QString& title, const QString& explanation)
{
    QFont bold = plot->font();
    bold.setBold(true);
    QFont small = plot->font();
    small.setPointSizeF(plot->font().pointSizeF() * 0.9);
    auto* titleElement = new QCPTextElement(plot, title, bold);
    titleElement->setMargins({6, 4, 6, 0});
    auto* subtitle = new QCPTextElement(plot, explanation, small);
    subtitle->setTextColor(palette::secondaryText);
    subtitle->setMargins({6, 0, 6, 2});
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, titleElement);
    plot->plotLayout()->insertRow(1);
    plot->plotLayout()->addElement(1, 0, subtitle);
    return titleElement;
}

void placeLegendAbove(QCustomPlot* plot)
{
    QCPLegend* legend = plot->legend;
    legend->setVisible(true);
    legend->setFont(plot->font());
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(4);
    legend->setMargins({4, 0, 4, 0});
    legend->setIconSize(22, 10);
    plot->axisRect()->insetLayout()->take(legend);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, legend);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
}

ShadedIntervals::ShadedIntervals(QCustomPlot* plot, const QColor& color) : m_plot(plot), m_color(color)
{
    if (!m_plot->layer("shading"))
        m_plot->addLayer("shading", m_plot->layer("grid"), QCustomPlot::limAbove);
}

void ShadedIntervals::set(const std::vector<nnlab::universality::Interval>& intervals)
{
    while (m_rects.size() < intervals.size()) {
        auto* rect = new QCPItemRect(m_plot);
        rect->setLayer("shading");
        rect->setSelectable(false);
        rect->setPen(Qt::NoPen);
        rect->setBrush(m_color);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->setClipToAxisRect(true);
        m_rects.push_back(rect);
    }
    for (size_t i = 0; i < m_rects.size(); ++i) {
        const bool used = i < intervals.size();
        m_rects[i]->setVisible(used);
        if (used) {
            m_rects[i]->topLeft->setCoords(intervals[i].from, 0.0);
            m_rects[i]->bottomRight->setCoords(intervals[i].to, 1.0);
        }
    }
    m_visible = static_cast<int>(intervals.size());
}
