// The lock a command holds on its output directory for as long as it writes there: an advisory
// lock (flock) on DIR/.accord-lock, which the kernel releases when the process ends, even by a
// crash or kill -9 (docs/reliability.md).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace accord {

// Another process holds the directory's lock: exit status 2.
class DirectoryBusy : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The name of the lock file inside a locked directory; never a result file.
inline constexpr const char* directory_lock_file = ".accord-lock";

class DirectoryLock {
public:
    // Creates `dir` when missing and locks it. Throws DirectoryBusy when another process holds
    // it (naming that process when its id can be read), std::runtime_error when it cannot be
    // created or locked.
    explicit DirectoryLock(const std::filesystem::path& dir);
    ~DirectoryLock();  // removes the lock file, and the directory when it made it and it is empty
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;

private:
    std::filesystem::path dir_;
    int fd_ = -1;
    bool created_ = false;
};

}  // namespace accord
