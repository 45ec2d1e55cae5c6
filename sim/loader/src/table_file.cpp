// What the actor table (actor_table.cpp) and the influence table (influence_table.cpp) share:
// reading the file a `{csv: FILE}` mapping names, checking a header's columns, and reading a cell
// as a number, each with errors located in the CSV file.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include <fmt/format.h>

#include "builder.hpp"
#include "utf8.hpp"

namespace accord::detail {

std::optional<std::string_view> ScenarioBuilder::read_table(const YAML::Node& node, const char* section,
                                                            std::string& file) {
    if (!node["csv"]) {
        r_.error(r_.at(node), fmt::format("{}: a table needs its file: {}: {{csv: FILE}}", section, section));
        return std::nullopt;
    }
    auto name = r_.text(node["csv"], fmt::format("{}: csv", section));
    if (!name) return std::nullopt;
    const std::filesystem::path base = std::filesystem::path(r_.file()).parent_path();
    file = (base / *name).string();
    std::string bytes;
    try {
        bytes = read_file(file, limits_.max_file_bytes);
    } catch (const InputError& e) {
        r_.error(r_.at(node["csv"]), fmt::format("{}: cannot read the table '{}': {}", section, file,
                                                 e.diagnostics().items().front().message));
        return std::nullopt;
    }
    // The bytes are kept once, for the input fingerprint; the view read from them stays valid
    // while the caller reads it (a moved std::string keeps its buffer; short ones are read at once).
    s_.inputs.push_back(InputFile{file, std::move(bytes)});
    std::string_view text = s_.inputs.back().bytes;
    if (text.substr(0, 3) == utf8_bom) text.remove_prefix(3);  // as spreadsheets write it
    if (const TextProblem p = check_utf8_text(text); p.line > 0) {
        r_.error(Location{file, p.line, p.column}, p.message);
        return std::nullopt;
    }
    return text;
}

bool ScenarioBuilder::table_columns(CsvCells header, const std::string& file, const std::vector<std::string>& known,
                                    ColumnMap& column_of) {
    const std::size_t errors_before = r_.diagnostics().error_count();
    for (std::size_t c = 0; c < header.size(); ++c) {
        const auto& cell = header[c];
        const Location where{file, cell.line, cell.column};
        const bool actor_table = std::find(known.begin(), known.end(), "capability") != known.end();
        if (actor_table && cell.text == "ratifiers") {
            // Ratifiers name actors, which a table's cells cannot list; the YAML list of actors can.
            r_.error(where,
                     "unknown column 'ratifiers': an actor table cannot give ratifiers; write the actors as a "
                     "list in the scenario file (actors: [{id: ..., ratifiers: [...]}]) to give them");
        } else if (std::find(known.begin(), known.end(), cell.text) == known.end()) {
            const std::string best = closest_match(cell.text, known);
            r_.error(where, fmt::format("unknown column '{}'{}", cell.text,
                                        best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
        } else if (!column_of.emplace(cell.text, c).second) {
            r_.error(where, fmt::format("duplicate column '{}'", cell.text));
        }
    }
    return r_.diagnostics().error_count() == errors_before;
}

std::optional<double> table_number(const std::string& text, std::string& why) {
    double v = 0;
    const char* first = text.data();
    const char* last = first + text.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || ptr != last || !std::isfinite(v)) {
        why = fmt::format("must be a finite number, found '{}'", text);
        return std::nullopt;
    }
    if (leading_zero(text)) {
        why = fmt::format("must be written in decimal without leading zeros, found '{}'", text);
        return std::nullopt;
    }
    if (std::fabs(v) < std::numeric_limits<double>::min() && nonzero_mantissa(text)) {
        why = below_normal(text, v);
        return std::nullopt;
    }
    return v;
}

}  // namespace accord::detail
