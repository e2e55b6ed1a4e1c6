#include "core/io/file_kind.h"

#include "core/io/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nnlab {

namespace fs = std::filesystem;

namespace {

// What a file that is not regular is, in the words a user would use.
std::string kindOf(const fs::file_status& status)
{
    switch (status.type()) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a named pipe (FIFO)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
    }
}

}  // namespace

std::string whyNotARegularFile(const fs::path& path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);   // follows symlinks
    if (status.type() == fs::file_type::not_found)
        return "file not found";
    if (error)
        return "cannot look at it: " + error.message();
    if (fs::is_regular_file(status))
        return "";
    return "is " + kindOf(status) + ", not a file";
}

void requireRegularFile(const fs::path& path)
{
    if (const std::string why = whyNotARegularFile(path); !why.empty())
        throw FileError(path.string() + ": " + why);
}

void requireReplaceable(const fs::path& path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::not_found || fs::is_regular_file(status))
        return;
    if (error)
        throw FileError(path.string() + ": cannot look at it: " + error.message());
    throw FileError(path.string() + ": is " + kindOf(status) +
                    "; nnlab writes only to regular files and won't replace it");
}

void requireWritableTarget(const fs::path& path)
{
    requireReplaceable(path);
    const fs::path dir = path.has_parent_path() ? path.parent_path() : ".";
    std::error_code error;
    if (!fs::is_directory(dir, error))
        throw FileError(path.string() + ": the folder " + dir.string() + " does not exist");
    // Permission bits don't tell (root ignores them; a read-only mount or /proc does not): try.
    std::string probe = dir.string() + "/.nnlab-write-test.XXXXXX";
    const int fd = mkstemp(probe.data());
    if (fd < 0)
        throw FileError(path.string() + ": cannot write in the folder " + dir.string() + ": " + std::strerror(errno));
    close(fd);
    unlink(probe.c_str());
}

}  // namespace nnlab
