// main_window.h — the application window: a list of views on the left, the chosen view beside it.
// It owns what the views share (the dataset loader, the trainer's controller and its live
// network) and hands each view what it needs; the views subscribe themselves.
#pragma once

#include "core/data/dataset.h"

#include <QMainWindow>

#include <filesystem>
#include <optional>

class DatasetLoader;
class LiveNetwork;
class QListWidget;
class QStackedWidget;
class TrainingController;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // `dataDir` is --data (empty: the usual search), `kind` is --dataset.
    explicit MainWindow(const std::optional<std::filesystem::path>& dataDir = {},
                        nnlab::DatasetKind kind = nnlab::DatasetKind::Mnist,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a view to the navigation list; the window takes ownership. One line per view.
    void addView(QWidget* view, const QString& title, const QString& subtitle,
                 const QIcon& icon = {});
    int viewCount() const;
    void showView(int index);
    bool showView(const QString& title);   // by its title, any case ("train"); false if none

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void showAbout();

    QListWidget* m_navigation;
    QStackedWidget* m_views;
    DatasetLoader* m_loader = nullptr;
    TrainingController* m_trainer = nullptr;
    LiveNetwork* m_liveNetwork = nullptr;
};
