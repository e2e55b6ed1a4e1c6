// tsan_canary — built only in the tsan preset. It makes one deliberate data race the way a bug in
// nnlab's GUI bridge would: a worker QThread writes a plain int while a slot, called by Qt's event
// loop on the GUI thread, reads it with no lock. ctest expects ThreadSanitizer to report it with
// tests/support/tsan.supp in force, so the suppressions for Qt's own synchronisation (which name Qt
// frames) can't be hiding races in our code that merely run under Qt's frames.
#include <QCoreApplication>
#include <QThread>
#include <QTimer>
#include <cstdio>

namespace {
int unguardedCount = 0;   // the race: written by the worker, read by the slot, no mutex
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QThread* worker = QThread::create([] {
        for (int i = 0; i < 1000; ++i) {
            ++unguardedCount;
            QThread::usleep(100);
        }
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [] { std::printf("count %d\n", unguardedCount); });
    QObject::connect(worker, &QThread::finished, &app, &QCoreApplication::quit);
    poll.start(1);
    worker->start();
    app.exec();
    worker->wait();
    delete worker;
    return 0;
}
