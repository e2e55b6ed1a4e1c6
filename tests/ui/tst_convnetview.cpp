// The "Inside a convnet" view: filters and feature maps of a real network, and its prediction.
#include "ui/bridge/dataset_loader.h"
#include "ui/common/map_grid_widget.h"
#include "ui/convnets/convnet_view.h"

#include "core/nn/conv_layer.h"

#include <QtTest>

using namespace nnlab;

class TestConvnetView : public QObject {
    Q_OBJECT

private slots:
    void showsFiltersMapsAndPrediction()
    {
        NetworkSpec spec;
        parseArchitecture("784,conv6x5,pool2,conv8x5,pool2,30,10", spec);
        spec.hidden = Activation::ReLU;
        spec.output = Activation::Softmax;
        spec.cost = Cost::LogLikelihood;
        std::mt19937_64 rng(4);
        auto net = std::make_shared<const Network>(makeNetwork(spec, Initialisation::Scaled, rng));

        DatasetLoader loader;
        ConvnetView view(&loader);
        view.setNetwork(net, "test net");
        QCOMPARE(int(view.filterGrids().size()), 2);
        QCOMPARE(view.filterGrids()[0]->mapCount(), 6);        // 6 filters on 1 channel
        QCOMPARE(view.filterGrids()[1]->mapCount(), 8 * 6);    // 8 filters × 6 input maps

        Eigen::VectorXf digit = Eigen::VectorXf::Zero(784);
        for (int y = 6; y < 22; ++y)
            digit[y * 28 + 14] = 1.0f;   // a "1"
        view.showDigit(digit, 1);
        QCOMPARE(int(view.activationGrids().size()), 4);      // conv, pool, conv, pool
        QCOMPARE(view.activationGrids()[0]->mapCount(), 6);
        QCOMPARE(view.activationGrids()[3]->mapCount(), 8);
        Eigen::Index expected = 0;
        net->feedforward(digit).maxCoeff(&expected);
        QCOMPARE(view.predictedClass(), int(expected));
    }

    void embeddedConvnetLoads()
    {
        QString error;
        const auto net = ConvnetView::embeddedConvnet(&error);
        QVERIFY2(net, qPrintable(error));
        QVERIFY(dynamic_cast<const ConvLayer*>(&net->layer(0)));
        QCOMPARE(net->inputSize(), 784);
        QCOMPARE(net->outputSize(), 10);
    }
};

QTEST_MAIN(TestConvnetView)
#include "tst_convnetview.moc"
