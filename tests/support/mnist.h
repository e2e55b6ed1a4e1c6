// mnist.h — MNIST for the test suites: loaded once per suite (about 0.2 s) and shared by its
// tests, and the one way a suite says that it is missing (skipped, naming the fetch command).
#pragma once

#include "core/data/dataset.h"

#include <QString>
#include <QtTest>

#include <memory>

// The book's split of MNIST (throws nnlab::DataError when the files are missing or damaged).
inline std::shared_ptr<const nnlab::DataSplit> sharedMnist()
{
    static const auto data = std::make_shared<const nnlab::DataSplit>(nnlab::loadDataset(nnlab::DatasetKind::Mnist));
    return data;
}

inline const nnlab::DataSplit& mnist() { return *sharedMnist(); }

// Why the suite can't run on MNIST; empty when it can.
inline QString mnistMissing()
{
    try {
        nnlab::findDataDir(nnlab::DatasetKind::Mnist);
        return {};
    } catch (const nnlab::DataError& e) {
        return QString("MNIST not found (%1); run scripts/fetch-data").arg(e.what());
    }
}

// In initTestCase(): skip the whole suite when MNIST is missing.
#define SKIP_WITHOUT_MNIST()                                     \
    do {                                                         \
        if (const QString why = mnistMissing(); !why.isEmpty()) \
            QSKIP(qPrintable(why));                              \
    } while (false)
