// The Inspect view: the confusion matrix of the built-in network on the test set, a cell's
// digits, the first layer's receptive fields, the fast gradient sign method's panel, and the
// gallery of every mistake with its top-2 classes.
#include "ui/bridge/dataset_loader.h"
#include "ui/common/map_grid_widget.h"
#include "ui/common/misclassified_gallery.h"
#include "ui/common/model_source_selector.h"
#include "ui/inspect/inspect_view.h"
#include "ui/inspect/neuron_edit_panel.h"

#include "core/io/model_file.h"
#include "core/train/evaluation.h"
#include "tests/support/mnist_loader.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
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
        QCOMPARE(view.findChild<QSpinBox*>("testDigitSpin")->value(), gallery->indexAt(3));

        // Chapter 1's baselines arrive from their thread.
        QTRY_VERIFY_WITH_TIMEOUT(view.baselinesText().contains("average darkness"), 30000);
        qInfo("%s", qPrintable(view.baselinesText()));
    }

    // Inspect's neuron editor on the shipped nets: a tile clicked is the neuron changed; the
    // accuracy shown after silencing it (and after a newer change that supersedes it) is exactly
    // evaluate()'s for the edited net, never an older network's; the confusion matrix and the FGSM
    // panel follow; Reset all returns the trained figure; the saved file scores the same.
    void editANeuronAndSeeWhatItDid_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("source");
        QTest::newRow("fully connected") << "fc-784-100-10.json" << int(ModelSourceSelector::BuiltIn);
        QTest::newRow("convnet") << "convnet-relu.json" << int(ModelSourceSelector::BuiltInConvnet);
    }

    void editANeuronAndSeeWhatItDid()
    {
        QFETCH(QString, model);
        QFETCH(int, source);
        const QString path = QFINDTESTDATA("../resources/models/" + model);
        QVERIFY2(!path.isEmpty(), qPrintable(model + " is missing"));
        const auto percent = [](const Evaluation& e) { return QString("%1%").arg(100.0 * e.accuracy, 0, 'f', 2); };
        const int timeout = 120000;

        InspectView view(m_loader.get());
        view.resize(1400, 900);
        view.show();
        if (source == ModelSourceSelector::BuiltIn)
            view.modelSelector()->setBuiltInModelPath(path);
        view.modelSelector()->setSource(ModelSourceSelector::Source(source));
        QTRY_VERIFY_WITH_TIMEOUT(view.trainedAccuracy().has_value(), timeout);
        const auto split = m_loader->split(DatasetKind::Mnist);
        const auto trained = view.trainedNetwork();
        const Evaluation before = evaluate(*trained, split->test);
        QCOMPARE(*view.trainedAccuracy(), before.accuracy);
        NeuronEditPanel* editor = view.neuronEditor();
        QVERIFY2(editor->accuracyText().contains(percent(before)), qPrintable(editor->accuracyText()));

        // Click tile 4: the editor changes neuron (filter) 4, framed in the grid.
        MapGridWidget* grid = view.receptiveFields();
        QCOMPARE(grid->mapCount(), source == ModelSourceSelector::BuiltIn ? 100 : 20);
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->tileRect(4).center());
        QCOMPARE(editor->neuron(), 4);
        QCOMPARE(grid->highlighted(), 4);

        // Silence it, and at once (before that result) a newer change: neuron 9's weights × 0.
        editor->silenceBox()->click();
        QVERIFY2(editor->accuracyText().contains("computing"), qPrintable(editor->accuracyText()));
        const Evaluation silenced = evaluate(*view.network(), split->test);
        editor->selectNeuron(9);
        editor->scaleSlider()->setValue(0);
        const auto edited = editor->editedNetwork();   // every change applied
        QTRY_COMPARE(view.network(), edited.get());
        const Evaluation after = evaluate(*edited, split->test);
        qInfo("%s: neuron 4 silenced %.2f%%, and neuron 9 × 0 %.2f%% (trained %.2f%%)", qPrintable(model),
              100 * silenced.accuracy, 100 * after.accuracy, 100 * before.accuracy);
        QVERIFY(after.correct != before.correct);
        // Until the newest network's figure is ready the label says so; no other figure shows as
        // the result.
        QElapsedTimer clock;
        clock.start();
        QString text;
        while (clock.elapsed() < timeout) {
            text = editor->accuracyText();
            if (!text.contains("computing"))
                break;
            QTest::qWait(5);
        }
        QVERIFY2(text.contains(QString("%1 → <b>%2</b>").arg(percent(before), percent(after))), qPrintable(text));
        QVERIFY2(text.contains(QString("%1").arg(std::abs(100.0 * (after.accuracy - before.accuracy)), 0, 'f', 2)),
                 qPrintable(text));
        QCOMPARE(view.confusion()->correct(), after.correct);
        QVERIFY(view.confusionTable()->isEnabled());
        int diagonal = 0;
        for (int d = 0; d < 10; ++d)
            diagonal += view.confusionTable()->item(d, d)->text().toInt();
        QCOMPARE(diagonal, after.correct);

        // The FGSM panel asks the edited net.
        view.setAdversarial(0, 0.0);
        Eigen::Index answer = 0;
        edited->feedforward(split->test.images.col(0)).maxCoeff(&answer);
        QCOMPARE(view.originalPrediction(), int(answer));

        // Saved, it reads back with the same accuracy.
        QTemporaryDir dir;
        QSignalSpy saved(editor, &NeuronEditPanel::saved);
        editor->saveTo(dir.filePath("edited.json"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeout);
        QCOMPARE(saved.last().at(1).toString(), QString());
        QCOMPARE(evaluate(loadModel(dir.filePath("edited.json").toStdString()), split->test).correct, after.correct);

        // Reset all: the trained network and its figure, at once (it was known).
        editor->resetAllButton()->click();
        QTRY_COMPARE(view.network(), trained.get());
        QVERIFY2(editor->accuracyText().contains(percent(before)) && !editor->accuracyText().contains("→"),
                 qPrintable(editor->accuracyText()));
        QCOMPARE(view.confusion()->correct(), before.correct);
    }
};

QTEST_MAIN(TestInspectView)
#include "tst_inspectview.moc"
