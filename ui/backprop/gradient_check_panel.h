// gradient_check_panel.h — chapter 2's argument for backpropagation, measured: every ∂C/∂w and
// ∂C/∂b of a network from one backprop pass, against centred finite differences that need two
// forward passes per parameter. A table per layer (relative error, times, ratio) and the book's
// point in one line.
//
// The check runs on a thread of its own (784-30-10: 23,860 parameters, 47,720 forward passes) on a
// copy of the network; progress is read from atomics by a timer, Cancel sets an atomic flag.
#pragma once

#include "core/backprop/backprop_trace.h"
#include "core/backprop/gradient_timing.h"
#include "core/nn/network.h"

#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class BackgroundJobs;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTimer;

class GradientCheckPanel : public QWidget {
    Q_OBJECT

public:
    // What to check: a network and one example (x, y).
    struct Example {
        std::shared_ptr<const nnlab::Network> net;
        Eigen::VectorXf x, y;
        QString description;
    };
    using Source = std::function<std::optional<Example>()>;

    explicit GradientCheckPanel(QWidget* parent = nullptr);
    ~GradientCheckPanel() override;   // cancels a check in flight and waits for its thread

    void addSource(const QString& name, const QString& toolTip, Source source);
    void setSource(int index);

    void check();    // starts a check of the chosen source's network
    void cancel();
    bool isRunning() const;
    const std::optional<nnlab::backprop::GradientTiming>& result() const { return m_result; }
    QTableWidget* table() const { return m_table; }
    QString summaryText() const;

    // The height its wrapped summary needs at the width it has: a splitter knows nothing of
    // wrapping, and held the panel to the summary's one line, cutting off the table's last row.
    QSize minimumSizeHint() const override;

signals:
    void checkFinished();

private:
    void showResult(const nnlab::backprop::GradientTiming& timing, const QString& description);

    QComboBox* m_sourceCombo;
    QPushButton* m_checkButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QTableWidget* m_table;
    QTimer* m_poll;
    BackgroundJobs* m_jobs;
    std::vector<Source> m_sources;
    std::optional<nnlab::backprop::GradientTiming> m_result;
    std::shared_ptr<std::atomic<long long>> m_done;
    std::shared_ptr<std::atomic<long long>> m_total;
    std::shared_ptr<std::atomic<bool>> m_stop;
    int m_generation = 0;
};
