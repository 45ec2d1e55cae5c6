// Reading CSV text row by row, in time linear in its size and without holding the table: actor and
// influence tables of millions of rows (docs/scenario-format.md sections 7 and 8). parse_csv
// (csv_table.hpp) is this reader keeping every row.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "accord/csv_table.hpp"

namespace accord {

// One row's cells, valid only during the call that receives it.
using CsvCells = std::span<const CsvTable::Cell>;

// Where and why RFC 4180 text is malformed.
struct CsvError {
    std::string message;
    int line = 0;
    int column = 0;
};

// Reads RFC 4180 text row by row: `row` is called with each row's cells (blank lines skipped) and
// returns false to stop reading. The cells' storage is reused from row to row. Returns the error
// of malformed quoting (nullopt when there is none or when `row` stopped the reading first).
std::optional<CsvError> for_each_csv_row(std::string_view text, const std::function<bool(CsvCells)>& row);

// An upper bound on the number of rows of `text`: its line ends plus one (fast: no parsing).
std::size_t csv_row_bound(std::string_view text);

}  // namespace accord
