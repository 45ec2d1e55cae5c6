#include "accord/csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

#include <fmt/format.h>

namespace accord {

std::string format_number(double value) {
    if (std::isnan(value)) return {};
    if (value == 0) value = 0;  // no "-0"
    std::array<char, 32> buf{};
    auto [ptr, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    return std::string(buf.data(), ptr);
}

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
    temp_ = path_;
    temp_ += fmt::format(".tmp.{}", static_cast<long>(::getpid()));
    file_ = std::fopen(temp_.c_str(), "wb");
    if (!file_) throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
    if (file_) {
        std::fclose(file_);
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
    }
}

void AtomicFile::write(const std::string& text) {
    if (!failed_ && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) failed_ = true;
}

void AtomicFile::commit() {
    const int err_write = failed_ ? errno : 0;
    bool ok = !failed_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    const int err = ok ? 0 : (err_write ? err_write : errno);
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    if (!ok) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), std::strerror(err ? err : EIO)));
    }
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) {
        std::filesystem::remove(temp_, ec);
        throw std::runtime_error(fmt::format("cannot write '{}': {}", path_.string(), ec.message()));
    }
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
    AtomicFile file(path);
    file.write(text);
    file.commit();
}

void CsvRow::separate() {
    if (!first_) text_ += ',';
    first_ = false;
}

CsvRow& CsvRow::add(const std::string& text) {
    separate();
    text_ += csv_field(text);
    return *this;
}

CsvRow& CsvRow::add(double value) {
    separate();
    text_ += format_number(value);
    return *this;
}

CsvRow& CsvRow::add_int(long long value) {
    separate();
    text_ += std::to_string(value);
    return *this;
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

std::optional<CsvTable> parse_csv(const std::string& text, std::string& error, int& line, int& column) {
    CsvTable table;
    std::vector<CsvTable::Cell> row;
    CsvTable::Cell cell;
    int ln = 1, col = 1;
    bool in_quotes = false, quoted = false, cell_started = false;
    auto start_cell = [&] {
        cell = {};
        cell.line = ln;
        cell.column = col;
        quoted = false;
        cell_started = true;
    };
    auto end_cell = [&] {
        row.push_back(cell);
        cell_started = false;
    };
    auto end_row = [&] {
        if (!(row.size() == 1 && row[0].text.empty() && !quoted)) table.rows.push_back(row);
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!cell_started) start_cell();
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell.text += '"';
                    ++i;
                    ++col;
                } else {
                    in_quotes = false;
                }
            } else {
                cell.text += c;
                if (c == '\n') {
                    ++ln;
                    col = 0;
                }
            }
        } else if (c == '"') {
            if (!cell.text.empty() || quoted) {
                error = "a quote inside an unquoted field";
                line = ln;
                column = col;
                return std::nullopt;
            }
            in_quotes = quoted = true;
        } else if (c == ',') {
            end_cell();
        } else if (c == '\n' || c == '\r') {
            end_cell();
            end_row();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++ln;
            col = 0;
        } else {
            if (quoted) {
                error = "text after a closing quote";
                line = ln;
                column = col;
                return std::nullopt;
            }
            cell.text += c;
        }
        ++col;
    }
    if (in_quotes) {
        error = "unterminated quoted field";
        line = cell.line;
        column = cell.column;
        return std::nullopt;
    }
    // The last line may lack its line end; its last cell may be empty ("a,b," then end of text).
    if (cell_started || !row.empty()) {
        if (!cell_started) start_cell();
        end_cell();
        end_row();
    }
    return table;
}

}  // namespace accord
