// Reading comma-separated text into cells that know their line and column. Our own reader rather
// than a library's: every error in an actor table, an edge table or a runs.csv must name its line
// and column, and tables of millions of rows must be read at the speed of the disk.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// A parsed CSV table with the 1-based line and column of every cell, for located errors.
struct CsvTable {
    struct Cell {
        std::string text;
        int line = 0;
        int column = 0;
    };
    std::vector<std::vector<Cell>> rows;  // rows[0] is the header
};

// One row's cells, valid only during the call that receives it.
using CsvCells = std::span<const CsvTable::Cell>;

// Where and why RFC 4180 text is malformed.
struct CsvError {
    std::string message;
    int line = 0;
    int column = 0;
};

// Reads RFC 4180 text row by row, in time linear in its size: `row` is called with each row's cells
// (blank lines skipped) and returns false to stop reading. The cells' storage is reused from row
// to row, so a table of millions of rows is read without holding it. Returns the error of
// malformed quoting (nullopt when there is none or when `row` stopped the reading first).
std::optional<CsvError> for_each_csv_row(std::string_view text, const std::function<bool(CsvCells)>& row);

// Parses RFC 4180 text; on malformed quoting returns nullopt and sets `error`, `line`, `column`.
std::optional<CsvTable> parse_csv(const std::string& text, std::string& error, int& line, int& column);

// An upper bound on the number of rows of `text`: its line ends plus one (fast: no parsing).
std::size_t csv_row_bound(std::string_view text);

}  // namespace accord
