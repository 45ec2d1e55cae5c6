// The `influence:` section as a table, `influence: {csv: FILE}` (docs/scenario-format.md section
// 8): one row per edge with the columns from, to and weight; errors name the CSV file, line and
// column, in the order of the file. Read in time linear in the table's size: millions of edges.
#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "actor_index.hpp"
#include "builder.hpp"
#include "accord/huge_pages.hpp"

namespace accord::detail {

namespace {

// For each edge of `edges[first..]` that repeats an earlier one of them (the same from and to):
// its index and the earliest one's, when the edges are too many for an EdgeIndex (whose groups give
// them otherwise). The edges are grouped by source with a counting sort and each source's few edges
// sorted by target, so the cost is linear in the edges, not a map's n log n.
std::vector<std::pair<std::size_t, std::size_t>> repeated_edges(const std::vector<Edge>& edges, std::size_t first,
                                                                 std::size_t actors) {
    std::vector<std::size_t> start(actors + 1, 0);
    for (std::size_t e = first; e < edges.size(); ++e) ++start[static_cast<std::size_t>(edges[e].from) + 1];
    for (std::size_t a = 0; a < actors; ++a) start[a + 1] += start[a];
    std::vector<std::size_t> by_source(edges.size() - first);
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t e = first; e < edges.size(); ++e) by_source[next[static_cast<std::size_t>(edges[e].from)]++] = e;
    std::vector<std::pair<std::size_t, std::size_t>> repeats;
    for (std::size_t a = 0; a < actors; ++a) {
        const auto begin = by_source.begin() + static_cast<std::ptrdiff_t>(start[a]);
        const auto end = by_source.begin() + static_cast<std::ptrdiff_t>(start[a + 1]);
        std::sort(begin, end, [&](std::size_t x, std::size_t y) {
            return edges[x].to != edges[y].to ? edges[x].to < edges[y].to : x < y;
        });
        for (auto it = begin; it != end;) {
            auto group_end = it + 1;
            while (group_end != end && edges[*group_end].to == edges[*it].to) ++group_end;
            for (auto later = it + 1; later != group_end; ++later) repeats.emplace_back(*later, *it);
            it = group_end;
        }
    }
    std::sort(repeats.begin(), repeats.end());
    return repeats;
}

// An error of a row, kept until the table is read so that the repeated edges, found at the end,
// are reported in the order of the file with the others.
struct RowError {
    Location where;
    std::string message;
};

// A row read whose target is still to be looked up.
struct PendingEdge {
    int line = 0;                    // the row's first line
    int from = -1;                   // the source's index, -1 when reported
    std::pair<int, int> from_cell;   // its line and column
    CsvTable::Cell to;
    double weight = 0;
    bool weight_ok = false;
};

}  // namespace

// One function of about 150 lines: its lambdas share the state of the reading (the columns, the
// last source, the errors held for the order of the file), which pieces would have to pass around.
void ScenarioBuilder::load_influence_table(const YAML::Node& node) {
    if (!r_.check_map(node, "influence", {"csv"})) return;
    std::string file;
    const auto text = read_table(node, "influence", file);
    if (!text) return;
    long rows = 0;  // as for actor tables: the limit is checked once the header is read
    const long limit = limits_.max_edges;
    const std::size_t bound = csv_row_bound(*text);
    if (bound > static_cast<std::size_t>(limit) + 1) {
        if (auto problem = for_each_csv_row(*text, [&](CsvCells) { return ++rows, true; })) {
            r_.error(Location{file, problem->line, problem->column}, problem->message);
            return;
        }
    }
    const ActorIndex& index = actor_index();
    ColumnMap column_of;
    std::size_t width = 0, from = 0, to = 0, weight = 0;
    const std::size_t first = s_.base.edges.size();
    std::vector<int> lines;  // of each edge read
    const std::size_t capacity = std::min(bound, static_cast<std::size_t>(limit) + 1);
    s_.base.edges.reserve(first + capacity);  // at once: no copies as the edges grow
    lines.reserve(capacity);
    advise_huge_pages(s_.base.edges.data() + first, capacity * sizeof(Edge));
    advise_huge_pages(lines.data(), capacity * sizeof(int));
    std::vector<RowError> errors;
    auto error = [&](const CsvTable::Cell& cell, std::string message) {
        errors.push_back({Location{file, cell.line, cell.column}, std::move(message)});
    };
    auto read_header = [&](CsvCells header) {
        const bool known = table_columns(header, file, {"from", "to", "weight"}, column_of);
        bool complete = true;
        for (const char* required : {"from", "to", "weight"})
            if (!column_of.count(required)) {
                r_.error(Location{file, 1, 1}, fmt::format("the influence table has no '{}' column", required));
                complete = false;
            }
        if (!known || !complete) return false;  // the rows cannot be read
        from = column_of.at("from");
        to = column_of.at("to");
        weight = column_of.at("weight");
        if (rows - 1 > limit) {
            r_.error(Location{file, 1, 1},
                     fmt::format("the influence table's {} edges exceed the limit of {} (raise it with --limit "
                                 "edges=N)",
                                 rows - 1, limit));
            return false;
        }
        return true;
    };
    // Tables are usually grouped by source: the last row's source is looked up again without hashing.
    std::string last_from;
    int last_from_index = -1;
    auto actor = [&](const CsvTable::Cell& cell, const char* key, bool is_from) {
        if (cell.text.empty()) {
            error(cell, fmt::format("influence edge: '{}' is required", key));
            return -1;
        }
        if (is_from && last_from_index >= 0 && cell.text == last_from) return last_from_index;
        if (const int found = index.find(cell.text); found >= 0) {
            if (is_from) {
                last_from = cell.text;
                last_from_index = found;
            }
            return found;
        }
        if (auto message = unknown_actor_error("influence edge", cell.text)) error(cell, std::move(*message));
        return -1;
    };
    // Each row's target is looked up `ahead` rows after it is read, its slot of the index prefetched
    // meanwhile: the lookups' cache misses (ten million among a million actors, most of the time
    // of a big table) then overlap. Edges and errors keep the order of the file.
    constexpr std::size_t ahead = 16;
    std::array<PendingEdge, ahead> pending;
    std::size_t oldest = 0, waiting = 0;
    auto finish_oldest = [&] {
        PendingEdge& p = pending[oldest];
        oldest = (oldest + 1) % ahead;
        --waiting;
        const int target = actor(p.to, "to", false);
        if (p.from < 0 || target < 0 || !p.weight_ok) return;
        if (p.from == target) {
            const std::string& id = s_.actors[static_cast<std::size_t>(p.from)].id;  // the text of the from cell
            errors.push_back({Location{file, p.from_cell.first, p.from_cell.second},
                              fmt::format("influence edge from '{}' to itself: an actor's weight on its own position "
                                          "is actors.{}.self_weight",
                                          id, id)});
            return;
        }
        s_.base.edges.push_back({p.from, target, p.weight});
        lines.push_back(p.line);
    };
    const auto problem = for_each_csv_row(*text, [&](CsvCells row) {
        if (width == 0) {
            width = row.size();
            return read_header(row);
        }
        if (row.size() != width) {
            errors.push_back({Location{file, row.front().line, 1},
                              fmt::format("row has {} fields, the header has {}", row.size(), width)});
            return true;
        }
        if (waiting == ahead) finish_oldest();
        PendingEdge& p = pending[(oldest + waiting++) % ahead];
        p.line = row.front().line;
        p.from = actor(row[from], "from", true);
        p.from_cell = {row[from].line, row[from].column};
        p.to = row[to];  // its string keeps its capacity from row to row
        index.prefetch(p.to.text);
        p.weight_ok = false;
        if (row[weight].text.empty()) {
            error(row[weight], "influence edge: weight is required");
        } else {
            std::string why;
            const auto number = table_number(row[weight].text, why);
            if (!number)
                error(row[weight], "influence edge: weight " + why);
            else if (*number < 0)
                error(row[weight], out_of_range("influence edge: weight", *number, 0, inf));
            else
                p.weight_ok = true;
            p.weight = number.value_or(0);
        }
        return true;
    });
    while (waiting > 0) finish_oldest();
    if (problem) errors.push_back({Location{file, problem->line, problem->column}, problem->message});
    if (width == 0 && !problem) {
        r_.error(Location{file, 1, 1}, "the influence table is empty: it needs the header row from,to,weight");
        return;
    }
    // The Scenario's index of the edges is built here, once: its groups give the repeated edges.
    if (first == 0) edge_index_ = EdgeIndex(s_.base.edges, s_.actor_count());
    const auto repeats = edge_index_.built() && edge_index_.size() == s_.base.edges.size()
                             ? edge_index_.repeats(s_.base.edges)
                             : repeated_edges(s_.base.edges, first, s_.actors.size());
    for (const auto& [later, earlier] : repeats) {
        const Edge& e = s_.base.edges[later];
        errors.push_back({Location{file, lines[later - first], 1},
                          fmt::format("influence edge {} -> {} is given twice (first on line {})",
                                      s_.actors[static_cast<std::size_t>(e.from)].id,
                                      s_.actors[static_cast<std::size_t>(e.to)].id, lines[earlier - first])});
    }
    std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) {
        return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
    });
    for (auto& e : errors) r_.error(e.where, std::move(e.message));
}

}  // namespace accord::detail
