#include "core/util/allocator.h"

#include <malloc.h>

#include <mutex>

namespace nnlab {

void reuseLargeAllocations()
{
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 512 * 1024 * 1024);   // heap, not mmap, up to 512 MB a block
        mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);  // and don't give the top back eagerly
    });
}

}  // namespace nnlab
