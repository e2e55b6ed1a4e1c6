#include "ui/common/misclassified_gallery.h"

#include "ui/bridge/background_jobs.h"
#include "ui/common/digit_image.h"
#include "ui/common/percent_text.h"

#include "core/train/evaluation.h"
#include "core/train/network_fit.h"

#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcGallery, "nnlab.draw")

MisclassifiedGallery::MisclassifiedGallery(QWidget* parent)
    : QWidget(parent), m_jobs(new BackgroundJobs(this)), m_headline(new QLabel(this)),
      m_list(new QListWidget(this))
{
    m_headline->setWordWrap(true);
    m_list->setViewMode(QListView::IconMode);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setMovement(QListView::Static);
    m_list->setIconSize({42, 42});
    m_list->setGridSize({124, 84});   // wide enough for "1: 99% · 8: < 1%"
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setToolTip(tr("Test digits the network gets wrong, as \"label → its answer\" with its two most "
                          "likely classes and their probabilities. Click one to look at it"));
    connect(m_list, &QListWidget::itemClicked, this,
            [this](QListWidgetItem* item) { emit digitChosen(item->data(Qt::UserRole).toInt()); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_list, 1);
    showMessage(tr("Loading the MNIST test set…"));
}

void MisclassifiedGallery::setTestSet(std::shared_ptr<const nnlab::DataSplit> data)
{
    m_data = std::move(data);
    start();
}

void MisclassifiedGallery::setNetwork(std::shared_ptr<const nnlab::Network> network)
{
    m_network = std::move(network);
    start();
}

void MisclassifiedGallery::showMessage(const QString& message)
{
    ++m_generation;   // a job still running is no longer wanted
    m_busy = false;
    m_wrong = -1;
    m_list->clear();
    m_headline->setText(message);
}

void MisclassifiedGallery::start()
{
    if (!m_data || !m_network)
        return;
    if (const std::string problem = nnlab::fitProblem(*m_network, m_data->test); !problem.empty()) {
        showMessage(tr("No gallery: %1.").arg(QString::fromStdString(problem)));
        return;
    }
    const int generation = ++m_generation;
    m_busy = true;
    m_headline->setText(tr("Finding the test digits this network gets wrong…"));
    const bool softmax = m_network->outputActivation() == nnlab::Activation::Softmax;
    m_jobs->run<std::vector<nnlab::Mistake>>(
        [data = m_data, network = m_network, softmax] {
            return nnlab::findMistakes(nnlab::outputActivations(*network, data->test), data->test.labels, softmax);
        },
        [this, generation](std::vector<nnlab::Mistake>& mistakes) { show(mistakes, generation); });
}

void MisclassifiedGallery::show(const std::vector<nnlab::Mistake>& mistakes, int generation)
{
    if (generation != m_generation)
        return;   // superseded by a newer network or data
    m_busy = false;
    const nnlab::Dataset& test = m_data->test;
    const bool softmax = m_network->outputActivation() == nnlab::Activation::Softmax;
    m_list->clear();
    m_list->setUpdatesEnabled(false);
    const int wrong = int(mistakes.size());
    for (int k = 0; k < std::min(wrong, maxShown); ++k) {
        const nnlab::Mistake& m = mistakes[std::size_t(k)];
        const QImage thumb = digitImage(test, m.index).scaled(42, 42, Qt::KeepAspectRatio, Qt::FastTransformation);
        auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumb)),
                                         QStringLiteral("%1 → %2\n%2: %3 · %4: %5")
                                             .arg(m.label).arg(m.predicted)
                                             .arg(percentText(m.predictedProbability, 0))
                                             .arg(m.runnerUp)
                                             .arg(percentText(m.runnerUpProbability, 0)),
                                         m_list);
        item->setData(Qt::UserRole, m.index);
        item->setToolTip(tr("Test digit #%1: labelled %2, the network says %3 (%4), then %5 (%6)%7")
                             .arg(m.index).arg(m.label).arg(m.predicted).arg(percentText(m.predictedProbability))
                             .arg(m.runnerUp).arg(percentText(m.runnerUpProbability))
                             .arg(softmax ? QString()
                                          : tr(" — sigmoid outputs scaled to sum to 1, as they are not "
                                               "probabilities themselves")));
    }
    m_list->setUpdatesEnabled(true);
    m_wrong = wrong;
    const double accuracy = 100.0 * (test.size() - wrong) / std::max(1, test.size());
    QString text = tr("<b>Test digits this network gets wrong: %L1 of %L2</b> (%3% right), shown "
                      "as label → answer, with its two most likely classes. Click one to look at it.")
                       .arg(wrong).arg(test.size()).arg(accuracy, 0, 'f', 2);
    if (wrong > maxShown)
        text += tr(" The first %1 are shown.").arg(maxShown);
    m_headline->setText(text);
    qCInfo(lcGallery, "gallery ready: %d of %d test digits wrong", wrong, test.size());
    emit finished(wrong, test.size());
}

int MisclassifiedGallery::shownCount() const
{
    return m_list->count();
}

int MisclassifiedGallery::indexAt(int row) const
{
    const QListWidgetItem* item = m_list->item(row);
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

QString MisclassifiedGallery::textAt(int row) const
{
    const QListWidgetItem* item = m_list->item(row);
    return item ? item->text() : QString();
}

QString MisclassifiedGallery::headline() const
{
    return m_headline->text();
}
