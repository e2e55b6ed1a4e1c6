// atomic_file.h — write a file so that readers see the old contents or the new, never half.
#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string_view>

namespace nnlab {

class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Writes `contents` to a temporary file beside `path`, flushes it to disk, then renames it over
// `path`. On any failure the temporary is removed, the old file is untouched, and FileError
// says "<path>: <what went wrong>".
void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

// For a process about to end at once (nnlab-cli's second Ctrl-C): waits up to `patience` for
// the atomic writes in progress to finish, and keeps new ones from starting while the returned
// lock is held, so that ending the process leaves no temporary file behind. The lock owns
// nothing (owns_lock() false) if a write was still going after `patience`.
std::unique_lock<std::shared_timed_mutex> holdAtomicWrites(std::chrono::milliseconds patience);

// Reads a whole file; FileError "<path>: <why>" when it can't. Refuses files over maxBytes.
std::string readFile(const std::filesystem::path& path, std::uintmax_t maxBytes);

}  // namespace nnlab
