// The Inspect view: the confusion matrix of the built-in network on the test set, a cell's
// digits, the first layer's receptive fields, the fast gradient sign method's panel, and the
// gallery of every mistake with its top-2 classes.
#include "ui/bridge/dataset_loader.h"
#include "ui/common/map_grid_widget.h"
#include "ui/common/misclassified_gallery.h"
#include "ui/common/model_source_selector.h"
#include "ui/inspect/inspect_view.h"

#include "core/train/evaluation.h"
#include "tests/support/mnist_loader.h"

#include <QListWidget>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <memory>

using namespace nnlab;

class TestInspectView : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<DatasetLoader> m_loader;

private slots:
    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        m_loader = loadedMnist();
        QVERIFY(m_loader);
    }

    void confusionCellsFieldsAndAdversarial()
    {
        const QString model = QFINDTESTDATA("../resources/models/fc-784-100-10.json");
        QVERIFY2(!model.isEmpty(), "resources/models/fc-784-100-10.json is missing");

        InspectView view(m_loader.get());
        view.resize(1400, 800);
        view.show();
        view.modelSelector()->setBuiltInModelPath(model);
        view.modelSelector()->setSource(ModelSourceSelector::BuiltIn);
        QTRY_VERIFY_WITH_TIMEOUT(view.network() != nullptr, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(view.confusion().has_value(), 30000);

        // The table sums to the test set's size; its diagonal is evaluate()'s count.
        const auto split = m_loader->split(DatasetKind::Mnist);
        const Evaluation e = evaluate(*view.network(), split->test);
        int sum = 0, diagonal = 0;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) {
                const int n = view.confusionTable()->item(r, c)->text().toInt();
                sum += n;
                if (r == c)
                    diagonal += n;
                QCOMPARE(n, view.confusion()->counts[r][c]);
            }
        QCOMPARE(sum, 10000);
        QCOMPARE(diagonal, e.correct);

        // A cell's digits: exactly that cell's count (an off-diagonal cell fits the gallery).
        int r = 4, c = 9;
        const int n = view.confusion()->counts[r][c];
        QVERIFY(n > 0 && n <= InspectView::kMaxCellDigits);
        view.showCell(r, c);
        QCOMPARE(int(view.cellExamples().size()), n);
        QCOMPARE(view.cellGrid()->mapCount(), n);
        for (int i : view.cellExamples())
            QCOMPARE(int(split->test.labels[i]), r);
        // Clicking a cell does the same.
        const QRect rect = view.confusionTable()->visualItemRect(view.confusionTable()->item(7, 2));
        QTest::mouseClick(view.confusionTable()->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
        QCOMPARE(int(view.cellExamples().size()), view.confusion()->counts[7][2]);
        // A diagonal cell has more digits than the gallery shows.
        view.showCell(1, 1);
        QCOMPARE(int(view.cellExamples().size()), view.confusion()->counts[1][1]);
        QCOMPARE(view.cellGrid()->mapCount(), InspectView::kMaxCellDigits);

        // Receptive fields: one 28 × 28 tile per hidden neuron of 784-100-10.
        QCOMPARE(view.receptiveFields()->mapCount(), 100);

        // FGSM: ε = 0 changes nothing; ε = 0.2 lowers the true class's output.
        int index = 0;
        while (view.confusion() && index < 100) {
            view.setAdversarial(index, 0.0);
            if (view.originalPrediction() == split->test.labels[index])
                break;
            ++index;
        }
        QCOMPARE(view.perturbedPrediction(), view.originalPrediction());
        QCOMPARE(view.perturbedTrueProbability(), view.originalTrueProbability());
        view.setAdversarial(index, 0.2);
        QCOMPARE(view.originalPrediction(), int(split->test.labels[index]));
        QVERIFY2(view.perturbedTrueProbability() < view.originalTrueProbability(),
                 qPrintable(QString("%1 vs %2").arg(view.perturbedTrueProbability()).arg(view.originalTrueProbability())));

        // The gallery of mistakes: every wrong digit, captioned with its top-2 classes; a click
        // puts it in the adversarial panel.
        MisclassifiedGallery* gallery = view.mistakes();
        QTRY_VERIFY_WITH_TIMEOUT(!gallery->isBusy() && gallery->wrongCount() >= 0, 30000);
        QCOMPARE(gallery->wrongCount(), 10000 - e.correct);
        const QString caption = gallery->textAt(0);
        QVERIFY2(QRegularExpression("^\\d → \\d\n\\d: \\d+% · \\d: \\d+%$").match(caption).hasMatch(), qPrintable(caption));
        QCOMPARE(caption.left(1).toInt(), int(split->test.labels[gallery->indexAt(0)]));
        auto* list = gallery->findChild<QListWidget*>();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualItemRect(list->item(3)).center());
        QCOMPARE(view.findChild<QSpinBox*>()->value(), gallery->indexAt(3));

        // Chapter 1's baselines arrive from their thread.
        QTRY_VERIFY_WITH_TIMEOUT(view.baselinesText().contains("average darkness"), 30000);
        qInfo("%s", qPrintable(view.baselinesText()));
    }
};

QTEST_MAIN(TestInspectView)
#include "tst_inspectview.moc"
