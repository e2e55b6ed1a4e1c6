// data_browser_view.h — the "Data" view: the images the networks learn from, a page at a time,
// with one digit large and the class counts of the selected set (chapter 1's MNIST split).
#pragma once

#include "core/data/dataset.h"

#include <QWidget>

#include <filesystem>
#include <memory>
#include <optional>

class DataErrorPanel;
class DatasetLoader;
class DigitGridWidget;
class DigitZoomWidget;
class LabelHistogramPlot;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QStackedWidget;

class DataBrowserView : public QWidget {
    Q_OBJECT

public:
    enum class Subset { Training, Validation, Test };
    static constexpr int digitsPerPage = 100;

    // Shows what `loader` loads (null: a loader of its own, looking in the usual places).
    explicit DataBrowserView(DatasetLoader* loader = nullptr, nnlab::DatasetKind kind = nnlab::DatasetKind::Mnist,
                             QWidget* parent = nullptr);

    // Looks for data in `dir` from now on (empty: the usual search) and reloads.
    void setDataDir(const std::optional<std::filesystem::path>& dir);

    void setDatasetKind(nnlab::DatasetKind kind);
    nnlab::DatasetKind datasetKind() const { return m_kind; }
    void setSubset(Subset subset);
    Subset subset() const { return m_subset; }
    void setPage(int page);  // 1-based, clamped
    int page() const { return m_page; }
    int pageCount() const;

    // True once the current dataset is on screen (not loading, no error).
    bool isShowingData() const;

    DigitGridWidget* grid() const { return m_grid; }
    DigitZoomWidget* zoom() const { return m_zoom; }
    LabelHistogramPlot* histogram() const { return m_histogram; }
    DataErrorPanel* errorPanel() const { return m_errorPanel; }
    DatasetLoader* loader() const { return m_loader; }   // shared with other views' data needs

signals:
    void statusChanged(const QString& message);

private:
    QWidget* createControls();
    QWidget* createBrowserPanel();
    QWidget* createLoadingPanel();

    void showDataset();  // the current kind: cached, loading or failed
    void showPage();
    void showHistogram();
    void showDigit(int cell);
    void updateHeader();

    const nnlab::Dataset* currentSet() const;
    QString datasetTitle() const;
    static QString displayName(nnlab::DatasetKind kind);
    QString subsetName() const;
    QString className(int label) const;

    DatasetLoader* m_loader;
    std::shared_ptr<const nnlab::DataSplit> m_split;  // what is on screen; null while loading
    nnlab::DatasetKind m_kind;
    Subset m_subset = Subset::Training;
    int m_page = 1;

    QLabel* m_header = nullptr;
    QComboBox* m_datasetCombo = nullptr;
    QComboBox* m_setCombo = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QSpinBox* m_pageSpin = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_loadingLabel = nullptr;
    QWidget* m_loadingPanel = nullptr;
    DataErrorPanel* m_errorPanel = nullptr;
    QWidget* m_browserPanel = nullptr;
    DigitGridWidget* m_grid = nullptr;
    DigitZoomWidget* m_zoom = nullptr;
    LabelHistogramPlot* m_histogram = nullptr;
};
