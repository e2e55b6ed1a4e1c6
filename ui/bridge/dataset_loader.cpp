#include "ui/bridge/dataset_loader.h"

#include "ui/bridge/background_jobs.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <exception>

Q_LOGGING_CATEGORY(lcData, "nnlab.data")

struct DatasetLoader::Result {
    std::shared_ptr<const nnlab::DataSplit> split;
    QString dir;
    QString error;
    double seconds = 0;
};

// m_jobs is a child: ~QObject deletes it, and ~BackgroundJobs waits for loads still running.
DatasetLoader::DatasetLoader(QObject* parent) : QObject(parent), m_jobs(new BackgroundJobs(this)) {}

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

    m_jobs->run<Result>(
        [kind, dir = m_dataDir] {
            Result result;
            QElapsedTimer timer;
            timer.start();
            try {
                const std::filesystem::path found = nnlab::findDataDir(kind, dir);
                result.dir = QString::fromStdString(found.string());
                result.split = std::make_shared<const nnlab::DataSplit>(nnlab::loadSplit(kind, found));
            } catch (const nnlab::DataError& e) {
                result.error = QString::fromStdString(e.what());
            } catch (const std::exception& e) {
                // Not a data problem the core foresaw (e.g. out of memory): still a message, not a crash.
                result.error = tr("Could not load %1: %2")
                                   .arg(QString::fromStdString(nnlab::datasetName(kind)),
                                        QString::fromLocal8Bit(e.what()));
            }
            result.seconds = timer.elapsed() / 1000.0;
            return result;
        },
        [this, kind, generation = m_generation](Result& result) { finish(kind, generation, result); });
}

void DatasetLoader::finish(nnlab::DatasetKind kind, int generation, const Result& result)
{
    if (generation != m_generation)
        return;  // loaded from a folder we no longer look at
    m_inFlight.erase(kind);
    const QString name = QString::fromStdString(nnlab::datasetName(kind));
    if (!result.split) {
        qCWarning(lcData).noquote() << "failed to load" << name << ":" << result.error;
        emit failed(kind, result.error);
        return;
    }
    m_cache[kind] = result.split;
    qCInfo(lcData).noquote() << "loaded" << name << "from" << result.dir << "in"
                             << QString::number(result.seconds, 'f', 2) << "s";
    emit loaded(kind, result.dir, result.seconds);
}
