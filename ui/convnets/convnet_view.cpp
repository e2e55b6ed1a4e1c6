#include "ui/convnets/convnet_view.h"

#include "ui/bridge/dataset_loader.h"
#include "ui/common/export_location.h"
#include "ui/common/map_grid_widget.h"

#include "core/io/model_file.h"
#include "core/nn/conv_layer.h"
#include "core/nn/max_pool_layer.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

const char* kEmbeddedConvnet = ":/models/convnet-relu.json";

// A layer's output column as its maps (channels of h×w), or null for a dense layer.
std::vector<Eigen::MatrixXf> asMaps(const Eigen::VectorXf& column, nnlab::ImageShape shape)
{
    std::vector<Eigen::MatrixXf> maps;
    for (int c = 0; c < shape.channels; ++c) {
        // Each map is stored row by row: map it row-major, then copy into a matrix.
        using RowMajor = Eigen::Matrix<float, -1, -1, Eigen::RowMajor>;
        maps.emplace_back(Eigen::Map<const RowMajor>(column.data() + c * shape.height * shape.width, shape.height,
                                                     shape.width));
    }
    return maps;
}

QImage digitPicture(const Eigen::VectorXf& pixels)
{
    QImage image(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)   // ink 1 → black, as the book draws digits
            image.scanLine(y)[x] = uchar(std::lround(255 * (1.0f - std::clamp(pixels[y * 28 + x], 0.0f, 1.0f))));
    return image;
}

}  // namespace

std::shared_ptr<const nnlab::Network> ConvnetView::embeddedConvnet(QString* error)
{
    QFile file(kEmbeddedConvnet);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("the embedded convnet %1 is missing from this build").arg(kEmbeddedConvnet);
        return nullptr;
    }
    try {
        return std::make_shared<const nnlab::Network>(
            nnlab::parseModel(file.readAll().toStdString(), kEmbeddedConvnet));
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

ConvnetView::ConvnetView(DatasetLoader* loader, QWidget* parent)
    : QWidget(parent), m_loader(loader), m_source(new QLabel(this)), m_testIndex(new QSpinBox(this)),
      m_digit(new QLabel(this)), m_prediction(new QLabel(this)), m_message(new QLabel(this)), m_layers(nullptr)
{
    auto* title = new QLabel(
        tr("<b>Inside a convnet</b> — the 5×5 filters each convolutional layer learned (red: positive "
           "weights, blue: negative) and the feature maps they make of one digit, layer by layer "
           "(chapter 6)."),
        this);
    title->setWordWrap(true);

    auto* open = new QPushButton(tr("Open model…"), this);
    open->setToolTip(tr("Load a convolutional network saved by nnlab (nnlab-cli train --save)"));
    connect(open, &QPushButton::clicked, this, &ConvnetView::openModelFile);
    auto* embedded = new QPushButton(tr("Embedded convnet"), this);
    embedded->setToolTip(tr("The convnet shipped with nnlab (chapter 6's ReLU network)"));
    connect(embedded, &QPushButton::clicked, this, [this] {
        QString error;
        if (auto net = embeddedConvnet(&error))
            setNetwork(net, tr("embedded convnet"));
        else
            QMessageBox::warning(this, tr("No embedded convnet"), error);
    });
    m_testIndex->setRange(0, 9999);
    m_testIndex->setPrefix(tr("test digit #"));
    m_testIndex->setToolTip(tr("Which of MNIST's 10,000 test digits to look at"));
    m_testIndex->setObjectName("testIndex");
    connect(m_testIndex, &QSpinBox::valueChanged, this, &ConvnetView::showTestDigit);
    auto* random = new QPushButton(tr("Random digit"), this);
    random->setToolTip(tr("A random test digit"));
    connect(random, &QPushButton::clicked, this,
            [this] { m_testIndex->setValue(QRandomGenerator::global()->bounded(10000)); });

    auto* controls = new QHBoxLayout;
    controls->addWidget(embedded);
    controls->addWidget(open);
    controls->addWidget(m_source, 1);
    controls->addWidget(m_testIndex);
    controls->addWidget(random);

    m_digit->setFixedSize(140, 140);
    m_digit->setFrameShape(QFrame::Box);
    m_digit->setAlignment(Qt::AlignCenter);
    m_prediction->setWordWrap(true);
    m_prediction->setObjectName("prediction");
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Input x (28×28)"), this));
    left->addWidget(m_digit);
    left->addWidget(m_prediction);
    left->addStretch();

    auto* layersHost = new QWidget;
    m_layers = new QVBoxLayout(layersHost);   // sections from the top, a stretch after them (addSection)
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(layersHost);
    scroll->setWidgetResizable(true);

    m_message->setWordWrap(true);
    m_message->setObjectName("message");
    auto* body = new QHBoxLayout;
    body->addLayout(left);
    body->addWidget(scroll, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addLayout(body, 1);

    connect(m_loader, &DatasetLoader::loaded, this, [this](nnlab::DatasetKind kind) {
        if (kind == nnlab::DatasetKind::Mnist && m_pixels.size() == 0)
            showTestDigit(m_testIndex->value());
    });

    QString error;
    if (auto net = embeddedConvnet(&error))
        setNetwork(net, tr("embedded convnet"));
    else
        m_message->setText(tr("No convolutional network loaded (%1). Open one saved by "
                              "<tt>nnlab-cli train --net 784,conv20x5,pool2,... --save FILE</tt>.")
                               .arg(error.toHtmlEscaped()));
}

void ConvnetView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_pixels.size() == 0 && !m_loader->split(nnlab::DatasetKind::Mnist))
        m_loader->load(nnlab::DatasetKind::Mnist);
    else if (m_pixels.size() == 0)
        showTestDigit(m_testIndex->value());
}

void ConvnetView::openModelFile()
{
    const QString path = askOpenFile(this, ExportKind::Model, tr("Open a convolutional network"),
                                     tr("nnlab models (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    try {
        setNetwork(std::make_shared<const nnlab::Network>(nnlab::loadModel(path.toStdString())), path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Could not open the model"), QString::fromStdString(e.what()));
    }
}

void ConvnetView::setNetwork(std::shared_ptr<const nnlab::Network> net, const QString& source)
{
    m_net = std::move(net);
    const bool hasConv = m_net && m_net->layerCount() > 0 &&
                         dynamic_cast<const nnlab::ConvLayer*>(&m_net->layer(0)) != nullptr;
    m_source->setText(m_net ? tr("%1 — %2 layers").arg(source).arg(m_net->layerCount()) : QString());
    m_message->setText(hasConv ? QString()
                               : tr("This network has no convolutional layers: its first layer's "
                                    "weights are shown as plain maps instead."));
    m_message->setVisible(!hasConv);
    rebuild();
}

void ConvnetView::showTestDigit(int index)
{
    const auto split = m_loader->split(nnlab::DatasetKind::Mnist);
    if (!split) {
        m_loader->load(nnlab::DatasetKind::Mnist);
        return;
    }
    m_testIndex->blockSignals(true);
    m_testIndex->setValue(index);
    m_testIndex->blockSignals(false);
    showDigit(split->test.images.col(index), split->test.labels[index]);
}

void ConvnetView::showDigit(const Eigen::VectorXf& pixels, int label)
{
    m_pixels = pixels;
    m_label = label;
    rebuild();
}

void ConvnetView::clearLayers()
{
    while (QLayoutItem* item = m_layers->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_filterGrids.clear();
    m_activationGrids.clear();
}

void ConvnetView::addSection(const QString& title, MapGridWidget* grid)
{
    auto* label = new QLabel(title);
    label->setStyleSheet("font-weight: bold; margin-top: 8px;");
    // A stretch after the last section keeps them at the top. (Not the layout's AlignTop: that
    // holds the layout to its size hint, which leaves out the rows of grids that wrap, and cut
    // the last grid short.)
    if (m_layers->count() > 0 && m_layers->itemAt(m_layers->count() - 1)->spacerItem())
        delete m_layers->takeAt(m_layers->count() - 1);
    m_layers->addWidget(label);
    m_layers->addWidget(grid);
    m_layers->addStretch(1);
}

void ConvnetView::addFilterSection(int l)
{
    const auto& conv = static_cast<const nnlab::ConvLayer&>(m_net->layer(l));
    const int k = conv.kernel(), channels = conv.input().channels;
    // One tile per (filter, input map): a row per filter when there are several input maps.
    std::vector<Eigen::MatrixXf> kernels;
    for (int j = 0; j < conv.maps(); ++j)
        for (int c = 0; c < channels; ++c) {
            Eigen::MatrixXf w(k, k);
            for (int ky = 0; ky < k; ++ky)
                for (int kx = 0; kx < k; ++kx)
                    w(ky, kx) = conv.weights()(j, (c * k + ky) * k + kx);
            kernels.push_back(w);
        }
    auto* grid = new MapGridWidget;
    grid->setMaps(std::move(kernels), channels == 1 ? 20 : channels, MapGridWidget::Colouring::Signed,
                  channels == 1 ? 36 : 14);
    grid->setWrapping(channels == 1);   // a row of filters may wrap; a row per filter may not
    grid->setToolTip(tr("Each tile is one %1×%1 local receptive field's shared weights w").arg(k));
    addSection(channels == 1 ? tr("Layer %1: %2 filters, %3×%3, on the image").arg(l + 1).arg(conv.maps()).arg(k)
                             : tr("Layer %1: %2 filters, %3×%3 over %4 maps (a row per filter)")
                                   .arg(l + 1).arg(conv.maps()).arg(k).arg(channels),
               grid);
    m_filterGrids.push_back(grid);
}

void ConvnetView::rebuild()
{
    clearLayers();
    if (!m_net)
        return;
    using nnlab::ConvLayer;
    using nnlab::MaxPoolLayer;
    const bool haveDigit = m_pixels.size() == m_net->inputSize();
    // The first layer's filters come before its maps; deeper layers' filters (hundreds of
    // tiles) after all the maps, so that the digit's journey reads from top to bottom.
    std::vector<int> deferredFilters;
    Eigen::MatrixXf a = m_pixels, next;
    for (int l = 0; l < m_net->layerCount(); ++l) {
        const nnlab::Layer& layer = m_net->layer(l);
        if (const auto* conv = dynamic_cast<const ConvLayer*>(&layer)) {
            if (conv->input().channels == 1 || !haveDigit)
                addFilterSection(l);
            else
                deferredFilters.push_back(l);
        }
        if (!haveDigit)
            continue;
        layer.infer(a, next);   // the forward pass, layer by layer, keeping each a^l
        a.swap(next);
        nnlab::ImageShape shape;
        QString what;
        if (const auto* conv = dynamic_cast<const ConvLayer*>(&layer)) {
            shape = conv->output();
            what = tr("Layer %1: %2 feature maps, %3×%4, a = %5(w ∗ a + b)")
                       .arg(l + 1).arg(shape.channels).arg(shape.height).arg(shape.width)
                       .arg(QString::fromStdString(nnlab::activationName(conv->activation())));
        } else if (const auto* pool = dynamic_cast<const MaxPoolLayer*>(&layer)) {
            shape = pool->output();
            what = tr("Layer %1: max-pooled %2×%2 → %3×%4").arg(l + 1).arg(pool->pool()).arg(shape.height).arg(shape.width);
        } else {
            continue;   // fully connected: no maps to draw
        }
        auto* grid = new MapGridWidget;
        // Every map the same size on screen (40 px), whatever its resolution: 24×24 maps at
        // ~2 px a pixel, 4×4 pooled maps at 10; twenty to a row where there is room.
        grid->setMaps(asMaps(a.col(0), shape), 20, MapGridWidget::Colouring::Intensity, 40);
        grid->setWrapping(true);   // fewer to a row in a narrow window, the same number in every layer
        addSection(what, grid);
        m_activationGrids.push_back(grid);
    }
    for (int l : deferredFilters)
        addFilterSection(l);
    if (!haveDigit) {
        m_digit->clear();
        m_prediction->setText(m_pixels.size() ? tr("This digit doesn't fit the network's input.") : tr("Loading MNIST…"));
        m_predicted = -1;
        return;
    }
    m_digit->setPixmap(QPixmap::fromImage(digitPicture(m_pixels)).scaled(140, 140));
    Eigen::Index best = 0;
    a.col(0).maxCoeff(&best);
    m_predicted = int(best);
    const float confidence = a.col(0).sum() > 0 ? a(best, 0) / a.col(0).sum() : 0.0f;
    m_prediction->setText(tr("<span style='font-size:28pt; font-weight:bold'>%1</span><br>%2% sure%3")
                              .arg(best)
                              .arg(100.0 * confidence, 0, 'f', 1)
                              .arg(m_label >= 0 ? tr("<br>label: %1").arg(m_label) : QString()));
}
