// dataset_loader.h — loads datasets off the GUI thread and keeps them, one per kind.
//
// Reading and checking MNIST takes about a second: long enough to freeze a window. Each load runs
// on its own QThread; the result comes back to the loader's thread through a queued call, so
// everything the GUI touches lives on the GUI thread.
#pragma once

#include "core/data/dataset.h"

#include <QList>
#include <QObject>
#include <QString>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

class QThread;

class DatasetLoader : public QObject {
    Q_OBJECT

public:
    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;  // waits for loads in flight: their results point back here

    // Where to look (--data DIR); empty: the core's search order. Forgets what was loaded.
    void setDataDir(const std::optional<std::filesystem::path>& dir);
    const std::optional<std::filesystem::path>& dataDir() const { return m_dataDir; }

    // The loaded split, or null while it is not (yet) loaded.
    std::shared_ptr<const nnlab::DataSplit> split(nnlab::DatasetKind kind) const;
    bool isLoading(nnlab::DatasetKind kind) const { return m_inFlight.contains(kind); }

    // Starts loading `kind` unless it is loaded or already loading; emits loaded() or failed().
    void load(nnlab::DatasetKind kind);

signals:
    void loaded(nnlab::DatasetKind kind, const QString& fromDir, double seconds);
    void failed(nnlab::DatasetKind kind, const QString& message);

private:
    struct Result;
    void finish(nnlab::DatasetKind kind, int generation, const std::shared_ptr<Result>& result);

    std::optional<std::filesystem::path> m_dataDir;
    std::map<nnlab::DatasetKind, std::shared_ptr<const nnlab::DataSplit>> m_cache;
    std::set<nnlab::DatasetKind> m_inFlight;
    QList<QThread*> m_threads;
    // Bumped by setDataDir so that a load from the old folder, still running, is ignored.
    int m_generation = 0;
};
