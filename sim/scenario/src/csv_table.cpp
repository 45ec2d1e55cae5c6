#include "accord/csv_table.hpp"

namespace accord {

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
