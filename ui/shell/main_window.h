// main_window.h — the application window: a list of views on the left, the chosen view beside it.
// It owns what the views share (the dataset loader, the trainer's controller and its live
// network) and hands each view what it needs; the views subscribe themselves.
//
// Above every view a header says what it shows and links the book's section (view_guide.h); F1
// opens the view's help. The menus hold every action with its shortcut: File (models, export),
// View (Ctrl+1…9), Run (the Train view's run from anywhere, F10 steps one mini-batch), Help.
#pragma once

#include "ui/shell/view_guide.h"

#include "core/data/dataset.h"

#include <QHash>
#include <QMainWindow>

#include <filesystem>
#include <optional>

class DatasetLoader;
class FirstRunTour;
class HelpDialog;
class LiveNetwork;
class QAction;
class QCustomPlot;
class QKeySequence;
class QListWidget;
class QMenu;
class QStackedWidget;
class TrainView;
class TrainingController;
class ViewHeader;

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
    int currentViewIndex() const;

    // Ties a view to its guide in view_guide.h: the header's line and book link, and F1's help.
    void setGuide(QWidget* view, const QString& key);
    bool showGuidedView(const QString& key);   // the view whose guide is `key`
    QString currentGuideKey() const;
    // What "Read this in the book" opens now: the section of the view, of its page on screen, or
    // (Train view) of its preset.
    BookSection currentBookSection() const;
    ViewHeader* header() const { return m_header; }

    void showHelp();                                  // F1
    HelpDialog* helpDialog() const { return m_help; }   // null before the first F1
    void openBook();                                  // the current section in the browser

    // The first-run tour, unless it was dismissed before (nnlab --no-tour does not call this).
    // True when shown.
    bool offerTour();
    FirstRunTour* showTour();
    FirstRunTour* tour() const { return m_tour; }

    // File ▸ Export plot: the plots of the view on screen, and one of them written to a file
    // (the status bar says where). False with the reason in *error.
    QList<QCustomPlot*> currentPlots() const;
    bool exportPlotTo(QCustomPlot* plot, const QString& path, QString* error = nullptr);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void createFileMenu();
    void createViewMenu();
    void createRunMenu();
    void createHelpMenu();
    void showAbout();
    void updateHeader();
    void updateActions();
    void openModelDialog();
    void saveModelDialog();
    void exportPlotDialog();
    void exportCsvDialog();
    QAction* addMenuAction(QMenu* menu, const char* name, const QString& text, const QKeySequence& keys,
                       const QString& tip);

    QListWidget* m_navigation;
    QStackedWidget* m_views;
    DatasetLoader* m_loader = nullptr;
    TrainingController* m_trainer = nullptr;
    LiveNetwork* m_liveNetwork = nullptr;
    TrainView* m_train = nullptr;
    ViewHeader* m_header = nullptr;
    HelpDialog* m_help = nullptr;
    FirstRunTour* m_tour = nullptr;
    QHash<QWidget*, QString> m_guideKeys;
    QList<QAction*> m_viewActions;
};
