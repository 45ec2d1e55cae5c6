#include "accord/params.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/scenario.hpp"
#include "accord/suggestions.hpp"
#include "accord/text.hpp"

namespace accord {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double max_rounds = 10000000;  // LoadLimits::max_rounds: a round count must fit an int

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(sep, start);
        parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

std::string hint(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string best = closest_match(word, candidates);
    return best.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", best);
}

int resolve_actor(const std::string& id, const Scenario& s, PathRefusal& why) {
    const int a = s.find_actor(id);
    if (a >= 0) return a;
    const std::string best = closest_actor_id(s, id);
    why.message =
        fmt::format("unknown actor '{}'{}", id, best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best));
    why.unknown_actor = id;
    return a;
}

int resolve_issue(const std::string& id, const Scenario& s, PathRefusal& why) {
    const int k = s.find_issue(id);
    if (k < 0) why.message = fmt::format("unknown issue '{}'{}", id, hint(id, s.issue_ids()));
    return k;
}

// Where a path points: an actor's field, an actor's field on one issue, an influence edge, a
// global of the model or the outcome, or an issue.
enum class Shape { actor, actor_issue, influence, global, issue };

// One parameter kind: its name in paths, its valid values, and how it is read and written in its
// own units. A new parameter is one row of `kinds` (and an enumerator of ParamKind, in the same
// order).
struct KindRow {
    ParamKind kind;
    Shape shape;
    const char* name;  // the field of an actor or issue path; the whole path of a global
    ParamRange range;  // ignored when `issue_scale`
    bool issue_scale;  // valid values: the issue's scale (positions, status quo)
    bool process;      // added with the negotiation process (docs/models.md section 16): named after the
                       // original paths in the message of an unknown path
    double (*get)(const Params&, const ParamPath&, const Scenario&);
    void (*set)(Params&, const ParamPath&, double, const Scenario&);
};

ActorParams& actor_of(Params& params, const ParamPath& p) {
    return params.actors[static_cast<std::size_t>(p.actor)];
}
const ActorParams& actor_of(const Params& params, const ParamPath& p) {
    return params.actors[static_cast<std::size_t>(p.actor)];
}
const Issue& issue_of(const Scenario& s, const ParamPath& p) {
    return s.issues[static_cast<std::size_t>(p.issue)];
}
std::size_t issue_index(const ParamPath& p) {
    return static_cast<std::size_t>(p.issue);
}

// The index in q.edges of the edge of an influence path, -1 when q has none. q's edges begin as the
// scenario's (a run plan's start is a copy of its base, to which a path only adds edges): the
// scenario's index finds the edge at once, checked; an edge the file does not have is searched for.
long edge_of(const Params& q, const ParamPath& p, const Scenario& s) {
    const long e = s.find_edge(p.from, p.actor);
    if (e >= 0 && static_cast<std::size_t>(e) < q.edges.size()) {
        const Edge& edge = q.edges[static_cast<std::size_t>(e)];
        if (edge.from == p.from && edge.to == p.actor) return e;
    }
    for (std::size_t i = 0; i < q.edges.size(); ++i)
        if (q.edges[i].from == p.from && q.edges[i].to == p.actor) return static_cast<long>(i);
    return -1;
}

constexpr ParamRange non_negative{0, infinity};
constexpr ParamRange unit{0, 1};
constexpr ParamRange positive{0, infinity, true};

// clang-format off
constexpr KindRow kinds[] = {
    {ParamKind::capability, Shape::actor, "capability", non_negative, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).capability; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) { actor_of(q, p).capability = v; }},
    {ParamKind::stubbornness, Shape::actor, "stubbornness", unit, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).stubbornness; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) { actor_of(q, p).stubbornness = v; }},
    {ParamKind::self_weight, Shape::actor, "self_weight", non_negative, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).self_weight; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) { actor_of(q, p).self_weight = v; }},
    {ParamKind::reservation, Shape::actor, "reservation", unit, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).reservation; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) {
         actor_of(q, p).reservation = v;
         actor_of(q, p).reservation_status_quo = false;  // a number replaces `status-quo`
     }},
    {ParamKind::veto, Shape::actor, "veto", {0, 1, false, false, true}, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).veto ? 1.0 : 0.0; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) { actor_of(q, p).veto = v != 0; }},
    {ParamKind::position, Shape::actor_issue, "positions", {}, true, false,
     [](const Params& q, const ParamPath& p, const Scenario& s) {
         return issue_of(s, p).to_units(actor_of(q, p).position[issue_index(p)]);
     },
     [](Params& q, const ParamPath& p, double v, const Scenario& s) {
         actor_of(q, p).position[issue_index(p)] = issue_of(s, p).normalise(v);
     }},
    {ParamKind::salience, Shape::actor_issue, "salience", unit, false, false,
     [](const Params& q, const ParamPath& p, const Scenario&) { return actor_of(q, p).salience[issue_index(p)]; },
     [](Params& q, const ParamPath& p, double v, const Scenario&) { actor_of(q, p).salience[issue_index(p)] = v; }},
    {ParamKind::influence_weight, Shape::influence, "weight", non_negative, false, false,
     [](const Params& q, const ParamPath& p, const Scenario& s) {
         const long e = edge_of(q, p, s);
         return e >= 0 ? q.edges[static_cast<std::size_t>(e)].weight : 0.0;
     },
     [](Params& q, const ParamPath& p, double v, const Scenario& s) {
         const long e = edge_of(q, p, s);
         if (e >= 0)
             q.edges[static_cast<std::size_t>(e)].weight = v;
         else
             q.edges.push_back({p.from, p.actor, v});  // writing an edge that does not exist creates it
     }},
    {ParamKind::confidence, Shape::global, "model.confidence", unit, false, false,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.confidence; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.confidence = v; }},
    {ParamKind::tolerance, Shape::global, "model.tolerance", positive, false, false,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.tolerance; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.tolerance = v; }},
    {ParamKind::rounds, Shape::global, "model.rounds", {0, max_rounds, false, true}, false, false,
     [](const Params& q, const ParamPath&, const Scenario&) { return static_cast<double>(q.rounds); },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.rounds = static_cast<int>(v); }},
    {ParamKind::threshold, Shape::global, "outcome.threshold", unit, false, false,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.threshold; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.threshold = v; }},
    {ParamKind::step, Shape::global, "model.step", {0, 1, true}, false, true,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.step; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.step = v; }},
    {ParamKind::temperature, Shape::global, "outcome.temperature", positive, false, true,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.temperature; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.temperature = v; }},
    {ParamKind::margin, Shape::global, "outcome.margin", {-1, 1}, false, true,
     [](const Params& q, const ParamPath&, const Scenario&) { return q.margin; },
     [](Params& q, const ParamPath&, double v, const Scenario&) { q.margin = v; }},
    {ParamKind::status_quo, Shape::issue, "status_quo", {}, true, true,
     [](const Params& q, const ParamPath& p, const Scenario& s) {
         return issue_of(s, p).to_units(q.status_quo[issue_index(p)]);
     },
     [](Params& q, const ParamPath& p, double v, const Scenario& s) {
         q.status_quo[issue_index(p)] = issue_of(s, p).normalise(v);
     }},
};
// clang-format on

const KindRow& row_of(ParamKind kind) {
    return kinds[static_cast<std::size_t>(kind)];
}

// The rows are in the order of ParamKind, so that row_of() can index.
constexpr bool kinds_in_order() {
    for (std::size_t i = 0; i < std::size(kinds); ++i)
        if (static_cast<std::size_t>(kinds[i].kind) != i) return false;
    return true;
}
static_assert(kinds_in_order(), "one row per ParamKind, in the enumerators' order");

// How an unknown path's message names the paths of a shape.
std::string path_pattern(const KindRow& row) {
    switch (row.shape) {
        case Shape::actor:
        case Shape::actor_issue:
            return "actors.<id>.<field>";
        case Shape::influence:
            return "influence.<from>-><to>.weight";
        case Shape::global:
            return row.name;
        case Shape::issue:
            return fmt::format("issues.<id>.{}", row.name);
    }
    return {};
}

// "a, b and c".
std::string and_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return out;
}

// The message of a path that names no parameter: the closest path, then every form of path.
std::string unknown_path(const std::string& text) {
    std::vector<std::string> names, original, process;
    for (const KindRow& row : kinds)
        if (row.shape == Shape::global) names.push_back(row.name);
    for (const KindRow& row : kinds) {
        const std::string pattern = path_pattern(row);
        if (row.shape != Shape::global && std::find(names.begin(), names.end(), pattern) == names.end())
            names.push_back(pattern);
        auto& list = row.process ? process : original;
        if (std::find(list.begin(), list.end(), pattern) == list.end()) list.push_back(pattern);
    }
    return fmt::format("unknown parameter path '{}'{}; paths are {}{}", text, hint(text, names), and_list(original),
                       process.empty() ? "" : fmt::format(" (and {})", fmt::join(process, ", ")));
}

// actors.<id>.<field>[.<issue>]
std::optional<ParamPath> parse_actor_path(const std::string& text, const std::vector<std::string>& parts,
                                          const Scenario& s, PathRefusal& why) {
    ParamPath p;
    if (parts.size() < 3) {
        why.message = fmt::format("parameter path '{}' is incomplete: expected actors.<id>.<field>", text);
        return std::nullopt;
    }
    p.actor = resolve_actor(parts[1], s, why);
    if (p.actor < 0) return std::nullopt;
    const std::string& field = parts[2];
    std::vector<std::string> fields;
    bool per_actor_only = false;  // the field exists, per actor, and the path goes on past it
    for (const KindRow& row : kinds) {
        if (row.shape != Shape::actor && row.shape != Shape::actor_issue) continue;
        fields.push_back(row.name);
        if (field != row.name) continue;
        if (row.shape == Shape::actor) {
            per_actor_only = per_actor_only || parts.size() != 3;
            if (parts.size() != 3) continue;
            p.kind = row.kind;
            return p;
        }
        if (parts.size() != 4) {
            why.message =
                fmt::format("parameter path '{}' must name an issue: actors.{}.{}.<issue>", text, parts[1], field);
            return std::nullopt;
        }
        p.kind = row.kind;
        p.issue = resolve_issue(parts[3], s, why);
        if (p.issue < 0) return std::nullopt;
        return p;
    }
    if (per_actor_only)
        why.message = fmt::format(
            "parameter path '{}' goes on past '{}', which is one value per actor, not per issue: "
            "the path is actors.{}.{}",
            text, field, parts[1], field);
    else
        why.message = fmt::format("unknown actor parameter '{}' in '{}'{}", field, text, hint(field, fields));
    return std::nullopt;
}

// issues.<id>.status_quo
std::optional<ParamPath> parse_issue_path(const std::string& text, const std::vector<std::string>& parts,
                                          const Scenario& s, PathRefusal& why) {
    if (parts.size() != 3 || parts[2] != row_of(ParamKind::status_quo).name) {
        why.message = fmt::format("parameter path '{}' is not of the form issues.<id>.status_quo", text);
        return std::nullopt;
    }
    ParamPath p;
    p.kind = ParamKind::status_quo;
    p.issue = resolve_issue(parts[1], s, why);
    if (p.issue < 0) return std::nullopt;
    if (!s.issues[static_cast<std::size_t>(p.issue)].has_status_quo) {
        why.message = fmt::format(
            "'{}': issue '{}' has no status_quo in the file (the status quo decides which result "
            "columns exist, so it must be given in the file to be changed)",
            text, parts[1]);
        return std::nullopt;
    }
    return p;
}

// influence.<from>-><to>.weight
std::optional<ParamPath> parse_influence_path(const std::string& text, const std::vector<std::string>& parts,
                                              const Scenario& s, PathRefusal& why) {
    const std::size_t arrow = parts.size() == 3 ? parts[1].find("->") : std::string::npos;
    if (parts.size() != 3 || arrow == std::string::npos || parts[2] != "weight") {
        why.message = fmt::format("parameter path '{}' is not of the form influence.<from>-><to>.weight", text);
        return std::nullopt;
    }
    ParamPath p;
    p.kind = ParamKind::influence_weight;
    p.from = resolve_actor(parts[1].substr(0, arrow), s, why);
    if (p.from < 0) return std::nullopt;
    p.actor = resolve_actor(parts[1].substr(arrow + 2), s, why);
    if (p.actor < 0) return std::nullopt;
    if (p.from == p.actor) {
        why.message = fmt::format("'{}' is an edge from an actor to itself: use actors.{}.self_weight", text,
                                  parts[1].substr(0, arrow));
        return std::nullopt;
    }
    return p;
}

}  // namespace

std::optional<ParamPath> parse_param_path(const std::string& text, const Scenario& s, PathRefusal& why) {
    const auto parts = split(text, '.');
    if (parts[0] == "actors") return parse_actor_path(text, parts, s, why);
    if (parts[0] == "issues") return parse_issue_path(text, parts, s, why);
    if (parts[0] == "influence") return parse_influence_path(text, parts, s, why);
    for (const KindRow& row : kinds)
        if (row.shape == Shape::global && text == row.name) {
            ParamPath p;
            p.kind = row.kind;
            return p;
        }
    why.message = unknown_path(text);
    return std::nullopt;
}

std::optional<ParamPath> parse_param_path(const std::string& text, const Scenario& s, std::string& why) {
    PathRefusal refusal;
    auto p = parse_param_path(text, s, refusal);
    if (!p) why = std::move(refusal.message);
    return p;
}

std::string param_path_name(const ParamPath& p, const Scenario& s) {
    const KindRow& row = row_of(p.kind);
    auto actor = [&](int a) { return s.actors[static_cast<std::size_t>(a)].id; };
    switch (row.shape) {
        case Shape::actor:
            return fmt::format("actors.{}.{}", actor(p.actor), row.name);
        case Shape::actor_issue:
            return fmt::format("actors.{}.{}.{}", actor(p.actor), row.name, issue_of(s, p).id);
        case Shape::influence:
            return fmt::format("influence.{}->{}.{}", actor(p.from), actor(p.actor), row.name);
        case Shape::global:
            return row.name;
        case Shape::issue:
            return fmt::format("issues.{}.{}", issue_of(s, p).id, row.name);
    }
    return {};
}

ParamRange param_range(const ParamPath& p, const Scenario& s) {
    const KindRow& row = row_of(p.kind);
    if (row.issue_scale) return {issue_of(s, p).lo, issue_of(s, p).hi};
    return row.range;
}

std::string check_param_value(const ParamPath& p, double value, const Scenario& s) {
    const ParamRange r = param_range(p, s);
    if (!std::isfinite(value)) return "is not a finite number";
    if (r.boolean) return value == 0 || value == 1 ? "" : "must be true or false";
    if (r.integer && value != std::floor(value)) return fmt::format("{} is not an integer", format_number(value));
    if (r.lo_open && value <= r.lo) return fmt::format("{} must be > {}", format_number(value), format_number(r.lo));
    if (value < r.lo || value > r.hi) {
        if (std::isinf(r.hi)) return fmt::format("{} must be >= {}", format_number(value), format_number(r.lo));
        return fmt::format("{} is outside {}{}, {}]", format_number(value), r.lo_open ? "(" : "[", format_number(r.lo),
                           format_number(r.hi));
    }
    return {};
}

double clamp_param_value(const ParamPath& p, double value, const Scenario& s) {
    const ParamRange r = param_range(p, s);
    if (r.boolean) return value >= 0.5 ? 1.0 : 0.0;
    if (r.integer) value = std::nearbyint(value);
    value = std::clamp(value, r.lo, r.hi);
    if (r.lo_open && value <= r.lo) value = std::numeric_limits<double>::min();
    return value;
}

double get_param(const Params& params, const ParamPath& p, const Scenario& s) {
    return row_of(p.kind).get(params, p, s);
}

void set_param(Params& params, const ParamPath& p, double value, const Scenario& s) {
    row_of(p.kind).set(params, p, value, s);
}

}  // namespace accord

namespace accord {

void apply_override(Params& params, const Override& o, const Scenario& s) {
    if (o.reservation_status_quo)
        params.actors[static_cast<std::size_t>(o.path.actor)].reservation_status_quo = true;
    else
        set_param(params, o.path, o.value, s);
}

void apply_overrides(Params& params, std::vector<Uncertain>& draws, const std::vector<Override>& overrides,
                     const Scenario& s) {
    for (const Override& o : overrides) {
        apply_override(params, o, s);
        std::erase_if(draws, [&](const Uncertain& u) { return u.path == o.path; });
    }
}

}  // namespace accord
