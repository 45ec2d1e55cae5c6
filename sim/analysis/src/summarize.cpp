#include "accord/summarize.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "accord/bins.hpp"
#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/stats.hpp"
#include "csv_chunks.hpp"

namespace accord {

namespace {

std::optional<double> number(const std::string& text) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
    return v;
}

// A key cell as a number to order by; nan is no number here (it equals nothing, so it would merge
// with any group it is compared with): it is ordered as text.
std::optional<double> ordered_number(const std::string& text) {
    const auto v = number(text);
    return v && !std::isnan(*v) ? v : std::nullopt;
}

// Orders group keys column by column: numbers by value (before text), text as text.
bool key_less(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] == b[i]) continue;
        const auto x = ordered_number(a[i]), y = ordered_number(b[i]);
        if (x && y && *x != *y) return *x < *y;
        if (x.has_value() != y.has_value()) return x.has_value();
        return a[i] < b[i];
    }
    return false;
}

// The bins of each --by column that has them (nullopt for the others), from the cells of every row
// (a first reading of the file: the bins' edges are the whole column's minimum and maximum).
std::vector<std::optional<EqualBins>> by_bins(const std::string& path, const std::string* bytes,
                                              const std::vector<std::string>& by,
                                              const std::vector<int>& by_columns,
                                              const std::vector<SummarizeBins>& bins) {
    std::vector<std::optional<EqualBins>> out(by.size());
    std::vector<std::size_t> columns;  // per --bins: its cells' column, or npos for one not in --by
    for (const auto& b : bins) {
        const auto it = std::find(by.begin(), by.end(), b.column);
        columns.push_back(it == by.end() ? std::string::npos
                                         : static_cast<std::size_t>(by_columns[static_cast<std::size_t>(it - by.begin())]));
    }
    // Each --bins column's values, up to the first row too short to hold it, and its first bad cell.
    std::vector<std::vector<double>> values(bins.size());
    std::vector<std::optional<InputError>> bad(bins.size());
    std::vector<bool> stopped(bins.size(), false);
    bool header = true;
    detail::read_csv_in_chunks(path, [&](detail::CsvRows& rows) {
        for (std::size_t r = header ? 1 : 0; r < rows.size(); ++r)
            for (std::size_t i = 0; i < bins.size(); ++i) {
                const std::size_t c = columns[i];
                if (c == std::string::npos || stopped[i] || bad[i]) continue;
                if (c >= rows[r].size()) {
                    stopped[i] = true;
                    continue;
                }
                const auto& cell = rows[r][c];
                const auto v = number(cell.text);
                if (!v || !std::isfinite(*v))
                    bad[i] = InputError(Location{path, cell.line, cell.column},
                                        fmt::format("--bins {}: '{}' must be a finite number, found '{}'",
                                                    bins[i].column, bins[i].column, cell.text));
                else
                    values[i].push_back(*v);
            }
        header = false;
        return true;
    }, bytes);
    Diagnostics ds;
    for (std::size_t i = 0; i < bins.size(); ++i) {
        const auto& b = bins[i];
        if (columns[i] == std::string::npos) {
            ds.error(Location{path, 1, 1},
                     fmt::format("--bins {}={}: '{}' is not one of the --by columns", b.column, b.count, b.column));
            continue;
        }
        if (bad[i]) throw *bad[i];
        const auto k = static_cast<std::size_t>(std::find(by.begin(), by.end(), b.column) - by.begin());
        if (!values[i].empty()) out[k] = equal_bins(values[i], b.count);
        values[i] = {};
    }
    if (ds.has_errors()) throw InputError(ds);
    return out;
}

struct Group {
    long runs = 0;
    long agreed = 0;
    std::vector<std::vector<double>> terms;      // per terms.<issue>, then per outcome.<issue> column
    std::vector<std::vector<double>> if_agreed;  // per issue, the agreed runs' terms (with outcome columns)
};

using Groups = std::map<std::vector<std::string>, Group, decltype(&key_less)>;

// The columns of a runs.csv that summarize reads, from its header.
struct RunsColumns {
    std::vector<std::string> names;  // the header
    std::vector<int> by;             // per --by column, its index
    int agreed = -1;
    // terms.<issue>, then outcome.<issue> of each issue that has it, with their indices
    std::vector<std::pair<std::string, int>> terms;
    std::size_t if_agreed_issues = 0;  // issues with terms_if_agreed columns (0 without outcome columns)
    std::vector<std::size_t> issue_of;  // per entry of `terms`, its issue
    std::vector<int> outcome_entry;     // per issue, the entry of `terms` of its outcome column, or -1
};

RunsColumns runs_columns(const std::string& path, const std::string* bytes, const std::vector<std::string>& by) {
    RunsColumns out;
    auto& names = out.names;
    detail::read_csv_in_chunks(path, [&](detail::CsvRows& rows) {
        for (const auto& cell : rows[0]) names.push_back(cell.text);
        return false;  // the header is all this reading needs
    }, bytes);
    if (names.empty()) throw InputError(Location{path, 1, 1}, "the file is empty: expected a runs.csv of accord");
    auto column_of = [&](const std::string& name) {
        const auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? -1 : static_cast<int>(it - names.begin());
    };
    Diagnostics ds;
    for (const auto& b : by) {
        const int c = column_of(b);
        if (c < 0) {
            const std::string best = closest_match(b, names);
            ds.error(Location{path, 1, 1}, fmt::format("--by {}: no such column{}", b,
                                                       best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
        }
        out.by.push_back(c);
    }
    out.agreed = column_of("agreed");
    if (out.agreed < 0) ds.error(Location{path, 1, 1}, "no 'agreed' column: this is not a runs.csv of accord");
    auto& term_columns = out.terms;
    for (std::size_t c = 0; c < names.size(); ++c)
        if (names[c].rfind("terms.", 0) == 0) term_columns.emplace_back(names[c], static_cast<int>(c));
    // Then the outcome of each run on each issue (the deal or the status quo: docs/models.md section 16.4):
    // `outcome.<issue>` for an issue with terms, not a parameter such as outcome.margin.
    const std::size_t issue_count = term_columns.size();
    out.outcome_entry.assign(issue_count, -1);
    for (std::size_t t = 0; t < issue_count; ++t) out.issue_of.push_back(t);
    for (std::size_t t = 0; t < issue_count; ++t) {
        const std::string name = "outcome." + term_columns[t].first.substr(6);
        // The last column of that name: a drawn parameter would come before the process columns.
        for (std::size_t c = names.size(); c-- > 0;)
            if (names[c] == name) {
                out.outcome_entry[t] = static_cast<int>(term_columns.size());
                out.issue_of.push_back(t);
                term_columns.emplace_back(name, static_cast<int>(c));
                break;
            }
    }
    // With outcome columns (the scenario has a status quo), the terms over the agreed runs only, as
    // summary.csv's terms_if_agreed rows: the failed runs' terms are texts nobody accepted.
    out.if_agreed_issues = term_columns.size() > issue_count ? issue_count : 0;
    if (ds.has_errors()) throw InputError(ds);
    return out;
}

// Every row of the file in its group (the --by cells, or their bins), each checked where it is read.
Groups group_runs(const std::string& path, const std::string* bytes, const RunsColumns& columns,
                  const std::vector<std::optional<EqualBins>>& binned) {
    Groups groups(&key_less);
    const auto& term_columns = columns.terms;
    bool header = true;
    detail::read_csv_in_chunks(path, [&](detail::CsvRows& rows) {
        for (std::size_t r = header ? 1 : 0; r < rows.size(); ++r) {
            const auto& row = rows[r];
            if (row.size() != columns.names.size())
                throw InputError(Location{path, row.front().line, 1},
                                 fmt::format("row has {} fields, the header has {}", row.size(), columns.names.size()));
            std::vector<std::string> key;
            for (std::size_t k = 0; k < columns.by.size(); ++k) {
                const std::string& text = row[static_cast<std::size_t>(columns.by[k])].text;
                // A binned column's key is its bin's number (ordered as a number), labelled below.
                key.push_back(binned[k] ? std::to_string(binned[k]->index(*number(text))) : text);
            }
            Group& g = groups[key];
            g.terms.resize(term_columns.size());
            g.if_agreed.resize(columns.if_agreed_issues);
            ++g.runs;
            const auto& agreed = row[static_cast<std::size_t>(columns.agreed)];
            if (agreed.text != "0" && agreed.text != "1")
                throw InputError(Location{path, agreed.line, agreed.column},
                                 fmt::format("'agreed' must be 0 or 1, found '{}'", agreed.text));
            g.agreed += agreed.text == "1";
            for (std::size_t t = 0; t < term_columns.size(); ++t) {
                const auto& cell = row[static_cast<std::size_t>(term_columns[t].second)];
                // An issue without a status quo has no outcome of its own: its outcome cells are empty.
                if (cell.text.empty() && term_columns[t].first.rfind("outcome.", 0) == 0) continue;
                const auto v = number(cell.text);
                // inf or nan would reach the output as 'inf' or an empty sd (interface.md section 4.1).
                if (!v || !std::isfinite(*v))
                    throw InputError(Location{path, cell.line, cell.column},
                                     fmt::format("'{}' must be a finite number, found '{}'", term_columns[t].first,
                                                 cell.text));
                g.terms[t].push_back(*v);
                // The deal's terms: its outcome where the issue has one (a status quo), else its terms
                // (summary.csv's terms_if_agreed, RunTally::rows).
                if (agreed.text != "1" || columns.if_agreed_issues == 0) continue;
                const std::size_t issue = columns.issue_of[t];
                const int o = columns.outcome_entry[issue];
                const bool has_outcome =
                    o >= 0 &&
                    !row[static_cast<std::size_t>(term_columns[static_cast<std::size_t>(o)].second)].text.empty();
                if (has_outcome == (t >= columns.outcome_entry.size())) g.if_agreed[issue].push_back(*v);
            }
        }
        header = false;
        return true;
    }, bytes);
    return groups;
}

// The table: one row per group, in key order.
std::string summary_table(const std::vector<std::string>& by, const RunsColumns& columns, Groups& groups,
                          const std::vector<std::optional<EqualBins>>& binned) {
    CsvRow head;
    for (const auto& b : by) head.add(b);
    head.add("runs").add("p_agree").add("p_agree_low").add("p_agree_high");
    for (const auto& [name, c] : columns.terms) head.add(name + ".mean").add(name + ".sd");
    if (columns.if_agreed_issues > 0) head.add("agreed_runs");
    for (std::size_t t = 0; t < columns.if_agreed_issues; ++t) {
        const std::string name = "terms_if_agreed." + columns.terms[t].first.substr(6);
        head.add(name + ".mean").add(name + ".sd");
    }
    std::string out = head.line();
    for (auto& [key, g] : groups) {
        CsvRow row;
        for (std::size_t k = 0; k < key.size(); ++k) row.add(binned[k] ? binned[k]->label(std::stoi(key[k])) : key[k]);
        const Interval ci = wilson_interval(g.agreed, g.runs);
        row.add_int(g.runs).add(static_cast<double>(g.agreed) / static_cast<double>(g.runs)).add(ci.low).add(ci.high);
        for (auto& values : g.terms) {
            const Summary s = summarize(std::move(values));
            row.add_optional(s.mean).add_optional(s.sd);
        }
        if (columns.if_agreed_issues > 0) row.add_int(g.agreed);
        for (auto& values : g.if_agreed) {
            const Summary s = summarize(std::move(values));
            row.add_optional(s.mean).add_optional(s.sd);
        }
        out += row.line();
    }
    return out;
}

}  // namespace

std::string summarize_runs_file(const std::string& path, const std::vector<std::string>& by,
                                const std::vector<SummarizeBins>& bins) {
    // The file is read a chunk at a time (twice with --bins): only each group's values are held; a
    // pipe, which cannot be read again, is read whole once.
    const std::optional<std::string> piped = detail::read_if_not_regular(path);
    const std::string* bytes = piped ? &*piped : nullptr;
    const RunsColumns columns = runs_columns(path, bytes, by);
    const auto binned = bins.empty() ? std::vector<std::optional<EqualBins>>(by.size())
                                     : by_bins(path, bytes, by, columns.by, bins);
    Groups groups = group_runs(path, bytes, columns, binned);
    return summary_table(by, columns, groups, binned);
}

}  // namespace accord
