#include "ui/universality/universality_view.h"

#include "ui/common/view_icon.h"
#include "ui/plotting/palette.h"
#include "ui/universality/bump_panel.h"
#include "ui/universality/neuron_panel.h"
#include "ui/universality/perceptron_panel.h"
#include "ui/universality/tower_panel.h"

#include <QPainter>
#include <QPainterPath>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

UniversalityView::UniversalityView(QWidget* parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_neuron(new NeuronPanel),
      m_bumps(new BumpPanel), m_towers(new TowerPanel), m_perceptrons(new PerceptronPanel)
{
    setObjectName("universality");
    m_neuron->setObjectName("neuron");
    m_bumps->setObjectName("1d");
    m_towers->setObjectName("2d");
    m_perceptrons->setObjectName("perceptrons");
    m_tabs->setObjectName("universalityTabs");
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_neuron, tr("One neuron, two neurons"));
    m_tabs->addTab(m_bumps, tr("Bumps: any f(x)"));
    m_tabs->addTab(m_towers, tr("Towers: f(x, y)"));
    m_tabs->addTab(m_perceptrons, tr("Perceptrons (ch. 1)"));
    m_tabs->setTabToolTip(0, tr("Chapter 4: one neuron becomes a step as w grows; two steps make a bump"));
    m_tabs->setTabToolTip(1, tr("Chapter 4: N bumps approximate f(x); the book's challenge and windows of failure"));
    m_tabs->setTabToolTip(2, tr("Chapter 4: steps, bumps and towers in two inputs; a grid of towers ≈ f(x, y)"));
    m_tabs->setTabToolTip(3, tr("Chapter 1: the NAND perceptron and the adder built from it"));
    m_tabs->setCurrentIndex(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

bool UniversalityView::showPage(const QString& name)
{
    // "2d/grid": a page, then what it shows (the two-input page's constructions).
    const QString page = name.section('/', 0, 0), detail = name.section('/', 1);
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->objectName().compare(page, Qt::CaseInsensitive) != 0)
            continue;
        if (!detail.isEmpty()) {
            if (m_tabs->widget(i) != m_towers)
                return false;
            const auto mode = TowerPanel::modeFromName(detail);
            if (!mode)
                return false;
            m_towers->setMode(*mode);
        }
        m_tabs->setCurrentIndex(i);
        return true;
    }
    return false;
}

QIcon UniversalityView::icon()
{
    return viewIcon([](QPainter& p) {
        // Five bumps (a staircase) under a smooth curve: chapter 4 in one picture.
        const auto f = [](double x) { return 0.25 + 0.5 * x * x + 0.15 * std::sin(7 * x); };
        p.setPen(Qt::NoPen);
        p.setBrush(palette::barFill);
        for (int k = 0; k < 5; ++k) {
            const double h = f((k + 0.5) / 5);
            p.drawRect(QRectF(4 + k * 11.2, 60 - 52 * h, 11.2, 52 * h));
        }
        QPainterPath curve;
        for (int i = 0; i <= 56; ++i) {
            const QPointF point(4 + i, 60 - 52 * f(i / 56.0));
            i == 0 ? curve.moveTo(point) : curve.lineTo(point);
        }
        p.setPen(QPen(palette::ink, 4));
        p.setBrush(Qt::NoBrush);
        p.drawPath(curve);
    });
}
