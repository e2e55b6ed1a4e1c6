#include "ui/bridge/live_network.h"
#include "ui/inspect/inspect_view.h"

#include "ui/bridge/background_jobs.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/edited_network.h"
#include "ui/common/map_grid_widget.h"
#include "ui/common/misclassified_gallery.h"
#include "ui/common/model_source_selector.h"
#include "ui/common/scroll_page.h"
#include "ui/inspect/neuron_edit_panel.h"
#include "ui/inspect/weight_painter.h"
#include "ui/plotting/palette.h"

#include "core/inspect/adversarial.h"
#include "core/inspect/baselines.h"
#include "core/inspect/neuron_edit.h"
#include "core/train/evaluation.h"
#include "core/train/network_fit.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QShowEvent>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kMaxFields = 100;
constexpr int kEpsilonSteps = 300;   // the slider's units: ε = value / 1000, 0..0.3

// A 784-vector (row after row, as MNIST stores it) as a 28 × 28 matrix.
Eigen::MatrixXf asImage(const Eigen::Ref<const Eigen::VectorXf>& v, int rows = 28, int cols = 28)
{
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    return Eigen::Map<const RowMajor>(v.data(), rows, cols);
}

// "says 7: a₇ = 0.98 · next 3: a₃ = 0.01" — the largest two outputs.
QString topTwo(const Eigen::VectorXf& a, int label)
{
    std::vector<int> order(a.size());
    for (int j = 0; j < int(order.size()); ++j)
        order[j] = j;
    std::partial_sort(order.begin(), order.begin() + 2, order.end(), [&](int i, int j) { return a[i] > a[j]; });
    QString text = QObject::tr("says <b>%1</b> (a<sup>L</sup><sub>%1</sub> = %2)<br>next %3 (a<sup>L</sup><sub>%3</sub> = %4)")
                       .arg(order[0]).arg(a[order[0]], 0, 'f', 3).arg(order[1]).arg(a[order[1]], 0, 'f', 3);
    if (label >= 0 && label != order[0] && label != order[1])
        text += QObject::tr("<br>true %1 (a<sup>L</sup><sub>%1</sub> = %2)").arg(label).arg(a[label], 0, 'f', 3);
    return text;
}

QGroupBox* group(const QString& title, QWidget* parent)
{
    auto* box = new QGroupBox(title, parent);
    return box;
}

}  // namespace

InspectView::InspectView(DatasetLoader* loader, LiveNetwork* live, EditedNetwork* edited, QWidget* parent)
    : QWidget(parent), m_loader(loader), m_jobs(new BackgroundJobs(this)), m_editedNetwork(edited),
      m_selector(new ModelSourceSelector(this)), m_status(new QLabel(this)), m_baselines(new QLabel(this)),
      m_fields(new MapGridWidget(this)), m_fieldsNote(new QLabel(this)), m_editor(new NeuronEditPanel(this)),
      m_table(new QTableWidget(10, 10, this)), m_cellLabel(new QLabel(this)),
      m_cellGrid(new MapGridWidget), m_index(new QSpinBox(this)), m_epsilon(new QSlider(Qt::Horizontal, this)),
      m_epsilonLabel(new QLabel(this)), m_originalImage(new MapGridWidget(this)),
      m_perturbedImage(new MapGridWidget(this)), m_originalText(new QLabel(this)), m_perturbedText(new QLabel(this)),
      m_mistakes(new MisclassifiedGallery(this))
{
    auto* header = new QLabel(tr("<b>Inside a trained network</b> — what its hidden neurons look for, which digits it "
                                 "confuses, and how a tiny change fools it (chapters 1 and 6)"),
                              this);
    header->setWordWrap(true);

    auto* modelRow = new QHBoxLayout;
    modelRow->addWidget(m_selector);
    modelRow->addWidget(m_status, 1);
    m_baselines->setWordWrap(true);   // a line longer than a 1024-pixel-wide window
    m_baselines->setText(tr("Chapter 1's baselines: waiting for MNIST…"));
    m_baselines->setToolTip(tr("Random guessing is right 1 time in 10. \"Average darkness\" gives a digit the class "
                               "whose mean darkness Σ<sub>k</sub> x<sub>k</sub> over the training set is nearest its "
                               "own (the book: 22.25%)."));

    // (1) Receptive fields: row j of w¹ as a 28 × 28 image.
    auto* fieldsBox = group(tr("What the hidden neurons look for"), this);
    auto* fieldsLayout = new QVBoxLayout(fieldsBox);
    m_fields->setToolTip(tr("Each tile is one hidden neuron j of the first layer: its weights w<sub>jk</sub>, "
                            "k = 0 … 783, drawn at the input pixel k they multiply (a convnet's: filter j's "
                            "kernel). Red: w<sub>jk</sub> &gt; 0 (ink there excites neuron j), blue: "
                            "w<sub>jk</sub> &lt; 0, white: 0. Click a tile to change that neuron below."));
    m_fields->setCursor(Qt::PointingHandCursor);
    m_fieldsNote->setWordWrap(true);
    fieldsLayout->addWidget(m_fields, 0, Qt::AlignHCenter);
    fieldsLayout->addWidget(m_fieldsNote);

    // (2) Confusion matrix.
    auto* confusionBox = group(tr("Which digits it confuses (10,000 test images)"), this);
    auto* confusionLayout = new QVBoxLayout(confusionBox);
    QStringList names;
    for (int d = 0; d < 10; ++d)
        names << QString::number(d);
    m_table->setHorizontalHeaderLabels(names);
    m_table->setVerticalHeaderLabels(names);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Columns as wide as a bold "1135" (the most test images of one digit) needs with the cell's
    // margins, and no wider: the panels then fit a 1024-pixel-wide window without scrolling sideways.
    QFont bold = m_table->font();
    bold.setBold(true);
    const int columnWidth = QFontMetrics(bold).horizontalAdvance(QStringLiteral("0000")) + 10;
    m_table->horizontalHeader()->setDefaultSectionSize(columnWidth);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setToolTip(tr("Row: the true label y; column: the prediction argmax<sub>j</sub> a<sup>L</sup><sub>j</sub>. "
                           "The diagonal holds the digits it gets right. Click a cell to see its digits."));
    const int tableWidth = m_table->verticalHeader()->sizeHint().width() + 10 * columnWidth + 2 * m_table->frameWidth();
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height() + 10 * 22 + 2 * m_table->frameWidth();
    m_table->setFixedSize(tableWidth, tableHeight);
    auto* axes = new QLabel(tr("rows: true label · columns: prediction"), this);
    confusionLayout->addWidget(axes);
    confusionLayout->addWidget(m_table, 0, Qt::AlignLeft);
    m_cellLabel->setText(tr("Click a cell to see its test digits."));
    m_cellLabel->setWordWrap(true);
    confusionLayout->addWidget(m_cellLabel);
    auto* cellScroll = new QScrollArea(this);
    cellScroll->setWidget(m_cellGrid);
    cellScroll->setWidgetResizable(false);
    cellScroll->setMinimumHeight(64);
    cellScroll->setFrameShape(QFrame::NoFrame);
    confusionLayout->addWidget(cellScroll, 1);
    connect(m_table, &QTableWidget::cellClicked, this, &InspectView::showCell);

    // (3) Adversarial example.
    auto* fgsmBox = group(tr("How a tiny change fools it"), this);
    auto* fgsmLayout = new QGridLayout(fgsmBox);
    auto* fgsmIntro = new QLabel(tr("Fast gradient sign: x' = clip(x + ε·sgn(∇<sub>x</sub>C), 0, 1) — every pixel moves "
                                    "by ε in the direction that raises the cost C."),
                                 this);
    fgsmIntro->setWordWrap(true);
    fgsmLayout->addWidget(fgsmIntro, 0, 0, 1, 2);
    auto* indexRow = new QHBoxLayout;
    indexRow->addWidget(new QLabel(tr("Test digit:"), this));
    m_index->setObjectName(QStringLiteral("testDigitSpin"));
    m_index->setRange(0, 9999);
    m_index->setToolTip(tr("Which of the 10,000 test images is x"));
    indexRow->addWidget(m_index);
    indexRow->addStretch(1);
    fgsmLayout->addLayout(indexRow, 1, 0, 1, 2);
    auto* epsilonRow = new QHBoxLayout;
    m_epsilon->setRange(0, kEpsilonSteps);
    m_epsilon->setValue(100);
    m_epsilon->setToolTip(tr("ε, how far each pixel x<sub>k</sub> may move (pixels are in [0, 1])"));
    epsilonRow->addWidget(m_epsilon, 1);
    m_epsilonLabel->setMinimumWidth(m_epsilonLabel->fontMetrics().horizontalAdvance(QStringLiteral("ε = 0.300")));
    epsilonRow->addWidget(m_epsilonLabel);
    fgsmLayout->addLayout(epsilonRow, 2, 0, 1, 2);
    fgsmLayout->addWidget(new QLabel(tr("original x"), this), 3, 0, Qt::AlignHCenter);
    fgsmLayout->addWidget(new QLabel(tr("perturbed x'"), this), 3, 1, Qt::AlignHCenter);
    fgsmLayout->addWidget(m_originalImage, 4, 0, Qt::AlignHCenter);
    fgsmLayout->addWidget(m_perturbedImage, 4, 1, Qt::AlignHCenter);
    for (QLabel* text : {m_originalText, m_perturbedText}) {
        text->setTextFormat(Qt::RichText);
        text->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        text->setMinimumWidth(120);
    }
    m_originalText->setToolTip(tr("The network's outputs a<sup>L</sup> for x: its answer and the runner-up"));
    m_perturbedText->setToolTip(tr("The network's outputs a<sup>L</sup> for x'"));
    fgsmLayout->addWidget(m_originalText, 5, 0);
    fgsmLayout->addWidget(m_perturbedText, 5, 1);
    fgsmLayout->setRowStretch(6, 1);
    const auto update = [this] { updateAdversarial(); };
    connect(m_index, &QSpinBox::valueChanged, this, update);
    connect(m_epsilon, &QSlider::valueChanged, this, update);

    // (4) Every mistake with its two most likely classes; a click takes it to the FGSM panel.
    auto* mistakesBox = group(tr("Every test digit it gets wrong"), this);
    auto* mistakesLayout = new QVBoxLayout(mistakesBox);
    mistakesLayout->addWidget(m_mistakes);
    connect(m_mistakes, &MisclassifiedGallery::digitChosen, m_index, &QSpinBox::setValue);

    // (5) Changing a neuron by hand: the tile clicked above is the neuron changed.
    connect(m_fields, &MapGridWidget::tileClicked, m_editor, &NeuronEditPanel::selectNeuron);
    connect(m_editor, &NeuronEditPanel::neuronChosen, m_fields, &MapGridWidget::setHighlighted);
    connect(m_editor, &NeuronEditPanel::networkEdited, this,
            [this](std::shared_ptr<const nnlab::Network> net) { showNetwork(std::move(net), true); });

    auto* left = new QVBoxLayout;
    left->addWidget(fieldsBox);
    left->addWidget(m_editor);
    left->addWidget(fgsmBox, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(confusionBox, 3);
    right->addWidget(mistakesBox, 2);
    // The four panels scroll when the window is smaller than they are (1024×640): the header and
    // the network's choice stay in sight.
    auto* panelsPage = new QWidget;
    auto* panels = new QHBoxLayout(panelsPage);
    panels->setContentsMargins(0, 0, 0, 0);
    panels->addLayout(left);
    panels->addLayout(right, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addLayout(modelRow);
    layout->addWidget(m_baselines);
    layout->addWidget(scrollPage(panelsPage, this), 1);

    connect(m_selector, &ModelSourceSelector::networkChanged, this,
            [this](std::shared_ptr<const nnlab::Network> net, const QString& description) {
                setNetwork(std::move(net), description);
            });
    connect(m_loader, &DatasetLoader::loaded, this, [this](nnlab::DatasetKind kind) {
        if (kind == nnlab::DatasetKind::Mnist) {
            m_baselinesStarted = false;   // a new folder's MNIST: its own baselines
            datasetReady();
        }
    });
    if (auto net = m_selector->network())
        setNetwork(net, m_selector->description());
    updateAdversarial();
    if (m_loader->split(nnlab::DatasetKind::Mnist))
        datasetReady();

    // The "Train view" source follows the run epoch by epoch (receptive fields and the confusion
    // matrix as the network learns), then takes the final network.
    if (live) {
        const auto follow = [this](std::shared_ptr<const nnlab::Network> net) { m_selector->setLiveNetwork(std::move(net)); };
        connect(live, &LiveNetwork::epochFinished, this, follow);
        connect(live, &LiveNetwork::finished, this, follow);
    }
}

void InspectView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_loader->split(nnlab::DatasetKind::Mnist))
        m_loader->load(nnlab::DatasetKind::Mnist);
}

void InspectView::setNetwork(std::shared_ptr<const nnlab::Network> net, const QString& description)
{
    m_trained = net;
    m_description = description;
    m_trainedPredicted.clear();
    m_trainedAccuracy.reset();
    m_editor->setNetwork(m_trained);
    m_fields->setHighlighted(m_editor->edits() ? m_editor->neuron() : -1);
    showNetwork(std::move(net), false);
}

void InspectView::showNetwork(std::shared_ptr<const nnlab::Network> net, bool edited)
{
    m_net = std::move(net);
    m_status->setText(!m_net ? tr("no network yet")
                             : edited ? tr("classifying the test set with the changes…")
                                      : tr("classifying the test set…"));
    if (!edited) {
        m_galleryNet = m_net;
        if (m_net)
            m_mistakes->setNetwork(m_net);
        else
            m_mistakes->showMessage(tr("No network yet."));
    }
    showFields();
    recompute(edited);
    updateAdversarial();
    if (m_editedNetwork)
        m_editedNetwork->publish(m_net, m_net && m_net != m_trained
                                            ? tr("%1, changed in Inspect: %2").arg(m_description, m_editor->changesText())
                                            : tr("%1, as in Inspect").arg(m_description));
}

void InspectView::datasetReady()
{
    m_mistakes->setTestSet(m_loader->split(nnlab::DatasetKind::Mnist));
    computeBaselines();
    recompute();
    updateAdversarial();
}

void InspectView::showFields()
{
    // The editor's weights are the network shown's (or a few milliseconds ahead of it, while a
    // slider is dragged): one home for w'_j.
    const nnlab::NeuronEdits* edits = m_editor->edits();
    const bool image = edits && (edits->isConvolution() || edits->weightCount() == 784);
    if (!image) {
        m_fields->setMaps({}, 10, MapGridWidget::Colouring::Signed, 24);
        m_fields->setCrossedOut({});
        m_fieldsNote->setText(m_net ? tr("The first layer is neither a convolution nor fully connected to the 784 "
                                         "pixels, so its neurons have no weight image.")
                                    : QString());
        return;
    }
    const int count = std::min(kMaxFields, edits->neuronCount());
    std::vector<Eigen::MatrixXf> maps;
    maps.reserve(count);
    for (int j = 0; j < count; ++j)
        maps.push_back(edits->weightImage(j));
    // 28 × 28 weights at 24 screen pixels, ten to a row; a 5 × 5 kernel at 36, seven to a row: the
    // same width, which Inspect's left column has at 1024 pixels.
    const bool kernels = edits->isConvolution();
    m_fields->setMaps(std::move(maps), kernels ? 7 : 10, MapGridWidget::Colouring::Signed, kernels ? 36 : 24);
    std::vector<int> silenced;
    for (int j : edits->changedNeurons())
        if (edits->change(j).silenced)
            silenced.push_back(j);
    m_fields->setCrossedOut(std::move(silenced));
    if (edits->isConvolution())
        m_fieldsNote->setText(tr("The %1 filters of the first convolution (%2 × %2 kernels): its \"neurons\" here.")
                                  .arg(edits->neuronCount())
                                  .arg(edits->imageCols()));
    else
        m_fieldsNote->setText(edits->neuronCount() > count
                                  ? tr("The first %1 of %2 hidden neurons.").arg(count).arg(edits->neuronCount())
                                  : tr("All %1 hidden neurons of the first layer.").arg(count));
    m_fields->updateGeometry();
}

void InspectView::recompute(bool edited)
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true);   // the older network's classification is no longer wanted
    m_confusion.reset();
    m_predicted.clear();
    if (edited && m_table->item(0, 0)) {
        // A change by hand: the old counts stay in sight, greyed, until the new ones are ready.
        m_table->setEnabled(false);
    } else {
        m_table->setEnabled(true);
        m_cellExamples.clear();
        m_shownLabel = m_shownPrediction = -1;
        m_cellGrid->setMaps({}, 15, MapGridWidget::Colouring::Intensity, 28);
        m_cellGrid->adjustSize();
        m_cellLabel->setText(tr("Click a cell to see its test digits."));
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c)
                m_table->setItem(r, c, new QTableWidgetItem);
    }
    showAccuracy();
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!m_net || !split || !nnlab::fitProblem(*m_net, split->test).empty())
        return;
    if (m_net == m_trained && !m_trainedPredicted.empty()) {
        classified(m_trainedPredicted, edited);   // Reset all: the trained network's, known already
        return;
    }
    const int generation = m_generation;
    auto net = m_net;
    auto cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_jobs->run<std::vector<int>>([net, split, cancel] { return nnlab::predictClasses(*net, split->test, cancel.get()); },
                                  [this, generation, edited](std::vector<int>& predicted) {
                                      if (generation != m_generation)
                                          return;   // superseded (and cancelled) by a newer network
                                      classified(std::move(predicted), edited);
                                  });
}

void InspectView::classified(std::vector<int> predicted, bool edited)
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split)
        return;
    m_predicted = std::move(predicted);
    m_confusion = nnlab::confusionMatrix(m_predicted, split->test);
    if (m_net == m_trained) {
        m_trainedPredicted = m_predicted;
        m_trainedAccuracy = m_confusion->accuracy();
    }
    m_table->setEnabled(true);
    fillTable(edited);
    showAccuracy();
    // The gallery of mistakes classifies the set again on its own: once per result, not per
    // stroke of the brush.
    if (m_galleryNet != m_net) {
        m_galleryNet = m_net;
        m_mistakes->setNetwork(m_net);
    }
    qInfo("inspect: confusion matrix ready, %d of %d right", m_confusion->correct(), m_confusion->total());
    // Where the neuron editor's parts are on the screen, for scripts/screenshots' clicks.
    if (m_fields->mapCount() > 0 && isVisible()) {
        const QPoint tile = m_fields->mapToGlobal(m_fields->tileRect(0).center());
        const QPoint next = m_fields->mapToGlobal(m_fields->tileRect(1).center());
        const QPoint silence = m_editor->silenceBox()->mapToGlobal(QPoint(8, m_editor->silenceBox()->height() / 2));
        const QPoint negate = m_editor->negateBox()->mapToGlobal(QPoint(8, m_editor->negateBox()->height() / 2));
        const QPoint painter = m_editor->painter()->mapToGlobal(QPoint(0, 0));
        qInfo("inspect: tile 0 at %d,%d, step %d; silence at %d,%d; negate at %d,%d; painter at %d,%d", tile.x(),
              tile.y(), next.x() - tile.x(), silence.x(), silence.y(), negate.x(), negate.y(), painter.x(), painter.y());
    }
}

void InspectView::showAccuracy()
{
    const auto percent = [](double accuracy) { return QStringLiteral("%1%").arg(100.0 * accuracy, 0, 'f', 2); };
    if (!m_trained) {
        m_editor->showAccuracy({});
        return;
    }
    const QString before = m_trainedAccuracy ? percent(*m_trainedAccuracy) : QStringLiteral("…");
    if (m_net == m_trained) {
        m_editor->showAccuracy(m_trainedAccuracy ? tr("Test accuracy: <b>%1</b>, the trained weights'").arg(before)
                                                 : tr("Test accuracy: computing…"));
        return;
    }
    if (!m_confusion) {
        m_editor->showAccuracy(tr("Test accuracy: %1 → computing…").arg(before));
        return;
    }
    const double after = m_confusion->accuracy();
    QString change;
    if (m_trainedAccuracy) {
        const double points = 100.0 * (after - *m_trainedAccuracy);
        // U+2212, the minus sign, as the book prints it; "±0.00" when nothing changed.
        const QString sign = points > 0.0 ? QStringLiteral("+") : points < 0.0 ? QStringLiteral("−") : QStringLiteral("±");
        const QColor colour = points < 0.0 ? palette::failure : points > 0.0 ? palette::success : palette::secondaryText;
        change = QStringLiteral(" ") +
                 palette::coloured(QStringLiteral("(%1%2)").arg(sign).arg(std::abs(points), 0, 'f', 2), colour);
    }
    m_editor->showAccuracy(tr("Test accuracy: %1 → <b>%2</b>%3").arg(before, percent(after), change));
}

void InspectView::fillTable(bool keepCell)
{
    if (!m_confusion)
        return;
    int largestOff = 1;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            if (r != c)
                largestOff = std::max(largestOff, m_confusion->counts[r][c]);
    for (int r = 0; r < 10; ++r) {
        for (int c = 0; c < 10; ++c) {
            const int n = m_confusion->counts[r][c];
            auto* item = new QTableWidgetItem(QString::number(n));
            item->setTextAlignment(Qt::AlignCenter);
            if (r == c) {
                item->setBackground(palette::confusionCorrect);
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            } else if (n > 0) {
                item->setBackground(palette::confusionMistake(n, largestOff));
            }
            item->setToolTip(tr("%1 test digits with label y = %2 that the network calls %3").arg(n).arg(r).arg(c));
            m_table->setItem(r, c, item);
        }
    }
    m_status->setText(tr("%L1 of %L2 test digits right (%3%)")
                          .arg(m_confusion->correct())
                          .arg(m_confusion->total())
                          .arg(100.0 * m_confusion->accuracy(), 0, 'f', 2));
    // After a change by hand, the same cell, to compare; else start with the worst confusion, so
    // the gallery shows something telling.
    if (keepCell && m_shownLabel >= 0) {
        showCell(m_shownLabel, m_shownPrediction);
        return;
    }
    int bestR = 0, bestC = 1;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            if (r != c && m_confusion->counts[r][c] > m_confusion->counts[bestR][bestC]) {
                bestR = r;
                bestC = c;
            }
    showCell(bestR, bestC);
}

void InspectView::showCell(int label, int prediction)
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!m_confusion || !split || label < 0 || label > 9 || prediction < 0 || prediction > 9)
        return;
    m_table->setCurrentCell(label, prediction);
    m_shownLabel = label;
    m_shownPrediction = prediction;
    m_cellExamples = nnlab::examplesIn(m_predicted, split->test, label, prediction);
    const int shown = std::min<int>(kMaxCellDigits, int(m_cellExamples.size()));
    std::vector<Eigen::MatrixXf> maps;
    maps.reserve(shown);
    for (int i = 0; i < shown; ++i)
        maps.push_back(asImage(split->test.images.col(m_cellExamples[i])));
    m_cellGrid->setMaps(std::move(maps), 15, MapGridWidget::Colouring::Intensity, 28);
    m_cellGrid->adjustSize();
    const int n = int(m_cellExamples.size());
    QString text = label == prediction ? tr("%1 test digits %2, read right").arg(n).arg(label)
                                       : tr("%1 test digits %2 that the network reads as %3").arg(n).arg(label).arg(prediction);
    if (n > shown)
        text += tr(" (the first %1 shown)").arg(shown);
    m_cellLabel->setText(text + QStringLiteral(":"));
    if (n == 0)
        m_cellLabel->setText(tr("No test digit %1 is read as %2.").arg(label).arg(prediction));
}

void InspectView::setAdversarial(int testIndex, double epsilon)
{
    const QSignalBlocker blockIndex(m_index);
    const QSignalBlocker blockEpsilon(m_epsilon);
    m_index->setValue(testIndex);
    m_epsilon->setValue(int(std::lround(epsilon * 1000.0)));
    updateAdversarial();
}

void InspectView::updateAdversarial()
{
    const double epsilon = m_epsilon->value() / 1000.0;
    m_epsilonLabel->setText(QStringLiteral("ε = %1").arg(epsilon, 0, 'f', 3));
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    m_originalPrediction = m_perturbedPrediction = -1;
    if (!m_net || !split || !nnlab::fitProblem(*m_net, split->test).empty()) {
        m_originalImage->setMaps({}, 1, MapGridWidget::Colouring::Intensity, 98);
        m_perturbedImage->setMaps({}, 1, MapGridWidget::Colouring::Intensity, 98);
        m_originalText->setText(split ? tr("no network yet") : tr("waiting for MNIST…"));
        m_perturbedText->clear();
        return;
    }
    const int index = std::min(m_index->value(), split->test.size() - 1);
    const Eigen::VectorXf x = split->test.images.col(index);
    const int label = split->test.labels[index];
    const nnlab::AdversarialExample adv = nnlab::fastGradientSign(*m_net, x, label, float(epsilon));
    Eigen::Index o = 0, p = 0;
    adv.originalOutputs.maxCoeff(&o);
    adv.outputs.maxCoeff(&p);
    m_originalPrediction = int(o);
    m_perturbedPrediction = int(p);
    m_originalTrueProbability = adv.originalOutputs[label];
    m_perturbedTrueProbability = adv.outputs[label];
    m_originalImage->setMaps({asImage(x)}, 1, MapGridWidget::Colouring::Intensity, 98);
    m_perturbedImage->setMaps({asImage(adv.image)}, 1, MapGridWidget::Colouring::Intensity, 98);
    m_originalText->setText(tr("label y = %1<br>").arg(label) + topTwo(adv.originalOutputs, label));
    QString fooled = m_perturbedPrediction != label && m_originalPrediction == label
                         ? "<br>" + palette::coloured(tr("<b>fooled</b>"), palette::fooledText)
                         : QString();
    m_perturbedText->setText(tr("max |x'<sub>k</sub> − x<sub>k</sub>| = %1<br>")
                                 .arg((adv.image - x).cwiseAbs().maxCoeff(), 0, 'f', 3) +
                             topTwo(adv.outputs, label) + fooled);
}

QString InspectView::baselinesText() const { return m_baselines->text(); }

void InspectView::computeBaselines()
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (m_baselinesStarted || !split)
        return;
    m_baselinesStarted = true;
    m_baselines->setText(tr("Chapter 1's baselines: computing…"));
    struct Baselines {
        double random = 0.0;
        double darkness = 0.0;
    };
    m_jobs->run<Baselines>(
        [split] {
            Baselines b;
            b.random = nnlab::randomGuessAccuracy(split->test, 1);
            b.darkness = nnlab::accuracy(nnlab::fitAverageDarkness(split->training), split->test);
            return b;
        },
        [this](Baselines& b) {
            m_baselines->setText(tr("Chapter 1's baselines on the test set: random guessing %1%, average darkness "
                                    "%2% — the accuracy above is what the network adds.")
                                     .arg(100.0 * b.random, 0, 'f', 2)
                                     .arg(100.0 * b.darkness, 0, 'f', 2));
        });
}
