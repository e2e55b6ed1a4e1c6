// Inspect's neuron editor without MNIST: the weight painter's strokes, the panel's controls
// (what each changes in the edited network, the list of changes, reset, save), a click on a tile
// of the map grid, and the Draw view's "Edited in the Inspect view" source following the edits.
#include "ui/bridge/edited_network.h"
#include "ui/common/map_grid_widget.h"
#include "ui/common/model_source_selector.h"
#include "ui/draw/draw_view.h"
#include "ui/inspect/inspect_view.h"
#include "ui/inspect/neuron_edit_panel.h"
#include "ui/inspect/weight_painter.h"
#include "ui/shell/main_window.h"

#include "core/inspect/neuron_edit.h"
#include "core/io/model_file.h"
#include "core/nn/conv_layer.h"
#include "core/nn/dense_layer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace nnlab;

namespace {

std::shared_ptr<const Network> shippedModel(const QString& name)
{
    const QString path = QFINDTESTDATA("../resources/models/" + name);
    if (path.isEmpty())
        return nullptr;
    return std::make_shared<const Network>(loadModel(path.toStdString()));
}

const Eigen::MatrixXf& firstWeights(const Network& net)
{
    if (const auto* dense = dynamic_cast<const DenseLayer*>(&net.layer(0)))
        return dense->weights();
    return dynamic_cast<const ConvLayer&>(net.layer(0)).weights();
}

const Eigen::MatrixXf& secondWeights(const Network& net, int l)
{
    if (const auto* dense = dynamic_cast<const DenseLayer*>(&net.layer(l)))
        return dense->weights();
    return dynamic_cast<const ConvLayer&>(net.layer(l)).weights();
}

}  // namespace

class TestNeuronEditPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_fc = shippedModel("fc-784-100-10.json");
        QVERIFY2(m_fc, "resources/models/fc-784-100-10.json is missing");
    }

    // Left button raises, right lowers; one stroke per pixel reached, none off the image.
    void painterReportsStrokesPerPixel()
    {
        WeightPainter painter;
        Eigen::MatrixXf image = Eigen::MatrixXf::Zero(28, 28);
        painter.setWeights(image, 1.0f);
        painter.show();
        QVERIFY(QTest::qWaitForWindowExposed(&painter));
        QSignalSpy strokes(&painter, &WeightPainter::stroked);
        QTest::mousePress(&painter, Qt::LeftButton, Qt::NoModifier, painter.centreOf(3, 5));
        QCOMPARE(strokes.count(), 1);
        QCOMPARE(strokes.last(), (QList<QVariant>{3, 5, 1}));
        QTest::mouseMove(&painter, painter.centreOf(3, 5) + QPoint(1, 1));   // the same pixel: nothing new
        QCOMPARE(strokes.count(), 1);
        QTest::mouseRelease(&painter, Qt::LeftButton, Qt::NoModifier, painter.centreOf(3, 5));
        QTest::mousePress(&painter, Qt::RightButton, Qt::NoModifier, painter.centreOf(27, 0));
        QCOMPARE(strokes.last(), (QList<QVariant>{27, 0, -1}));
        QTest::mouseRelease(&painter, Qt::RightButton, Qt::NoModifier, painter.centreOf(27, 0));
        QCOMPARE(painter.pixelAt(QPoint(WeightPainter::side + 5, 10)), QPoint(-1, -1));

        painter.setWeights(Eigen::MatrixXf::Zero(5, 5), 1.0f);   // a kernel: bigger pixels
        QCOMPARE(painter.pixelAt(painter.centreOf(4, 4)), QPoint(4, 4));
        QCOMPARE(painter.centreOf(1, 0).y() - painter.centreOf(0, 0).y(), WeightPainter::side / 5);
    }

    // The grid says which tile was clicked.
    void gridTileClicks()
    {
        MapGridWidget grid;
        std::vector<Eigen::MatrixXf> maps(25, Eigen::MatrixXf::Ones(5, 5));
        grid.setMaps(maps, 10, MapGridWidget::Colouring::Signed, 24);
        grid.resize(grid.sizeHint());
        QSignalSpy clicks(&grid, &MapGridWidget::tileClicked);
        QTest::mouseClick(&grid, Qt::LeftButton, Qt::NoModifier, grid.tileRect(13).center());
        QCOMPARE(clicks.count(), 1);
        QCOMPARE(clicks.last().at(0).toInt(), 13);
        QCOMPARE(grid.tileAt(grid.tileRect(0).center()), 0);
        QCOMPARE(grid.tileAt(QPoint(grid.width() - 1, grid.height() - 1)), -1);   // past the last tile of row 3
    }

    // Each control changes exactly what it says in the network the panel hands on, and the list
    // of changes says so.
    void controlsEditTheNetwork()
    {
        NeuronEditPanel panel;
        QSignalSpy edited(&panel, &NeuronEditPanel::networkEdited);
        panel.setNetwork(m_fc);
        panel.show();
        QVERIFY(!panel.isEdited());
        QCOMPARE(panel.changesText(), QStringLiteral("No changes: the trained weights."));

        panel.selectNeuron(12);
        panel.silenceBox()->click();
        QCOMPARE(edited.count(), 1);   // the first change at once
        auto net = edited.last().at(0).value<std::shared_ptr<const Network>>();
        QVERIFY(secondWeights(*net, 1).col(12).isZero(0.0f));
        QVERIFY(!secondWeights(*net, 1).col(11).isZero(0.0f));
        QCOMPARE(firstWeights(*net), firstWeights(*m_fc));

        panel.selectNeuron(40);
        QVERIFY(!panel.silenceBox()->isChecked());   // the controls show neuron 40's state
        panel.scaleSlider()->setValue(150);
        QTRY_VERIFY(edited.count() >= 2);
        QTRY_COMPARE(panel.editedNetwork().get(), edited.last().at(0).value<std::shared_ptr<const Network>>().get());
        net = panel.editedNetwork();
        QCOMPARE(Eigen::MatrixXf(firstWeights(*net).row(40)), Eigen::MatrixXf(1.5f * firstWeights(*m_fc).row(40)));
        QCOMPARE(panel.changesText(), QStringLiteral("neuron 12 silenced; neuron 40 weights ×1.5"));

        // Painting with the left button raises the weights under the brush (radius 1: 5 pixels).
        panel.brushRadius()->setValue(1);
        const Eigen::MatrixXf before = panel.painter()->weights();
        QTest::mousePress(panel.painter(), Qt::LeftButton, Qt::NoModifier, panel.painter()->centreOf(14, 14));
        QTest::mouseRelease(panel.painter(), Qt::LeftButton, Qt::NoModifier, panel.painter()->centreOf(14, 14));
        const Eigen::MatrixXf after = panel.painter()->weights();   // the image redrawn at once
        const float step = NeuronEditPanel::paintStep * firstWeights(*m_fc).row(40).cwiseAbs().maxCoeff();
        int raised = 0;
        for (int r = 0; r < 28; ++r)
            for (int c = 0; c < 28; ++c)
                if (after(r, c) != before(r, c)) {
                    ++raised;
                    QVERIFY(std::abs(after(r, c) - before(r, c) - step) < 1e-5f);
                }
        QCOMPARE(raised, 5);
        QCOMPARE(panel.changesText(), QStringLiteral("neuron 40 weights ×1.5, 5 weights painted").prepend("neuron 12 silenced; "));
        QCOMPARE(firstWeights(*panel.editedNetwork())(40, 14 * 28 + 14), after(14, 14));

        // Negate; Reset neuron undoes neuron 40 alone; Reset all returns the trained network itself.
        panel.negateBox()->click();
        QVERIFY(panel.changesText().contains("×−1.5"));
        panel.resetNeuronButton()->click();
        QCOMPARE(panel.changesText(), QStringLiteral("neuron 12 silenced"));
        QCOMPARE(panel.scaleSlider()->value(), 100);
        QVERIFY(!panel.negateBox()->isChecked());
        panel.resetAllButton()->click();
        QVERIFY(!panel.isEdited());
        QTRY_COMPARE(edited.last().at(0).value<std::shared_ptr<const Network>>(), m_fc);
        QCOMPARE(panel.editedNetwork(), m_fc);
    }

    // Saved through core's writer, the edited network reads back with the same weights.
    void savesTheEditedNetwork()
    {
        for (const QString& name : {QStringLiteral("fc-784-100-10.json"), QStringLiteral("convnet-relu.json")}) {
            const auto trained = name.startsWith("fc") ? m_fc : shippedModel(name);
            QVERIFY(trained);
            NeuronEditPanel panel;
            panel.setNetwork(trained);
            panel.selectNeuron(3);
            panel.silenceBox()->click();
            panel.selectNeuron(5);
            panel.negateBox()->click();
            QTemporaryDir dir;
            const QString path = dir.filePath("edited.json");
            QSignalSpy saved(&panel, &NeuronEditPanel::saved);
            panel.saveTo(path);
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
            QCOMPARE(saved.last().at(1).toString(), QString());
            const Network loaded = loadModel(path.toStdString());
            const auto edited = panel.editedNetwork();
            for (int l = 0; l < loaded.layerCount(); ++l) {
                if (l == 1 && dynamic_cast<const ConvLayer*>(&loaded.layer(0)))
                    continue;   // pooling
                if (dynamic_cast<const DenseLayer*>(&loaded.layer(l)) || dynamic_cast<const ConvLayer*>(&loaded.layer(l)))
                    QCOMPARE(secondWeights(loaded, l), secondWeights(*edited, l));
            }
            QCOMPARE(Eigen::MatrixXf(firstWeights(loaded).row(5)), Eigen::MatrixXf(-firstWeights(*trained).row(5)));
            // A file that cannot be written: one line saying why, and the panel still works.
            panel.saveTo(dir.filePath("no-such-folder/edited.json"));
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 30000);
            QVERIFY(!saved.last().at(1).toString().isEmpty());
            QVERIFY(panel.saveButton()->isEnabled());
        }
    }

    // A convnet's neurons are its 20 first-layer filters; silencing one zeroes the second
    // convolution's weights that read its map.
    void convnetFilters()
    {
        const auto convnet = shippedModel("convnet-relu.json");
        QVERIFY(convnet);
        NeuronEditPanel panel;
        panel.setNetwork(convnet);
        QVERIFY(panel.edits() && panel.edits()->isConvolution());
        QCOMPARE(panel.edits()->neuronCount(), 20);
        QCOMPARE(panel.painter()->weights().rows(), 5);
        QCOMPARE(panel.brushRadius()->value(), 0);
        panel.selectNeuron(7);
        panel.silenceBox()->click();
        const auto net = panel.editedNetwork();
        const Eigen::MatrixXf& conv2 = secondWeights(*net, 2);
        QVERIFY(conv2.middleCols(7 * 25, 25).isZero(0.0f));
        QCOMPARE(conv2.middleCols(8 * 25, 25), secondWeights(*convnet, 2).middleCols(8 * 25, 25));
        QCOMPARE(panel.changesText(), QStringLiteral("filter 7 silenced"));
        // Painting one kernel pixel with the right button lowers that weight alone.
        QTest::mousePress(panel.painter(), Qt::RightButton, Qt::NoModifier, panel.painter()->centreOf(2, 3));
        QTest::mouseRelease(panel.painter(), Qt::RightButton, Qt::NoModifier, panel.painter()->centreOf(2, 3));
        const Eigen::VectorXf change = firstWeights(*panel.editedNetwork()).row(7) - firstWeights(*convnet).row(7);
        for (int k = 0; k < 25; ++k)
            QVERIFY2(k == 13 ? change[k] < 0.0f : change[k] == 0.0f, qPrintable(QString::number(k)));
    }

    // The edited network's followers hear at most one network per interval, and the last always.
    void editedNetworkThrottlesFollowers()
    {
        EditedNetwork edited;
        QSignalSpy changed(&edited, &EditedNetwork::changed);
        edited.publish(m_fc, "first");
        QCOMPARE(changed.count(), 1);   // the first at once
        auto other = std::make_shared<const Network>(*m_fc);
        edited.publish(nullptr, "second");
        edited.publish(other, "third");
        QCOMPARE(changed.count(), 1);
        QTRY_COMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(1).toString(), QStringLiteral("third"));
        QCOMPARE(edited.latest(), other);
    }

    // In the window, the Draw view's "Edited in the Inspect view" follows Inspect's changes.
    void drawFollowsInspect()
    {
        MainWindow window;
        auto* draw = window.findChild<DrawView*>();
        auto* inspect = window.findChild<InspectView*>();
        QVERIFY(draw && inspect);
        auto* combo = draw->modelSource()->findChild<QComboBox*>();
        QCOMPARE(combo->count(), int(ModelSourceSelector::SourceCount));
        QCOMPARE(inspect->modelSelector()->findChild<QComboBox*>()->count(), int(ModelSourceSelector::EditedInInspect));
        draw->modelSource()->setSource(ModelSourceSelector::EditedInInspect);
        QCOMPARE(draw->modelSource()->source(), ModelSourceSelector::EditedInInspect);

        // Inspect's built-in network (read in the background), as it is at first.
        QTRY_VERIFY_WITH_TIMEOUT(inspect->trainedNetwork(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(draw->modelSource()->network(), inspect->trainedNetwork(), 5000);
        inspect->neuronEditor()->selectNeuron(2);
        inspect->neuronEditor()->silenceBox()->click();
        const auto edited = inspect->neuronEditor()->editedNetwork();
        QVERIFY(edited != inspect->trainedNetwork());
        QTRY_COMPARE_WITH_TIMEOUT(draw->modelSource()->network(), edited, 5000);
        QVERIFY(draw->modelSource()->description().contains("neuron 2 silenced"));
    }

private:
    std::shared_ptr<const Network> m_fc;
};

QTEST_MAIN(TestNeuronEditPanel)
#include "tst_neuroneditpanel.moc"
