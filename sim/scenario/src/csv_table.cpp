#include "accord/csv_rows.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace accord {

namespace {

// The bytes that end an unquoted cell, or make it malformed: a table instead of four compares.
constexpr std::array<bool, 256> cell_end = [] {
    std::array<bool, 256> t{};
    t[','] = t['\n'] = t['\r'] = t['"'] = true;
    return t;
}();

}  // namespace

std::optional<CsvError> for_each_csv_row(std::string_view text, const std::function<bool(CsvCells)>& row) {
    std::vector<CsvTable::Cell> cells;  // grows to the widest row; its strings keep their capacity
    std::size_t used = 0;               // cells of the current row
    const std::size_t n = text.size();
    const char* const p = text.data();
    std::size_t i = 0, line_start = 0;  // a byte's column is its offset from line_start, plus 1
    int line = 1;
    auto column = [&](std::size_t at) { return static_cast<int>(at - line_start + 1); };
    for (;;) {
        if (i == n && used == 0) return std::nullopt;  // the text ends at a line end (or is empty)
        if (used == cells.size()) cells.emplace_back();
        CsvTable::Cell& cell = cells[used++];
        cell.text.clear();
        cell.line = line;
        cell.column = column(i);
        const bool quoted = i < n && p[i] == '"';
        if (quoted) {
            bool closed = false;
            std::size_t from = ++i;
            for (; i < n; ++i) {
                if (p[i] == '\n') {
                    ++line;
                    line_start = i + 1;
                } else if (p[i] == '"') {
                    cell.text.append(p + from, i - from);
                    if (i + 1 < n && p[i + 1] == '"') {  // "" inside quotes is one quote
                        from = ++i;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
            }
            if (!closed) return CsvError{"unterminated quoted field", cell.line, cell.column};
            if (i < n && p[i] != ',' && p[i] != '\n' && p[i] != '\r') {
                if (line == cell.line) return CsvError{"text after a closing quote", line, column(i)};
                // A quote missing lines above made this one close the field: say where it opened (in lines
                // above, which holds when the caller reads in chunks and shifts the line).
                return CsvError{fmt::format("text after a closing quote; the quoted field it closes opened {} {} "
                                            "above, at column {}: is a quote missing there?",
                                            line - cell.line, line - cell.line == 1 ? "line" : "lines", cell.column),
                                line, column(i)};
            }
        } else {
            const std::size_t from = i;
            while (i < n && !cell_end[static_cast<unsigned char>(p[i])]) ++i;
            if (i < n && p[i] == '"') return CsvError{"a quote inside an unquoted field", line, column(i)};
            cell.text.assign(p + from, i - from);
        }
        if (i < n && p[i] == ',') {
            ++i;
            continue;
        }
        // The row ends: at a line end (LF, CRLF or CR) or at the end of the text.
        const bool blank = used == 1 && cells[0].text.empty() && !quoted;
        if (!blank && !row(CsvCells(cells.data(), used))) return std::nullopt;
        used = 0;
        if (i == n) return std::nullopt;
        if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') ++i;
        ++i;
        ++line;
        line_start = i;
    }
}

std::optional<CsvTable> parse_csv(const std::string& text, std::string& error, int& line, int& column) {
    CsvTable table;
    const auto problem = for_each_csv_row(text, [&](CsvCells cells) {
        table.rows.emplace_back(cells.begin(), cells.end());
        return true;
    });
    if (problem) {
        error = problem->message;
        line = problem->line;
        column = problem->column;
        return std::nullopt;
    }
    return table;
}

std::size_t csv_row_bound(std::string_view text) {
    std::size_t ends = 0;  // one pass for both characters, which the compiler vectorises
    for (const char c : text) ends += static_cast<std::size_t>(c == '\n') + static_cast<std::size_t>(c == '\r');
    return ends + 1;
}

}  // namespace accord
