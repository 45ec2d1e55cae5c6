// The private builder behind load_scenario (load.hpp): it reads a parsed scenario file section by
// section into a Scenario, every problem going to the reader's diagnostics. Each section is
// defined in its own file of sim/loader/src (issues.cpp, actors.cpp, influence.cpp, ...); this
// header is what they share.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "accord/csv_rows.hpp"
#include "accord/load.hpp"
#include "accord/scenario.hpp"
#include "accord/suggestions.hpp"
#include "actor_index.hpp"
#include "yaml_reader.hpp"

namespace accord::detail {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr long long max_ll = std::numeric_limits<long long>::max();

// Sets `target` to a value that was read. A value that was not read (nullopt) has been reported as
// an error, so the scenario is refused; `target` then keeps its default, the member initialiser of
// its type (ActorParams, Params, ModelSpec, ...), so that no default is written twice.
template <class T, class U>
void set_if_read(T& target, const std::optional<U>& value) {
    if (value) target = static_cast<T>(*value);
}

// The whole file as bytes; throws InputError when it cannot be read or exceeds `max_bytes`.
std::string read_file(const std::string& path, std::size_t max_bytes);

// The index of the issue a mapping key names, or -1 after reporting "<what> on unknown issue".
int issue_key(YamlReader& r, const Scenario& s, const YAML::Node& key, const std::string& what);

// "" when the process parameter `path` applies to the scenario, else why not: the same rules as for
// the keys in the file, for paths drawn, swept or set with --set (process.cpp).
std::string process_path_problem(const Scenario& s, const ParamPath& path);

class ActorFields;

// A table cell as a number: decimal, finite, without leading zeros; else nullopt and `why` ("must
// be a finite number, found 'x'") to follow the field's name (table_file.cpp).
std::optional<double> table_number(const std::string& text, std::string& why);

// A table's columns by name, found without making a string of the name (std::less<>): an actor
// row looks up about ten columns.
using ColumnMap = std::map<std::string, std::size_t, std::less<>>;

// The actor table named by `actors: {csv: FILE}`: its file and the index of each known column.
struct ActorTable {
    std::string file;
    ColumnMap column_of;
    std::vector<std::string> salience_columns;  // of each issue, "ID.salience"
};

// Reads a whole scenario; all problems go to the reader's diagnostics.
class ScenarioBuilder {
public:
    ScenarioBuilder(YamlReader& reader, const LoadLimits& limits) : r_(reader), limits_(limits) {}

    Scenario load(const YAML::Node& root);

private:
    // One file per section, named after it; a section's helpers sit in its file.
    void load_issues(const YAML::Node& node);
    // actors.cpp: the YAML list; actor_table.cpp: `actors: {csv: FILE}`.
    void load_actors(const YAML::Node& node);
    void load_actor(const YAML::Node& node);
    void load_actor_table(const YAML::Node& node);
    // Fills table.column_of from the header row; false, after reporting, when the rows cannot be read.
    bool actor_table_columns(CsvCells header, ActorTable& table);
    void load_actor_row(const ActorTable& table, CsvCells row);
    // influence.cpp: the YAML list; influence_table.cpp: `influence: {csv: FILE}`.
    void load_influence(const YAML::Node& node);
    void load_influence_table(const YAML::Node& node);
    // table_file.cpp, for both tables, once `node` is checked to hold only `csv`: the text of the file
    // `SECTION: {csv: FILE}` names (its path in
    // `file`), its bytes kept in s_.inputs and checked as UTF-8 text; nullopt after reporting. The
    // view is valid until the next file is added to s_.inputs.
    std::optional<std::string_view> read_table(const YAML::Node& node, const char* section, std::string& file);
    // Maps each header cell found in `known` to its index and reports the others and repeats;
    // false when it reported.
    bool table_columns(CsvCells header, const std::string& file, const std::vector<std::string>& known,
                       ColumnMap& column_of);
    void load_model(const YAML::Node& node);
    void load_coupling(const YAML::Node& node);
    void load_outcome(const YAML::Node& node, bool& decision_given);
    void load_calendar(const YAML::Node& node);
    // Once model, sweep and uncertainty are read: refuses a calendar whose dates pass 9999-12-31.
    void check_calendar_end(const Location& key);
    void load_events(const YAML::Node& node);
    std::optional<int> event_round(const YAML::Node& at, const std::string& what);
    std::optional<long> snapped_round(Date date, const std::string& text, const Location& where,
                                      const std::string& what);
    bool event_set(const YAML::Node& set, const std::string& what, Event& event);
    void load_uncertainty(const YAML::Node& node);
    std::optional<Distribution> distribution(const YAML::Node& node, const std::string& what, bool boolean);
    void load_monte_carlo(const YAML::Node& node);
    void load_sweep(const YAML::Node& node);
    std::optional<SweepParameter> sweep_parameter(const YAML::Node& key, const YAML::Node& spec, Design design);
    void check_grid_size(const SweepSpec& sweep);
    void load_observed(const YAML::Node& node);
    // counterfactual.cpp: the reference file must exist, and the file may not carry an `observed` block.
    void load_counterfactual_of(const YAML::Node& root);
    // process.cpp: the checks of the negotiation process once every section is read.
    void resolve_ratifiers();
    void check_process(const YAML::Node& root);

    // The fields every actor has, from a YAML mapping or a CSV row alike (actor_fields.cpp):
    // capability, stubbornness, self_weight and reservation; then veto, positions and salience.
    // Two calls because the YAML form reads its ratifiers in between.
    void actor_scalars(ActorFields& fields, const std::string& what, ActorParams& p);
    void actor_issue_values(ActorFields& fields, const std::string& what, ActorParams& p);

    // builder.cpp: readers several sections share.
    std::optional<ParamPath> path(const YAML::Node& key, const std::string& what);
    bool add_actor_id(const std::string& id, const Location& where);
    // Warns of an event that sets a path the uncertainty draws or the sweep varies.
    void warn_events_over_varied_values();
    // Warns of a sweep of model.rounds with values that end the runs before the first meeting.
    void warn_rounds_before_meetings();
    // Each actor's index by id, s_.actors as read so far.
    const ActorIndex& actor_index();
    // The error for `what` (an influence edge, a parameter path, the proposer) naming the actor `id`
    // that the scenario does not have, `tail` after its "did you mean" hint; nullopt when it is not to be
    // reported: an id of a broken row of the actor table (broken_row_ids_: the row's error says why
    // it is missing), or any but the first unknown id when the table was not read to its end
    // (actors_unread_; unread_actors_note then says why).
    std::optional<std::string> unknown_actor_error(std::string_view what, const std::string& id,
                                                   std::string_view tail = {});
    // What follows that one report's "unknown actor 'ID'".
    static constexpr const char* unread_actors_note =
        "; the actor table was not read to its end (see its errors), so no other edge, parameter path or "
        "proposer is checked for unknown actors";

    YamlReader& r_;
    const LoadLimits& limits_;
    Scenario s_;
    // Each actor's index by id and the line of its id, as add_actor_id accepts them: a table may hold
    // millions of actors; the edges are looked up in the same index (actor_index()).
    ActorIndex actor_ids_;
    std::vector<int> actor_id_lines_;
    // The actor table could not be read to its end (unreadable, header refused, too many rows, a
    // broken row too short to hold its id): ids the edges, parameter paths and the proposer name may
    // be missing for that reason alone, so only the first unknown one is reported
    // (unknown_actor_error) rather than one error per reference.
    bool actors_unread_ = false;
    // An event written with meeting: true was refused for an error of its own (load_events), which was
    // reported there: check_process does not then say that the file has no meeting.
    bool meeting_refused_ = false;
    bool unknown_actor_reported_ = false;
    // The ids of the actor table's broken rows (a wrong number of fields): their actors are missing, and
    // the row's error says why, so a reference to one is not reported again; other unknown ids are.
    std::unordered_set<std::string> broken_row_ids_;
    std::unordered_map<std::string, std::string> actor_suggestions_;  // unknown id -> closest actor id
    // The edges by their two actors, when load_influence_table built it over s_.base.edges (for its
    // check of repeated edges); handed to the Scenario with the actors' index.
    EdgeIndex edge_index_;
    // `ratifiers` of each actor as written, resolved once every actor is known.
    struct RatifierRef {
        int actor;
        std::string id;
        Location where;
    };
    std::vector<RatifierRef> ratifier_refs_;
    // Where the process keys were given, for messages.
    std::map<std::string, Location> outcome_keys_;
    Location step_where_;
    std::vector<Location> status_quo_reservations_;  // the actors with `reservation: status-quo`
};

}  // namespace accord::detail
