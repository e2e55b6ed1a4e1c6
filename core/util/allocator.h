// allocator.h — keep freed memory for reuse instead of returning it to the system.
#pragma once

namespace nnlab {

// Training and evaluation allocate the same multi-megabyte temporaries (im2col patches, layer
// activations) over and over. glibc serves blocks that large with fresh mmap()s whose every
// page faults on first touch — for a convnet that cost as much as the arithmetic. After this
// call freed blocks stay in the heap and are reused. Idempotent and cheap to call again.
void reuseLargeAllocations();

}  // namespace nnlab
