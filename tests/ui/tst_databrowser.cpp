// tst_databrowser.cpp — the main window and the Data view, on the real MNIST files.
//
// Labels are checked against the label files read here byte by byte, not through the core's
// loader, so a mistake in how the view maps pages to images cannot hide behind the same code.
#include "ui/common/data_error_panel.h"
#include "ui/data/data_browser_view.h"
#include "ui/data/digit_grid_widget.h"
#include "ui/data/digit_zoom_widget.h"
#include "ui/data/label_histogram_plot.h"
#include "ui/shell/main_window.h"

#include "core/data/dataset.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <memory>

namespace {

constexpr int loadTimeoutMs = 60000;

// The labels of an uncompressed IDX1 label file: an 8-byte header (magic 2049, count), then bytes.
QByteArray readLabels(const std::filesystem::path& file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return bytes.size() > 8 ? bytes.mid(8) : QByteArray();
}

QPoint cellCentre(const DigitGridWidget* grid, int cell)
{
    const int w = grid->width() / DigitGridWidget::columns;
    const int h = grid->height() / DigitGridWidget::rows;
    const int left = (grid->width() - DigitGridWidget::columns * w) / 2;
    const int top = (grid->height() - DigitGridWidget::rows * h) / 2;
    return {left + (cell % DigitGridWidget::columns) * w + w / 2,
            top + (cell / DigitGridWidget::columns) * h + h / 2};
}

}  // namespace

class TestDataBrowser : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindowOpens();
    void firstTrainingPageShowsTheFirstLabels();
    void clickingADigitShowsItLarge();
    void testSetUpdatesLabelsAndHistogram();
    void pagingShowsTheNextHundred();
    void missingDataShowsErrorPanelAndRetryLoads();
    void cleanupTestCase();

private:
    void checkPage(const QByteArray& labels, int first);

    std::filesystem::path m_mnistDir;
    QByteArray m_trainingLabels;  // the training file's 60,000: the split's training set is the first 50,000
    QByteArray m_testLabels;
    std::unique_ptr<DataBrowserView> m_view;
};

void TestDataBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // keep QSettings away from the user's own
    try {
        m_mnistDir = nnlab::findDataDir(nnlab::DatasetKind::Mnist);
    } catch (const nnlab::DataError& e) {
        QSKIP(qPrintable(QString("MNIST not found (%1); run scripts/fetch-data").arg(e.what())));
    }
    m_trainingLabels = readLabels(m_mnistDir / "train-labels-idx1-ubyte");
    m_testLabels = readLabels(m_mnistDir / "t10k-labels-idx1-ubyte");
    QCOMPARE(m_trainingLabels.size(), 60000);
    QCOMPARE(m_testLabels.size(), 10000);

    m_view = std::make_unique<DataBrowserView>();
    m_view->resize(1000, 760);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->isShowingData(), loadTimeoutMs);
}

void TestDataBrowser::cleanupTestCase()
{
    m_view.reset();
}

void TestDataBrowser::checkPage(const QByteArray& labels, int first)
{
    const DigitGridWidget* grid = m_view->findChild<DigitGridWidget*>("digitGrid");
    QVERIFY(grid);
    QCOMPARE(grid->digitCount(), 100);
    for (int cell = 0; cell < grid->digitCount(); ++cell) {
        const DigitGridWidget::Digit& d = grid->digit(cell);
        QCOMPARE(d.index, first + cell);
        QCOMPARE(d.caption, QString::number(labels.at(first + cell)));
        QCOMPARE(d.image.size(), QSize(28, 28));
        QVERIFY2(d.toolTip.contains(QLocale().toString(first + cell)), qPrintable(d.toolTip));
    }
}

void TestDataBrowser::mainWindowOpens()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.windowTitle().startsWith("nnlab"), qPrintable(window.windowTitle()));
    QVERIFY(window.viewCount() >= 1);
    auto* browser = window.findChild<DataBrowserView*>();
    QVERIFY(browser);
    QVERIFY(browser->isVisible());
    // Let its load finish so the window closes with nothing in flight.
    QTRY_VERIFY_WITH_TIMEOUT(browser->isShowingData(), loadTimeoutMs);
}

void TestDataBrowser::firstTrainingPageShowsTheFirstLabels()
{
    QCOMPARE(m_view->subset(), DataBrowserView::Subset::Training);
    QCOMPARE(m_view->page(), 1);
    checkPage(m_trainingLabels, 0);
    QCOMPARE(m_view->grid()->digit(0).caption, QString("5"));  // MNIST's famous first digit

    // A real digit: mostly background, with some ink (dark pixels).
    const QImage first = m_view->grid()->digit(0).image;
    int ink = 0;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            ink += qGray(first.pixel(x, y)) < 128;
    QVERIFY2(ink > 50 && ink < 400, qPrintable(QString::number(ink)));

    auto* spin = m_view->findChild<QSpinBox*>("pageSpin");
    QVERIFY(spin);
    QCOMPARE(spin->text(), QString("page 1 of 500"));  // 50,000 training images, 100 a page
    QVERIFY(m_view->findChild<QLabel*>("headerLabel")->text().contains("chapter 1"));
}

void TestDataBrowser::clickingADigitShowsItLarge()
{
    DigitGridWidget* grid = m_view->grid();
    QTest::mouseClick(grid, Qt::LeftButton, {}, cellCentre(grid, 13));
    QCOMPARE(grid->selectedCell(), 13);
    QCOMPARE(m_view->zoom()->labelText(), QString::number(m_trainingLabels.at(13)));
    QVERIFY2(m_view->zoom()->detailText().contains("#13 "), qPrintable(m_view->zoom()->detailText()));
}

void TestDataBrowser::testSetUpdatesLabelsAndHistogram()
{
    auto* setCombo = m_view->findChild<QComboBox*>("setCombo");
    QVERIFY(setCombo);
    setCombo->setCurrentIndex(2);
    QCOMPARE(m_view->subset(), DataBrowserView::Subset::Test);
    checkPage(m_testLabels, 0);
    QCOMPARE(m_view->grid()->digit(0).caption, QString("7"));

    QCPBars* bars = m_view->histogram()->bars();
    QCOMPARE(bars->data()->size(), 10);
    double total = 0;
    for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
        const int label = qRound(it->key);
        QCOMPARE(it->value, double(m_testLabels.count(char(label))));
        total += it->value;
    }
    QCOMPARE(total, 10000.0);
    QCOMPARE(m_view->findChild<QSpinBox*>("pageSpin")->text(), QString("page 1 of 100"));
}

void TestDataBrowser::pagingShowsTheNextHundred()
{
    m_view->findChild<QComboBox*>("setCombo")->setCurrentIndex(0);
    QCOMPARE(m_view->page(), 1);

    QTest::mouseClick(m_view->findChild<QPushButton*>("nextButton"), Qt::LeftButton);
    QCOMPARE(m_view->page(), 2);
    checkPage(m_trainingLabels, 100);
    QCOMPARE(m_view->findChild<QSpinBox*>("pageSpin")->value(), 2);

    // Shortcuts only fire in the active window; the main window test may have taken that role.
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    m_view->grid()->setFocus();
    QTest::keyClick(m_view->grid(), Qt::Key_PageDown);
    QCOMPARE(m_view->page(), 3);
    checkPage(m_trainingLabels, 200);
    QTest::keyClick(m_view->grid(), Qt::Key_PageUp);
    QCOMPARE(m_view->page(), 2);

    // The last training page ends at image 49,999: the validation images are not in it.
    m_view->findChild<QSpinBox*>("pageSpin")->setValue(500);
    QCOMPARE(m_view->page(), 500);
    checkPage(m_trainingLabels, 49900);
    QVERIFY(!m_view->findChild<QPushButton*>("nextButton")->isEnabled());
}

void TestDataBrowser::missingDataShowsErrorPanelAndRetryLoads()
{
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    DataBrowserView view;
    view.setDataDir(std::filesystem::path(empty.path().toStdString()));
    view.show();
    QTRY_VERIFY_WITH_TIMEOUT(view.errorPanel()->isVisible(), loadTimeoutMs);
    QVERIFY(!view.isShowingData());

    const QString text = view.findChild<QLabel*>("errorText")->text();
    QVERIFY2(text.contains("train-images-idx3-ubyte"), qPrintable(text));
    QVERIFY2(text.contains("fetch"), qPrintable(text));
    QVERIFY2(text.contains(empty.path()), qPrintable(text));

    // Put the files there and press Retry: the view loads them without a restart.
    for (const char* name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                             "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
        std::filesystem::create_symlink(m_mnistDir / name,
                                        std::filesystem::path(empty.path().toStdString()) / name);
    }
    QTest::mouseClick(view.findChild<QPushButton*>("retryButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingData(), loadTimeoutMs);
    QCOMPARE(view.grid()->digit(0).caption, QString("5"));
}

QTEST_MAIN(TestDataBrowser)
#include "tst_databrowser.moc"
