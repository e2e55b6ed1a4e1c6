// file_kind.h — nnlab reads and replaces only regular files (or symlinks to them).
//
// Why: open() on a named pipe blocks until something writes to it (the app would sit at
// "Loading…" forever), reading a device never ends, and renaming a new file over a device node or
// a pipe replaces the node (as root, `--save /dev/null` would destroy /dev/null).
// It is also the one place that says, in the user's words, why a path can't be reached at all: too
// long, a file where a folder should be, a folder that may not be entered.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

namespace nnlab {

// "" when `path` is a regular file (symlinks followed); otherwise what it is, in words:
// "file not found", "is a folder, not a file", "is a named pipe (FIFO), not a file", or why it
// can't be reached (see describePathError).
std::string whyNotARegularFile(const std::filesystem::path& path);

// "" when `path` is a folder (symlinks followed) that this user may enter, i.e. open files in;
// otherwise why not: "folder not found", "is a file, not a folder", "permission denied: the
// folder can't be entered", or why it can't be reached (see describePathError).
std::string whyNotAFolder(const std::filesystem::path& path);

// What an error from looking at or opening `path` means, in the user's words, for the errors a
// path itself causes: ENAMETOOLONG ("the path is too long (5003 characters; at most 4095)", or the
// name in it that is), ENOTDIR ("/a/b is a file, not a folder"), EACCES ("permission denied: the
// folder /a can't be entered"), ELOOP. Any other error: its system message.
std::string describePathError(const std::filesystem::path& path, const std::error_code& error);

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
