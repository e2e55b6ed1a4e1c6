// available_memory.h — how much memory this process could still allocate, for refusing a run
// that would not fit before anything is allocated for it (core/train/memory_estimate.h).
#pragma once

#include <cstdint>

namespace nnlab {

struct AvailableMemory {
    std::uint64_t bytes = 0;
    // The address-space limit (ulimit -v, RLIMIT_AS) is what binds, not the machine's free memory.
    bool limitedByUlimit = false;
};

// The smaller of the machine's MemAvailable (/proc/meminfo: free memory plus caches it can drop)
// and what RLIMIT_AS leaves of this process's address space; with neither known, "unlimited".
AvailableMemory availableMemory();

}  // namespace nnlab
