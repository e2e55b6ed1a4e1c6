#include "ui/slowdown/slowdown_view.h"

#include "ui/slowdown/single_neuron_panel.h"
#include "ui/slowdown/softmax_panel.h"

#include <QFrame>
#include <QSplitter>
#include <QVBoxLayout>

using nnlab::Cost;

SlowdownView::SlowdownView(QWidget* parent)
    : QWidget(parent), m_neuron(new SingleNeuronPanel), m_softmax(new SoftmaxPanel)
{
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_neuron);
    splitter->addWidget(m_softmax);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 4);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void SlowdownView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    m_neuron->choosePreset(4);   // where the sequence ends
    nnlab::SingleNeuronSetup sameEta = nnlab::bookSingleNeuronRun(Cost::CrossEntropy, true);
    sameEta.eta = 0.15;
    m_neuron->runSequence({nnlab::bookSingleNeuronRun(Cost::Quadratic, true),
                           nnlab::bookSingleNeuronRun(Cost::CrossEntropy, true), sameEta});
}
