#include "core/io/file_lock.h"

#include "core/io/atomic_file.h"
#include "core/io/file_kind.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nnlab {

FileLock::FileLock(const std::filesystem::path& file)
{
    std::filesystem::path companion = file;
    std::string name = ".";   // built up, not "." + ...: GCC 12 warns falsely (-Wrestrict) on that
    name += file.filename().string();
    name += ".lock";
    companion.replace_filename(name);
    m_fd = ::open(companion.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw FileError(file.string() + ": cannot make its lock file " + companion.string() + ": " +
                        describePathError(companion, std::error_code(errno, std::generic_category())));
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(m_fd);
        throw FileError(file.string() + (error == EWOULDBLOCK
                                             ? ": in use by another nnlab run (one checkpoint file, one run at a time)"
                                             : ": cannot lock it: " + std::string(std::strerror(error))));
    }
}

FileLock::~FileLock()
{
    ::close(m_fd);   // releases the lock
}

}  // namespace nnlab
