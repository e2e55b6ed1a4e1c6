#include "ui/common/model_source_selector.h"

#include "ui/bridge/background_jobs.h"
#include "ui/common/export_location.h"
#include "ui/common/regular_file.h"
#include "ui/plotting/palette.h"

#include "core/io/model_file.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QPushButton>
#include <QVBoxLayout>

#include <exception>

Q_LOGGING_CATEGORY(lcModel, "nnlab.draw")

struct ModelSourceSelector::Loaded {
    std::shared_ptr<const nnlab::Network> network;
    QString error;
};

ModelSourceSelector::ModelSourceSelector(QWidget* parent)
    : QWidget(parent), m_combo(new QComboBox(this)), m_open(new QPushButton(tr("Open model…"), this)),
      m_error(new QLabel(this)), m_jobs(new BackgroundJobs(this))
{
    m_combo->addItem(tr("Built-in: fully connected 784-100-10"));
    m_combo->addItem(tr("Built-in: convolutional net (chapter 6)"));
    m_combo->addItem(tr("The network from the Train view"));
    m_combo->addItem(tr("Model file…"));
    m_combo->setItemData(BuiltIn, tr("The fully connected network shipped with nnlab, trained by "
                                     "nnlab-cli (resources/models/README.md)"), Qt::ToolTipRole);
    m_combo->setItemData(BuiltInConvnet, tr("Chapter 6's ReLU convnet shipped with nnlab, 99.19% on "
                                            "the test set (resources/models/README.md)"), Qt::ToolTipRole);
    m_combo->setItemData(TrainView, tr("The network being trained in the Train view, live: a copy "
                                       "each second while it learns, and the final one"), Qt::ToolTipRole);
    m_combo->setItemData(File, tr("A network saved by nnlab, nnlab-cli or network2.py"), Qt::ToolTipRole);
    m_combo->setToolTip(tr("Which network reads your digit"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(34);
    m_open->setToolTip(tr("Load a saved model: network2.py's JSON or nnlab's layer-stack format"));
    m_error->setStyleSheet(palette::textStyle(palette::errorText));
    m_error->setWordWrap(true);
    m_error->hide();

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Network:"), this));
    row->addWidget(m_combo);
    row->addWidget(m_open);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_error);

    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (index == File && !m_networks[File])
            openDialog();
        else
            showSource();
    });
    connect(m_open, &QPushButton::clicked, this, &ModelSourceSelector::openDialog);
    setBuiltInModelPath(builtInModelPath());
}

void ModelSourceSelector::setBuiltInModelPath(const QString& path)
{
    m_builtInPath = path;
    m_networks[BuiltIn].reset();
    load(path, BuiltIn);
}

void ModelSourceSelector::loadFile(const QString& path)
{
    load(path, File);
}

void ModelSourceSelector::load(const QString& path, Source into)
{
    m_loading[into] = true;
    const int generation = ++m_generations[into];
    m_jobs->run<Loaded>(
        [path] {
            Loaded loaded;
            const QString name = QFileInfo(path).fileName();
            // Only a regular file: opening a named pipe would wait for a writer forever.
            if (const QString why = whyNotARegularFile(path); !why.isEmpty()) {
                loaded.error = tr("%1: %2").arg(name, why);
                return loaded;
            }
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                loaded.error = tr("%1: %2").arg(name, file.errorString());
                return loaded;
            }
            try {
                loaded.network = std::make_shared<const nnlab::Network>(
                    nnlab::parseModel(file.readAll().toStdString(), name.toStdString()));
            } catch (const std::exception& e) {
                loaded.error = QString::fromStdString(e.what());
            }
            return loaded;
        },
        [this, path, into, generation](Loaded& loaded) {
            if (generation != m_generations[into])
                return;   // superseded: the newer load is still running
            m_loading[into] = false;
            if (!loaded.network) {
                showError(loaded.error);
                if (into == source())
                    emitCurrent();
                return;
            }
            qCInfo(lcModel, "model ready: %s (%s)", qPrintable(path), qPrintable(describe(*loaded.network)));
            m_networks[into] = loaded.network;
            showError({});
            if (into == File) {
                m_fileName = QFileInfo(path).fileName();
                m_combo->setItemText(File, tr("File: %1").arg(m_fileName));
                m_combo->setCurrentIndex(File);
            }
            if (into == source())
                emitCurrent();
        });
}

void ModelSourceSelector::setLiveNetwork(std::shared_ptr<const nnlab::Network> network, bool select)
{
    m_networks[TrainView] = std::move(network);
    if (select)
        m_combo->setCurrentIndex(TrainView);
    if (source() == TrainView)
        emitCurrent();
}

void ModelSourceSelector::setEditedNetwork(std::shared_ptr<const nnlab::Network> network, const QString& description)
{
    if (m_combo->count() <= EditedInInspect) {
        m_combo->addItem(tr("Edited in the Inspect view"));
        m_combo->setItemData(EditedInInspect, tr("The Inspect view's network with the changes made there: silenced, "
                                                 "scaled, negated or painted neurons"), Qt::ToolTipRole);
    }
    m_networks[EditedInInspect] = std::move(network);
    m_editedDescription = description;
    if (source() == EditedInInspect)
        emitCurrent();
}

void ModelSourceSelector::setSource(Source source)
{
    m_combo->setCurrentIndex(source);
    showSource();
}

void ModelSourceSelector::showSource()
{
    // The convnet is a megabyte of JSON: read it the first time someone asks for it.
    if (source() == BuiltInConvnet && !m_networks[BuiltInConvnet] && m_generations[BuiltInConvnet] == 0)
        load(builtInConvnetPath(), BuiltInConvnet);
    emitCurrent();
}

ModelSourceSelector::Source ModelSourceSelector::source() const
{
    return Source(m_combo->currentIndex());
}

std::shared_ptr<const nnlab::Network> ModelSourceSelector::network() const
{
    return m_networks[source()];
}

QString ModelSourceSelector::description() const
{
    const auto& net = network();
    if (!net)
        return {};
    switch (source()) {
    case BuiltIn:
    case BuiltInConvnet:
        return tr("built-in %1").arg(describe(*net));
    case TrainView:
        return tr("Train view's %1").arg(describe(*net));
    case File:
        return tr("%1 (%2)").arg(m_fileName, describe(*net));
    case EditedInInspect:
        return m_editedDescription;
    case SourceCount:
        break;
    }
    return {};
}

QString ModelSourceSelector::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ModelSourceSelector::isLoading() const
{
    return m_loading[source()];   // only the chosen source's load matters to what is shown
}

QString ModelSourceSelector::describe(const nnlab::Network& network)
{
    QStringList sizes;
    for (int s : network.sizes())
        sizes << QString::number(s);
    const QString kind = network.isFullyConnected() ? tr("fully connected") : tr("convolutional");
    return tr("%1 %2, %3/%4")
        .arg(kind, sizes.join('-'),
             QString::fromStdString(nnlab::activationName(network.hiddenActivation())),
             QString::fromStdString(nnlab::activationName(network.outputActivation())));
}

void ModelSourceSelector::openDialog()
{
    const QString path = askOpenFile(this, ExportKind::Model, tr("Open a model"), tr("Models (*.json);;All files (*)"));
    if (path.isEmpty()) {
        // Cancelled: back to a source that has a network, if "Model file…" had none.
        if (!m_networks[File] && source() == File)
            m_combo->setCurrentIndex(BuiltIn);
        emitCurrent();
        return;
    }
    loadFile(path);
}

void ModelSourceSelector::emitCurrent()
{
    emit networkChanged(network(), description());
}

void ModelSourceSelector::showError(const QString& message)
{
    // One line: the first line of the reason.
    m_error->setText(message.section('\n', 0, 0));
    m_error->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        qCInfo(lcModel, "model error: %s", qPrintable(message));
        emit failed(message);
    }
}
