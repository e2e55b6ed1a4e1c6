#include "core/util/available_memory.h"

#include <sys/resource.h>

#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

namespace nnlab {

namespace {

// The "<key>: <n> kB" line of a /proc file, in bytes; 0 when it isn't there.
std::uint64_t kilobyteField(const char* file, const std::string& key)
{
    std::ifstream in(file);
    const std::string prefix = key + ":";
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(prefix))
            return std::strtoull(line.c_str() + prefix.size(), nullptr, 10) * 1024;   // "MemAvailable:  19103700 kB"
    return 0;
}

}  // namespace

AvailableMemory availableMemory()
{
    AvailableMemory available{std::numeric_limits<std::uint64_t>::max(), false};
    if (const std::uint64_t free = kilobyteField("/proc/meminfo", "MemAvailable"))
        available.bytes = free;
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        // The limit counts every mapping the process has already: what it holds is used up.
        const std::uint64_t used = kilobyteField("/proc/self/status", "VmSize");
        const std::uint64_t left = limit.rlim_cur > used ? limit.rlim_cur - used : 0;
        if (left < available.bytes)
            available = {left, true};
    }
    return available;
}

}  // namespace nnlab
