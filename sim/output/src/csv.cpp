#include "accord/csv.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "accord/stream_bytes.hpp"

namespace accord {

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

AtomicFile::AtomicFile(std::filesystem::path path) : path_(std::move(path)) {
    // Created, never opened: O_EXCL refuses any file or symlink already at the name (a planted
    // symlink is never followed); then the next name is tried.
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; ++attempt) {
        temp_ = path_;
        temp_ += attempt == 0 ? fmt::format(".tmp.{}", static_cast<long>(::getpid()))
                              : fmt::format(".tmp.{}.{}", static_cast<long>(::getpid()), attempt);
        fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0) throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        const int err = errno;
        ::close(fd);
        std::filesystem::remove(temp_);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(err)));
    }
}

AtomicFile::~AtomicFile() {
    if (file_) std::fclose(file_);
    if (!committed_) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
    }
}

void AtomicFile::write(const std::string& text) {
    written_ += text.size();
    if (!failed_ && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
        failed_ = true;
        error_ = errno;
    }
}

void AtomicFile::finish() {
    if (!file_) return;  // finished already
    const int err_write = failed_ ? error_ : 0;
    bool ok = !failed_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    const int err = ok ? 0 : (err_write ? err_write : errno);
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    if (!ok) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(err ? err : EIO)));
    }
}

void AtomicFile::commit() {
    finish();
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) {
        const std::string why = ec.message();  // before remove() reuses `ec`
        std::filesystem::remove(temp_, ec);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), why));
    }
    committed_ = true;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

std::string read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (!append_stream_bytes(in, text))
        throw std::runtime_error(fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
    return text;
}

void CsvRow::separate() {
    if (!first_) text_ += ',';
    first_ = false;
}

CsvRow& CsvRow::add(const std::string& text) {
    separate();
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        text_ += text;  // the common case, without csv_field's copy
    else
        text_ += csv_field(text);
    return *this;
}

CsvRow& CsvRow::add(double value) {
    separate();
    append_number(text_, value);
    return *this;
}

namespace {

template <typename Integer>
void append_integer(std::string& out, Integer value) {
    std::array<char, 24> buf;  // 20 digits and a sign at most
    auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    out.append(buf.data(), ptr);
}

}  // namespace

CsvRow& CsvRow::add_int(long long value) {
    separate();
    append_integer(text_, value);
    return *this;
}

CsvRow& CsvRow::add_uint(unsigned long long value) {
    separate();
    append_integer(text_, value);
    return *this;
}

void CsvRow::append_line_to(std::string& out) {
    out += text_;
    out += '\n';
    text_.clear();
    first_ = true;
}

CsvRow& CsvRow::add_bool(bool value) {
    separate();
    text_ += value ? '1' : '0';
    return *this;
}

CsvRow& CsvRow::add_optional(const std::optional<double>& value) {
    separate();
    if (value) text_ += format_number(*value);
    return *this;
}

CsvRow& CsvRow::add_empty() {
    separate();
    return *this;
}

}  // namespace accord
