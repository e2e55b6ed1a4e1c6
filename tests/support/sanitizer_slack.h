// sanitizer_slack.h — how much slower the asan and tsan builds (CMakePresets.json) run than the
// Release build the tests' wall-clock bounds were set for. AddressSanitizer costs about 2–3×,
// ThreadSanitizer 5–15×, on top of a shared machine; under them a timing bound is multiplied by
// this factor, so the check still catches work that blocks far too long without measuring the
// sanitizer instead of our code. 1 in normal builds: there the bounds are exactly as written.
#pragma once

#include "core/util/sanitizers.h"

#if defined(NNLAB_TSAN)
constexpr double kSanitizerSlack = 20.0;
#elif defined(NNLAB_ASAN)
constexpr double kSanitizerSlack = 10.0;
#else
constexpr double kSanitizerSlack = 1.0;
#endif

// Resident memory the sanitizer itself adds as a test runs: ASan keeps freed blocks in a 256 MB
// quarantine (to catch use after free) and TSan keeps shadow memory for every byte touched. A
// bound on RSS growth adds this; leaks are LeakSanitizer's job in the asan build.
#if defined(NNLAB_TSAN)
constexpr long kSanitizerRssKb = 1024L * 1024;
#elif defined(NNLAB_ASAN)
constexpr long kSanitizerRssKb = 512L * 1024;
#else
constexpr long kSanitizerRssKb = 0;
#endif
