// fuzz_check.h — what every fuzz target demands of an error: one line that starts with the
// file's name. Anything else (a crash, a sanitizer report, another exception, a message without
// the name or spread over lines) stops the fuzzer with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

inline void requireOneLineNamingFile(const std::string& message, const std::string& fileName)
{
    if (message.rfind(fileName + ": ", 0) != 0 || message.find('\n') != std::string::npos) {
        std::fprintf(stderr, "bad error message: \"%s\"\n", message.c_str());
        std::abort();
    }
}
