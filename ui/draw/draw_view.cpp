#include "ui/draw/draw_view.h"

#include "ui/bridge/background_jobs.h"
#include "ui/bridge/dataset_loader.h"
#include "ui/bridge/live_network.h"
#include "ui/common/misclassified_gallery.h"
#include "ui/common/model_source_selector.h"
#include "ui/common/percent_text.h"
#include "ui/common/view_icon.h"
#include "ui/draw/beside_or_tabbed.h"
#include "ui/draw/draw_images.h"
#include "ui/draw/drawing_canvas.h"
#include "ui/draw/hidden_layers_panel.h"
#include "ui/draw/mnist_input_preview.h"
#include "ui/draw/neuron_tile_grid.h"
#include "ui/draw/probability_bars.h"
#include "ui/plotting/palette.h"

#include "core/draw/hidden_activity.h"
#include "core/train/network_fit.h"

#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QShortcut>
#include <QStyle>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcDraw, "nnlab.draw")

namespace {

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

}  // namespace

DrawView::DrawView(DatasetLoader* loader, LiveNetwork* live, QWidget* parent)
    : QWidget(parent), m_loader(loader ? loader : new DatasetLoader(this)),
      m_jobs(new BackgroundJobs(this)),
      m_source(new ModelSourceSelector(this)), m_canvas(new DrawingCanvas(this)),
      m_preview(new MnistInputPreview(this)), m_bars(new ProbabilityBars(this)),
      m_hidden(new HiddenLayersPanel(this)),
      m_gallery(new MisclassifiedGallery(this)), m_guess(new QLabel(this)),
      m_confidence(new QLabel(this)), m_timing(new QLabel(this)), m_status(new QLabel(this))
{
    auto* title = new QLabel(
        tr("<b>Draw a digit</b> and a trained network reads it as you draw, after the same "
           "preprocessing MNIST's digits had — chapter 1: recognising handwritten digits."),
        this);
    title->setWordWrap(true);

    // Under the title and the model source, everything scrolls when the window is too small for
    // it (1024×640): the canvas keeps its 280×280 and nothing is squeezed over anything else.
    auto* body = new QWidget;
    auto* top = new QHBoxLayout;
    top->addWidget(createCanvasColumn());
    top->addWidget(createResultColumn());
    // Beside the bars, the hidden layers lit by the same pass; in a tab beside theirs when the
    // window is too small for both. The bars need 220 pixels to stay readable, 520 to be at ease;
    // beyond that the hidden layers take the room, up to their neuron's detail beside them.
    auto* outputs = new BesideOrTabbed(m_bars, tr("Outputs"), m_hidden, tr("Hidden layers"), this);
    outputs->setWidths(220, 520, m_hidden->sizeHint().width(), m_hidden->wideWidth());
    top->addWidget(outputs, 1);
    auto* bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(top);
    bodyLayout->addWidget(m_gallery, 1);
    // A row of thumbnails with its headline, at the least.
    m_gallery->setMinimumHeight(4 * fontMetrics().lineSpacing() + 84);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName("drawScroll");
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_source);
    layout->addWidget(scroll, 1);

    m_liveThrottle.setSingleShot(true);
    m_liveThrottle.setInterval(liveUpdateIntervalMs);
    connect(&m_liveThrottle, &QTimer::timeout, this, &DrawView::applyLiveNetwork);

    connect(m_canvas, &DrawingCanvas::changed, this, &DrawView::updatePrediction);
    connect(m_canvas, &DrawingCanvas::strokeFinished, this, &DrawView::updatePrediction);
    connect(m_source, &ModelSourceSelector::networkChanged, this, &DrawView::networkChanged);
    connect(m_source, &ModelSourceSelector::failed, this,
            [this](const QString& message) { setStatus(message.section('\n', 0, 0), true); });
    connect(m_gallery, &MisclassifiedGallery::finished, this, [this] {
        // Where the canvas is on the screen, for scripts that draw on it (scripts/screenshots).
        const QPoint at = m_canvas->mapToGlobal(QPoint(0, 0));
        qCInfo(lcDraw, "canvas at %d,%d", at.x(), at.y());
        // ... and the first hidden layer's tiles, when they are shown beside the bars.
        if (const auto& grids = m_hidden->neuronGrids(); !grids.empty() && grids.front()->isVisible()) {
            const QPoint tiles = grids.front()->mapToGlobal(QPoint(0, 0));
            qCInfo(lcDraw, "hidden neurons at %d,%d", tiles.x(), tiles.y());
        }
    });
    connect(m_gallery, &MisclassifiedGallery::digitChosen, this,
            [this](int index) { tryTestDigit(index); });
    connect(m_loader, &DatasetLoader::loaded, this, [this](nnlab::DatasetKind kind) {
        if (kind == nnlab::DatasetKind::Mnist)
            testSetLoaded();
    });
    connect(m_loader, &DatasetLoader::failed, this,
            [this](nnlab::DatasetKind kind, const QString& message) {
                if (kind != nnlab::DatasetKind::Mnist)
                    return;
                m_dataError = message.section('\n', 0, 0);
                m_pendingTestDigit = false;
                m_gallery->showMessage(tr("No MNIST test set, so no gallery: %1").arg(m_dataError));
                setStatus(tr("No test digits: %1").arg(m_dataError), true);
            });
    createShortcuts();
    setStatus({});
    updatePrediction();

    // The Train view's network, for the "Train view" source: while it learns, and the final one.
    if (live) {
        connect(live, &LiveNetwork::learning, this, &DrawView::setLiveNetwork);
        connect(live, &LiveNetwork::finished, this, &DrawView::setLiveNetwork);
    }
}

QWidget* DrawView::createCanvasColumn()
{
    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading(tr("Your digit"), column));

    auto* frame = new QWidget(column);
    frame->setObjectName("canvasFrame");
    frame->setStyleSheet(QString("#canvasFrame { border: 1px solid %1; }").arg(palette::frame.name()));
    auto* frameLayout = new QVBoxLayout(frame);
    frameLayout->setContentsMargins(1, 1, 1, 1);
    frameLayout->addWidget(m_canvas);
    m_canvas->setToolTip(tr("Draw a digit with the mouse or a pen: one digit, as large as you like"));
    layout->addWidget(frame, 0, Qt::AlignLeft);

    auto button = [this, column](const QString& text, QStyle::StandardPixmap icon,
                                 const QString& tip, auto slot) {
        auto* b = new QPushButton(style()->standardIcon(icon), text, column);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    auto* buttons = new QGridLayout;
    buttons->setSpacing(4);
    buttons->addWidget(button(tr("Clear"), QStyle::SP_DialogResetButton,
                              tr("Clear the canvas (Del or Backspace)"), &DrawView::clearCanvas), 0, 0);
    buttons->addWidget(button(tr("Undo stroke"), QStyle::SP_ArrowBack,
                              tr("Remove the last stroke (Ctrl+Z)"), &DrawView::undoStroke), 0, 1);
    buttons->addWidget(button(tr("Load image…"), QStyle::SP_DialogOpenButton,
                              tr("Put a PNG or JPG image of a digit on the canvas (Ctrl+O)"),
                              &DrawView::loadImageDialog), 1, 0);
    buttons->addWidget(button(tr("Test digit"), QStyle::SP_BrowserReload,
                              tr("Put a random MNIST test digit on the canvas, enlarged ×10 (T)"),
                              [this] { tryTestDigit(); }), 1, 1);
    layout->addLayout(buttons);

    m_status->setWordWrap(true);
    m_status->setMaximumWidth(DrawingCanvas::canvasSize + 2);
    // Room for the longest message, so that a new one never pushes the rows below it.
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 3);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_status);
    layout->addStretch(1);
    return column;
}

QWidget* DrawView::createResultColumn()
{
    // Of fixed width, and every line in it of fixed height, so that the first stroke (a digit
    // instead of "–", a percentage, a timing) moves neither the chart beside it nor the gallery.
    auto* column = new QWidget(this);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(8, 0, 8, 0);
    column->setFixedWidth(m_preview->width() + 16);
    layout->addWidget(heading(tr("What the network sees"), column));
    layout->addWidget(m_preview, 0, Qt::AlignLeft);
    auto* caption = new QLabel(tr("28×28: the ink scaled to fit 20×20, centre of mass (+) at the "
                                  "middle, as MNIST was made"), column);
    caption->setWordWrap(true);
    caption->setMaximumWidth(m_preview->width());
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    caption->setFont(small);
    caption->setStyleSheet(palette::textStyle(palette::secondaryText));
    layout->addWidget(caption);

    layout->addSpacing(6);
    layout->addWidget(heading(tr("Top guess"), column));
    QFont big = m_guess->font();
    big.setPointSizeF(big.pointSizeF() * 4.5);
    big.setBold(true);
    m_guess->setFont(big);
    m_guess->setStyleSheet(palette::textStyle(palette::accent));
    m_guess->setToolTip(tr("The digit whose output is largest"));
    QFont medium = m_confidence->font();
    medium.setPointSizeF(medium.pointSizeF() * 1.3);
    m_confidence->setFont(medium);
    m_confidence->setWordWrap(true);
    m_confidence->setMaximumWidth(m_preview->width());
    // Three lines: "> 99.9% of the summed outputs" beside the digit (about as tall as the digit).
    m_confidence->setFixedHeight(QFontMetrics(medium).lineSpacing() * 3);
    m_guess->setFixedSize(QFontMetrics(big).horizontalAdvance('8') + 8, QFontMetrics(big).height());
    m_confidence->setToolTip(tr("How much of the output goes to the top guess"));
    auto* guessRow = new QHBoxLayout;
    guessRow->addWidget(m_guess);
    guessRow->addWidget(m_confidence, 1);
    layout->addLayout(guessRow);
    m_timing->setFont(small);
    m_timing->setWordWrap(true);
    m_timing->setFixedHeight(QFontMetrics(small).lineSpacing() * 2);
    m_timing->setStyleSheet(palette::textStyle(palette::secondaryText));
    m_timing->setToolTip(tr("Time of the last update: preprocessing the 280×280 canvas and "
                            "running the network"));
    layout->addWidget(m_timing);
    layout->addStretch(1);
    return column;
}

QIcon DrawView::icon()
{
    return viewIcon([](QPainter& p) {
        p.setPen(QPen(palette::frame, 2));
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(5, 5, 54, 54), 4, 4);
        // A 2 in one stroke: the arc over the top, the diagonal, the foot.
        QPainterPath two;
        two.moveTo(19, 23);
        two.cubicTo(20, 8, 46, 8, 44, 24);
        two.cubicTo(43, 33, 30, 40, 18, 51);
        two.lineTo(47, 50);
        p.setPen(QPen(palette::ink, 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(two);
    });
}

void DrawView::createShortcuts()
{
    // Window-wide, but only while this view is the one shown (a hidden widget's shortcuts sleep).
    auto shortcut = [this](const QKeySequence& keys, auto slot) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence::Delete, &DrawView::clearCanvas);
    shortcut(Qt::Key_Backspace, &DrawView::clearCanvas);
    shortcut(QKeySequence::Undo, &DrawView::undoStroke);
    shortcut(QKeySequence::Open, &DrawView::loadImageDialog);
    shortcut(Qt::Key_T, [this] { tryTestDigit(); });
}

void DrawView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    requestTestSet();
}

void DrawView::requestTestSet()
{
    if (m_loader->split(nnlab::DatasetKind::Mnist))
        testSetLoaded();
    else
        m_loader->load(nnlab::DatasetKind::Mnist);
}

void DrawView::testSetLoaded()
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split)
        return;
    m_dataError.clear();
    if (m_gallery->testSet() != split) {   // (not again each time the view is shown)
        qCInfo(lcDraw, "test set ready: %d digits", split->test.size());
        m_gallery->setTestSet(split);
    }
    if (m_pendingTestDigit) {
        m_pendingTestDigit = false;
        tryTestDigit(m_pendingTestIndex);
    }
}

bool DrawView::tryTestDigit(int index)
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split) {
        m_pendingTestDigit = true;
        m_pendingTestIndex = index;
        m_loader->load(nnlab::DatasetKind::Mnist);
        if (!m_dataError.isEmpty() && !m_loader->isLoading(nnlab::DatasetKind::Mnist))
            return false;
        setStatus(tr("Loading the MNIST test set…"));
        return true;
    }
    const nnlab::Dataset& test = split->test;
    if (index < 0 || index >= test.size())
        index = QRandomGenerator::global()->bounded(test.size());
    m_testIndex = index;
    m_testLabel = test.labels[index];
    m_testDigit = nnlab::InkImage(test.imageCols, test.imageRows);
    const auto column = test.images.col(index);
    std::copy(column.data(), column.data() + column.size(), m_testDigit.pixels.begin());
    m_canvas->setPicture(digitAsDrawing(test, index, DrawingCanvas::canvasSize));
    qCInfo(lcDraw, "test digit %d (label %d) on the canvas", index, m_testLabel);
    return true;
}

void DrawView::loadImageFile(const QString& path)
{
    struct Loaded {
        nnlab::InkImage ink;
        QString error;
    };
    setStatus(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    m_jobs->run<Loaded>(
        [path] {
            Loaded loaded;
            if (loadInkImage(path, DrawingCanvas::canvasSize, &loaded.ink, &loaded.error) &&
                !nnlab::inkBoundingBox(loaded.ink, nnlab::MnistPreprocessOptions{}.inkThreshold))
                loaded.error = tr("%1: no digit found (the image is blank or has no contrast)")
                                   .arg(QFileInfo(path).fileName());
            return loaded;
        },
        [this, path](Loaded& loaded) {
            if (!loaded.error.isEmpty()) {
                setStatus(loaded.error, true);
                emit imageLoadFinished(false, loaded.error);
                return;
            }
            m_testIndex = -1;
            m_canvas->setPicture(canvasPicture(loaded.ink));
            const QString message = tr("Loaded %1").arg(QFileInfo(path).fileName());
            setStatus(message);
            emit imageLoadFinished(true, message);
        });
}

void DrawView::loadImageDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load an image of a digit"), QString(),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.pgm *.ppm);;All files (*)"));
    if (!path.isEmpty())
        loadImageFile(path);
}

void DrawView::clearCanvas()
{
    m_testIndex = -1;
    m_canvas->clear();
    setStatus({});
}

void DrawView::undoStroke()
{
    if (m_canvas->strokeCount() == 0)
        m_testIndex = -1;   // the undo takes the picture away
    m_canvas->undo();
}

int DrawView::testDigitShown() const
{
    return m_testIndex >= 0 && m_canvas->hasPicture() && m_canvas->strokeCount() == 0 ? m_testIndex : -1;
}

void DrawView::networkChanged(std::shared_ptr<const nnlab::Network> network, const QString& description)
{
    const std::string problem = network ? nnlab::fitProblem(network->inputSize(), network->outputSize()) : std::string();
    if (!problem.empty()) {
        setStatus(QStringLiteral("%1: %2").arg(description, QString::fromStdString(problem)), true);
        network.reset();
    }
    m_network = network;
    m_hidden->setNetwork(m_network);
    if (m_network) {
        m_gallery->setNetwork(m_network);
        qCInfo(lcDraw, "network: %s", qPrintable(description));
    } else {
        m_gallery->setNetwork(nullptr);
        m_gallery->showMessage(tr("No network, so no gallery of its mistakes."));
    }
    updatePrediction();
}

void DrawView::updatePrediction()
{
    QElapsedTimer timer;
    timer.start();
    // A test digit alone is read from its own pixels, as the gallery and the book read it: the
    // canvas holds it enlarged ×10, and preprocessing that again (crop, 20×20, centre of mass)
    // would hand the network a slightly different digit and, now and then, another answer.
    if (testDigitShown() >= 0)
        m_input = nnlab::describeMnistField(m_testDigit);
    else
        m_input = preprocessCanvas(m_canvas->image());
    m_classification.reset();
    std::optional<nnlab::NetworkActivity> activity;   // one pass: the bars' outputs and the hidden layers'
    if (m_input && m_network) {
        activity = nnlab::traceActivity(*m_network, m_input->pixels);
        m_classification = activity->classification;
    }
    if (m_input || m_network)
        m_lastUpdateMs = timer.nsecsElapsed() / 1e6;

    if (m_input)
        m_preview->setInput(*m_input);
    else
        m_preview->clear();

    if (!m_network) {
        const QString why = m_source->isLoading()
                                ? tr("Loading the network…")
                                : m_source->source() == ModelSourceSelector::TrainView
                                      ? tr("No network from the Train view yet:\ntrain one there")
                                      : tr("No network: choose or open one above");
        m_bars->showMessage(why);
        m_hidden->showMessage(why);
        m_guess->setText(QStringLiteral("–"));
        m_confidence->setText(tr("no network to ask"));
        m_timing->clear();
    } else if (!m_input) {
        m_bars->showMessage(tr("Draw a digit on the canvas"));
        m_hidden->clearActivity();
        m_guess->setText(QStringLiteral("–"));
        m_confidence->setText(tr("nothing drawn"));
        m_timing->clear();
    } else {
        const nnlab::Classification& c = *m_classification;
        m_bars->setProbabilities(c.probabilities, c.predicted, c.normalised);
        m_hidden->setActivity(std::move(*activity));
        m_guess->setText(QString::number(c.predicted));
        // A softmax output is a probability; sigmoid outputs only a share of their sum.
        m_confidence->setText((c.normalised ? tr("%1 of the summed outputs") : tr("%1 sure"))
                                  .arg(percentText(c.confidence)));
        m_timing->setText(tr("update: %1 ms (preprocess + network)").arg(m_lastUpdateMs, 0, 'f', 2));
    }
    if (testDigitShown() >= 0) {
        QString text = tr("MNIST test digit #%1, labelled %2").arg(m_testIndex).arg(m_testLabel);
        if (m_classification)
            text += m_classification->predicted == m_testLabel ? tr(": read right ✓")
                                                               : tr(": read wrong ✗");
        setStatus(text);
    } else if (m_testIndex >= 0) {
        // Why the answer may now differ from the gallery's, even before the new ink matters.
        setStatus(tr("Test digit #%1 drawn over: the canvas is read now, preprocessed as a drawing "
                     "(cropped, scaled to 20×20, centred)").arg(m_testIndex));
    }
    emit predictionUpdated();
}

void DrawView::setLiveNetwork(std::shared_ptr<const nnlab::Network> network)
{
    m_pendingLive = std::move(network);
    m_livePending = true;
    if (!m_liveThrottle.isActive())
        applyLiveNetwork();
}

void DrawView::applyLiveNetwork()
{
    if (!m_livePending)
        return;
    m_livePending = false;
    m_source->setLiveNetwork(std::move(m_pendingLive));
    m_pendingLive.reset();
    m_liveThrottle.start();   // the next one waits at least this long
}

QString DrawView::guessText() const
{
    return m_guess->text();
}

QString DrawView::confidenceText() const
{
    return m_confidence->text();
}

QString DrawView::statusText() const
{
    return m_status->text();
}

void DrawView::setStatus(const QString& text, bool error)
{
    // With nothing to report, the line says how to use the canvas.
    m_status->setText(text.isEmpty() ? tr("Draw with the mouse or a pen. Del clears, Ctrl+Z undoes, "
                                          "Ctrl+O loads an image, T shows a test digit.")
                                     : text);
    m_status->setStyleSheet(palette::textStyle(error ? palette::errorText
                                                 : text.isEmpty() ? palette::hintText
                                                                  : palette::statusText));
}
