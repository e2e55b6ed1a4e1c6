#include "ui/data/data_browser_view.h"

#include "ui/bridge/dataset_loader.h"
#include "ui/common/data_error_panel.h"
#include "ui/common/digit_image.h"
#include "ui/data/digit_grid_widget.h"
#include "ui/data/digit_zoom_widget.h"
#include "ui/data/label_histogram_plot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

using nnlab::DatasetKind;

DataBrowserView::DataBrowserView(DatasetLoader* loader, DatasetKind kind, QWidget* parent)
    : QWidget(parent), m_loader(loader ? loader : new DatasetLoader(this)), m_kind(kind)
{
    setObjectName("dataBrowser");

    m_header = new QLabel(this);
    m_header->setObjectName("headerLabel");
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);

    m_stack = new QStackedWidget(this);
    m_loadingPanel = createLoadingPanel();
    m_errorPanel = new DataErrorPanel(this);
    m_browserPanel = createBrowserPanel();
    m_stack->addWidget(m_loadingPanel);
    m_stack->addWidget(m_errorPanel);
    m_stack->addWidget(m_browserPanel);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(createControls());
    layout->addWidget(m_stack, 1);

    connect(m_errorPanel, &DataErrorPanel::retryClicked, this, [this] {
        m_loader->load(m_kind);
        showDataset();
    });
    connect(m_loader, &DatasetLoader::loaded, this,
            [this](DatasetKind kind, const QString& dir, double seconds) {
                emit statusChanged(tr("Loaded %1 from %2 in %3 s")
                                       .arg(displayName(kind), dir)
                                       .arg(seconds, 0, 'f', 1));
                if (kind == m_kind)
                    showDataset();
            });
    // A failure is not cached (Retry must try again), so the panel keeps the message.
    connect(m_loader, &DatasetLoader::failed, this, [this](DatasetKind kind, const QString& message) {
        if (kind != m_kind)
            return;
        m_errorPanel->setError(tr("Could not load %1").arg(datasetTitle()), message);
        showDataset();
    });

    // PgUp/PgDn turn pages wherever the focus is inside the view.
    auto* previousPage = new QShortcut(QKeySequence::MoveToPreviousPage, this);
    auto* nextPage = new QShortcut(QKeySequence::MoveToNextPage, this);
    previousPage->setContext(Qt::WidgetWithChildrenShortcut);
    nextPage->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previousPage, &QShortcut::activated, this, [this] { setPage(m_page - 1); });
    connect(nextPage, &QShortcut::activated, this, [this] { setPage(m_page + 1); });

    m_loader->load(m_kind);
    showDataset();
}

QWidget* DataBrowserView::createControls()
{
    auto* controls = new QWidget(this);

    m_datasetCombo = new QComboBox(controls);
    m_datasetCombo->setObjectName("datasetCombo");
    m_datasetCombo->addItem(displayName(DatasetKind::Mnist), QVariant::fromValue(static_cast<int>(DatasetKind::Mnist)));
    m_datasetCombo->addItem(displayName(DatasetKind::Fashion),
                            QVariant::fromValue(static_cast<int>(DatasetKind::Fashion)));
    m_datasetCombo->setCurrentIndex(m_kind == DatasetKind::Mnist ? 0 : 1);
    m_datasetCombo->setToolTip(
        tr("Which images to browse: MNIST's handwritten digits (the book's data) or "
           "Fashion-MNIST's clothes, a harder drop-in replacement with the same shape"));

    m_setCombo = new QComboBox(controls);
    m_setCombo->setObjectName("setCombo");
    m_setCombo->addItems({tr("Training"), tr("Validation"), tr("Test")});
    m_setCombo->setToolTip(
        tr("The book's split: networks learn from the training set, hyper-parameters are "
           "chosen on the validation set, and the final score is measured on the test set"));

    m_previous = new QPushButton(tr("◀ Previous"), controls);
    m_previous->setObjectName("previousButton");
    m_previous->setToolTip(tr("Previous page of %1 images (PgUp)").arg(digitsPerPage));
    m_next = new QPushButton(tr("Next ▶"), controls);
    m_next->setObjectName("nextButton");
    m_next->setToolTip(tr("Next page of %1 images (PgDn)").arg(digitsPerPage));

    m_pageSpin = new QSpinBox(controls);
    m_pageSpin->setObjectName("pageSpin");
    m_pageSpin->setPrefix(tr("page "));
    m_pageSpin->setRange(1, 1);
    m_pageSpin->setKeyboardTracking(false);  // jump when the number is typed, not per keystroke
    m_pageSpin->setToolTip(tr("Type a page number to jump to it; PgUp/PgDn turn pages"));
    m_pageSpin->setMinimumWidth(m_pageSpin->fontMetrics().horizontalAdvance("page 000 of 000") + 40);

    auto* layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("&Dataset:"), controls));
    layout->addWidget(m_datasetCombo);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("&Set:"), controls));
    layout->addWidget(m_setCombo);
    layout->addStretch();
    layout->addWidget(m_previous);
    layout->addWidget(m_pageSpin);
    layout->addWidget(m_next);
    // Buddies make the &-shortcuts on the labels focus their combo boxes.
    static_cast<QLabel*>(layout->itemAt(0)->widget())->setBuddy(m_datasetCombo);
    static_cast<QLabel*>(layout->itemAt(3)->widget())->setBuddy(m_setCombo);

    connect(m_datasetCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        setDatasetKind(static_cast<DatasetKind>(m_datasetCombo->itemData(index).toInt()));
    });
    connect(m_setCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setSubset(static_cast<Subset>(index)); });
    connect(m_previous, &QPushButton::clicked, this, [this] { setPage(m_page - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { setPage(m_page + 1); });
    connect(m_pageSpin, &QSpinBox::valueChanged, this, &DataBrowserView::setPage);
    return controls;
}

QWidget* DataBrowserView::createBrowserPanel()
{
    auto* panel = new QWidget(this);
    m_grid = new DigitGridWidget(panel);
    m_grid->setObjectName("digitGrid");
    m_zoom = new DigitZoomWidget(panel);
    m_zoom->setObjectName("digitZoom");
    m_histogram = new LabelHistogramPlot(panel);
    m_histogram->setObjectName("labelHistogram");
    m_histogram->setMinimumSize(300, 220);

    auto* side = new QVBoxLayout;
    side->addWidget(m_zoom);
    side->addSpacing(8);
    side->addWidget(m_histogram, 1);

    auto* layout = new QHBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_grid, 1);
    layout->addSpacing(8);
    layout->addLayout(side);

    connect(m_grid, &DigitGridWidget::digitClicked, this, &DataBrowserView::showDigit);
    return panel;
}

QWidget* DataBrowserView::createLoadingPanel()
{
    auto* panel = new QWidget(this);
    m_loadingLabel = new QLabel(panel);
    m_loadingLabel->setObjectName("loadingLabel");
    m_loadingLabel->setAlignment(Qt::AlignCenter);
    auto* busy = new QProgressBar(panel);
    busy->setRange(0, 0);  // indeterminate: the loader reports no progress
    busy->setMaximumWidth(240);
    busy->setTextVisible(false);

    auto* layout = new QVBoxLayout(panel);
    layout->addStretch();
    layout->addWidget(m_loadingLabel);
    layout->addWidget(busy, 0, Qt::AlignHCenter);
    layout->addStretch();
    return panel;
}

void DataBrowserView::setDataDir(const std::optional<std::filesystem::path>& dir)
{
    m_loader->setDataDir(dir);
    m_loader->load(m_kind);
    showDataset();
}

void DataBrowserView::setDatasetKind(DatasetKind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    {
        const QSignalBlocker blocker(m_datasetCombo);
        m_datasetCombo->setCurrentIndex(kind == DatasetKind::Mnist ? 0 : 1);
    }
    m_page = 1;
    m_loader->load(m_kind);
    showDataset();
}

void DataBrowserView::setSubset(Subset subset)
{
    if (subset == m_subset)
        return;
    m_subset = subset;
    {
        const QSignalBlocker blocker(m_setCombo);
        m_setCombo->setCurrentIndex(static_cast<int>(subset));
    }
    m_page = 1;  // indices start again in each set
    if (m_split) {
        showPage();
        showHistogram();
    }
    updateHeader();
}

void DataBrowserView::setPage(int page)
{
    page = std::clamp(page, 1, pageCount());
    if (page == m_page && m_pageSpin->value() == page)
        return;
    m_page = page;
    if (m_split)
        showPage();
}

int DataBrowserView::pageCount() const
{
    const nnlab::Dataset* set = currentSet();
    if (!set)
        return 1;
    return std::max(1, (set->size() + digitsPerPage - 1) / digitsPerPage);
}

bool DataBrowserView::isShowingData() const
{
    return m_stack->currentWidget() == m_browserPanel;
}

void DataBrowserView::showDataset()
{
    m_split = m_loader->split(m_kind);
    const bool ready = m_split != nullptr;
    for (QWidget* w : {static_cast<QWidget*>(m_setCombo), static_cast<QWidget*>(m_previous),
                       static_cast<QWidget*>(m_next), static_cast<QWidget*>(m_pageSpin)})
        w->setEnabled(ready);
    updateHeader();

    if (ready) {
        m_stack->setCurrentWidget(m_browserPanel);
        showPage();
        showHistogram();
    } else if (m_loader->isLoading(m_kind)) {
        m_loadingLabel->setText(tr("Loading %1…").arg(datasetTitle()));
        m_stack->setCurrentWidget(m_loadingPanel);
        emit statusChanged(tr("Loading %1…").arg(datasetTitle()));
    } else {
        m_stack->setCurrentWidget(m_errorPanel);
        emit statusChanged(tr("Could not load %1").arg(datasetTitle()));
    }
}

void DataBrowserView::showPage()
{
    const nnlab::Dataset* set = currentSet();
    m_page = std::clamp(m_page, 1, pageCount());
    const int first = (m_page - 1) * digitsPerPage;
    const int count = std::min(digitsPerPage, set->size() - first);

    QVector<DigitGridWidget::Digit> digits;
    digits.reserve(count);
    for (int index = first; index < first + count; ++index) {
        const int label = set->labels[index];
        digits.append({digitImage(*set, index), index, className(label),
                       tr("%1 image #%L2 — label: %3").arg(subsetName()).arg(index).arg(className(label))});
    }
    m_grid->setDigits(digits);

    {
        const QSignalBlocker blocker(m_pageSpin);
        m_pageSpin->setRange(1, pageCount());
        m_pageSpin->setSuffix(tr(" of %L1").arg(pageCount()));
        m_pageSpin->setValue(m_page);
    }
    m_previous->setEnabled(m_page > 1);
    m_next->setEnabled(m_page < pageCount());

    // Keep the large view in step with the page: it shows the page's first image until clicked.
    m_grid->setSelectedCell(count > 0 ? 0 : -1);
    showDigit(count > 0 ? 0 : -1);
}

void DataBrowserView::showHistogram()
{
    const nnlab::Dataset* set = currentSet();
    const std::vector<std::string> names = nnlab::classNames(m_kind);
    QVector<double> counts(static_cast<int>(names.size()), 0.0);
    for (const std::uint8_t label : set->labels) {
        if (label < counts.size())
            counts[label] += 1;
    }
    QStringList classes;
    for (const std::string& name : names)
        classes << QString::fromStdString(name);
    m_histogram->setCounts(counts, classes, tr("%1 set").arg(subsetName().toLower()));
}

void DataBrowserView::showDigit(int cell)
{
    if (cell < 0 || cell >= m_grid->digitCount()) {
        m_zoom->clear();
        return;
    }
    const DigitGridWidget::Digit& d = m_grid->digit(cell);
    m_zoom->setDigit(d.image, d.caption,
                     tr("%1 image #%L2 of %L3").arg(subsetName()).arg(d.index).arg(currentSet()->size()));
}

void DataBrowserView::updateHeader()
{
    const nnlab::Dataset* training = m_split ? &m_split->training : nullptr;
    // The book's numbers until the data says otherwise.
    const int nTraining = training ? m_split->training.size() : 50000;
    const int nValidation = training ? m_split->validation.size() : 10000;
    const int nTest = training ? m_split->test.size() : 10000;
    const QString counts = tr("%L1 training, %L2 validation, %L3 test images")
                               .arg(nTraining).arg(nValidation).arg(nTest);
    if (m_kind == DatasetKind::Mnist) {
        m_header->setText(tr("<b>The data</b> — MNIST's handwritten digits as the book splits "
                             "them: %1 (chapter 1). Click a digit to see it large.")
                              .arg(counts));
    } else {
        m_header->setText(tr("<b>The data</b> — Fashion-MNIST's pictures of clothes, split the "
                             "same way: %1. Not in the book: a harder drop-in for MNIST, "
                             "same 28×28 shape, ten classes.")
                              .arg(counts));
    }
}

const nnlab::Dataset* DataBrowserView::currentSet() const
{
    if (!m_split)
        return nullptr;
    switch (m_subset) {
    case Subset::Training: return &m_split->training;
    case Subset::Validation: return &m_split->validation;
    case Subset::Test: return &m_split->test;
    }
    return nullptr;
}

QString DataBrowserView::datasetTitle() const
{
    return displayName(m_kind);
}

QString DataBrowserView::displayName(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? tr("MNIST") : tr("Fashion-MNIST");
}

QString DataBrowserView::subsetName() const
{
    switch (m_subset) {
    case Subset::Training: return tr("Training");
    case Subset::Validation: return tr("Validation");
    case Subset::Test: return tr("Test");
    }
    return {};
}

QString DataBrowserView::className(int label) const
{
    const std::vector<std::string> names = nnlab::classNames(m_kind);
    if (label >= 0 && label < static_cast<int>(names.size()))
        return QString::fromStdString(names[label]);
    return QString::number(label);
}
