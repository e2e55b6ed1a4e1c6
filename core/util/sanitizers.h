// sanitizers.h — which sanitizer this translation unit is built with (CMakePresets.json's asan
// and tsan builds): NNLAB_TSAN or NNLAB_ASAN is defined, or neither. GCC says so with
// __SANITIZE_THREAD__ / __SANITIZE_ADDRESS__, Clang with __has_feature.
#pragma once

#if defined(__SANITIZE_THREAD__)
#define NNLAB_TSAN 1
#elif defined(__SANITIZE_ADDRESS__)
#define NNLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NNLAB_TSAN 1
#elif __has_feature(address_sanitizer)
#define NNLAB_ASAN 1
#endif
#endif
