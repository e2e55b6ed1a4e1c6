// draw_view.h — the "Draw" view: draw a digit and watch a network read it as you draw
// (chapter 1: recognising handwritten digits).
//
// The canvas's image goes through MNIST's own preprocessing (core/draw/mnist_preprocess.h) on
// every stroke update; the 28×28 result is shown beside the canvas, the network's ten outputs
// in a bar chart and its top guess in large type. A test digit can be put on the canvas, and a
// gallery shows the test digits the current network gets wrong. A test digit on the canvas is
// read from its own 28×28 pixels, as the gallery reads it, until the person draws on it; then the
// canvas is read, preprocessed like any drawing, and the status line says so. Shortcuts: Del/Backspace clear,
// Ctrl+Z undo, Ctrl+O load an image, T a random test digit.
#pragma once

#include "core/draw/digit_classifier.h"
#include "core/draw/mnist_preprocess.h"
#include "core/nn/network.h"

#include <QIcon>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class BackgroundJobs;
class DatasetLoader;
class LiveNetwork;
class DrawingCanvas;
class HiddenLayersPanel;
class MisclassifiedGallery;
class MnistInputPreview;
class ModelSourceSelector;
class ProbabilityBars;
class QLabel;
class QToolButton;

class DrawView : public QWidget {
    Q_OBJECT

public:
    // The Train view's network reaches this view at most this often.
    static constexpr int liveUpdateIntervalMs = 1000;

    // Shares `loader` (and its cached MNIST) with other views; null: a loader of its own.
    // Reads digits from `loader`'s sets; follows `live` (the Train view's network) while it learns
    // and when it ends. Either may be null.
    explicit DrawView(DatasetLoader* loader = nullptr, LiveNetwork* live = nullptr, QWidget* parent = nullptr);

    static QIcon icon();   // for the navigation list: a hand-drawn 2 on a sheet

    // Puts test digit `index` (-1: a random one) on the canvas, enlarged ×10; loads MNIST first
    // if needed. False when the data can't be had (the reason is on the status line).
    bool tryTestDigit(int index = -1);
    // Loads an image file onto the canvas, reading it off the GUI thread (a big photo takes a
    // while); then imageLoadFinished, with the reason (also on the status line) when it failed.
    void loadImageFile(const QString& path);
    void clearCanvas();
    void undoStroke();

    DrawingCanvas* canvas() const { return m_canvas; }
    MnistInputPreview* preview() const { return m_preview; }
    ProbabilityBars* bars() const { return m_bars; }
    HiddenLayersPanel* hiddenLayers() const { return m_hidden; }
    MisclassifiedGallery* gallery() const { return m_gallery; }
    ModelSourceSelector* modelSource() const { return m_source; }

    // What the view shows now.
    const std::optional<nnlab::MnistInput>& input() const { return m_input; }
    const std::optional<nnlab::Classification>& classification() const { return m_classification; }
    QString guessText() const;        // the big digit, or "–"
    QString confidenceText() const;   // "97.3% sure", or what is missing
    QString statusText() const;
    double lastUpdateMs() const { return m_lastUpdateMs; }   // preprocessing + network, last update
    // The test digit the canvas shows, not drawn over; -1: none (or drawn over).
    int testDigitShown() const;

public slots:
    // The network being trained in the Train view (a snapshot). Applied at most once per
    // liveUpdateIntervalMs; the latest one wins.
    void setLiveNetwork(std::shared_ptr<const nnlab::Network> network);

signals:
    void predictionUpdated();   // after every update of the prediction (also "nothing drawn")
    void imageLoadFinished(bool ok, const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createCanvasColumn();
    QWidget* createResultColumn();
    void createShortcuts();

    void updatePrediction();
    void networkChanged(std::shared_ptr<const nnlab::Network> network, const QString& description);
    void loadImageDialog();
    void requestTestSet();
    void testSetLoaded();
    void applyLiveNetwork();
    void setStatus(const QString& text, bool error = false);

    DatasetLoader* m_loader;
    BackgroundJobs* m_jobs;
    std::shared_ptr<const nnlab::Network> m_network;
    ModelSourceSelector* m_source;
    DrawingCanvas* m_canvas;
    MnistInputPreview* m_preview;
    ProbabilityBars* m_bars;
    HiddenLayersPanel* m_hidden;
    MisclassifiedGallery* m_gallery;
    QLabel* m_guess;
    QLabel* m_confidence;
    QLabel* m_timing;
    QLabel* m_status;

    std::optional<nnlab::MnistInput> m_input;
    std::optional<nnlab::Classification> m_classification;
    double m_lastUpdateMs = 0.0;
    int m_testIndex = -1;               // the test digit under the strokes; -1: none
    int m_testLabel = -1;
    nnlab::InkImage m_testDigit;        // its 28×28 pixels, as the dataset holds them
    bool m_pendingTestDigit = false;
    int m_pendingTestIndex = -1;
    QString m_dataError;

    QTimer m_liveThrottle;
    std::shared_ptr<const nnlab::Network> m_pendingLive;
    bool m_livePending = false;
};
