#include "ui/slowdown/slowdown_view.h"

#include "ui/slowdown/single_neuron_panel.h"
#include "ui/slowdown/softmax_panel.h"

#include "ui/common/scroll_page.h"
#include "ui/common/split_panes.h"

#include <QFrame>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

using nnlab::Cost;

SlowdownView::SlowdownView(QWidget* parent)
    : QWidget(parent), m_neuron(new SingleNeuronPanel), m_softmax(new SoftmaxPanel)
{
    // Each pane scrolls when the window is too small for it (1024×640), rather than squeezing
    // its plots out of sight; the handle between them still shares the room.
    QSplitter* splitter = splitPanes(Qt::Vertical, scrollPage(m_neuron), 5, scrollPage(m_softmax), 4);
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
