// mnist_loader.h — a DatasetLoader that has loaded MNIST, as the app's views get one.
#pragma once

#include "tests/support/mnist.h"
#include "tests/support/sanitizer_slack.h"
#include "ui/bridge/dataset_loader.h"

#include <memory>

// Loads MNIST in the background, as the app does, and waits for it (30 s at most); null when it
// could not be loaded. Call from initTestCase() after SKIP_WITHOUT_MNIST().
inline std::unique_ptr<DatasetLoader> loadedMnist()
{
    auto loader = std::make_unique<DatasetLoader>();
    loader->load(nnlab::DatasetKind::Mnist);
    const bool done = QTest::qWaitFor([&] { return !loader->isLoading(nnlab::DatasetKind::Mnist); },
                                      int(30000 * kSanitizerSlack));
    if (!done || !loader->split(nnlab::DatasetKind::Mnist))
        return nullptr;
    return loader;
}
