// child_process.h — run a program (nnlab-cli) from a test and collect what it prints.
//
// posix_spawn rather than QProcess: Qt 6.4's QProcess starts a child with
// clone(CLONE_VM | CLONE_VFORK), and in the tsan build ThreadSanitizer's fork handling then runs
// in the address space the child shares with the test. GCC's runtime marks the *test* as a child
// of a multi-threaded fork — race detection quietly stops and its next thread dies ("starting new
// threads after multi-threaded fork") — and clang's aborts ("CHECK failed … SlotAttachAndLock").
// glibc's posix_spawn does its own clone internally, out of TSan's sight, and only execs.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QStringList>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

class ChildProcess {
public:
    ChildProcess(const QString& program, const QStringList& arguments)
    {
        int outPipe[2], errPipe[2];
        if (::pipe2(outPipe, O_CLOEXEC) != 0)
            return;
        if (::pipe2(errPipe, O_CLOEXEC) != 0) {
            ::close(outPipe[0]);
            ::close(outPipe[1]);
            return;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], STDOUT_FILENO);   // dup2 clears CLOEXEC
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO);
        const QByteArray path = program.toLocal8Bit();
        std::vector<QByteArray> args{path};
        for (const QString& a : arguments)
            args.push_back(a.toLocal8Bit());
        std::vector<char*> argv;
        for (QByteArray& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        if (::posix_spawn(&m_pid, path.constData(), &actions, nullptr, argv.data(), environ) != 0)
            m_pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        ::close(outPipe[1]);
        ::close(errPipe[1]);
        m_out.fd = outPipe[0];
        m_err.fd = errPipe[0];
        ::fcntl(m_out.fd, F_SETFL, O_NONBLOCK);
        ::fcntl(m_err.fd, F_SETFL, O_NONBLOCK);
    }

    ~ChildProcess()
    {
        if (running()) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        closeStream(m_out);
        closeStream(m_err);
    }

    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool started() const { return m_pid > 0; }
    pid_t pid() const { return m_pid; }

    // Still running? Reads what it printed so far, so a chatty child never blocks on a full pipe.
    bool running()
    {
        if (!started() || m_ended)
            return false;
        drain(0);
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid)
            end(status);
        return !m_ended;
    }

    // Waits up to `ms` for the child to exit and for its output to end; false on timeout.
    bool waitForFinished(int ms = 30000)
    {
        QElapsedTimer clock;
        clock.start();
        while (started() && (m_out.fd >= 0 || m_err.fd >= 0) && clock.elapsed() < ms)
            drain(50);
        if (!started() || m_out.fd >= 0 || m_err.fd >= 0)
            return false;
        while (running() && clock.elapsed() < ms)
            ::usleep(1000);
        return m_ended;
    }

    // Waits up to `ms` until the child's main thread blocks `signal` (Linux: /proc/PID/status,
    // SigBlk), i.e. it has taken the signal into its own hands; false on timeout or exit.
    bool waitUntilBlocking(int signal, int ms)
    {
        QElapsedTimer clock;
        clock.start();
        while (running() && clock.elapsed() < ms) {
            QFile status(QString("/proc/%1/status").arg(m_pid));
            if (status.open(QIODevice::ReadOnly))
                for (const QByteArray& line : status.readAll().split('\n'))
                    if (line.startsWith("SigBlk:") && (line.mid(7).trimmed().toULongLong(nullptr, 16) >> (signal - 1)) & 1)
                        return true;
            ::usleep(1000);
        }
        return false;
    }

    bool crashed() const { return m_ended && WIFSIGNALED(m_status); }
    int exitCode() const { return m_ended && WIFEXITED(m_status) ? WEXITSTATUS(m_status) : -1; }
    const QByteArray& out() const { return m_out.text; }
    const QByteArray& err() const { return m_err.text; }

private:
    struct Stream {
        int fd = -1;
        QByteArray text;
    };

    // Reads whatever is available on both pipes, waiting up to timeoutMs for some; closes a pipe
    // at its end of file.
    void drain(int timeoutMs)
    {
        pollfd fds[2] = {{m_out.fd, POLLIN, 0}, {m_err.fd, POLLIN, 0}};
        if (::poll(fds, 2, timeoutMs) <= 0)
            return;
        for (Stream* s : {&m_out, &m_err}) {
            char buffer[65536];
            while (s->fd >= 0) {
                const ssize_t n = ::read(s->fd, buffer, sizeof buffer);
                if (n > 0) {
                    s->text.append(buffer, n);
                } else {
                    if (n == 0 || errno != EAGAIN)
                        closeStream(*s);
                    break;
                }
            }
        }
    }

    void end(int status)
    {
        m_ended = true;
        m_status = status;
    }

    static void closeStream(Stream& s)
    {
        if (s.fd >= 0)
            ::close(s.fd);
        s.fd = -1;
    }

    pid_t m_pid = -1;
    bool m_ended = false;
    int m_status = 0;
    Stream m_out, m_err;
};

// What a program printed and how it ended, for tests that only look at the outcome.
struct ProgramResult {
    int exitCode = -1;
    QString out;
    QString err;
};

inline ProgramResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs)
{
    ChildProcess p(program, arguments);
    p.waitForFinished(timeoutMs);
    return {p.exitCode(), QString::fromUtf8(p.out()), QString::fromUtf8(p.err())};
}
