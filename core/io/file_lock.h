// file_lock.h — one process at a time on a file that is replaced as a whole (a checkpoint).
//
// An advisory lock (flock) on a hidden companion, ".NAME.lock" beside the file: the file itself
// can't carry the lock, since every atomic write replaces it with a new inode. The companion is
// left in place when the lock is released — removing it would let a third process lock a fresh
// inode while a second still holds the old one; the lock itself ends with the process, even a
// killed one.
#pragma once

#include <filesystem>

namespace nnlab {

class FileLock {
public:
    // Throws FileError "<file>: in use by another nnlab run (...)" when another process holds it.
    explicit FileLock(const std::filesystem::path& file);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

}  // namespace nnlab
