#include "ui/bridge/dataset_loader.h"

#include "ui/bridge/thread_handover.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>

#include <exception>

Q_LOGGING_CATEGORY(lcData, "nnlab.data")

struct DatasetLoader::Result {
    std::shared_ptr<const nnlab::DataSplit> split;
    QString dir;
    QString error;
    double seconds = 0;
};

DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent) {}

DatasetLoader::~DatasetLoader()
{
    for (QThread* thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void DatasetLoader::setDataDir(const std::optional<std::filesystem::path>& dir)
{
    m_dataDir = dir;
    m_cache.clear();
    m_inFlight.clear();
    ++m_generation;
}

std::shared_ptr<const nnlab::DataSplit> DatasetLoader::split(nnlab::DatasetKind kind) const
{
    const auto it = m_cache.find(kind);
    return it == m_cache.end() ? nullptr : it->second;
}

void DatasetLoader::load(nnlab::DatasetKind kind)
{
    if (m_cache.contains(kind) || m_inFlight.contains(kind))
        return;
    m_inFlight.insert(kind);

    QThread* thread = QThread::create([this, kind, dir = m_dataDir, generation = m_generation] {
        auto result = std::make_shared<Result>();
        QElapsedTimer timer;
        timer.start();
        try {
            const std::filesystem::path found = nnlab::findDataDir(kind, dir);
            result->dir = QString::fromStdString(found.string());
            result->split = std::make_shared<const nnlab::DataSplit>(nnlab::loadSplit(kind, found));
        } catch (const nnlab::DataError& e) {
            result->error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            // Not a data problem the core foresaw (e.g. out of memory): still a message, not a crash.
            result->error = tr("Could not load %1: %2")
                                .arg(QString::fromStdString(nnlab::datasetName(kind)),
                                     QString::fromLocal8Bit(e.what()));
        }
        result->seconds = timer.elapsed() / 1000.0;
        postQueued(this, [this, kind, generation, result] { finish(kind, generation, result); });
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeOne(thread);
        thread->deleteLater();
    });
    thread->start();
}

void DatasetLoader::finish(nnlab::DatasetKind kind, int generation,
                           const std::shared_ptr<Result>& result)
{
    if (generation != m_generation)
        return;  // loaded from a folder we no longer look at
    m_inFlight.erase(kind);
    const QString name = QString::fromStdString(nnlab::datasetName(kind));
    if (!result->split) {
        qCWarning(lcData).noquote() << "failed to load" << name << ":" << result->error;
        emit failed(kind, result->error);
        return;
    }
    m_cache[kind] = result->split;
    qCInfo(lcData).noquote() << "loaded" << name << "from" << result->dir << "in"
                             << QString::number(result->seconds, 'f', 2) << "s";
    emit loaded(kind, result->dir, result->seconds);
}
