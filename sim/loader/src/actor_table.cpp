// The `actors:` section as a table, `actors: {csv: FILE}` (docs/interface.md section 2): one row
// per actor; errors name the CSV file, line and column. An actor's fields are read through
// ActorFields, as from the YAML list (actors.cpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "actor_fields.hpp"
#include "builder.hpp"
#include "accord/huge_pages.hpp"

namespace accord::detail {

namespace {

// An actor's fields in one row of the table; an empty cell is an absent field.
class CsvActorFields final : public ActorFields {
public:
    CsvActorFields(YamlReader& r, const Scenario& s, const ActorTable& table, CsvCells row, std::string what)
        : r_(r), s_(s), table_(table), row_(row), what_(std::move(what)) {}

    const std::string& file() const override { return table_.file; }

    std::optional<Number> number(const char* field, const std::string& what, bool required) override {
        return read(field, [&] { return what; }, required);
    }

    std::optional<bool> boolean(const char* field, const std::string& what) override {
        const auto* c = cell(field);
        if (!c || c->text.empty()) return std::nullopt;
        if (c->text == "true" || c->text == "false") return c->text == "true";
        r_.error(at(*c), fmt::format("{} must be true or false, found '{}'", what, c->text));
        return std::nullopt;
    }

    Word status_quo(const char* field, const std::string&, Location& where) override {
        const auto* c = cell(field);
        if (!c || c->text != "status-quo") return Word::none;
        where = at(*c);
        return Word::status_quo;
    }

    // For each issue, its position column (required) and then its `.salience` column.
    void issue_values(const IssueValue& position, const IssueValue& salience) override {
        for (std::size_t k = 0; k < s_.issues.size(); ++k) {
            const std::string& id = s_.issues[k].id;
            // The messages are worded only when needed: two formats per issue and row were a third of
            // the reading of a table of a million actors.
            if (auto n = read(id, [&] { return fmt::format("{}: position on issue '{}'", what_, id); }, true))
                position(k, *n);
            if (auto n = read(table_.salience_columns[k],
                              [&] { return fmt::format("{}: salience on issue '{}'", what_, id); }, false))
                salience(k, *n);
        }
    }

    std::string outside_scale(const std::string& what, const Issue& issue, double value) const override {
        return out_of_range(fmt::format("{}: position on issue '{}'", what, issue.id), value, issue.lo, issue.hi);
    }

private:
    const CsvTable::Cell* cell(std::string_view column) const {
        auto it = table_.column_of.find(column);
        return it == table_.column_of.end() ? nullptr : &row_[it->second];
    }
    Location at(const CsvTable::Cell& c) const { return Location{table_.file, c.line, c.column}; }

    // `what()` names the field in messages.
    template <class What>
    std::optional<Number> read(std::string_view column, const What& what, bool required) {
        const auto* c = cell(column);
        if (!c || c->text.empty()) {
            if (required)
                r_.error(Location{table_.file, row_.front().line, c ? c->column : 1}, what() + " is required");
            return std::nullopt;
        }
        std::string why;
        const auto v = table_number(c->text, why);
        if (!v) {
            r_.error(at(*c), what() + " " + why);
            return std::nullopt;
        }
        return Number{*v, c->line, c->column};
    }

    YamlReader& r_;
    const Scenario& s_;
    const ActorTable& table_;
    const CsvCells row_;
    const std::string what_;
};

}  // namespace

void ScenarioBuilder::load_actor_table(const YAML::Node& node) {
    if (!r_.check_map(node, "actors", {"csv"})) return;
    ActorTable table;
    actors_unread_ = true;  // until the last row is read
    const auto text = read_table(node, "actors", table.file);
    if (!text) return;
    const std::string& file = table.file;
    // As for the YAML list, the limit is checked before any row is read (once the header is); the
    // rows are counted in a first pass only when the line ends alone cannot rule out too many.
    long rows = 0;
    const long limit = limits_.max_actors;
    const std::size_t bound = csv_row_bound(*text);
    if (bound > static_cast<std::size_t>(limit) + 1) {
        if (auto problem = for_each_csv_row(*text, [&](CsvCells) { return ++rows, true; })) {
            r_.error(Location{file, problem->line, problem->column}, problem->message);
            return;
        }
    }
    const std::size_t capacity = std::min(bound, static_cast<std::size_t>(limit) + 1);  // no copies as they grow
    s_.actors.reserve(capacity);
    s_.base.actors.reserve(capacity);
    advise_huge_pages(s_.actors.data(), capacity * sizeof(Actor));
    advise_huge_pages(s_.base.actors.data(), capacity * sizeof(ActorParams));
    actor_ids_.reserve(capacity);
    actor_id_lines_.reserve(capacity);
    std::size_t width = 0;
    bool header_ok = true, broken_row = false;
    const auto problem = for_each_csv_row(*text, [&](CsvCells row) {
        if (width == 0) {
            width = row.size();
            header_ok = actor_table_columns(row, table);
            if (header_ok && rows - 1 > limit) {
                r_.error(Location{file, 1, 1},
                         fmt::format("the table's {} actors exceed the limit of {} (raise it with --limit actors=N)",
                                     rows - 1, limit));
                return header_ok = false;
            }
            return header_ok;  // the header is wrong: rows cannot be read
        }
        if (row.size() != width) {
            r_.error(Location{file, row.front().line, 1},
                     fmt::format("row has {} fields, the header has {}", row.size(), width));
            // Its actor is missing: its id, where the row has it, is known to be (unknown_actor_error); a row
            // too short to hold the id leaves every id in doubt (actors_unread_).
            const auto id = table.column_of.find("id");
            if (id != table.column_of.end() && id->second < row.size())
                broken_row_ids_.insert(std::string(row[id->second].text));
            else
                broken_row = true;
        } else
            load_actor_row(table, row);
        return true;
    });
    if (problem) {  // the rows before it are read and reported: their errors are as true
        r_.error(Location{file, problem->line, problem->column}, problem->message);
        return;
    }
    if (width == 0) {
        r_.error(Location{file, 1, 1}, "the actor table is empty: it needs a header row and one row per actor");
        return;
    }
    actors_unread_ = !header_ok || broken_row;
    if (s_.actors.empty() && !r_.diagnostics().has_errors())
        r_.error(Location{file, 1, 1}, "the actor table has no actors");
}

bool ScenarioBuilder::actor_table_columns(CsvCells header, ActorTable& table) {
    const std::size_t errors_before = r_.diagnostics().error_count();
    const std::string& file = table.file;
    std::vector<std::string> known = {"id", "name", "capability", "stubbornness", "self_weight", "veto", "reservation"};
    for (const auto& issue : s_.issues) {
        known.push_back(issue.id);
        known.push_back(issue.id + ".salience");
        table.salience_columns.push_back(known.back());
    }
    table_columns(header, file, known, table.column_of);
    for (const char* required : {"id", "capability"})
        if (!table.column_of.count(required))
            r_.error(Location{file, 1, 1}, fmt::format("the actor table has no '{}' column", required));
    for (const auto& issue : s_.issues)
        if (!table.column_of.count(issue.id))
            r_.error(
                Location{file, 1, 1},
                fmt::format("the actor table has no column '{}' (the position on issue '{}')", issue.id, issue.id));
    return r_.diagnostics().error_count() == errors_before;
}

void ScenarioBuilder::load_actor_row(const ActorTable& table, CsvCells row) {
    const auto& id_cell = row[table.column_of.find("id")->second];  // the header has it (actor_table_columns)
    Location id_where{table.file, id_cell.line, id_cell.column};
    if (!is_identifier(id_cell.text)) {
        r_.error(id_where,
                 fmt::format("actor id must be an identifier of letters, digits and '_', found '{}'", id_cell.text));
        return;
    }
    if (!add_actor_id(id_cell.text, id_where)) return;
    const std::string what = fmt::format("actor '{}'", id_cell.text);
    CsvActorFields fields(r_, s_, table, row, what);
    ActorParams p;
    actor_scalars(fields, what, p);
    actor_issue_values(fields, what, p);
    // Moved, not copied: a copy was three more allocations per actor (the file's name, two vectors).
    Actor& actor = s_.actors.emplace_back(Actor{id_cell.text, id_cell.text, std::move(id_where), {}});
    if (auto it = table.column_of.find("name"); it != table.column_of.end() && !row[it->second].text.empty())
        actor.name = row[it->second].text;
    s_.base.actors.push_back(std::move(p));
}

}  // namespace accord::detail
