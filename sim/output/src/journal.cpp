#include "accord/journal.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace accord {

Journal::Journal(const std::filesystem::path& path, bool append) : path_(path) {
    // Never through a symlink planted at the name.
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0 || !(file_ = ::fdopen(fd, append ? "ab" : "wb"))) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path.string(), std::strerror(err)));
    }
}

Journal::~Journal() {
    if (file_) std::fclose(file_);
}

void Journal::append(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
}

void Journal::sync() {
    if (std::fflush(file_) != 0 || ::fdatasync(::fileno(file_)) != 0)
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
}

void Journal::close() {
    sync();
    std::fclose(file_);
    file_ = nullptr;
}

long complete_lines(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    long lines = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof()) break;  // no line end: incomplete
        ++lines;
    }
    return lines - 1;  // the header
}

void truncate_to_lines(const std::filesystem::path& path, long keep) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::uintmax_t bytes = 0;
    for (long i = 0; i < keep + 1 && std::getline(in, line); ++i) bytes += line.size() + 1;
    in.close();
    std::filesystem::resize_file(path, bytes);
}

}  // namespace accord
