// tst_hiddenlayers.cpp — the Draw view's hidden layers (ui/draw/hidden_layers_panel.h): the tiles
// light up with the values core computes for the digit on the canvas, test digit or strokes; a
// click or a hover shows that neuron's z, a and strongest connections; the shipped convnet shows
// its feature maps, layer by layer, at their sizes; without a network the panel says why. Also
// measures what the panel adds to each stroke update (printed, and bounded).
#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/common/map_grid_widget.h"
#include "ui/common/model_source_selector.h"
#include "ui/draw/draw_view.h"
#include "ui/draw/drawing_canvas.h"
#include "ui/draw/hidden_layers_panel.h"
#include "ui/draw/neuron_detail_panel.h"
#include "ui/draw/neuron_tile_grid.h"

#include "core/draw/hidden_activity.h"
#include "core/nn/dense_layer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

constexpr int loadTimeoutMs = 60000;

QString modelFile(const char* name)
{
    return QFINDTESTDATA(QString("../resources/models/") + name);
}

void drag(QWidget* canvas, const QList<QPoint>& points)
{
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, points.front());
    for (int i = 1; i < points.size(); ++i)
        for (int step = 1; step <= 5; ++step) {
            const QPoint at = points[i - 1] + (points[i] - points[i - 1]) * step / 5;
            QMouseEvent move(QEvent::MouseMove, at, canvas->mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                             Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
        }
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, points.back());
}

// What core computes, on its own, for the input the view shows now.
nnlab::NetworkActivity expected(const DrawView& view)
{
    return nnlab::traceActivity(*view.modelSource()->network(), view.input()->pixels);
}

QString number(float value) { return QString::number(value, 'f', 3); }

}  // namespace

class TestHiddenLayers : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SKIP_WITHOUT_MNIST();
        QVERIFY(!modelFile("fc-784-100-10.json").isEmpty());
        m_loader = std::make_unique<DatasetLoader>();
        m_view = std::make_unique<DrawView>(m_loader.get());
        m_view->modelSource()->setBuiltInModelPath(modelFile("fc-784-100-10.json"));
        m_view->resize(1280, 800);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_view->modelSource()->network() != nullptr, loadTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_loader->split(nnlab::DatasetKind::Mnist) != nullptr, loadTimeoutMs);
    }

    void cleanupTestCase()
    {
        m_view.reset();
        m_loader.reset();
    }

    // 784-100-10: one grid of 100 weight-image tiles, at rest until something is drawn.
    void oneGridPerHiddenLayer()
    {
        m_view->clearCanvas();
        HiddenLayersPanel* panel = m_view->hiddenLayers();
        QCOMPARE(panel->neuronGrids().size(), size_t(1));
        QVERIFY(panel->mapGrids().empty());
        NeuronTileGrid* grid = panel->neuronGrids().front();
        QCOMPARE(grid->neuronCount(), 100);
        QVERIFY(grid->showsWeights());   // the first hidden layer reads the pixels
        QCOMPARE(panel->sectionTitles(), QStringList{"Hidden layer 1: 100 neurons"});
        QVERIFY(grid->isVisible());
        QCOMPARE(grid->activations().size(), Eigen::Index(0));   // nothing drawn
        QVERIFY(panel->message().isEmpty());   // no reason to give: the layers are there
        QVERIFY(panel->detail()->titleText().startsWith("Point at a neuron"));
    }

    // Test digit k on the canvas, then strokes over it: each time the tiles hold exactly the a that
    // core computes for the view's input, and the firing levels that go with it.
    void tilesShowTheActivationsCoreComputes()
    {
        QVERIFY(m_view->tryTestDigit(7));
        QCOMPARE(m_view->testDigitShown(), 7);
        NeuronTileGrid* grid = m_view->hiddenLayers()->neuronGrids().front();
        nnlab::NetworkActivity core = expected(*m_view);
        QCOMPARE(grid->activations(), core.activations[0]);
        QCOMPARE(grid->levels(), nnlab::firingLevels(nnlab::Activation::Sigmoid, core.activations[0]));
        QCOMPARE(m_view->classification()->predicted, core.classification.predicted);   // the bars' pass too
        const Eigen::VectorXf before = grid->activations();

        drag(m_view->canvas(), {{40, 40}, {240, 240}});   // a slash across the digit
        core = expected(*m_view);
        QCOMPARE(grid->activations(), core.activations[0]);
        QVERIFY(!grid->activations().isApprox(before));   // the stroke changed what fires

        m_view->clearCanvas();
        drag(m_view->canvas(), {{145, 35}, {140, 245}});   // a 1
        QCOMPARE(grid->activations(), expected(*m_view).activations[0]);
        m_view->clearCanvas();
        QCOMPARE(grid->activations().size(), Eigen::Index(0));
    }

    // A click on a tile shows that neuron's z and a for the digit, its weights large, and its
    // strongest connections into the outputs, with their signs; hovering another shows that one
    // until the mouse leaves. A new stroke updates the numbers of the neuron shown.
    void clickingATileShowsItsZAndA()
    {
        QVERIFY(m_view->tryTestDigit(0));
        HiddenLayersPanel* panel = m_view->hiddenLayers();
        NeuronTileGrid* grid = panel->neuronGrids().front();
        NeuronDetailPanel* detail = panel->detail();
        QVERIFY(detail->isVisible());
        const int j = 37;
        QTest::mouseClick(grid, Qt::LeftButton, Qt::NoModifier, grid->tileRect(j).center());
        QCOMPARE(grid->selected(), j);
        QVERIFY(detail->facts());
        QCOMPARE(detail->facts()->neuron, j);
        const nnlab::NetworkActivity core = expected(*m_view);
        QCOMPARE(detail->zText(), "z = w·a + b = " + number(core.zs[0](j)));
        QCOMPARE(detail->aText(), "a = σ(z) = " + number(core.activations[0](j)));
        QCOMPARE(detail->titleText(), QStringLiteral("Hidden layer 1, neuron 37"));
        // z = w·a + b, recomputed from the weights and the pixels.
        const auto& hidden = dynamic_cast<const nnlab::DenseLayer&>(m_view->modelSource()->network()->layer(0));
        const Eigen::Map<const Eigen::VectorXf> x(m_view->input()->pixels.data(), 784);
        QVERIFY(std::abs(hidden.weights().row(j).dot(x) + hidden.biases()(j) - *detail->facts()->z) < 1e-4f);
        // The three largest |w| from neuron 37 into the digits, e.g. "→ 7: +2.31".
        const auto strongest = nnlab::strongestConnections(*m_view->modelSource()->network(), 0, j, 3);
        QCOMPARE(strongest.size(), size_t(3));
        const QString first = QString("→ %1: %2%3").arg(strongest[0].to).arg(strongest[0].weight < 0 ? "−" : "+")
                                  .arg(std::abs(strongest[0].weight), 0, 'f', 2);
        const QString connections = detail->connectionsText().replace(QChar(0xa0), ' ');
        QVERIFY2(connections.startsWith("Strongest into the outputs:\n" + first), qPrintable(connections));
        QCOMPARE(detail->picture().size(), QSize(NeuronDetailPanel::picturePixels, NeuronDetailPanel::picturePixels));

        // Hover: another neuron while the mouse is on it, the clicked one again after.
        QTest::mouseMove(grid, grid->tileRect(3).center());
        QTRY_COMPARE(detail->facts()->neuron, 3);
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(grid, &leave);
        QCOMPARE(detail->facts()->neuron, j);

        // The next stroke: the shown neuron's numbers follow the new input.
        drag(m_view->canvas(), {{60, 140}, {220, 140}});
        QCOMPARE(detail->zText(), "z = w·a + b = " + number(expected(*m_view).zs[0](j)));
        m_view->clearCanvas();
        QCOMPARE(detail->facts()->neuron, j);   // still chosen, its weights still shown
        QVERIFY(detail->zText().contains("draw a digit"));
    }

    // Chapter 6's convnet: a grid of feature maps per conv and pool layer, each with as many maps
    // as the layer has, at the layer's size and holding its a; then its fully connected layer as
    // plain tiles (its inputs are no picture) with the a core computes.
    void convnetShowsItsFeatureMaps()
    {
        DatasetLoader loader;
        DrawView view(&loader);
        view.resize(1280, 800);
        view.show();
        view.modelSource()->setSource(ModelSourceSelector::BuiltInConvnet);
        QTRY_VERIFY_WITH_TIMEOUT(view.modelSource()->network() != nullptr, loadTimeoutMs);
        drag(view.canvas(), {{70, 45}, {210, 45}, {120, 250}});   // a 7
        QVERIFY(view.classification());
        HiddenLayersPanel* panel = view.hiddenLayers();
        const nnlab::NetworkActivity core = expected(view);
        const struct {
            int maps, side;
        } layers[] = {{20, 24}, {20, 12}, {40, 8}, {40, 4}};
        QCOMPARE(panel->mapGrids().size(), size_t(4));
        for (int l = 0; l < 4; ++l) {
            const MapGridWidget* grid = panel->mapGrids()[l];
            QCOMPARE(grid->mapCount(), layers[l].maps);
            for (const Eigen::MatrixXf& map : grid->maps()) {
                QCOMPARE(map.rows(), Eigen::Index(layers[l].side));
                QCOMPARE(map.cols(), Eigen::Index(layers[l].side));
            }
            // Map c, pixel (y, x) is the layer's a at c·side² + y·side + x.
            const int side = layers[l].side, c = layers[l].maps - 1;
            QCOMPARE(grid->maps()[c](side / 2, 1), core.activations[l](c * side * side + side / 2 * side + 1));
            QVERIFY(grid->maps()[0].size() && core.activations[l].maxCoeff() > 0.0f);
        }
        QCOMPARE(panel->sectionTitles().size(), 5);
        QVERIFY(panel->sectionTitles()[0].startsWith("Layer 1: 20 feature maps 24×24"));
        QVERIFY(panel->sectionTitles()[3].startsWith("Layer 4: max-pooled 2×2 → 40 maps 4×4"));
        QCOMPARE(panel->neuronGrids().size(), size_t(1));
        NeuronTileGrid* dense = panel->neuronGrids().front();
        QCOMPARE(dense->layer(), 4);
        QCOMPARE(dense->neuronCount(), 100);
        QVERIFY(!dense->showsWeights());
        QCOMPARE(dense->activations(), core.activations[4]);
        // Its neurons' details: a ReLU's a, connections into the digits, weights as 40 maps of 4×4.
        panel->selectNeuron(4, 12);
        QCOMPARE(panel->detail()->aText(), "a = max(0, z) = " + number(core.activations[4](12)));
        QVERIFY(panel->detail()->connectionsText().startsWith("Strongest into the outputs:\n→"));
        QCOMPARE(panel->detail()->titleText(), QStringLiteral("Layer 5, neuron 12"));
    }

    // No network: the panel says why instead of showing layers; a network without hidden layers
    // says so too.
    void withoutANetworkThePanelSaysWhy()
    {
        DatasetLoader loader;
        DrawView view(&loader);
        view.show();
        QSignalSpy failed(view.modelSource(), &ModelSourceSelector::failed);
        view.modelSource()->setBuiltInModelPath(QDir::temp().filePath("no-such-model-nnlab.json"));
        QVERIFY(failed.wait(loadTimeoutMs));
        drag(view.canvas(), {{140, 40}, {140, 240}});
        HiddenLayersPanel* panel = view.hiddenLayers();
        QVERIFY2(panel->message().contains("No network"), qPrintable(panel->message()));
        QVERIFY(panel->neuronGrids().empty());
        QVERIFY(!panel->detail()->isVisible());
        view.modelSource()->setSource(ModelSourceSelector::TrainView);
        QVERIFY2(panel->message().contains("Train view"), qPrintable(panel->message()));

        // A 784-10 network: nothing between its inputs and outputs.
        std::vector<std::unique_ptr<nnlab::Layer>> layers;
        layers.push_back(std::make_unique<nnlab::DenseLayer>(784, 10, nnlab::Activation::Softmax));
        view.modelSource()->setLiveNetwork(
            std::make_shared<const nnlab::Network>(std::move(layers), nnlab::Cost::LogLikelihood), true);
        QTRY_VERIFY(view.modelSource()->network());
        QVERIFY(panel->neuronGrids().empty());
        QVERIFY(panel->sectionTitles().value(0).contains("no hidden layers"));
    }

    // What the hidden layers add to each update, for 784-100-10 and the shipped convnet: the pass
    // that keeps every layer against classify()'s, and the panel taking the new values and
    // repainting. Printed for the README and the commit; bounded well under a frame.
    void addedTimePerUpdate_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("784-100-10") << "fc-784-100-10.json";
        QTest::newRow("convnet") << "convnet-relu.json";
    }

    void addedTimePerUpdate()
    {
        QFETCH(QString, model);
        DatasetLoader loader;
        DrawView view(&loader);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.modelSource()->setBuiltInModelPath(modelFile("fc-784-100-10.json"));
        view.modelSource()->setSource(model.startsWith("fc") ? ModelSourceSelector::BuiltIn
                                                             : ModelSourceSelector::BuiltInConvnet);
        QTRY_VERIFY_WITH_TIMEOUT(view.modelSource()->network() != nullptr, loadTimeoutMs);
        drag(view.canvas(), {{70, 45}, {210, 45}, {120, 250}});
        QVERIFY(view.input());
        const nnlab::Network& net = *view.modelSource()->network();
        const std::vector<float>& pixels = view.input()->pixels;
        HiddenLayersPanel* panel = view.hiddenLayers();
        panel->selectNeuron(panel->neuronGrids().front()->layer(), 5);   // the detail panel updates too

        // Medians over many rounds, the two passes in turn, so that a busy machine's pauses (the
        // tests share two cores with builds) count in neither.
        constexpr int rounds = 101;
        std::vector<double> classifyMs, traceMs, panelMs, paintMs;
        auto ms = [](auto&& work) {
            QElapsedTimer timer;
            timer.start();
            work();
            return timer.nsecsElapsed() / 1e6;
        };
        for (int i = 0; i < rounds; ++i) {
            classifyMs.push_back(ms([&] { (void)nnlab::classify(net, pixels); }));
            nnlab::NetworkActivity activity;
            traceMs.push_back(ms([&] { activity = nnlab::traceActivity(net, pixels); }));
            panelMs.push_back(ms([&] { panel->setActivity(std::move(activity)); }));
            paintMs.push_back(ms([&] { panel->repaint(); }));   // paint now, as the next frame would
        }
        auto median = [](std::vector<double> v) {
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            return v[v.size() / 2];
        };
        const double added = median(traceMs) - median(classifyMs) + median(panelMs) + median(paintMs);
        qInfo("%s (medians of %d): classify %.3f ms, the pass keeping every layer %.3f ms, panel update %.3f ms, "
              "its repaint %.3f ms: %.3f ms added per update",
              qPrintable(model), rounds, median(classifyMs), median(traceMs), median(panelMs), median(paintMs), added);
        QVERIFY2(added < 15.0 * kSanitizerSlack, qPrintable(QString("%1 ms added per update").arg(added)));
    }

private:
    std::unique_ptr<DatasetLoader> m_loader;
    std::unique_ptr<DrawView> m_view;
};

QTEST_MAIN(TestHiddenLayers)
#include "tst_hiddenlayers.moc"
