#include "core/io/atomic_file.h"

#include "core/io/file_kind.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <string>
#include <unistd.h>

namespace nnlab {

namespace {

std::string systemError() { return std::strerror(errno); }

// Shared by the writes in progress; held alone by holdAtomicWrites().
std::shared_timed_mutex& writesInProgress()
{
    static std::shared_timed_mutex mutex;
    return mutex;
}

}  // namespace

std::unique_lock<std::shared_timed_mutex> holdAtomicWrites(std::chrono::milliseconds patience)
{
    return std::unique_lock(writesInProgress(), patience);
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents)
{
    const std::shared_lock writing(writesInProgress());
    requireReplaceable(path);
    const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : ".";
    // mkstemp's template: a hidden name beside the target, so the rename stays on one disk. Its
    // name is the target's, cut so that with "." and ".XXXXXX" it is still a legal name: any
    // target a name may be given can be saved.
    const std::string name = path.filename().string().substr(0, NAME_MAX - 8);
    std::string temp = dir.string() + "/." + name + ".XXXXXX";
    const int fd = mkstemp(temp.data());
    if (fd < 0)
        throw FileError(path.string() + ": cannot create a file in " + dir.string() + ": " +
                        describePathError(temp, std::error_code(errno, std::generic_category())));
    auto fail = [&](const std::string& what) {
        const std::string reason = systemError();
        close(fd);
        unlink(temp.c_str());
        throw FileError(path.string() + ": " + what + ": " + reason);
    };
    std::size_t written = 0;
    while (written < contents.size()) {
        const ssize_t k = write(fd, contents.data() + written, contents.size() - written);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            fail("write failed");
        }
        written += static_cast<std::size_t>(k);
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
        fail("could not flush to disk");
    if (close(fd) != 0) {
        const std::string reason = systemError();
        unlink(temp.c_str());
        throw FileError(path.string() + ": close failed: " + reason);
    }
    if (rename(temp.c_str(), path.c_str()) != 0) {
        const std::string reason = systemError();
        unlink(temp.c_str());
        throw FileError(path.string() + ": could not replace the file: " + reason);
    }
}

std::string readFile(const std::filesystem::path& path, std::uintmax_t maxBytes)
{
    requireRegularFile(path);
    // The size comes from the descriptor, not the path: a writer may rename a new file over
    // `path` between a look at the path and the open, and the old file's size would cut the new
    // one short. O_NONBLOCK: if a FIFO is swapped in after the check, open() must not wait.
    const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw FileError(path.string() + ": cannot open: " + systemError());
    struct Closer {
        int fd;
        ~Closer() { close(fd); }
    } closer{fd};
    struct stat info {};
    if (fstat(fd, &info) != 0)
        throw FileError(path.string() + ": cannot read its size: " + systemError());
    if (!S_ISREG(info.st_mode))
        throw FileError(path.string() + ": is not a regular file");
    const auto size = static_cast<std::uintmax_t>(info.st_size);
    if (size > maxBytes)
        throw FileError(path.string() + ": too large (" + std::to_string(size) + " bytes; the limit is " +
                        std::to_string(maxBytes) + ")");
    std::string contents(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = read(fd, contents.data() + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            throw FileError(path.string() + ": read failed: " + systemError());
        if (got == 0)
            throw FileError(path.string() + ": read failed: the file became shorter while it was read");
        done += static_cast<std::size_t>(got);
    }
    return contents;
}

}  // namespace nnlab
