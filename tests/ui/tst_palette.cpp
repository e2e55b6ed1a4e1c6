// tst_palette.cpp — the app's colours: a run drawn over another never takes the output layer's
// colour, layers stay apart, the value colours reach their ends, and the style sheets built from
// the palette are the ones the views wrote by hand before.
#include "ui/plotting/palette.h"
#include "ui/train/gradient_plot.h"

#include <QtTest>

#include <cmath>

namespace {

// An ended run of a 784-30-30-30-30-10 network (chapter 5): five layers report a gradient, the
// output layer fifth — where the fifth hidden colour used to make it an overlay's purple.
RunRecord deepRun(int id)
{
    RunRecord run;
    run.id = id;
    run.name = QString("Run %1").arg(id);
    run.config.net.sizes = {784, 30, 30, 30, 30, 10};
    for (int epoch = 1; epoch <= 2; ++epoch) {
        nnlab::EpochReport e;
        e.epoch = epoch;
        e.biasGradientNorms = {0.001, 0.003, 0.01, 0.03, 0.1};
        run.epochs.push_back(e);
    }
    run.summary = nnlab::TrainSummary{};
    return run;
}

QCPGraph* graphNamed(QCustomPlot& plot, const QString& name)
{
    for (int i = 0; i < plot.graphCount(); ++i)
        if (plot.graph(i)->name() == name)
            return plot.graph(i);
    return nullptr;
}

}  // namespace

class TestPalette : public QObject {
    Q_OBJECT

private slots:
    void outputLayerIsNoOverlayRunsColour()
    {
        for (int runId = 1; runId <= 10; ++runId)
            QVERIFY2(palette::overlayRun(runId) != palette::outputLayer, qPrintable(QString::number(runId)));
    }

    void layersHaveColoursOfTheirOwn()
    {
        const int cycle = 8;
        for (int l = 0; l < cycle; ++l) {
            QVERIFY(palette::hiddenLayer(l) != palette::outputLayer);
            for (int m = l + 1; m < cycle; ++m)
                QVERIFY2(palette::hiddenLayer(l) != palette::hiddenLayer(m), qPrintable(QString("%1, %2").arg(l).arg(m)));
        }
        QCOMPARE(palette::hiddenLayer(cycle), palette::hiddenLayer(0));   // deeper networks go round again
    }

    void overlaysStayApartFromTheSelectedRunsCurves()
    {
        QSet<QRgb> seen;
        for (int runId = 1; runId <= 7; ++runId) {
            const QColor c = palette::overlayRun(runId);
            for (const QColor& own : {palette::training, palette::validation, palette::test})
                QVERIFY(c != own);
            seen.insert(c.rgb());
        }
        QCOMPARE(seen.size(), 7);   // seven runs in a row, seven colours
    }

    void gradientPlotDrawsTheOutputLayerInItsOwnColour()
    {
        GradientPlot plot;
        const RunRecord selected = deepRun(1), earlier = deepRun(7);
        plot.showRuns(&selected, {&earlier});
        QCPGraph* output = graphNamed(plot, "output");
        QCPGraph* overlay = graphNamed(plot, "Run 7 · each layer");
        QVERIFY(output && overlay);
        QCOMPARE(output->pen().color().rgb(), palette::outputLayer.rgb());
        QVERIFY(output->pen().color().rgb() != overlay->pen().color().rgb());
        QCOMPARE(graphNamed(plot, "hidden 1")->pen().color().rgb(), palette::hiddenLayer(0).rgb());
    }

    void valueColoursReachTheirEnds()
    {
        QCOMPARE(palette::signedValue(0.0, 1.0), QColor(Qt::white));
        QCOMPARE(palette::signedValue(5.0, 2.0).rgb(), QColor(178, 24, 43).rgb());     // clamped at +scale
        QCOMPARE(palette::signedValue(-2.0, 2.0).rgb(), QColor(33, 102, 172).rgb());
        QCOMPARE(palette::activation(1.0).rgb(), QColor(0, 109, 44).rgb());
        QCOMPARE(palette::activation(std::nan("")), QColor(Qt::white));
        QCOMPARE(palette::signedMapPixel(-1.0f), qRgb(0, 0, 255));
        QCOMPARE(palette::intensityMapPixel(0.5f), qRgb(128, 128, 128));
    }

    void styleSheetsAreTheOnesWrittenBefore()
    {
        QCOMPARE(palette::noticeStyle(palette::problemNotice, "QLabel", 4),
                 QString("QLabel { color: #a01010; background: #fdecea; border: 1px solid #f5c2bd;"
                         " border-radius: 3px; padding: 4px; }"));
        QCOMPARE(palette::noticeStyle(palette::resumeNotice, "#resumeBanner"),
                 QString("#resumeBanner { background: #fff4d6; border: 1px solid #e6c463; border-radius: 3px; }"));
        QCOMPARE(palette::textStyle(palette::errorText), QString("color: #b00020;"));
        QCOMPARE(palette::coloured("<b>success</b>", palette::success),
                 QString("<span style='color:#2e9e5b'><b>success</b></span>"));
    }
};

QTEST_MAIN(TestPalette)
#include "tst_palette.moc"
