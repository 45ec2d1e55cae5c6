// Comma-separated result files: number formatting, quoting, and files that are complete or absent.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace accord {

// The shortest text that reads back to the same double (std::to_chars), "" for NaN.
std::string format_number(double value);
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
    void commit();  // throws std::runtime_error on any I/O failure

private:
    std::filesystem::path path_;
    std::filesystem::path temp_;
    std::FILE* file_ = nullptr;
    bool failed_ = false;
};

// Writes a whole small file through AtomicFile.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// One row of a CSV file being built: append fields, then take the line.
class CsvRow {
public:
    CsvRow& add(const std::string& text);
    CsvRow& add(double value);
    CsvRow& add_int(long long value);
    CsvRow& add_bool(bool value);
    CsvRow& add_optional(const std::optional<double>& value);
    CsvRow& add_empty();
    std::string line() const { return text_ + '\n'; }

private:
    void separate();
    std::string text_;
    bool first_ = true;
};

// A parsed CSV table with the 1-based line and column of every cell, for located errors.
struct CsvTable {
    struct Cell {
        std::string text;
        int line = 0;
        int column = 0;
    };
    std::vector<std::vector<Cell>> rows;  // rows[0] is the header
};

// Parses RFC 4180 text; on malformed quoting returns nullopt and sets `error`, `line`, `column`.
std::optional<CsvTable> parse_csv(const std::string& text, std::string& error, int& line, int& column);

}  // namespace accord
