// tst_mainwindow.cpp — the book one key away, help, keyboard and menus: every view and every page
// of a view links a real section of the book (checked against the book's own anchors), F1 opens
// the help of the view on screen, Ctrl+1…9 switch views, no key is bound twice in any view, the
// Run menu follows the run, exports start in Pictures/Documents and say where they went, and
// the first-run tour is shown once.
#include "ui/bridge/training_controller.h"
#include "ui/common/export_location.h"
#include "ui/common/view_header.h"
#include "ui/shell/first_run_tour.h"
#include "ui/shell/help_dialog.h"
#include "ui/shell/main_window.h"
#include "ui/shell/view_guide.h"
#include "ui/train/preset_panel.h"
#include "ui/train/run_history.h"
#include "ui/train/train_view.h"

#include "core/train/presets.h"

#include "tests/support/book_anchors.h"
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"

#include <QAction>
#include <QDesktopServices>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QtTest>

#include <qcustomplot.h>

#include <map>

using State = TrainingController::State;

// Catches what would open in the browser (QDesktopServices::setUrlHandler).
class UrlCatcher : public QObject {
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void open(const QUrl& url) { urls.append(url); }
};

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // A home of our own, with the Pictures and Documents folders exports should start in,
        // and fresh settings (no tour dismissed, no export folder remembered).
        QVERIFY(m_home.isValid());
        QVERIFY(QDir(m_home.path()).mkpath("Pictures") && QDir(m_home.path()).mkpath("Documents"));
        qputenv("HOME", m_home.path().toUtf8());
        qunsetenv("XDG_CONFIG_HOME");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QDesktopServices::setUrlHandler("http", &m_browser, "open");
    }

    void cleanupTestCase() { QDesktopServices::unsetUrlHandler("http"); }

    void everySectionLinkedIsOneOfTheBooks()
    {
        QVERIFY(!bookSections().empty());
        for (const BookSection& s : bookSections())
            QVERIFY2(isBookSectionUrl(s.url().toString()), qPrintable(s.url().toString()));
        QVERIFY(!bookSection(3, "regularisation").isValid());   // the book spells it with a z
    }

    void everyViewShowsWhatItShowsAndItsSection()
    {
        MainWindow window;
        QCOMPARE(int(viewGuides().size()), window.viewCount());
        QSet<QString> keys;
        for (int i = 0; i < window.viewCount(); ++i) {
            window.showView(i);
            const QString key = window.currentGuideKey();
            QVERIFY2(!key.isEmpty() && !keys.contains(key), qPrintable(QString("view %1").arg(i)));
            keys.insert(key);
            ViewHeader* header = window.header();
            QVERIFY2(header->summary().size() > 20, qPrintable(key));
            QVERIFY2(!header->bookLink()->isHidden(), qPrintable(key));
            const QString url = header->bookUrl().toString();
            QVERIFY2(isBookSectionUrl(url), qPrintable(key + ": " + url));
            QVERIFY2(header->bookLink()->text().contains(tr("Read this in the book")), qPrintable(key));
            // One header for all views: in the same place whichever view is shown.
            QCOMPARE(header->parentWidget(), window.centralWidget());
        }
    }

    void everyPageOfAViewHasItsSection()
    {
        MainWindow window;
        int pages = 0;
        for (const ViewGuide& guide : viewGuides()) {
            if (guide.tabsName.isEmpty())
                continue;
            QVERIFY(window.showGuidedView(guide.key));
            auto* tabs = window.centralWidget()->findChild<QTabWidget*>(guide.tabsName);
            QVERIFY2(tabs, qPrintable(guide.tabsName));
            QCOMPARE(int(guide.tabSections.size()), tabs->count());
            for (int t = 0; t < tabs->count(); ++t) {
                tabs->setCurrentIndex(t);
                const QString url = window.header()->bookUrl().toString();
                QCOMPARE(url, guide.tabSections[t].url().toString());
                QVERIFY2(isBookSectionUrl(url), qPrintable(url));
                ++pages;
            }
        }
        QVERIFY(pages >= 6);   // Backprop's two pages and Universality's four
        // Pages with sections of their own: the link moves with the page.
        QVERIFY(window.showGuidedView("universality"));
        auto* tabs = window.centralWidget()->findChild<QTabWidget*>("universalityTabs");
        tabs->setCurrentIndex(3);
        QCOMPARE(window.header()->bookUrl().toString(),
                 QString("http://neuralnetworksanddeeplearning.com/chap1.html#perceptrons"));
        tabs->setCurrentIndex(2);
        QCOMPARE(window.header()->bookUrl().toString(),
                 QString("http://neuralnetworksanddeeplearning.com/chap4.html#many_input_variables"));
    }

    void everyPresetLinksItsSection()
    {
        MainWindow window;
        auto* train = window.findChild<TrainView*>();
        QVERIFY(window.showGuidedView("train"));
        for (const nnlab::Preset& p : nnlab::presets()) {
            const QString url = QString::fromStdString(nnlab::bookUrl(p));
            QVERIFY2(isBookSectionUrl(url), qPrintable(QString::fromStdString(p.name) + ": " + url));
            QVERIFY(bookSection(p.chapter, QString::fromStdString(p.bookSection)).isValid());
            QVERIFY(train->selectPreset(QString::fromStdString(p.name)));
            // In the preset panel as a link, and the view's header follows the preset.
            const QString note = train->presetPanel()->findChild<QLabel*>("presetNote")->text();
            QVERIFY2(note.contains(QString("href=\"%1\"").arg(url.toHtmlEscaped())), qPrintable(note));
            QCOMPARE(window.header()->bookUrl().toString(), url);
        }
        QCOMPARE(QString::fromStdString(nnlab::bookUrl(*nnlab::findPreset("ch3-overfitting-l2"))),
                 QString("http://neuralnetworksanddeeplearning.com/chap3.html#regularization"));
    }

    void theLinkOpensTheBookAtTheSection()
    {
        MainWindow window;
        QVERIFY(window.showGuidedView("backprop"));
        m_browser.urls.clear();
        const QString link = window.header()->bookLink()->text().section("href=\"", 1).section('"', 0, 0);
        emit window.header()->bookLink()->linkActivated(link);   // as a click on it does
        QCOMPARE(m_browser.urls.size(), 1);
        QCOMPARE(m_browser.urls.front(), window.currentBookSection().url());
        QCOMPARE(m_browser.urls.front().fragment(), QString("the_backpropagation_algorithm"));   // its first page
        window.findChild<QAction*>("bookAction")->trigger();   // Help ▸ Read this in the book
        QCOMPARE(m_browser.urls.size(), 2);
        QCOMPARE(m_browser.urls.back(), m_browser.urls.front());
    }

    void ctrlDigitsSwitchViews()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QCOMPARE(window.viewCount(), 9);
        for (int i = 9; i >= 1; --i) {
            QTest::keyClick(&window, Qt::Key(Qt::Key_0 + i), Qt::ControlModifier);
            QCOMPARE(window.currentViewIndex(), i - 1);
            QVERIFY(window.findChild<QAction*>(QString("viewAction%1").arg(i))->isChecked());
        }
    }

    void f1OpensTheHelpOfTheViewOnScreen()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.showGuidedView("draw"));
        QVERIFY(!window.helpDialog());
        QTest::keyClick(&window, Qt::Key_F1);
        HelpDialog* help = window.helpDialog();
        QVERIFY(help && help->isVisible());
        QCOMPARE(help->guideKey(), QString("draw"));
        const QString html = help->browser()->toHtml();
        QVERIFY2(help->browser()->toPlainText().contains(viewGuide("draw").summary), qPrintable(html));
        QVERIFY2(html.contains("chap1.html#a_simple_network_to_classify_handwritten_digits"), qPrintable(html));
        QVERIFY(help->browser()->openExternalLinks());
        // Left open, it follows the view chosen next.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(help->guideKey(), QString("universality"));
        QVERIFY(help->browser()->toHtml().contains("chap4.html#many_input_variables"));
        // Every view has its own help, each with what to try first.
        QSet<QString> texts;
        for (const ViewGuide& g : viewGuides()) {
            QVERIFY2(g.help.contains("<h4>"), qPrintable(g.key));
            texts.insert(g.help);
        }
        QCOMPARE(int(texts.size()), int(viewGuides().size()));
    }

    // Two bindings of one key cancel each other (Qt calls it ambiguous): none in any view.
    void noKeyIsBoundTwiceInAnyView()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int i = 0; i < window.viewCount(); ++i) {
            window.showView(i);
            std::map<QString, QStringList> bound;
            for (const QAction* a : window.findChildren<QAction*>())
                if (!a->shortcut().isEmpty() && a->shortcutContext() != Qt::WidgetShortcut)
                    bound[a->shortcut().toString()] << a->objectName();
            for (const QShortcut* s : window.findChildren<QShortcut*>())
                if (auto* owner = qobject_cast<QWidget*>(s->parent());
                    s->isEnabled() && owner && owner->isVisible() && s->context() == Qt::WindowShortcut)
                    bound[s->key().toString()] << QString("%1's shortcut").arg(s->parent()->metaObject()->className());
            for (const auto& [key, owners] : bound)
                QVERIFY2(owners.size() == 1,
                         qPrintable(QString("%1 in view %2: %3").arg(key).arg(i).arg(owners.join(", "))));
        }
        // The menus name their keys.
        for (const char* name : {"openModelAction", "saveModelAction", "exportPlotAction", "exportCsvAction",
                                 "quitAction", "startAction", "pauseAction", "stepAction", "stopAction", "helpAction",
                                 "bookAction"})
            QVERIFY2(!window.findChild<QAction*>(name)->shortcut().isEmpty(), name);
        QCOMPARE(window.findChild<QAction*>("helpAction")->shortcut(), QKeySequence(Qt::Key_F1));
    }

    void runMenuActsOnlyWhenItApplies()
    {
        SKIP_WITHOUT_MNIST();
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* train = window.findChild<TrainView*>();
        TrainingController* controller = train->controller();
        const auto action = [&window](const char* name) { return window.findChild<QAction*>(name); };
        QTRY_VERIFY_WITH_TIMEOUT(train->findChild<QPushButton*>("startButton")->isEnabled(),
                                 int(30000 * kSanitizerSlack));
        QVERIFY(window.showGuidedView("draw"));   // the Run menu works from any view
        for (QMenu* menu : window.menuBar()->findChildren<QMenu*>())
            emit menu->aboutToShow();
        QVERIFY(action("startAction")->isEnabled());
        for (const char* name : {"pauseAction", "stepAction", "stopAction", "saveModelAction", "exportCsvAction"})
            QVERIFY2(!action(name)->isEnabled(), name);

        nnlab::TrainConfig c = nnlab::findPreset("ch1-784-30-10")->config;
        c.trainingSize = 50000;
        c.epochs = 30;
        train->setConfig(c);
        action("startAction")->trigger();
        QCOMPARE(window.currentGuideKey(), QString("train"));   // Start shows the run
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::Running, int(30000 * kSanitizerSlack));
        QVERIFY(!action("startAction")->isEnabled() && !action("openModelAction")->isEnabled());
        for (const char* name : {"pauseAction", "stepAction", "stopAction"})
            QVERIFY2(action(name)->isEnabled(), name);

        action("pauseAction")->trigger();
        QCOMPARE(controller->state(), State::Paused);
        QCOMPARE(action("pauseAction")->text(), tr("&Resume"));
        QTRY_VERIFY_WITH_TIMEOUT(controller->trainerWaiting(), int(10000 * kSanitizerSlack));
        // F10 from another view: one more mini-batch, and the run waits again.
        QVERIFY(window.showGuidedView("universality"));
        QTest::keyClick(&window, Qt::Key_F10);
        QVERIFY(!controller->trainerWaiting());
        QTRY_VERIFY_WITH_TIMEOUT(controller->trainerWaiting(), int(10000 * kSanitizerSlack));
        QCOMPARE(controller->state(), State::Paused);

        action("stopAction")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(controller->state(), State::Idle, int(10000 * kSanitizerSlack));
        QTRY_VERIFY(action("startAction")->isEnabled());
        for (const char* name : {"pauseAction", "stepAction", "stopAction"})
            QVERIFY2(!action(name)->isEnabled(), name);
        QVERIFY(action("saveModelAction")->isEnabled());   // the stopped run's network
        QCOMPARE(action("exportCsvAction")->isEnabled(), !train->history()->selectedRun()->epochs.empty());
    }

    void exportStartsInPicturesAndSaysWhere()
    {
        const QString pictures = QDir(m_home.path()).filePath("Pictures");
        QCOMPARE(QDir(exportDirectory(ExportKind::Plot)).canonicalPath(), QDir(pictures).canonicalPath());
        QCOMPARE(QDir(exportDirectory(ExportKind::Table)).canonicalPath(),
                 QDir(QDir(m_home.path()).filePath("Documents")).canonicalPath());
        QVERIFY(QDir(exportDirectory(ExportKind::Model)).canonicalPath() != QDir::current().canonicalPath());

        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showGuidedView("train"));
        QVERIFY(window.currentPlots().size() >= 3);
        QVERIFY(window.findChild<QAction*>("exportPlotAction")->isEnabled());

        // File ▸ Export plot through its real dialogs: which plot, then where (it must start in
        // Pictures); the file goes to a folder of our choosing, which is remembered.
        QTemporaryDir elsewhere;
        const QString target = QDir(elsewhere.path()).filePath("cost.png");
        QString startedIn;
        QTimer driver;
        driver.setInterval(20);
        connect(&driver, &QTimer::timeout, &window, [&] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* choose = qobject_cast<QInputDialog*>(modal)) {
                choose->setTextValue("cost");
                choose->accept();
            } else if (auto* files = qobject_cast<QFileDialog*>(modal)) {
                startedIn = files->directory().absolutePath();
                files->selectFile(target);
                QMetaObject::invokeMethod(files, "accept");   // as the Save button does
            }
        });
        driver.start();
        window.findChild<QAction*>("exportPlotAction")->trigger();
        driver.stop();
        QCOMPARE(QDir(startedIn).canonicalPath(), QDir(pictures).canonicalPath());
        QVERIFY(QFileInfo(target).size() > 1000);
        QVERIFY2(window.statusBar()->currentMessage().contains(QDir::toNativeSeparators(target)),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(QDir(exportDirectory(ExportKind::Plot)).canonicalPath(), QDir(elsewhere.path()).canonicalPath());

        QString error;
        QVERIFY(!window.exportPlotTo(window.currentPlots().front(), QDir(elsewhere.path()).filePath("x.gif"), &error));
        QVERIFY2(error.contains("x.gif") && error.contains(".png"), qPrintable(error));
    }

    void tourIsShownOnceAndSkippable()
    {
        FirstRunTour::forget();
        {
            MainWindow window;
            window.show();
            QVERIFY(window.offerTour());
            FirstRunTour* tour = window.tour();
            QVERIFY(tour && tour->isVisible());
            // Its three stops show the three things people come for.
            QCOMPARE(window.currentGuideKey(), QString("draw"));
            QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
            QCOMPARE(window.currentGuideKey(), QString("train"));
            QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
            QCOMPARE(window.currentGuideKey(), QString("universality"));
            QVERIFY(!FirstRunTour::wasDismissed());
            QTest::mouseClick(tour->nextButton(), Qt::LeftButton);   // Done
            QVERIFY(!tour->isVisible());
            QVERIFY(FirstRunTour::wasDismissed());
        }
        {
            MainWindow window;   // the next start: not again
            window.show();
            QVERIFY(!window.offerTour());
            QVERIFY(!window.tour());
            window.findChild<QAction*>("tourAction")->trigger();   // unless asked for
            QVERIFY(window.tour() && window.tour()->isVisible());
            window.tour()->close();
        }
        FirstRunTour::forget();
        {
            MainWindow window;
            window.show();
            QVERIFY(window.offerTour());
            QTest::mouseClick(window.tour()->skipButton(), Qt::LeftButton);   // skipped at the first stop
            QVERIFY(!window.tour()->isVisible());
            QVERIFY(FirstRunTour::wasDismissed());
        }
        MainWindow window;
        QVERIFY(!window.offerTour());
    }

private:
    QTemporaryDir m_home;
    UrlCatcher m_browser;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
