// misclassified_gallery.h — the MNIST test digits the current network gets wrong.
//
// Classifying the 10,000 test digits takes a noticeable fraction of a second, so it runs off the
// GUI thread; a newer network supersedes a job still running (its result is dropped). Each
// thumbnail says "label → prediction" and the two most likely classes with their probabilities;
// clicking one emits digitChosen(index).
#pragma once

#include "core/data/dataset.h"
#include "core/inspect/mistakes.h"
#include "core/nn/network.h"

#include <QWidget>

#include <memory>

class BackgroundJobs;
class QLabel;
class QListWidget;

class MisclassifiedGallery : public QWidget {
    Q_OBJECT

public:
    static constexpr int maxShown = 400;   // thumbnails; the count line gives the whole number

    explicit MisclassifiedGallery(QWidget* parent = nullptr);

    void setTestSet(std::shared_ptr<const nnlab::DataSplit> data);
    const std::shared_ptr<const nnlab::DataSplit>& testSet() const { return m_data; }
    void setNetwork(std::shared_ptr<const nnlab::Network> network);
    // Shown instead of the thumbnails (no data, no model).
    void showMessage(const QString& message);

    bool isBusy() const { return m_busy; }
    int wrongCount() const { return m_wrong; }   // -1 until a result is in
    int shownCount() const;
    int indexAt(int row) const;                  // test-set index of thumbnail `row`
    QString textAt(int row) const;               // its caption
    QString headline() const;

signals:
    void digitChosen(int testIndex);
    void finished(int wrong, int total);

private:
    void start();
    void show(const std::vector<nnlab::Mistake>& mistakes, int generation);

    std::shared_ptr<const nnlab::DataSplit> m_data;
    std::shared_ptr<const nnlab::Network> m_network;
    BackgroundJobs* m_jobs;
    QLabel* m_headline;
    QListWidget* m_list;
    int m_generation = 0;
    bool m_busy = false;
    int m_wrong = -1;
};
