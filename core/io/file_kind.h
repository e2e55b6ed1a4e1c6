// file_kind.h — nnlab reads and replaces only regular files (or symlinks to them).
//
// Why: open() on a named pipe blocks until something writes to it (the app would sit at
// "Loading…" forever), reading a device never ends, and renaming a new file over a device node or
// a pipe replaces the node (as root, `--save /dev/null` would destroy /dev/null).
#pragma once

#include <filesystem>
#include <string>

namespace nnlab {

// "" when `path` is a regular file (symlinks followed); otherwise what it is, in words:
// "file not found", "is a folder, not a file", "is a named pipe (FIFO), not a file", ...
std::string whyNotARegularFile(const std::filesystem::path& path);

// Throws FileError "<path>: <why>" unless `path` is a regular file to read.
void requireRegularFile(const std::filesystem::path& path);

// Throws FileError "<path>: ..." when something other than a regular file is at `path`: a file
// written there would replace it. Nothing there, or a regular file: fine.
void requireReplaceable(const std::filesystem::path& path);

// Throws FileError "<path>: ..." unless a file can be written at `path` now: its folder exists and
// takes a new file (tried with a temporary that is removed at once), and nothing but a regular
// file is there. For checking where a run will save before it trains for hours.
void requireWritableTarget(const std::filesystem::path& path);

}  // namespace nnlab
