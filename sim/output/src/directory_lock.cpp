#include "accord/directory_lock.hpp"

#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace accord {

namespace {

// The process id the holder wrote into the lock file, or "" when it cannot be read.
std::string holder_of(int fd) {
    char text[32] = {};
    const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    if (n <= 0) return "";
    std::string pid(text, static_cast<std::size_t>(n));
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return "";
    return pid;
}

}  // namespace

DirectoryLock::DirectoryLock(const std::filesystem::path& dir) : dir_(dir) {
    std::error_code ec;
    created_ = std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot create the directory '{}': {}", dir.string(), ec.message()));
    const auto path = dir / directory_lock_file;
    // The lock file is removed when its holder finishes; a process that opened it just before
    // must not lock the removed file, so the locked file is checked to still be the one at the path.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
            throw std::runtime_error(fmt::format("cannot lock the directory '{}': {}: {}", dir.string(), path.string(),
                                                 std::strerror(errno)));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            const std::string holder = err == EWOULDBLOCK ? holder_of(fd) : std::string();
            ::close(fd);
            if (err != EWOULDBLOCK)
                throw std::runtime_error(
                    fmt::format("cannot lock the directory '{}': {}", dir.string(), std::strerror(err)));
            throw DirectoryBusy(fmt::format(
                "'{}' is in use by another accord command{}: wait for it to finish, or write to another directory",
                dir.string(), holder.empty() ? std::string() : fmt::format(" (process {})", holder)));
        }
        struct stat held {
        }, now{};
        if (::fstat(fd, &held) == 0 && ::lstat(path.c_str(), &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino) {
            const std::string pid = fmt::format("{}\n", static_cast<long>(::getpid()));
            // The id is only for messages: a lock without it still excludes other writers.
            const bool written =
                ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size());
            (void)written;
            fd_ = fd;
            return;
        }
        ::close(fd);
    }
    throw std::runtime_error(fmt::format("cannot lock the directory '{}': its lock file keeps changing", dir.string()));
}

DirectoryLock::~DirectoryLock() {
    if (fd_ < 0) return;
    // Removed while still held, so that no other process can lock the file being removed.
    ::unlink((dir_ / directory_lock_file).c_str());
    ::close(fd_);
    if (created_) {
        std::error_code ec;
        std::filesystem::remove(dir_, ec);  // only when empty: a failed command leaves no directory of its own
    }
}

}  // namespace accord
