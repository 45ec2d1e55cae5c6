// Comma-separated result files: quoting, rows, and files that are complete or absent. (Numbers are
// formatted by accord/text.hpp, tables read back by accord/csv_table.hpp.)
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "accord/csv_table.hpp"
#include "accord/text.hpp"

namespace accord {

// A field quoted per RFC 4180 when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);

// Writes to a temporary name beside `path` and renames it onto `path` on commit(); destroyed
// without commit(), it removes the temporary file, so `path` is either complete or untouched.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const std::string& text);
    bool failed() const { return failed_; }  // a write failed: commit() will throw its error
    std::size_t written() const { return written_; }  // bytes given to write() so far
    // Everything written reaches the disk (flushed, fsync'ed, closed) under the temporary name, which
    // commit() then only renames: a full disk fails here, before a caller replaces anything older.
    // Throws std::runtime_error on any I/O failure (the temporary file removed).
    void finish();
    const std::filesystem::path& temporary() const { return temp_; }
    void commit();  // finish(), then the rename; throws std::runtime_error on any I/O failure

private:
    std::filesystem::path path_;
    std::filesystem::path temp_;
    std::FILE* file_ = nullptr;
    bool committed_ = false;  // renamed: the destructor leaves the name alone
    bool failed_ = false;
    int error_ = 0;  // errno of the first failed write
    std::size_t written_ = 0;
};

// Writes a whole small file through AtomicFile.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// The bytes of a whole file; "" when it cannot be opened; throws when a read fails.
std::string read_file_bytes(const std::filesystem::path& path);

// One row of a CSV file being built: append fields, then take the line. Numbers are written with
// std::to_chars straight into the row (no locale, no allocation per cell); a row that is cleared and
// reused keeps its buffer, so writing many rows allocates nothing per row (append_line_to).
class CsvRow {
public:
    CsvRow& add(const std::string& text);
    CsvRow& add(double value);
    CsvRow& add_int(long long value);
    CsvRow& add_uint(unsigned long long value);
    CsvRow& add_bool(bool value);
    CsvRow& add_optional(const std::optional<double>& value);
    CsvRow& add_empty();
    std::string line() const { return text_ + '\n'; }
    // Appends the row and its line end to `out`, then empties the row, keeping its buffer.
    void append_line_to(std::string& out);

private:
    void separate();
    std::string text_;
    bool first_ = true;
};

}  // namespace accord
