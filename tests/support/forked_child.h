// forked_child.h — run one piece of a test in a forked child, for what the test process itself
// must not do or could not undo: work under a cap on its address space (a regression that tries
// to allocate 8 GB fails there instead of taking the machine's memory), work as another user
// (root ignores permissions), and measure the piece's own peak memory (a fresh high-water mark).
//
// Only for single-threaded test executables (QTEST_APPLESS_MAIN): fork() copies one thread.
#pragma once

#include "core/util/sanitizers.h"

#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <new>
#include <string>

struct ChildLimits {
    // The child's address space may grow by this much beyond its size at the fork (0: no cap).
    // Not applied under ASan or TSan, which reserve terabytes of address space for themselves.
    long extraAddressSpaceMb = 0;
    // Run as this user and group (e.g. 65534, "nobody") when the test runs as root; -1: don't.
    int asUser = -1;
    // The child is killed after this long.
    int timeoutMs = 60000;
};

struct ChildReport {
    bool finished = false;   // exited by itself within the time
    std::string text;        // what `work` returned, or "exception: ..." / "std::bad_alloc"
    long peakGrowthKb = 0;   // how far its peak resident memory rose above the RSS it had at the fork
    double seconds = 0;      // wall time, fork to exit
};

namespace forked_child_detail {

inline long maxRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

inline long addressSpaceBytes()
{
    long pages = 0;
    if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld", &pages) != 1)
            pages = 0;
        std::fclose(statm);
    }
    return pages * sysconf(_SC_PAGESIZE);
}

[[noreturn]] inline void runChild(int out, const std::function<std::string()>& work, const ChildLimits& limits)
{
#if !defined(NNLAB_ASAN) && !defined(NNLAB_TSAN)
    if (limits.extraAddressSpaceMb > 0) {
        const rlim_t cap = rlim_t(addressSpaceBytes()) + rlim_t(limits.extraAddressSpaceMb) * 1024 * 1024;
        const rlimit limit{cap, cap};
        setrlimit(RLIMIT_AS, &limit);
    }
#endif
    if (limits.asUser >= 0 && geteuid() == 0) {
        if (setgroups(0, nullptr) != 0 || setgid(gid_t(limits.asUser)) != 0 || setuid(uid_t(limits.asUser)) != 0)
            _exit(3);
    }
    const long before = maxRssKb();
    std::string text;
    try {
        text = work();
    } catch (const std::bad_alloc&) {
        text = "std::bad_alloc";
    } catch (const std::exception& e) {
        text = std::string("exception: ") + e.what();
    } catch (...) {
        text = "exception of an unknown type";
    }
    const std::string report = std::to_string(maxRssKb() - before) + "\n" + text;
    for (std::size_t written = 0; written < report.size();) {
        const ssize_t k = write(out, report.data() + written, report.size() - written);
        if (k <= 0)
            break;
        written += std::size_t(k);
    }
    _exit(0);
}

}  // namespace forked_child_detail

inline ChildReport runInChild(const std::function<std::string()>& work, const ChildLimits& limits = {})
{
    ChildReport report;
    int fds[2];
    if (pipe(fds) != 0)
        return report;
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        forked_child_detail::runChild(fds[1], work, limits);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return report;
    }
    std::string received;
    auto elapsedMs = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    };
    bool ended = false;
    while (!ended && elapsedMs() < limits.timeoutMs) {
        pollfd in{fds[0], POLLIN, 0};
        if (poll(&in, 1, 50) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0)
            received.append(buffer, std::size_t(n));
        else
            ended = true;   // end of file: the child has exited (or closed its end)
    }
    close(fds[0]);
    if (!ended)
        kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    report.seconds = elapsedMs() / 1000.0;
    report.finished = ended && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const std::size_t newline = received.find('\n');
    if (newline != std::string::npos) {
        report.peakGrowthKb = std::stol(received.substr(0, newline));
        report.text = received.substr(newline + 1);
    }
    return report;
}
