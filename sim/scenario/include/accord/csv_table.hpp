// Reading comma-separated text into cells that know their line and column. Our own reader rather
// than a library's: every error in an actor table or a runs.csv must name its line and column.
#pragma once

#include <optional>
#include <string>
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

// Parses RFC 4180 text; on malformed quoting returns nullopt and sets `error`, `line`, `column`.
std::optional<CsvTable> parse_csv(const std::string& text, std::string& error, int& line, int& column);

}  // namespace accord
