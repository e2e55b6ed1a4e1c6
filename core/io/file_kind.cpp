#include "core/io/file_kind.h"

#include "core/io/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

namespace nnlab {

namespace fs = std::filesystem;

namespace {

const char* const folderNotFound = "folder not found";

// What a file that is not what was asked for is, in the words a user would use.
std::string kindOf(const fs::file_status& status)
{
    switch (status.type()) {
    case fs::file_type::regular: return "a file";
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a named pipe (FIFO)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
    }
}

// The errors a path itself causes, which describePathError explains.
bool isPathError(const std::error_code& error)
{
    const int value = error.value();
    return value == ENAMETOOLONG || value == ENOTDIR || value == EACCES || value == ELOOP;
}

// A name cut to its first 20 characters (not inside a UTF-8 sequence), for a message that must
// stay one readable line.
std::string abbreviated(const std::string& name)
{
    if (name.size() <= 24)
        return name;
    std::size_t cut = 20;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut;
    return name.substr(0, cut) + "…";
}

// ENAMETOOLONG: the whole path is longer than the kernel takes (PATH_MAX, counting its final
// zero), or one name in it is longer than a directory entry may be (NAME_MAX).
std::string tooLong(const fs::path& path)
{
    const std::size_t length = path.native().size();
    if (length >= PATH_MAX)
        return "the path is too long (" + std::to_string(length) + " bytes; at most "
               + std::to_string(PATH_MAX - 1) + ")";
    std::string longest;
    for (const fs::path& part : path)
        if (part.native().size() > longest.size())
            longest = part.native();
    if (longest.size() > NAME_MAX)
        return "the name \"" + abbreviated(longest) + "\" in it is too long ("
               + std::to_string(longest.size()) + " bytes; a name may have at most "
               + std::to_string(NAME_MAX) + ")";
    return "the path is too long for its file system";
}

// Each folder on the way to `path`, from the first: "/", "/a", "/a/b" for "/a/b/c".
template <typename Visit>
void forEachFolderOnTheWay(const fs::path& path, Visit visit)
{
    fs::path prefix;
    for (auto part = path.begin(); part != path.end(); ++part) {
        if (std::next(part) == path.end())
            return;
        prefix /= *part;
        if (visit(prefix))
            return;
    }
}

// ENOTDIR: which part of the path, taken as a folder, is something else.
std::string notAFolderOnTheWay(const fs::path& path)
{
    std::string why = "a part of the path is not a folder";
    forEachFolderOnTheWay(path, [&](const fs::path& prefix) {
        std::error_code error;
        const fs::file_status status = fs::status(prefix, error);
        if (error || fs::is_directory(status))
            return false;
        why = prefix.string() + " is " + kindOf(status) + ", not a folder";
        return true;
    });
    return why;
}

// EACCES: the first folder on the way that this user may not enter (search permission).
std::string permissionDenied(const fs::path& path)
{
    std::string why = "permission denied";
    forEachFolderOnTheWay(path, [&](const fs::path& prefix) {
        if (::access(prefix.c_str(), X_OK) == 0 || errno != EACCES)
            return false;
        why = "permission denied: the folder " + prefix.string() + " can't be entered";
        return true;
    });
    return why;
}

// What went wrong looking at `path`: the path's own fault explained, anything else as "cannot look
// at it: <the system's words>".
std::string whyUnseen(const fs::path& path, const std::error_code& error)
{
    if (isPathError(error))
        return describePathError(path, error);
    return "cannot look at it: " + error.message();
}

}  // namespace

std::string describePathError(const fs::path& path, const std::error_code& error)
{
    switch (error.value()) {
    case ENAMETOOLONG: return tooLong(path);
    case ENOTDIR: return notAFolderOnTheWay(path);
    case EACCES: return permissionDenied(path);
    case ELOOP: return "too many symbolic links on the way (one that leads back to itself?)";
    default: return error.message();
    }
}

std::string whyNotARegularFile(const fs::path& path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);   // follows symlinks
    // libstdc++ reports ENOTDIR as not_found too; only ENOENT means nothing is there.
    if (error && error.value() != ENOENT)
        return whyUnseen(path, error);
    if (status.type() == fs::file_type::not_found)
        return "file not found";
    if (fs::is_regular_file(status))
        return "";
    if (fs::is_directory(status))
        return "is a folder, not a file";
    return "is " + kindOf(status) + ", not a file";
}

std::string whyNotAFolder(const fs::path& path)
{
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error && error.value() != ENOENT)
        return whyUnseen(path, error);
    if (status.type() == fs::file_type::not_found)
        return folderNotFound;
    if (!fs::is_directory(status))
        return "is " + kindOf(status) + ", not a folder";
    // Files in a folder are opened by name, which needs search (x) permission on it.
    if (::access(path.c_str(), X_OK) != 0 && errno == EACCES)
        return "permission denied: the folder can't be entered";
    return "";
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
    if (error && error.value() != ENOENT)
        throw FileError(path.string() + ": " + whyUnseen(path, error));
    if (status.type() == fs::file_type::not_found || fs::is_regular_file(status))
        return;
    throw FileError(path.string() + ": is " + kindOf(status) +
                    "; nnlab writes only to regular files and won't replace it");
}

void requireWritableTarget(const fs::path& path)
{
    requireReplaceable(path);
    const fs::path dir = path.has_parent_path() ? path.parent_path() : ".";
    if (const std::string why = whyNotAFolder(dir); why == folderNotFound)
        throw FileError(path.string() + ": the folder " + dir.string() + " does not exist");
    else if (!why.empty())
        throw FileError(path.string() + ": the folder " + dir.string() + ": " + why);
    // Permission bits don't tell (root ignores them; a read-only mount or /proc does not): try.
    std::string probe = dir.string() + "/.nnlab-write-test.XXXXXX";
    const int fd = mkstemp(probe.data());
    if (fd < 0)
        throw FileError(path.string() + ": cannot write in the folder " + dir.string() + ": " +
                        describePathError(probe, std::error_code(errno, std::generic_category())));
    close(fd);
    unlink(probe.c_str());
}

}  // namespace nnlab
