// dataset_loader.h — loads datasets off the GUI thread and keeps them, one per kind.
//
// Reading and checking MNIST takes about a second: long enough to freeze a window. Each load runs
// as a BackgroundJobs job; its result comes back to the loader's thread, so everything the GUI
// touches lives on the GUI thread. Destroying the loader waits for loads in flight.
#pragma once

#include "core/data/dataset.h"

#include <QObject>
#include <QString>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

class BackgroundJobs;

class DatasetLoader : public QObject {
    Q_OBJECT

public:
    explicit DatasetLoader(QObject* parent = nullptr);

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
    void finish(nnlab::DatasetKind kind, int generation, const Result& result);

    std::optional<std::filesystem::path> m_dataDir;
    std::map<nnlab::DatasetKind, std::shared_ptr<const nnlab::DataSplit>> m_cache;
    std::set<nnlab::DatasetKind> m_inFlight;
    BackgroundJobs* m_jobs;
    // Bumped by setDataDir so that a load from the old folder, still running, is ignored.
    int m_generation = 0;
};
