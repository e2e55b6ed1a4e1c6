// Memory: the estimate a run is refused by before anything is allocated for it
// (core/train/memory_estimate.h), what is available (core/util/available_memory.h), and that an
// allocation that fails anyway — in any thread the engine starts — reaches the caller as an
// exception instead of ending the process.
#include "core/train/evaluation.h"
#include "core/train/helper_thread.h"
#include "core/train/memory_estimate.h"
#include "core/train/presets.h"
#include "core/train/trainer.h"
#include "core/util/available_memory.h"
#include "tests/support/child_process.h"
#include "tests/support/sanitizer_slack.h"

#include <QFile>
#include <QScopeGuard>
#include <QtTest>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>

using namespace nnlab;

namespace {

constexpr double MB = 1e6;

long procStatusKb(const std::string& key)
{
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ":", 0) == 0)
            return std::stol(line.substr(key.size() + 1));
    return 0;
}

// Resets the peak resident size (VmHWM) to the present one, so the next peak is the test's own.
void resetPeak()
{
    std::ofstream("/proc/self/clear_refs") << "5";
}

Dataset randomImages(int n, std::mt19937_64& rng)
{
    Dataset d;
    d.images = Eigen::MatrixXf::Random(784, n).cwiseAbs();
    for (int i = 0; i < n; ++i)
        d.labels.push_back(int(rng() % 10));
    d.imageRows = d.imageCols = 28;
    return d;
}

// A soft resource limit for the object's lifetime.
class ScopedLimit {
public:
    ScopedLimit(int resource, rlim_t soft) : m_resource(resource)
    {
        getrlimit(m_resource, &m_old);
        rlimit limit = m_old;
        limit.rlim_cur = soft;
        m_set = setrlimit(m_resource, &limit) == 0;
    }
    ~ScopedLimit() { setrlimit(m_resource, &m_old); }
    bool set() const { return m_set; }

private:
    int m_resource;
    rlimit m_old{};
    bool m_set = false;
};

TrainConfig smallRun(const std::string& net, int m)
{
    TrainConfig c;
    parseArchitecture(net, c.net);
    c.miniBatchSize = m;
    c.epochs = 1;
    c.trainingSize = 600;
    c.hyper.eta = 0.01f;
    return c;
}

}  // namespace

class TestMemory : public QObject {
    Q_OBJECT

private slots:
    // The estimate against what a run really takes at its peak, measured in a child process: never
    // less, and not so much more that a network which fits would be refused (its constant part,
    // thread stacks and heaps, is address space more than resident memory). The data is small,
    // the networks are not.
    void estimateCoversWhatARunTakes_data()
    {
        QTest::addColumn<QString>("net");
        QTest::addColumn<int>("m");
        QTest::addColumn<float>("momentum");
        QTest::addColumn<float>("dropout");
        QTest::newRow("chapter 1") << "784,30,10" << 10 << 0.0f << 0.0f;
        QTest::newRow("chapter 6, dropout") << "784,conv20x5,pool2,conv40x5,pool2,1000,1000,10" << 10 << 0.0f << 0.5f;
        QTest::newRow("wide, momentum") << "784,8000,10" << 100 << 0.5f << 0.0f;
        QTest::newRow("many maps") << "784,conv200x5,pool2,100,10" << 50 << 0.0f << 0.0f;
    }

    void estimateCoversWhatARunTakes()
    {
        if (kSanitizerRssKb > 0)
            QSKIP("the sanitizers' own memory swamps what is measured");
        QFETCH(QString, net);
        QFETCH(int, m);
        QFETCH(float, momentum);
        QFETCH(float, dropout);
        TrainConfig c = smallRun(net.toStdString(), m);
        c.hyper.momentum = momentum;
        c.net.dropout = dropout;
        const int evaluated = c.net.features.empty() ? 2100 : 250;   // twice a chunk or more, as 10,000 are
        if (qEnvironmentVariableIsSet("NNLAB_MEASURE_PEAK")) {
            // The child: one run in a fresh process, whose heap holds no memory freed by other runs.
            resetPeak();
            const long before = procStatusKb("VmRSS");
            {
                std::mt19937_64 rng(5);
                const DataSplit data{randomImages(600, rng), randomImages(evaluated, rng), randomImages(evaluated, rng)};
                Trainer trainer(c, data);
                trainer.run();
            }
            std::printf("peak %ld\n", (procStatusKb("VmHWM") - before) * 1024);
            return;
        }
        const std::uint64_t estimate = trainingMemory(c, {.imagesLoaded = 600 + 2 * evaluated, .networksKept = 0});
        qputenv("NNLAB_MEASURE_PEAK", "1");
        const auto unset = qScopeGuard([] { qunsetenv("NNLAB_MEASURE_PEAK"); });
        ChildProcess child(QFile::symLinkTarget("/proc/self/exe"),
                           {QString("estimateCoversWhatARunTakes:") + QTest::currentDataTag()});
        QVERIFY(child.waitForFinished(120000));
        QCOMPARE(child.exitCode(), 0);
        const int at = child.out().indexOf("peak ");
        QVERIFY2(at >= 0, child.out().constData());
        const double peak = child.out().mid(at + 5).split('\n').first().toDouble();
        qInfo("%s, m = %d: estimate %.0f MB, peak %.0f MB", qPrintable(net), m, estimate / MB, peak / MB);
        QVERIFY2(peak > 0 && peak <= double(estimate), qPrintable(QString("peak %1 MB").arg(peak / MB)));
        QVERIFY2(double(estimate) <= 1.6 * peak + 200 * MB, qPrintable(QString("estimate %1 MB").arg(estimate / MB)));
    }

    // The book's networks, as the CLI and the Train view run them (all of MNIST loaded), need
    // well under 2 GB: the estimate never refuses them on an ordinary machine.
    void bookNetworksNeedLittle()
    {
        for (const Preset& p : presets()) {
            const std::uint64_t bytes = trainingMemory(p.config, {.networksKept = p.ensembleSize + 1, .checkpoints = true});
            QVERIFY2(bytes < 2'000'000'000u, qPrintable(QString::fromStdString(p.name + ": " + formatBytes(bytes))));
        }
    }

    // Evaluation takes the book's 100 (convnets) or 1,000 images at a time, and fewer when their
    // scratch would pass ~256 MB a core; never none.
    void evaluationChunksAreBounded()
    {
        NetworkSpec spec;
        parseArchitecture("784,conv20x5,pool2,conv40x5,pool2,100,10", spec);
        QCOMPARE(evaluationChunk(measureNetwork(spec)), 100);
        parseArchitecture("784,100,10", spec);
        QCOMPARE(evaluationChunk(measureNetwork(spec)), 1000);
        parseArchitecture("784,conv4096x5,pool2,10", spec);   // 7.7 M floats of scratch an image
        QCOMPARE(evaluationChunk(measureNetwork(spec)), 8);
        parseArchitecture("49561600,conv1x1,pool64,10", spec);   // the largest input: 800 MB an image
        QCOMPARE(evaluationChunk(measureNetwork(spec)), 1);
    }

    void bytesAreWrittenShort_data()
    {
        QTest::addColumn<qulonglong>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << 512ull << "512 bytes";
        QTest::newRow("kB") << 12'300ull << "12 kB";
        QTest::newRow("MB") << 640'000'000ull << "640 MB";
        QTest::newRow("GB, one decimal") << 9'300'000'000ull << "9.3 GB";
        QTest::newRow("rounds up a unit") << 999'700'000ull << "1.0 GB";
        QTest::newRow("GB") << 31'000'000'000ull << "31 GB";
    }

    void bytesAreWrittenShort()
    {
        QFETCH(qulonglong, bytes);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatBytes(bytes)), text);
    }

    // Under an address-space limit what is available is what the limit leaves, and the refusal
    // says that the limit is what binds.
    void availableMemoryFollowsTheAddressSpaceLimit()
    {
        if (kSanitizerRssKb > 0)
            QSKIP("the sanitizers map terabytes of shadow memory: no address-space limit fits them");
        const AvailableMemory free = availableMemory();
        QVERIFY(free.bytes > 0);
        QVERIFY(memoryProblem("a net", 1000).empty());
        const std::string refused = memoryProblem("784,30,10 with m = 10", free.bytes + 1'000'000'000'000ull);
        QVERIFY2(refused.rfind("784,30,10 with m = 10 needs about ", 0) == 0, refused.c_str());
        QVERIFY2(refused.find("; only ") != std::string::npos, refused.c_str());

        const std::uint64_t mapped = std::uint64_t(procStatusKb("VmSize")) * 1024;
        const ScopedLimit limit(RLIMIT_AS, mapped + 300'000'000);
        QVERIFY(limit.set());
        const AvailableMemory under = availableMemory();
        QVERIFY(under.limitedByUlimit);
        QVERIFY2(under.bytes > 250'000'000 && under.bytes <= 300'000'000, qPrintable(QString::number(under.bytes)));
        const std::string line = memoryProblem("a net", 1'000'000'000);
        QVERIFY2(line.find("a net needs about 1.0 GB of memory; only ") == 0, line.c_str());
        QVERIFY2(line.find("ulimit -v") != std::string::npos, line.c_str());
    }

    // The helper core's job may throw (out of memory): run() throws it on the calling thread
    // once both halves have ended, and the helper goes on serving.
    void helperThreadHandsOnExceptions()
    {
        HelperThread helper;
        QVERIFY_THROWS_EXCEPTION(std::bad_alloc, helper.run([](int core) {
            if (core == 1)
                throw std::bad_alloc();
        }));
        std::atomic<bool> theirsEnded{false};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, helper.run([&](int core) {
            if (core == 0)
                throw std::runtime_error("mine");
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            theirsEnded = true;
        }));
        QVERIFY(theirsEnded.load());   // run() waited for the helper's half before throwing
        try {
            helper.run([](int core) { throw std::runtime_error(core == 0 ? "mine" : "theirs"); });
            QFAIL("no exception");
        } catch (const std::runtime_error& e) {
            QCOMPARE(std::string(e.what()), std::string("mine"));
        }
        int done[2] = {0, 0};
        helper.run([&](int core) { done[core] = 1; });
        QVERIFY(done[0] == 1 && done[1] == 1);
    }

    // Allocations refused at different moments — building the network, a mini-batch on either
    // core, an epoch's evaluation on either — each reach the caller as std::bad_alloc (or, for a
    // thread that can't start, std::system_error): the process goes on. A data limit (ulimit -d)
    // refuses them; the estimate, which reads the address-space limit, does not see it.
    void failedAllocationsReachTheCaller()
    {
        if (kSanitizerRssKb > 0)
            QSKIP("the sanitizers' allocators don't fail under a data limit as malloc does");
        std::mt19937_64 rng(2);
        const DataSplit data{randomImages(600, rng), randomImages(250, rng), randomImages(250, rng)};
        TrainConfig c = smallRun("784,conv200x5,pool2,100,10", 50);
        c.threads = 0;   // both cores: the helper thread's half too
        const long base = procStatusKb("VmData") * 1024;
        int refused = 0, completed = 0;
        for (long extra : {20'000'000L, 60'000'000L, 120'000'000L, 200'000'000L, 300'000'000L, 450'000'000L, 2'000'000'000L}) {
            const ScopedLimit limit(RLIMIT_DATA, rlim_t(base + extra));
            QVERIFY(limit.set());
            try {
                Trainer trainer(c, data);
                trainer.run();
                evaluate(trainer.network(), data.test);
                ++completed;
            } catch (const std::bad_alloc&) {
                ++refused;
            } catch (const std::system_error&) {
                ++refused;
            }
        }
        qInfo("%d runs refused memory, %d completed", refused, completed);
        QVERIFY(refused >= 3);
        QVERIFY(completed >= 1);   // with room enough, the same run completes: nothing was left broken
    }
};

QTEST_APPLESS_MAIN(TestMemory)
#include "tst_memory.moc"
