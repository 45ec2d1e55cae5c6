#include "accord/load.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "accord/csv_table.hpp"
#include "yaml_reader.hpp"
#include "yaml_text.hpp"

namespace accord {

namespace {

using detail::YamlReader;
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr long long max_ll = std::numeric_limits<long long>::max();

std::string read_file(const std::string& path, std::size_t max_bytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(Location{path, 0, 0}, "is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(Location{path, 0, 0}, fmt::format("cannot open the file: {}", std::strerror(errno)));
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes)
            throw InputError(
                Location{path, 0, 0},
                fmt::format("the file is larger than the limit of {} bytes (raise it with --limit file-bytes=N)",
                            max_bytes));
    }
    return text;
}

// Reads a whole scenario; all problems go to the reader's diagnostics.
class ScenarioLoader {
public:
    ScenarioLoader(YamlReader& reader, const LoadLimits& limits) : r_(reader), limits_(limits) {}

    Scenario load(const YAML::Node& root);

private:
    void load_issues(const YAML::Node& node);
    void load_actors(const YAML::Node& node);
    void load_actor(const YAML::Node& node);
    void load_actor_table(const YAML::Node& node);
    void load_influence(const YAML::Node& node);
    void load_model(const YAML::Node& node);
    void load_outcome(const YAML::Node& node, bool& decision_given);
    void load_calendar(const YAML::Node& node);
    void load_events(const YAML::Node& node);
    void load_uncertainty(const YAML::Node& node);
    void load_monte_carlo(const YAML::Node& node);
    void load_sweep(const YAML::Node& node);
    void load_observed(const YAML::Node& node);
    void resolve_ratifiers();
    void check_process(const YAML::Node& root);

    std::optional<ParamPath> path(const YAML::Node& key, const std::string& what);
    std::optional<Distribution> distribution(const YAML::Node& node, const std::string& what, bool boolean);
    bool add_actor_id(const std::string& id, const Location& where);
    // The index of the issue a mapping key names, or -1 after reporting "<what> on unknown issue".
    int issue_key(const YAML::Node& key, const std::string& what);

    YamlReader& r_;
    const LoadLimits& limits_;
    Scenario s_;
    std::map<std::string, int> actor_lines_;
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

Scenario ScenarioLoader::load(const YAML::Node& root) {
    s_.file = r_.file();
    const Location top{r_.file(), 1, 1};
    if (root.IsNull() || !root.IsDefined()) {
        r_.error(top, "the file is empty: a scenario needs at least 'accord', 'issues' and 'actors'");
        return s_;
    }
    if (!r_.check_map(root, "scenario",
                      {"accord", "name", "description", "sources", "issues", "actors", "influence", "model", "outcome",
                       "calendar", "events", "uncertainty", "monte_carlo", "sweep", "observed"}))
        return s_;

    if (!root["accord"]) {
        r_.error(top, "missing required key 'accord' (the format version: accord: 1)");
    } else if (auto v = r_.integer(root["accord"], "accord (the format version)", 0, max_ll)) {
        if (*v != 1)
            r_.error(r_.at(root["accord"]),
                     fmt::format("unsupported format version {}: this accord reads version 1", *v));
    }
    if (root["name"]) s_.name = r_.text(root["name"], "name").value_or("");
    if (root["description"]) s_.description = r_.text(root["description"], "description").value_or("");
    if (const YAML::Node& sources = root["sources"]; sources) {
        if (r_.check_sequence(sources, "sources"))
            for (const auto& item : sources)
                if (auto t = r_.text(item, "each source")) s_.sources.push_back(*t);
    }
    if (!root["issues"])
        r_.error(top, "missing required key 'issues' (the negotiated dimensions)");
    else
        load_issues(root["issues"]);
    if (!root["actors"])
        r_.error(top, "missing required key 'actors' (the parties)");
    else
        load_actors(root["actors"]);
    if (root["influence"]) load_influence(root["influence"]);
    if (root["model"]) load_model(root["model"]);
    bool decision_given = false;
    if (root["outcome"]) load_outcome(root["outcome"], decision_given);
    if (!decision_given) {
        bool any_veto = false;
        for (const auto& a : s_.base.actors) any_veto = any_veto || a.veto;
        s_.outcome.decision = any_veto ? Decision::veto_players : Decision::unanimity;
    }
    if (root["calendar"]) load_calendar(root["calendar"]);
    if (root["monte_carlo"]) load_monte_carlo(root["monte_carlo"]);
    if (root["events"]) load_events(root["events"]);
    if (root["uncertainty"]) load_uncertainty(root["uncertainty"]);
    if (root["sweep"]) load_sweep(root["sweep"]);
    if (root["observed"]) load_observed(root["observed"]);
    resolve_ratifiers();
    check_process(root);

    if (s_.sweep && !s_.uncertainty.empty()) {
        for (const auto& p : s_.sweep->parameters)
            for (const auto& u : s_.uncertainty)
                if (p.path == u.path)
                    r_.error(p.where, fmt::format("parameter '{}' is both swept and drawn in 'uncertainty' (line {}): "
                                                  "choose one",
                                                  p.name, u.where.line));
    }
    if (!r_.diagnostics().has_errors()) check_consistency(s_, r_.diagnostics());
    return s_;
}

void ScenarioLoader::load_issues(const YAML::Node& node) {
    if (!r_.check_sequence(node, "issues")) return;
    if (node.size() == 0) r_.error(r_.at(node), "issues: at least one issue is needed");
    if (static_cast<long>(node.size()) > limits_.max_issues) {
        r_.error(r_.at(node), fmt::format("issues: {} issues exceed the limit of {} (raise it with --limit issues=N)",
                                          node.size(), limits_.max_issues));
        return;
    }
    std::map<std::string, int> lines;
    for (const auto& item : node) {
        if (!r_.check_map(item, "issue", {"id", "name", "scale", "labels", "status_quo"})) continue;
        Issue issue;
        issue.where = r_.at(item);
        if (!item["id"]) {
            r_.error(issue.where, "issue: missing required key 'id'");
            continue;
        }
        auto id = r_.identifier(item["id"], "issue id");
        if (!id) continue;
        issue.id = *id;
        const std::string what = fmt::format("issue '{}'", issue.id);
        auto [pos, inserted] = lines.emplace(issue.id, r_.at(item["id"]).line);
        if (!inserted) {
            r_.error(r_.at(item["id"]),
                     fmt::format("duplicate issue id '{}' (first defined on line {})", issue.id, pos->second));
            continue;
        }
        issue.name = item["name"] ? r_.text(item["name"], what + ": name").value_or(issue.id) : issue.id;
        if (const YAML::Node& scale = item["scale"]; scale) {
            if (!scale.IsSequence() || scale.size() != 2) {
                r_.error(r_.at(scale),
                         fmt::format("{}: scale must be a list of two numbers [lower, upper], found {}", what,
                                     scale.IsSequence() ? fmt::format("{} values", scale.size())
                                                        : YamlReader::describe(scale)));
            } else {
                auto lo = r_.number(scale[0], what + ": scale lower bound");
                auto hi = r_.number(scale[1], what + ": scale upper bound");
                if (lo && hi) {
                    if (!(*lo < *hi))
                        r_.error(r_.at(scale), fmt::format("{}: scale [{}, {}] must have lower < upper", what,
                                                           format_number(*lo), format_number(*hi)));
                    else {
                        issue.lo = *lo;
                        issue.hi = *hi;
                    }
                }
            }
        }
        if (const YAML::Node& labels = item["labels"]; labels) {
            if (r_.check_open_map(labels, what + ": labels")) {
                for (auto it = labels.begin(); it != labels.end(); ++it) {
                    auto at = r_.number(it->first, what + ": label position");
                    auto text = r_.text(it->second, what + ": label");
                    if (!at || !text) continue;
                    if (*at < issue.lo || *at > issue.hi)
                        r_.error(r_.at(it->first),
                                 fmt::format("{}: label at {} is outside the scale [{}, {}]", what, format_number(*at),
                                             format_number(issue.lo), format_number(issue.hi)));
                    issue.labels[*at] = *text;
                }
            }
        }
        double status_quo = 0;
        if (const YAML::Node& q = item["status_quo"]; q) {
            if (auto v = r_.number_in(q, what + ": status_quo", issue.lo, issue.hi)) {
                issue.has_status_quo = true;
                status_quo = issue.normalise(*v);
            }
        }
        s_.issues.push_back(issue);
        s_.base.status_quo.push_back(status_quo);
    }
}

int ScenarioLoader::issue_key(const YAML::Node& key, const std::string& what) {
    const std::string id = key.IsScalar() ? key.Scalar() : "";
    const int k = s_.find_issue(id);
    if (k < 0) {
        const std::string best = closest_match(id, s_.issue_ids());
        r_.error(r_.at(key), fmt::format("{} on unknown issue '{}'{}", what, id,
                                         best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
    }
    return k;
}

bool ScenarioLoader::add_actor_id(const std::string& id, const Location& where) {
    auto [pos, inserted] = actor_lines_.emplace(id, where.line);
    if (!inserted) r_.error(where, fmt::format("duplicate actor id '{}' (first defined on line {})", id, pos->second));
    return inserted;
}

void ScenarioLoader::load_actors(const YAML::Node& node) {
    if (node.IsMap()) {
        load_actor_table(node);
        return;
    }
    if (!node.IsSequence()) {
        r_.error(r_.at(node),
                 fmt::format("actors must be a list of actors or {{csv: FILE}}, found {}", YamlReader::describe(node)));
        return;
    }
    if (node.size() == 0) r_.error(r_.at(node), "actors: at least one actor is needed");
    if (static_cast<long>(node.size()) > limits_.max_actors) {
        r_.error(r_.at(node), fmt::format("actors: {} actors exceed the limit of {} (raise it with --limit actors=N)",
                                          node.size(), limits_.max_actors));
        return;
    }
    for (const auto& item : node) load_actor(item);
}

void ScenarioLoader::load_actor(const YAML::Node& item) {
    if (!r_.check_map(item, "actor",
                      {"id", "name", "capability", "positions", "salience", "stubbornness", "self_weight", "veto",
                       "reservation", "ratifiers"}))
        return;
    const Location where = r_.at(item);
    if (!item["id"]) {
        r_.error(where, "actor: missing required key 'id'");
        return;
    }
    auto id = r_.identifier(item["id"], "actor id");
    if (!id || !add_actor_id(*id, r_.at(item["id"]))) return;
    const std::string what = fmt::format("actor '{}'", *id);
    Actor actor{*id, *id, where, {}};
    ActorParams p;
    const std::size_t m = s_.issues.size();
    p.position.assign(m, 0);
    p.salience.assign(m, 1);
    if (item["name"]) actor.name = r_.text(item["name"], what + ": name").value_or(*id);
    if (!item["capability"])
        r_.error(where, what + ": missing required key 'capability'");
    else
        p.capability = r_.number_in(item["capability"], what + ": capability", 0, inf).value_or(0);
    if (item["stubbornness"])
        p.stubbornness = r_.number_in(item["stubbornness"], what + ": stubbornness", 0, 1).value_or(0);
    if (item["self_weight"])
        p.self_weight = r_.number_in(item["self_weight"], what + ": self_weight", 0, inf).value_or(1);
    if (const YAML::Node& reservation = item["reservation"]; reservation) {
        if (reservation.IsScalar() && reservation.Scalar() == "status-quo" && reservation.Tag() != "!") {
            p.reservation_status_quo = true;
            status_quo_reservations_.push_back(r_.at(reservation));
        } else {
            double value = 0;
            if (reservation.IsScalar() && !YAML::convert<double>::decode(reservation, value) &&
                closest_match(reservation.Scalar(), {"status-quo"}) == "status-quo")
                r_.error(r_.at(reservation), fmt::format("{}: reservation must be a number in [0, 1] or 'status-quo', "
                                                         "found '{}' (did you mean 'status-quo'?)",
                                                         what, reservation.Scalar()));
            else
                p.reservation = r_.number_in(reservation, what + ": reservation", 0, 1).value_or(0.8);
        }
    }
    if (const YAML::Node& ratifiers = item["ratifiers"]; ratifiers) {
        if (r_.check_sequence(ratifiers, what + ": ratifiers"))
            for (const auto& r : ratifiers)
                if (auto rid = r_.identifier(r, what + ": each ratifier"))
                    ratifier_refs_.push_back({static_cast<int>(s_.actors.size()), *rid, r_.at(r)});
    }
    if (item["veto"]) p.veto = r_.boolean(item["veto"], what + ": veto").value_or(false);

    std::vector<bool> has_position(m, false);
    if (!item["positions"]) {
        r_.error(where, fmt::format("{}: missing required key 'positions' (a position on every issue)", what));
    } else if (r_.check_open_map(item["positions"], what + ": positions")) {
        const YAML::Node& positions = item["positions"];
        for (auto it = positions.begin(); it != positions.end(); ++it) {
            const std::string issue_id = it->first.IsScalar() ? it->first.Scalar() : "";
            const int k = issue_key(it->first, what + ": position");
            if (k < 0) continue;
            const Issue& issue = s_.issues[static_cast<std::size_t>(k)];
            has_position[static_cast<std::size_t>(k)] = true;  // given, even if its value is reported below
            auto v = r_.number(it->second, fmt::format("{}: position on issue '{}'", what, issue_id));
            if (!v) continue;
            if (*v < issue.lo || *v > issue.hi) {
                r_.error(r_.at(it->second),
                         fmt::format("{}: position {} on issue '{}' is outside the scale [{}, {}]", what,
                                     format_number(*v), issue_id, format_number(issue.lo), format_number(issue.hi)));
                continue;
            }
            p.position[static_cast<std::size_t>(k)] = issue.normalise(*v);
        }
        for (std::size_t k = 0; k < m; ++k)
            if (!has_position[k])
                r_.error(r_.at(positions), fmt::format("{}: no position on issue '{}' (every actor needs a position on "
                                                       "every issue)",
                                                       what, s_.issues[k].id));
    }
    if (const YAML::Node& salience = item["salience"]; salience) {
        if (r_.check_open_map(salience, what + ": salience")) {
            for (auto it = salience.begin(); it != salience.end(); ++it) {
                const std::string issue_id = it->first.IsScalar() ? it->first.Scalar() : "";
                const int k = issue_key(it->first, what + ": salience");
                if (k < 0) continue;
                if (auto v = r_.number_in(it->second, fmt::format("{}: salience on issue '{}'", what, issue_id), 0, 1))
                    p.salience[static_cast<std::size_t>(k)] = *v;
            }
        }
    }
    s_.actors.push_back(actor);
    s_.base.actors.push_back(p);
}

// `actors: {csv: FILE}`: one row per actor; errors name the CSV file, line and column.
void ScenarioLoader::load_actor_table(const YAML::Node& node) {
    const std::size_t errors_before = r_.diagnostics().error_count();
    if (!r_.check_map(node, "actors", {"csv"})) return;
    if (!node["csv"]) {
        r_.error(r_.at(node), "actors: a table needs its file: actors: {csv: FILE}");
        return;
    }
    auto name = r_.text(node["csv"], "actors: csv");
    if (!name) return;
    const std::filesystem::path base = std::filesystem::path(r_.file()).parent_path();
    const std::string file = (base / *name).string();
    std::string text;
    try {
        text = read_file(file, limits_.max_file_bytes);
    } catch (const InputError& e) {
        r_.error(r_.at(node["csv"]),
                 fmt::format("actors: cannot read the table '{}': {}", file, e.diagnostics().items().front().message));
        return;
    }
    std::string error;
    int line = 0, column = 0;
    auto table = parse_csv(text, error, line, column);
    if (!table) {
        r_.error(Location{file, line, column}, error);
        return;
    }
    if (table->rows.empty()) {
        r_.error(Location{file, 1, 1}, "the actor table is empty: it needs a header row and one row per actor");
        return;
    }
    const auto& header = table->rows[0];
    std::vector<std::string> known = {"id", "name", "capability", "stubbornness", "self_weight", "veto", "reservation"};
    for (const auto& issue : s_.issues) {
        known.push_back(issue.id);
        known.push_back(issue.id + ".salience");
    }
    std::map<std::string, std::size_t> column_of;
    for (std::size_t c = 0; c < header.size(); ++c) {
        const auto& cell = header[c];
        const Location where{file, cell.line, cell.column};
        if (std::find(known.begin(), known.end(), cell.text) == known.end()) {
            const std::string best = closest_match(cell.text, known);
            r_.error(where, fmt::format("unknown column '{}'{}", cell.text,
                                        best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
        } else if (!column_of.emplace(cell.text, c).second) {
            r_.error(where, fmt::format("duplicate column '{}'", cell.text));
        }
    }
    for (const char* required : {"id", "capability"})
        if (!column_of.count(required))
            r_.error(Location{file, 1, 1}, fmt::format("the actor table has no '{}' column", required));
    for (const auto& issue : s_.issues)
        if (!column_of.count(issue.id))
            r_.error(
                Location{file, 1, 1},
                fmt::format("the actor table has no column '{}' (the position on issue '{}')", issue.id, issue.id));
    if (r_.diagnostics().error_count() > errors_before) return;  // the header is wrong: rows cannot be read
    if (static_cast<long>(table->rows.size()) - 1 > limits_.max_actors) {
        r_.error(Location{file, 1, 1},
                 fmt::format("the table's {} actors exceed the limit of {} (raise it with --limit actors=N)",
                             table->rows.size() - 1, limits_.max_actors));
        return;
    }

    for (std::size_t row_index = 1; row_index < table->rows.size(); ++row_index) {
        const auto& row = table->rows[row_index];
        const int row_line = row.empty() ? 0 : row.front().line;
        if (row.size() != header.size()) {
            r_.error(Location{file, row_line, 1},
                     fmt::format("row has {} fields, the header has {}", row.size(), header.size()));
            continue;
        }
        auto cell_of = [&](const std::string& col) -> const CsvTable::Cell* {
            auto it = column_of.find(col);
            return it == column_of.end() ? nullptr : &row[it->second];
        };
        auto number = [&](const std::string& col, const std::string& what, double lo, double hi,
                          bool required) -> std::optional<double> {
            const auto* cell = cell_of(col);
            if (!cell || cell->text.empty()) {
                if (required) r_.error(Location{file, row_line, cell ? cell->column : 1}, what + " is required");
                return std::nullopt;
            }
            const Location where{file, cell->line, cell->column};
            double v = 0;
            const char* first = cell->text.data();
            const char* last = first + cell->text.size();
            auto [ptr, ec] = std::from_chars(first, last, v);
            if (ec != std::errc() || ptr != last || !std::isfinite(v)) {
                r_.error(where, fmt::format("{} must be a finite number, found '{}'", what, cell->text));
                return std::nullopt;
            }
            if (v < lo || v > hi) {
                r_.error(where, std::isinf(hi) ? fmt::format("{} must be >= {}, found {}", what, format_number(lo),
                                                             format_number(v))
                                               : fmt::format("{} must be in [{}, {}], found {}", what,
                                                             format_number(lo), format_number(hi), format_number(v)));
                return std::nullopt;
            }
            return v;
        };
        const auto* id_cell = cell_of("id");
        const Location id_where{file, id_cell->line, id_cell->column};
        if (!detail::is_identifier(id_cell->text)) {
            r_.error(id_where, fmt::format("actor id must be an identifier of letters, digits and '_', found '{}'",
                                           id_cell->text));
            continue;
        }
        if (!add_actor_id(id_cell->text, id_where)) continue;
        const std::string what = fmt::format("actor '{}'", id_cell->text);
        Actor actor{id_cell->text, id_cell->text, id_where, {}};
        if (const auto* c = cell_of("name"); c && !c->text.empty()) actor.name = c->text;
        ActorParams p;
        p.capability = number("capability", what + ": capability", 0, inf, true).value_or(0);
        p.stubbornness = number("stubbornness", what + ": stubbornness", 0, 1, false).value_or(0);
        p.self_weight = number("self_weight", what + ": self_weight", 0, inf, false).value_or(1);
        if (const auto* c = cell_of("reservation"); c && c->text == "status-quo") {
            p.reservation_status_quo = true;
            status_quo_reservations_.push_back(Location{file, c->line, c->column});
        } else {
            p.reservation = number("reservation", what + ": reservation", 0, 1, false).value_or(0.8);
        }
        if (const auto* c = cell_of("veto"); c && !c->text.empty()) {
            if (c->text == "true" || c->text == "false")
                p.veto = c->text == "true";
            else
                r_.error(Location{file, c->line, c->column},
                         fmt::format("{}: veto must be true or false, found '{}'", what, c->text));
        }
        for (const auto& issue : s_.issues) {
            auto pos =
                number(issue.id, fmt::format("{}: position on issue '{}'", what, issue.id), issue.lo, issue.hi, true);
            p.position.push_back(pos ? issue.normalise(*pos) : 0);
            p.salience.push_back(
                number(issue.id + ".salience", fmt::format("{}: salience on issue '{}'", what, issue.id), 0, 1, false)
                    .value_or(1));
        }
        s_.actors.push_back(actor);
        s_.base.actors.push_back(p);
    }
    if (s_.actors.empty() && !r_.diagnostics().has_errors())
        r_.error(Location{file, 1, 1}, "the actor table has no actors");
}

void ScenarioLoader::load_influence(const YAML::Node& node) {
    if (!r_.check_sequence(node, "influence")) return;
    if (static_cast<long>(node.size()) > limits_.max_edges) {
        r_.error(r_.at(node), fmt::format("influence: {} edges exceed the limit of {} (raise it with --limit edges=N)",
                                          node.size(), limits_.max_edges));
        return;
    }
    std::map<std::pair<int, int>, int> lines;
    for (const auto& item : node) {
        if (!r_.check_map(item, "influence edge", {"from", "to", "weight"})) continue;
        const Location where = r_.at(item);
        bool ok = true;
        int ends[2] = {-1, -1};
        const char* keys[2] = {"from", "to"};
        for (int e = 0; e < 2; ++e) {
            if (!item[keys[e]]) {
                r_.error(where, fmt::format("influence edge: missing required key '{}'", keys[e]));
                ok = false;
                continue;
            }
            auto id = r_.text(item[keys[e]], fmt::format("influence edge: '{}'", keys[e]));
            if (!id) {
                ok = false;
                continue;
            }
            ends[e] = s_.find_actor(*id);
            if (ends[e] < 0) {
                const std::string best = closest_match(*id, s_.actor_ids());
                r_.error(r_.at(item[keys[e]]),
                         fmt::format("influence edge: unknown actor '{}'{}", *id,
                                     best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
                ok = false;
            }
        }
        std::optional<double> weight;
        if (!item["weight"])
            r_.error(where, "influence edge: missing required key 'weight'");
        else
            weight = r_.number_in(item["weight"], "influence edge: weight", 0, inf);
        if (!ok || !weight) continue;
        const std::string& from_id = s_.actors[static_cast<std::size_t>(ends[0])].id;
        if (ends[0] == ends[1]) {
            r_.error(where, fmt::format("influence edge from '{}' to itself: an actor's weight on its own position is "
                                        "actors.{}.self_weight",
                                        from_id, from_id));
            continue;
        }
        auto [pos, inserted] = lines.emplace(std::make_pair(ends[0], ends[1]), where.line);
        if (!inserted) {
            r_.error(where, fmt::format("influence edge {} -> {} is given twice (first on line {})", from_id,
                                        s_.actors[static_cast<std::size_t>(ends[1])].id, pos->second));
            continue;
        }
        s_.base.edges.push_back({ends[0], ends[1], *weight});
    }
}

void ScenarioLoader::load_model(const YAML::Node& node) {
    if (!r_.check_map(node, "model",
                      {"dynamics", "weighting", "coupling", "confidence", "rounds", "tolerance", "variant", "q", "t",
                       "step"}))
        return;
    if (node["dynamics"]) {
        if (auto d = r_.choice(node["dynamics"], "model.dynamics",
                               {"degroot", "friedkin-johnsen", "bounded-confidence", "expected-utility"})) {
            if (*d == "degroot")
                s_.model.dynamics = Dynamics::degroot;
            else if (*d == "friedkin-johnsen")
                s_.model.dynamics = Dynamics::friedkin_johnsen;
            else if (*d == "bounded-confidence")
                s_.model.dynamics = Dynamics::bounded_confidence;
            else
                s_.model.dynamics = Dynamics::expected_utility;
        }
    }
    if (node["weighting"]) {
        if (auto w = r_.choice(node["weighting"], "model.weighting", {"edge", "capability", "capability-salience"}))
            s_.model.weighting = *w == "edge"         ? Weighting::edge
                                 : *w == "capability" ? Weighting::capability
                                                      : Weighting::capability_salience;
    }
    if (node["variant"]) {
        if (auto v = r_.choice(node["variant"], "model.variant", {"bdm", "scholz2011"}))
            s_.model.variant = *v == "bdm" ? EuVariant::bdm : EuVariant::scholz2011;
    }
    if (node["q"]) s_.model.q = r_.number_in(node["q"], "model.q", 0, 1).value_or(1);
    if (node["t"]) s_.model.t = r_.number_in(node["t"], "model.t", 0, 1).value_or(1);
    if (node["confidence"])
        s_.base.confidence = r_.number_in(node["confidence"], "model.confidence", 0, 1).value_or(0.2);
    if (node["rounds"])
        s_.base.rounds =
            static_cast<int>(r_.integer(node["rounds"], "model.rounds", 0, limits_.max_rounds).value_or(100));
    if (node["step"]) {
        step_where_ = r_.at(node["step"]);
        if (auto v = r_.number(node["step"], "model.step")) {
            if (!(*v > 0 && *v <= 1))
                r_.error(step_where_, fmt::format("model.step must be in (0, 1] (the share of the way to its target a "
                                                  "stance moves in one round), found {}",
                                                  format_number(*v)));
            else
                s_.base.step = *v;
        }
    }
    if (node["tolerance"]) {
        if (auto t = r_.number(node["tolerance"], "model.tolerance")) {
            if (*t <= 0)
                r_.error(r_.at(node["tolerance"]),
                         fmt::format("model.tolerance must be > 0, found {}", format_number(*t)));
            else
                s_.base.tolerance = *t;
        }
    }
    if (const YAML::Node& c = node["coupling"]; c) {
        const std::size_t m = s_.issues.size();
        if (!c.IsSequence() || c.size() != m) {
            r_.error(r_.at(c),
                     fmt::format("model.coupling must be a square matrix with one row per issue ({} rows of "
                                 "{} numbers), found {}",
                                 m, m, c.IsSequence() ? fmt::format("{} rows", c.size()) : YamlReader::describe(c)));
            return;
        }
        Eigen::MatrixXd matrix(static_cast<long>(m), static_cast<long>(m));
        bool ok = true;
        for (std::size_t k = 0; k < m; ++k) {
            const YAML::Node& row = c[k];
            if (!row.IsSequence() || row.size() != m) {
                r_.error(r_.at(row, r_.at(c)),
                         fmt::format("model.coupling row {} must have {} numbers, one per issue", k + 1, m));
                ok = false;
                continue;
            }
            for (std::size_t l = 0; l < m; ++l) {
                auto v = r_.number(row[l], fmt::format("model.coupling[{}][{}]", k + 1, l + 1));
                if (!v)
                    ok = false;
                else
                    matrix(static_cast<long>(k), static_cast<long>(l)) = *v;
            }
        }
        if (ok) s_.model.coupling = matrix;
    }
}

void ScenarioLoader::load_outcome(const YAML::Node& node, bool& decision_given) {
    if (!r_.check_map(node, "outcome",
                      {"rule", "decision", "threshold", "stop", "decide", "proposer", "acceptance", "temperature",
                       "assurance", "margin"}))
        return;
    for (const char* key : {"rule", "decide", "proposer", "acceptance", "temperature", "assurance", "margin"})
        if (node[key]) outcome_keys_[key] = r_.at(node[key]);
    if (node["rule"]) {
        if (auto v = r_.choice(node["rule"], "outcome.rule", {"weighted-mean", "weighted-median", "nash", "setter"}))
            s_.outcome.rule = *v == "weighted-mean"     ? TermsRule::weighted_mean
                              : *v == "weighted-median" ? TermsRule::weighted_median
                              : *v == "nash"            ? TermsRule::nash
                                                        : TermsRule::setter;
    }
    if (node["decide"]) {
        if (auto v = r_.choice(node["decide"], "outcome.decide", {"every-round", "at-meetings"}))
            s_.outcome.decide = *v == "at-meetings" ? DecideRule::at_meetings : DecideRule::every_round;
    }
    if (node["acceptance"]) {
        if (auto v = r_.choice(node["acceptance"], "outcome.acceptance", {"threshold", "logistic"}))
            s_.outcome.acceptance = *v == "logistic" ? Acceptance::logistic : Acceptance::threshold;
    }
    if (node["temperature"]) {
        if (auto v = r_.number(node["temperature"], "outcome.temperature")) {
            if (!(*v > 0))
                r_.error(r_.at(node["temperature"]),
                         fmt::format("outcome.temperature must be > 0 (in utility units), found {}", format_number(*v)));
            else
                s_.base.temperature = *v;
        }
    }
    if (node["assurance"]) {
        if (auto v = r_.number(node["assurance"], "outcome.assurance")) {
            if (!(*v > 0.5 && *v < 1))
                r_.error(r_.at(node["assurance"]),
                         fmt::format("outcome.assurance must be in (0.5, 1) (the probability with which each needed "
                                     "actor accepts the offer), found {}",
                                     format_number(*v)));
            else
                s_.outcome.assurance = *v;
        }
    }
    if (node["margin"]) s_.base.margin = r_.number_in(node["margin"], "outcome.margin", -1, 1).value_or(0);
    if (node["proposer"]) {
        if (auto id = r_.text(node["proposer"], "outcome.proposer")) {
            if (*id == "random") {
                s_.outcome.proposer = -1;
            } else {
                s_.outcome.proposer = s_.find_actor(*id);
                if (s_.outcome.proposer < 0) {
                    const std::string best = closest_match(*id, s_.actor_ids());
                    r_.error(r_.at(node["proposer"]),
                             fmt::format("outcome.proposer: unknown actor '{}'{}; the proposer is an actor id or "
                                         "'random'",
                                         *id, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
                }
            }
        }
    }
    if (node["decision"]) {
        if (auto v = r_.choice(node["decision"], "outcome.decision", {"unanimity", "veto-players", "majority"})) {
            decision_given = true;
            s_.outcome.decision_given = true;
            s_.outcome.decision_where = r_.at(node["decision"]);
            s_.outcome.decision = *v == "unanimity"      ? Decision::unanimity
                                  : *v == "veto-players" ? Decision::veto_players
                                                         : Decision::majority;
        }
    }
    if (node["threshold"]) s_.base.threshold = r_.number_in(node["threshold"], "outcome.threshold", 0, 1).value_or(0.5);
    if (node["stop"]) {
        if (auto v = r_.choice(node["stop"], "outcome.stop", {"on-agreement", "end"}))
            s_.outcome.stop = *v == "end" ? StopRule::end : StopRule::on_agreement;
    }
}

void ScenarioLoader::load_calendar(const YAML::Node& node) {
    if (!r_.check_map(node, "calendar", {"start", "step"})) return;
    Calendar calendar;
    if (!node["start"]) {
        r_.error(r_.at(node), "calendar: missing required key 'start' (the date of round 0, YYYY-MM-DD)");
        return;
    }
    auto start = r_.text(node["start"], "calendar.start");
    if (!start) return;
    auto date = parse_date(*start);
    if (!date) {
        r_.error(r_.at(node["start"]),
                 fmt::format("calendar.start must be a valid date YYYY-MM-DD, found '{}'", *start));
        return;
    }
    calendar.start = *date;
    if (node["step"]) {
        auto step = r_.text(node["step"], "calendar.step");
        if (!step) return;
        auto days = parse_step(*step);
        if (!days) {
            r_.error(r_.at(node["step"]),
                     fmt::format("calendar.step must be Nd (days) or Nw (weeks) with N >= 1, found '{}'", *step));
            return;
        }
        calendar.step_days = *days;
    }
    s_.calendar = calendar;
}

std::optional<ParamPath> ScenarioLoader::path(const YAML::Node& key, const std::string& what) {
    auto text = r_.text(key, what);
    if (!text) return std::nullopt;
    std::string why;
    auto p = parse_param_path(*text, s_, why);
    if (!p) r_.error(r_.at(key), fmt::format("{}: {}", what, why));
    return p;
}

void ScenarioLoader::load_events(const YAML::Node& node) {
    if (!r_.check_sequence(node, "events")) return;
    int previous_round = -1;
    int previous_line = 0;
    for (const auto& item : node) {
        if (!r_.check_map(item, "event", {"at", "name", "set", "meeting"})) continue;
        Event event;
        event.where = r_.at(item);
        if (item["name"]) event.name = r_.text(item["name"], "event: name").value_or("");
        const std::string what = event.name.empty() ? std::string("event") : fmt::format("event '{}'", event.name);
        if (!item["at"]) {
            r_.error(event.where, what + ": missing required key 'at' (a date or a round number)");
            continue;
        }
        const YAML::Node& at = item["at"];
        long long round_number = 0;
        if (at.IsScalar() && at.Tag() != "!" && YAML::convert<long long>::decode(at, round_number)) {
            if (round_number < 0) {
                r_.error(r_.at(at), fmt::format("{}: round {} is negative", what, round_number));
                continue;
            }
            event.round = static_cast<int>(std::min<long long>(round_number, limits_.max_rounds + 1));
        } else if (auto text = r_.text(at, what + ": at")) {
            auto date = parse_date(*text);
            if (!date) {
                const bool date_shaped = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-';
                r_.error(r_.at(at), date_shaped ? fmt::format("{}: {} is not a valid date", what, *text)
                                                : fmt::format("{}: 'at' must be a round number or a date YYYY-MM-DD, "
                                                              "found '{}'",
                                                              what, *text));
                continue;
            }
            if (!s_.calendar) {
                r_.error(r_.at(at),
                         fmt::format("{}: a date needs a calendar (calendar: {{start: DATE, step: 1d}})", what));
                continue;
            }
            auto round = s_.calendar->round_of(*date);
            if (!round) {
                r_.error(r_.at(at), fmt::format("{}: {} is not the date of a round (round 0 is {}, one round every {} "
                                                "days)",
                                                what, *text, format_date(s_.calendar->start), s_.calendar->step_days));
                continue;
            }
            event.round = static_cast<int>(std::min<long>(*round, limits_.max_rounds + 1));
        } else {
            continue;
        }
        if (event.round < previous_round)
            r_.error(r_.at(at), fmt::format("{}: events must be in date order: round {} comes before the previous "
                                            "event's round {} (line {})",
                                            what, event.round, previous_round, previous_line));
        previous_round = std::max(previous_round, event.round);
        previous_line = event.where.line;
        if (item["meeting"]) event.meeting = r_.boolean(item["meeting"], what + ": meeting").value_or(false);
        if (!item["set"]) {
            if (!event.meeting)
                r_.error(event.where, what + ": missing required key 'set' (parameter paths and their new values; "
                                             "only a meeting, with meeting: true, may have no 'set')");
            else
                s_.events.push_back(event);
            continue;
        }
        const YAML::Node& set = item["set"];
        if (!r_.check_open_map(set, what + ": set")) continue;
        for (auto it = set.begin(); it != set.end(); ++it) {
            auto p = path(it->first, what + ": set");
            if (!p) continue;
            Assignment assignment{*p, 0, r_.at(it->second, r_.at(it->first))};
            const std::string name = param_path_name(*p, s_);
            if (param_range(*p, s_).boolean) {
                auto b = r_.boolean(it->second, fmt::format("{}: {}", what, name));
                if (!b) continue;
                assignment.value = *b ? 1 : 0;
            } else {
                auto v = r_.number(it->second, fmt::format("{}: {}", what, name));
                if (!v) continue;
                const std::string problem = check_param_value(*p, *v, s_);
                if (!problem.empty()) {
                    r_.error(assignment.where, fmt::format("{}: {} = {}", what, name, problem));
                    continue;
                }
                assignment.value = *v;
            }
            event.set.push_back(assignment);
        }
        s_.events.push_back(event);
    }
}

std::optional<Distribution> ScenarioLoader::distribution(const YAML::Node& node, const std::string& what,
                                                         bool boolean) {
    if (!r_.check_map(node, what, {"normal", "uniform", "triangular", "choice"})) return std::nullopt;
    if (node.size() != 1) {
        r_.error(r_.at(node),
                 fmt::format("{}: give exactly one distribution (normal, uniform, triangular or choice)", what));
        return std::nullopt;
    }
    const std::string kind = node.begin()->first.Scalar();
    const YAML::Node args = node.begin()->second;  // a copy: the iterator's proxy is a temporary
    Distribution d;
    static const std::map<std::string, std::pair<DistributionKind, std::size_t>> shapes = {
        {"normal", {DistributionKind::normal, 2}},
        {"uniform", {DistributionKind::uniform, 2}},
        {"triangular", {DistributionKind::triangular, 3}},
        {"choice", {DistributionKind::choice, 0}}};
    const auto shape = shapes.find(kind);
    if (shape == shapes.end()) return std::nullopt;  // reported by check_map
    const auto [dk, count] = shape->second;
    d.kind = dk;
    const char* form = kind == "normal"       ? "[mean, sd]"
                       : kind == "uniform"    ? "[low, high]"
                       : kind == "triangular" ? "[low, mode, high]"
                                              : "[v1, v2, ...]";
    if (!args.IsSequence() || (count && args.size() != count) || args.size() == 0) {
        r_.error(r_.at(args, r_.at(node)),
                 fmt::format("{}: {} takes {}, found {}", what, kind, form,
                             args.IsSequence() ? fmt::format("{} values", args.size()) : YamlReader::describe(args)));
        return std::nullopt;
    }
    for (const auto& a : args) {
        double v = 0;
        if (boolean) {
            auto b = r_.boolean(a, fmt::format("{}: {} value", what, kind));
            if (!b) return std::nullopt;
            v = *b ? 1 : 0;
        } else if (auto n = r_.number(a, fmt::format("{}: {} value", what, kind))) {
            v = *n;
        } else {
            return std::nullopt;
        }
        d.args.push_back(v);
    }
    const auto& x = d.args;
    if (d.kind == DistributionKind::normal && x[1] < 0)
        r_.error(r_.at(args), fmt::format("{}: normal sd must be >= 0, found {}", what, format_number(x[1])));
    else if (d.kind == DistributionKind::uniform && x[0] > x[1])
        r_.error(r_.at(args), fmt::format("{}: uniform needs low <= high, found [{}, {}]", what, format_number(x[0]),
                                          format_number(x[1])));
    else if (d.kind == DistributionKind::triangular && !(x[0] <= x[1] && x[1] <= x[2]))
        r_.error(r_.at(args), fmt::format("{}: triangular needs low <= mode <= high, found [{}, {}, {}]", what,
                                          format_number(x[0]), format_number(x[1]), format_number(x[2])));
    else
        return d;
    return std::nullopt;
}

void ScenarioLoader::load_uncertainty(const YAML::Node& node) {
    if (!r_.check_open_map(node, "uncertainty")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto p = path(it->first, "uncertainty");
        if (!p) continue;
        const std::string name = param_path_name(*p, s_);
        const bool boolean = param_range(*p, s_).boolean;
        if (boolean && it->second.IsMap() && it->second.size() == 1 && it->second.begin()->first.Scalar() != "choice") {
            r_.error(r_.at(it->second),
                     fmt::format("uncertainty: {} is true or false: draw it with choice: [true, false]", name));
            continue;
        }
        auto d = distribution(it->second, "uncertainty: " + name, boolean);
        if (!d) continue;
        s_.uncertainty.push_back({*p, name, *d, r_.at(it->first)});
    }
}

void ScenarioLoader::load_monte_carlo(const YAML::Node& node) {
    if (!r_.check_map(node, "monte_carlo", {"runs", "seed"})) return;
    if (node["runs"])
        s_.runs = static_cast<long>(r_.integer(node["runs"], "monte_carlo.runs", 1, limits_.max_runs).value_or(1));
    if (node["seed"]) {
        const YAML::Node& seed = node["seed"];
        unsigned long long value = 0;
        if (!seed.IsScalar() || seed.Tag() == "!" || !YAML::convert<unsigned long long>::decode(seed, value) ||
            seed.Scalar().find('-') != std::string::npos)
            r_.error(r_.at(seed),
                     fmt::format("monte_carlo.seed must be a whole number >= 0, found {}", YamlReader::describe(seed)));
        else
            s_.seed = value;
    }
}

void ScenarioLoader::load_sweep(const YAML::Node& node) {
    if (!r_.check_map(node, "sweep", {"design", "samples", "replications", "parameters"})) return;
    SweepSpec sweep;
    sweep.where = r_.at(node);
    if (node["design"]) {
        auto d = r_.choice(node["design"], "sweep.design", {"grid", "random", "lhs", "sobol"});
        if (!d) return;  // the other checks depend on the design
        sweep.design = *d == "grid"     ? Design::grid
                       : *d == "random" ? Design::random
                       : *d == "lhs"    ? Design::lhs
                                        : Design::sobol;
    }
    if (node["samples"])
        sweep.samples =
            static_cast<long>(r_.integer(node["samples"], "sweep.samples", 1, limits_.max_runs).value_or(1));
    else if (sweep.design != Design::grid)
        r_.error(sweep.where, "sweep: designs random, lhs and sobol need 'samples' (the number of design points)");
    if (node["replications"])
        sweep.replications =
            static_cast<long>(r_.integer(node["replications"], "sweep.replications", 1, limits_.max_runs).value_or(1));
    if (!node["parameters"]) {
        r_.error(sweep.where, "sweep: missing required key 'parameters'");
    } else if (r_.check_open_map(node["parameters"], "sweep.parameters")) {
        const YAML::Node& params = node["parameters"];
        if (params.size() == 0) r_.error(r_.at(params), "sweep.parameters: at least one parameter is needed");
        for (auto it = params.begin(); it != params.end(); ++it) {
            auto p = path(it->first, "sweep.parameters");
            if (!p) continue;
            SweepParameter sp;
            sp.path = *p;
            sp.name = param_path_name(*p, s_);
            sp.where = r_.at(it->first);
            const std::string what = "sweep: " + sp.name;
            const YAML::Node spec = it->second;  // a copy: the iterator's proxy is a temporary
            if (!r_.check_map(spec, what, {"values", "range", "steps"})) continue;
            if (spec["values"]) {
                if (sweep.design != Design::grid)
                    r_.error(r_.at(spec["values"]), fmt::format("{}: 'values' lists are for the grid design; {} needs "
                                                                "range: [low, high]",
                                                                what, "this design"));
                else if (r_.check_sequence(spec["values"], what + ": values")) {
                    if (spec["values"].size() == 0)
                        r_.error(r_.at(spec["values"]), what + ": values must not be empty");
                    for (const auto& v : spec["values"]) {
                        double value = 0;
                        if (param_range(*p, s_).boolean) {
                            auto b = r_.boolean(v, what + ": value");
                            if (!b) continue;
                            value = *b;
                        } else {
                            auto n = r_.number(v, what + ": value");
                            if (!n) continue;
                            value = *n;
                        }
                        const std::string problem = check_param_value(*p, value, s_);
                        if (!problem.empty()) r_.error(r_.at(v), fmt::format("{}: value {}", what, problem));
                        sp.values.push_back(value);
                    }
                }
                if (spec["range"] || spec["steps"])
                    r_.error(r_.at(spec),
                             what + ": give either 'values' or 'range' (with 'steps' for a grid), not both");
            } else if (spec["range"]) {
                const YAML::Node& range = spec["range"];
                if (!range.IsSequence() || range.size() != 2) {
                    r_.error(r_.at(range),
                             fmt::format("{}: range must be [low, high], found {}", what, YamlReader::describe(range)));
                    continue;
                }
                auto lo = r_.number(range[0], what + ": range low");
                auto hi = r_.number(range[1], what + ": range high");
                if (!lo || !hi) continue;
                if (*lo > *hi) r_.error(r_.at(range), fmt::format("{}: range needs low <= high", what));
                for (double v : {*lo, *hi}) {
                    const std::string problem = check_param_value(*p, v, s_);
                    if (!problem.empty()) r_.error(r_.at(range), fmt::format("{}: range end {}", what, problem));
                }
                sp.lo = lo;
                sp.hi = hi;
                if (sweep.design == Design::grid) {
                    if (!spec["steps"])
                        r_.error(r_.at(spec), what + ": a grid over a range needs 'steps' (how many values)");
                    else
                        sp.steps =
                            static_cast<int>(r_.integer(spec["steps"], what + ": steps", 1, 1000000).value_or(1));
                } else if (spec["steps"]) {
                    r_.error(r_.at(spec["steps"]), what + ": 'steps' is for the grid design");
                }
            } else {
                r_.error(r_.at(spec), what + ": give 'values' or 'range'");
            }
            sweep.parameters.push_back(sp);
        }
    }
    if (sweep.design == Design::grid) {
        // The grid is the product of the parameters' value counts: bound it before anything multiplies.
        long long points = 1;
        bool too_many = false;
        for (const auto& p : sweep.parameters) {
            const long long count = p.values.empty() ? p.steps : static_cast<long long>(p.values.size());
            if (count > 0 && points > limits_.max_runs / count)
                too_many = true;
            else if (count > 0)
                points *= count;
        }
        if (too_many)
            r_.error(sweep.where, fmt::format("sweep: the grid has more than {} points (raise it with --limit runs=N)",
                                              limits_.max_runs));
    }
    s_.sweep = sweep;
}

void ScenarioLoader::load_observed(const YAML::Node& node) {
    if (!r_.check_map(node, "observed", {"terms", "agreed", "note"})) return;
    Observed observed;
    observed.terms.assign(s_.issues.size(), std::nullopt);
    if (const YAML::Node& terms = node["terms"]; terms) {
        if (r_.check_open_map(terms, "observed.terms")) {
            for (auto it = terms.begin(); it != terms.end(); ++it) {
                const std::string id = it->first.IsScalar() ? it->first.Scalar() : "";
                const int k = issue_key(it->first, "observed.terms: a term");
                if (k < 0) continue;
                const Issue& issue = s_.issues[static_cast<std::size_t>(k)];
                if (auto v = r_.number_in(it->second, fmt::format("observed.terms.{}", id), issue.lo, issue.hi))
                    observed.terms[static_cast<std::size_t>(k)] = *v;
            }
        }
    }
    if (node["agreed"]) observed.agreed = r_.boolean(node["agreed"], "observed.agreed");
    if (node["note"]) observed.note = r_.text(node["note"], "observed.note").value_or("");
    s_.observed = observed;
}

// "" when the process parameter `path` applies to the scenario, else why not: the same rules as for
// the keys in the file, for paths drawn, swept or set with --set.
std::string process_path_problem(const Scenario& s, const ParamPath& path) {
    switch (path.kind) {
        case ParamKind::step:
            if (s.model.dynamics == Dynamics::expected_utility)
                return "model.step does not apply to the expected-utility model";
            return {};
        case ParamKind::temperature:
            if (s.outcome.acceptance != Acceptance::logistic)
                return "outcome.temperature applies only with outcome.acceptance: logistic";
            return {};
        case ParamKind::margin:
            if (std::none_of(s.base.actors.begin(), s.base.actors.end(),
                             [](const ActorParams& a) { return a.reservation_status_quo; }))
                return "outcome.margin applies only to actors with reservation: status-quo, and no actor has one";
            return {};
        default:
            return {};
    }
}

// Ratifiers name other actors, and no actor ratifies itself through a chain (docs/models.md section 16.8).
void ScenarioLoader::resolve_ratifiers() {
    for (const RatifierRef& ref : ratifier_refs_) {
        if (ref.actor >= s_.actor_count()) continue;  // the actor itself was refused
        Actor& actor = s_.actors[static_cast<std::size_t>(ref.actor)];
        const int j = s_.find_actor(ref.id);
        if (j < 0) {
            const std::string best = closest_match(ref.id, s_.actor_ids());
            r_.error(ref.where, fmt::format("actor '{}': unknown ratifier '{}'{}", actor.id, ref.id,
                                            best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
        } else if (j == ref.actor) {
            r_.error(ref.where, fmt::format("actor '{}' cannot be its own ratifier", actor.id));
        } else if (std::find(actor.ratifiers.begin(), actor.ratifiers.end(), j) != actor.ratifiers.end()) {
            r_.error(ref.where, fmt::format("actor '{}': ratifier '{}' is listed twice", actor.id, ref.id));
        } else {
            actor.ratifiers.push_back(j);
        }
    }
    // A cycle would make each actor's acceptance wait on its own: depth-first search for one.
    const int n = s_.actor_count();
    std::vector<int> state(static_cast<std::size_t>(n), 0);  // 0 unseen, 1 on the path, 2 done
    std::vector<int> path;
    std::function<bool(int)> visit = [&](int i) {
        state[static_cast<std::size_t>(i)] = 1;
        path.push_back(i);
        for (int j : s_.actors[static_cast<std::size_t>(i)].ratifiers) {
            if (state[static_cast<std::size_t>(j)] == 1) {
                std::string cycle;
                auto from = std::find(path.begin(), path.end(), j);
                for (auto it = from; it != path.end(); ++it) cycle += s_.actors[static_cast<std::size_t>(*it)].id + " -> ";
                cycle += s_.actors[static_cast<std::size_t>(j)].id;
                r_.error(s_.actors[static_cast<std::size_t>(i)].where,
                         fmt::format("ratifiers form a cycle: {} (an actor cannot need its own acceptance)", cycle));
                return true;
            }
            if (state[static_cast<std::size_t>(j)] == 0 && visit(j)) return true;
        }
        path.pop_back();
        state[static_cast<std::size_t>(i)] = 2;
        return false;
    };
    for (int i = 0; i < n; ++i)
        if (state[static_cast<std::size_t>(i)] == 0 && visit(i)) break;
}

// The rules that tie the process keys together (docs/models.md section 16.1), each with its own message.
void ScenarioLoader::check_process(const YAML::Node& root) {
    const Location top{r_.file(), 1, 1};
    auto where = [&](const char* key) {
        auto it = outcome_keys_.find(key);
        return it != outcome_keys_.end() ? it->second : (root["outcome"] ? r_.at(root["outcome"]) : top);
    };
    const OutcomeSpec& o = s_.outcome;
    const bool setter = o.rule == TermsRule::setter;
    const bool logistic = o.acceptance == Acceptance::logistic;
    if (o.decide == DecideRule::at_meetings &&
        std::none_of(s_.events.begin(), s_.events.end(), [](const Event& e) { return e.meeting; }))
        r_.error(where("decide"), "outcome.decide 'at-meetings' needs at least one event with meeting: true (the "
                                  "rounds at which the parties decide)");
    if (setter && !outcome_keys_.count("proposer"))
        r_.error(where("rule"), "outcome.rule 'setter' needs outcome.proposer: an actor id, or 'random' (chance in "
                                "proportion to capability)");
    if (!setter && outcome_keys_.count("proposer"))
        r_.error(where("proposer"), "outcome.proposer is given only with outcome.rule: setter");
    if (logistic && o.decide != DecideRule::at_meetings)
        r_.error(where("acceptance"), "outcome.acceptance 'logistic' needs outcome.decide: at-meetings (a fresh draw "
                                      "at every simulated round would make agreement near certain over a long "
                                      "calendar)");
    if (!logistic && outcome_keys_.count("temperature"))
        r_.error(where("temperature"), "outcome.temperature is given only with outcome.acceptance: logistic");
    if (!(setter && logistic) && outcome_keys_.count("assurance"))
        r_.error(where("assurance"),
                 "outcome.assurance is given only with outcome.rule: setter and outcome.acceptance: logistic");
    if (outcome_keys_.count("margin") && status_quo_reservations_.empty())
        r_.error(where("margin"), "outcome.margin applies only to actors with reservation: status-quo, and no actor "
                                  "has one");
    if (s_.model.dynamics == Dynamics::expected_utility && step_where_.line > 0)
        r_.error(step_where_, "model.step does not apply to the expected-utility model (its rounds are challenges, "
                              "not a share of the way to a target)");
    if (!status_quo_reservations_.empty()) {
        for (const Issue& issue : s_.issues)
            if (!issue.has_status_quo)
                r_.error(status_quo_reservations_.front(),
                         fmt::format("reservation: status-quo needs a status_quo on every issue, and issue '{}' "
                                     "(line {}) has none",
                                     issue.id, issue.where.line));
        for (const Uncertain& u : s_.uncertainty)
            if (u.path.kind == ParamKind::reservation &&
                s_.base.actors[static_cast<std::size_t>(u.path.actor)].reservation_status_quo)
                r_.error(u.where, fmt::format("'{}' is status-quo in the file, so it cannot also be drawn", u.name));
        if (s_.sweep)
            for (const SweepParameter& sp : s_.sweep->parameters)
                if (sp.path.kind == ParamKind::reservation &&
                    s_.base.actors[static_cast<std::size_t>(sp.path.actor)].reservation_status_quo)
                    r_.error(sp.where, fmt::format("'{}' is status-quo in the file, so it cannot also be swept", sp.name));
    }
    // Drawn and swept process parameters follow the rules of the keys; and an issue's outcome column
    // must not take the name of a drawn or swept parameter (an issue called `margin`).
    auto check_path = [&](const ParamPath& path, const std::string& name, const Location& at) {
        const std::string problem = process_path_problem(s_, path);
        if (!problem.empty()) r_.error(at, fmt::format("'{}': {}", name, problem));
        if (s_.has_status_quo())
            for (const Issue& issue : s_.issues)
                if (name == "outcome." + issue.id)
                    r_.error(at, fmt::format("'{}' would share its result column with the outcome of issue '{}' "
                                             "(line {}): rename the issue",
                                             name, issue.id, issue.where.line));
    };
    for (const Uncertain& u : s_.uncertainty) check_path(u.path, u.name, u.where);
    if (s_.sweep)
        for (const SweepParameter& sp : s_.sweep->parameters) check_path(sp.path, sp.name, sp.where);
    for (const Event& e : s_.events)
        if (e.meeting && o.decide != DecideRule::at_meetings)
            r_.warning(e.where, fmt::format("event{} is a meeting, but outcome.decide is every-round, so the parties "
                                            "decide at every round anyway",
                                            e.name.empty() ? "" : fmt::format(" '{}'", e.name)));
}

}  // namespace

void check_consistency(const Scenario& s, Diagnostics& ds) {
    const Location top{s.file, 0, 0};
    const Params& p = s.base;
    bool any_capability = false, any_veto = false;
    for (const auto& a : p.actors) {
        any_capability = any_capability || a.capability > 0;
        any_veto = any_veto || a.veto;
    }
    if (!p.actors.empty() && !any_capability)
        ds.error(s.actors.front().where, "every actor has capability 0: at least one actor needs capability above 0");
    for (std::size_t k = 0; k < s.issues.size(); ++k) {
        bool weighted = false;
        for (const auto& a : p.actors) weighted = weighted || (a.capability > 0 && a.salience[k] > 0);
        if (!weighted && !p.actors.empty())
            ds.error(s.issues[k].where,
                     fmt::format("issue '{}': no actor has both capability and salience above 0 on it, "
                                 "so no terms can be proposed",
                                 s.issues[k].id));
    }
    if (s.outcome.decision == Decision::veto_players && !any_veto)
        ds.error(s.outcome.decision_where.line > 0 ? s.outcome.decision_where : top,
                 "outcome.decision 'veto-players' needs at least one actor with veto: true");
    for (const auto& e : s.events)
        if (e.round > p.rounds)
            ds.error(e.where, fmt::format("event{}: round {} is after the last simulated round {} (model.rounds)",
                                          e.name.empty() ? "" : fmt::format(" '{}'", e.name), e.round, p.rounds));
}

Scenario load_scenario(const std::string& path, const LoadLimits& limits, Diagnostics* warnings) {
    return load_scenario_text(path, read_file(path, limits.max_file_bytes), limits, warnings);
}

std::string set_limit(LoadLimits& limits, const std::string& assignment) {
    const std::size_t eq = assignment.find('=');
    const std::string name = assignment.substr(0, eq);
    long long value = 0;
    if (eq != std::string::npos) {
        const char* first = assignment.data() + eq + 1;
        const char* last = assignment.data() + assignment.size();
        auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || ptr != last || value < 1) value = 0;
    }
    if (eq == std::string::npos || value < 1)
        return fmt::format("--limit {}: expected NAME=N with a whole number N >= 1", assignment);
    if (name == "file-bytes")
        limits.max_file_bytes = static_cast<std::size_t>(value);
    else if (name == "nesting")
        limits.max_nesting = static_cast<int>(std::min<long long>(value, 10000));
    else if (name == "actors")
        limits.max_actors = static_cast<int>(std::min<long long>(value, 100000000));
    else if (name == "issues")
        limits.max_issues = static_cast<int>(std::min<long long>(value, 1000000));
    else if (name == "edges")
        limits.max_edges = static_cast<long>(value);
    else if (name == "rounds")
        limits.max_rounds = static_cast<long>(std::min<long long>(value, 1000000000));
    else if (name == "runs")
        limits.max_runs = static_cast<long>(value);
    else
        return fmt::format(
            "--limit {}: unknown limit '{}'; limits are file-bytes, nesting, actors, issues, edges, "
            "rounds and runs",
            assignment, name);
    return {};
}

Scenario load_scenario_text(const std::string& path, const std::string& text, const LoadLimits& limits,
                            Diagnostics* warnings) {
    if (text.size() > limits.max_file_bytes)
        throw InputError(Location{path, 0, 0}, fmt::format("the file is larger than the limit of {} bytes (raise it "
                                                           "with --limit file-bytes=N)",
                                                           limits.max_file_bytes));
    const YAML::Node root = detail::parse_yaml(path, text, limits.max_nesting);
    if (!root.IsDefined() || root.IsNull()) {
        // Only whitespace and comments make an empty file; anything else is text YAML read as nothing.
        bool content = false;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            const auto first = line.find_first_not_of(" \t\r");
            if (first != std::string::npos && line[first] != '#' && line.compare(first, 3, "---") != 0 &&
                line.compare(first, 3, "...") != 0)
                content = true;
        }
        if (content)
            throw InputError(Location{path, 1, 1},
                             "the file holds no scenario: expected a YAML mapping with the "
                             "keys 'accord', 'issues' and 'actors'");
    }
    Diagnostics ds;
    YamlReader reader(path, ds);
    Scenario s;
    try {
        s = ScenarioLoader(reader, limits).load(root);
    } catch (const YAML::Exception& e) {
        ds.error(Location{path, e.mark.line + 1, e.mark.column + 1}, fmt::format("invalid YAML: {}", e.msg));
    }
    if (ds.has_errors()) throw InputError(ds);
    if (warnings) warnings->append(ds);
    return s;
}

void apply_overrides(Scenario& s, const std::vector<std::string>& assignments) {
    Diagnostics ds;
    for (const std::string& a : assignments) {
        const Location where{"--set " + a, 0, 0};
        const std::size_t eq = a.find('=');
        if (eq == std::string::npos || eq == 0) {
            ds.error(where, "expected PATH=VALUE, for example --set actors.DEU.capability=40");
            continue;
        }
        const std::string path_text = a.substr(0, eq);
        const std::string value_text = a.substr(eq + 1);
        std::string why;
        auto p = parse_param_path(path_text, s, why);
        if (!p) {
            ds.error(where, why);
            continue;
        }
        double value = 0;
        if (p->kind == ParamKind::reservation && value_text == "status-quo") {
            // A reservation from the status quo (docs/models.md section 16.5): needs a status quo on every issue.
            if (!s.has_status_quo() ||
                std::any_of(s.issues.begin(), s.issues.end(), [](const Issue& i) { return !i.has_status_quo; })) {
                ds.error(where, fmt::format("{}=status-quo needs a status_quo on every issue of the file", path_text));
                continue;
            }
            s.base.actors[static_cast<std::size_t>(p->actor)].reservation_status_quo = true;
            std::erase_if(s.uncertainty, [&](const Uncertain& u) { return u.path == *p; });
            continue;
        }
        if (const std::string problem = process_path_problem(s, *p); !problem.empty()) {
            ds.error(where, problem);
            continue;
        }
        if (param_range(*p, s).boolean) {
            if (value_text != "true" && value_text != "false") {
                ds.error(where, fmt::format("{} must be true or false, found '{}'", path_text, value_text));
                continue;
            }
            value = value_text == "true";
        } else {
            const char* first = value_text.data();
            const char* last = first + value_text.size();
            auto [ptr, ec] = std::from_chars(first, last, value);
            if (ec != std::errc() || ptr != last || value_text.empty()) {
                ds.error(where, fmt::format("{} must be a number, found '{}'", path_text, value_text));
                continue;
            }
            const std::string problem = check_param_value(*p, value, s);
            if (!problem.empty()) {
                ds.error(where, fmt::format("{} = {}", path_text, problem));
                continue;
            }
        }
        set_param(s.base, *p, value, s);
        std::erase_if(s.uncertainty, [&](const Uncertain& u) { return u.path == *p; });
    }
    if (!s.outcome.decision_given) {
        bool any_veto = false;
        for (const auto& a : s.base.actors) any_veto = any_veto || a.veto;
        s.outcome.decision = any_veto ? Decision::veto_players : Decision::unanimity;
    }
    if (!ds.has_errors()) {
        Diagnostics consistency;
        check_consistency(s, consistency);
        for (const auto& d : consistency.items())
            ds.error(Location{"--set " + fmt::format("{}", fmt::join(assignments, " --set ")), 0, 0},
                     fmt::format("after the overrides, {}", d.message));
    }
    if (ds.has_errors()) throw InputError(ds);
}

}  // namespace accord
