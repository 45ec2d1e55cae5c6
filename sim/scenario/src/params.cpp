#include "accord/params.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "accord/scenario.hpp"
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

int resolve_actor(const std::string& id, const Scenario& s, std::string& why) {
    const int a = s.find_actor(id);
    if (a < 0) why = fmt::format("unknown actor '{}'{}", id, hint(id, s.actor_ids()));
    return a;
}

int resolve_issue(const std::string& id, const Scenario& s, std::string& why) {
    const int k = s.find_issue(id);
    if (k < 0) why = fmt::format("unknown issue '{}'{}", id, hint(id, s.issue_ids()));
    return k;
}

const std::vector<std::string> actor_fields = {"capability", "stubbornness", "self_weight", "reservation",
                                               "veto",       "positions",    "salience"};

}  // namespace

std::optional<ParamPath> parse_param_path(const std::string& text, const Scenario& s, std::string& why) {
    const auto parts = split(text, '.');
    ParamPath p;
    if (parts[0] == "actors") {
        if (parts.size() < 3) {
            why = fmt::format("parameter path '{}' is incomplete: expected actors.<id>.<field>", text);
            return std::nullopt;
        }
        p.actor = resolve_actor(parts[1], s, why);
        if (p.actor < 0) return std::nullopt;
        const std::string& field = parts[2];
        static const std::vector<std::pair<std::string, ParamKind>> scalars = {
            {"capability", ParamKind::capability},
            {"stubbornness", ParamKind::stubbornness},
            {"self_weight", ParamKind::self_weight},
            {"reservation", ParamKind::reservation},
            {"veto", ParamKind::veto}};
        for (const auto& [name, kind] : scalars) {
            if (field == name) {
                if (parts.size() != 3) break;
                p.kind = kind;
                return p;
            }
        }
        if (field == "positions" || field == "salience") {
            if (parts.size() != 4) {
                why =
                    fmt::format("parameter path '{}' must name an issue: actors.{}.{}.<issue>", text, parts[1], field);
                return std::nullopt;
            }
            p.kind = field == "positions" ? ParamKind::position : ParamKind::salience;
            p.issue = resolve_issue(parts[3], s, why);
            if (p.issue < 0) return std::nullopt;
            return p;
        }
        why = fmt::format("unknown actor parameter '{}' in '{}'{}", field, text, hint(field, actor_fields));
        return std::nullopt;
    }
    if (parts[0] == "issues") {
        if (parts.size() != 3 || parts[2] != "status_quo") {
            why = fmt::format("parameter path '{}' is not of the form issues.<id>.status_quo", text);
            return std::nullopt;
        }
        p.kind = ParamKind::status_quo;
        p.issue = resolve_issue(parts[1], s, why);
        if (p.issue < 0) return std::nullopt;
        if (!s.issues[static_cast<std::size_t>(p.issue)].has_status_quo) {
            why = fmt::format("'{}': issue '{}' has no status_quo in the file (the status quo decides which result "
                              "columns exist, so it must be given in the file to be changed)",
                              text, parts[1]);
            return std::nullopt;
        }
        return p;
    }
    if (parts[0] == "influence") {
        const std::size_t arrow = parts.size() == 3 ? parts[1].find("->") : std::string::npos;
        if (parts.size() != 3 || arrow == std::string::npos || parts[2] != "weight") {
            why = fmt::format("parameter path '{}' is not of the form influence.<from>-><to>.weight", text);
            return std::nullopt;
        }
        p.kind = ParamKind::influence_weight;
        p.from = resolve_actor(parts[1].substr(0, arrow), s, why);
        if (p.from < 0) return std::nullopt;
        p.actor = resolve_actor(parts[1].substr(arrow + 2), s, why);
        if (p.actor < 0) return std::nullopt;
        if (p.from == p.actor) {
            why = fmt::format("'{}' is an edge from an actor to itself: use actors.{}.self_weight", text,
                              parts[1].substr(0, arrow));
            return std::nullopt;
        }
        return p;
    }
    static const std::vector<std::pair<std::string, ParamKind>> globals = {{"model.confidence", ParamKind::confidence},
                                                                           {"model.tolerance", ParamKind::tolerance},
                                                                           {"model.rounds", ParamKind::rounds},
                                                                           {"outcome.threshold", ParamKind::threshold},
                                                                           {"model.step", ParamKind::step},
                                                                           {"outcome.temperature", ParamKind::temperature},
                                                                           {"outcome.margin", ParamKind::margin}};
    std::vector<std::string> names;
    for (const auto& [name, kind] : globals) {
        if (text == name) {
            p.kind = kind;
            return p;
        }
        names.push_back(name);
    }
    names.insert(names.end(), {"actors.<id>.<field>", "influence.<from>-><to>.weight", "issues.<id>.status_quo"});
    why = fmt::format(
        "unknown parameter path '{}'{}; paths are actors.<id>.<field>, "
        "influence.<from>-><to>.weight, model.confidence, model.tolerance, model.rounds "
        "and outcome.threshold (and model.step, outcome.temperature, outcome.margin, issues.<id>.status_quo)",
        text, hint(text, names));
    return std::nullopt;
}

std::string param_path_name(const ParamPath& p, const Scenario& s) {
    auto actor = [&](int a) { return s.actors[static_cast<std::size_t>(a)].id; };
    switch (p.kind) {
        case ParamKind::capability:
            return fmt::format("actors.{}.capability", actor(p.actor));
        case ParamKind::stubbornness:
            return fmt::format("actors.{}.stubbornness", actor(p.actor));
        case ParamKind::self_weight:
            return fmt::format("actors.{}.self_weight", actor(p.actor));
        case ParamKind::reservation:
            return fmt::format("actors.{}.reservation", actor(p.actor));
        case ParamKind::veto:
            return fmt::format("actors.{}.veto", actor(p.actor));
        case ParamKind::position:
            return fmt::format("actors.{}.positions.{}", actor(p.actor),
                               s.issues[static_cast<std::size_t>(p.issue)].id);
        case ParamKind::salience:
            return fmt::format("actors.{}.salience.{}", actor(p.actor), s.issues[static_cast<std::size_t>(p.issue)].id);
        case ParamKind::influence_weight:
            return fmt::format("influence.{}->{}.weight", actor(p.from), actor(p.actor));
        case ParamKind::confidence:
            return "model.confidence";
        case ParamKind::tolerance:
            return "model.tolerance";
        case ParamKind::rounds:
            return "model.rounds";
        case ParamKind::threshold:
            return "outcome.threshold";
        case ParamKind::step:
            return "model.step";
        case ParamKind::temperature:
            return "outcome.temperature";
        case ParamKind::margin:
            return "outcome.margin";
        case ParamKind::status_quo:
            return fmt::format("issues.{}.status_quo", s.issues[static_cast<std::size_t>(p.issue)].id);
    }
    return {};
}

ParamRange param_range(const ParamPath& p, const Scenario& s) {
    switch (p.kind) {
        case ParamKind::capability:
        case ParamKind::self_weight:
        case ParamKind::influence_weight:
            return {0, infinity};
        case ParamKind::stubbornness:
        case ParamKind::reservation:
        case ParamKind::salience:
        case ParamKind::confidence:
        case ParamKind::threshold:
            return {0, 1};
        case ParamKind::veto:
            return {0, 1, false, false, true};
        case ParamKind::position:
        case ParamKind::status_quo: {
            const Issue& issue = s.issues[static_cast<std::size_t>(p.issue)];
            return {issue.lo, issue.hi};
        }
        case ParamKind::tolerance:
        case ParamKind::temperature:
            return {0, infinity, true};
        case ParamKind::step:
            return {0, 1, true};
        case ParamKind::margin:
            return {-1, 1};
        case ParamKind::rounds:
            return {0, max_rounds, false, true};
    }
    return {};
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
    const auto actor = [&]() -> const ActorParams& { return params.actors[static_cast<std::size_t>(p.actor)]; };
    switch (p.kind) {
        case ParamKind::capability:
            return actor().capability;
        case ParamKind::stubbornness:
            return actor().stubbornness;
        case ParamKind::self_weight:
            return actor().self_weight;
        case ParamKind::reservation:
            return actor().reservation;
        case ParamKind::veto:
            return actor().veto ? 1 : 0;
        case ParamKind::position:
            return s.issues[static_cast<std::size_t>(p.issue)].to_units(
                actor().position[static_cast<std::size_t>(p.issue)]);
        case ParamKind::salience:
            return actor().salience[static_cast<std::size_t>(p.issue)];
        case ParamKind::influence_weight:
            for (const Edge& e : params.edges)
                if (e.from == p.from && e.to == p.actor) return e.weight;
            return 0;
        case ParamKind::confidence:
            return params.confidence;
        case ParamKind::tolerance:
            return params.tolerance;
        case ParamKind::rounds:
            return params.rounds;
        case ParamKind::threshold:
            return params.threshold;
        case ParamKind::step:
            return params.step;
        case ParamKind::temperature:
            return params.temperature;
        case ParamKind::margin:
            return params.margin;
        case ParamKind::status_quo:
            return s.issues[static_cast<std::size_t>(p.issue)].to_units(
                params.status_quo[static_cast<std::size_t>(p.issue)]);
    }
    return 0;
}

void set_param(Params& params, const ParamPath& p, double value, const Scenario& s) {
    const auto actor = [&]() -> ActorParams& { return params.actors[static_cast<std::size_t>(p.actor)]; };
    switch (p.kind) {
        case ParamKind::capability:
            actor().capability = value;
            return;
        case ParamKind::stubbornness:
            actor().stubbornness = value;
            return;
        case ParamKind::self_weight:
            actor().self_weight = value;
            return;
        case ParamKind::reservation:
            actor().reservation = value;
            actor().reservation_status_quo = false;  // a number replaces `status-quo`
            return;
        case ParamKind::veto:
            actor().veto = value != 0;
            return;
        case ParamKind::position:
            actor().position[static_cast<std::size_t>(p.issue)] =
                s.issues[static_cast<std::size_t>(p.issue)].normalise(value);
            return;
        case ParamKind::salience:
            actor().salience[static_cast<std::size_t>(p.issue)] = value;
            return;
        case ParamKind::influence_weight: {
            for (Edge& e : params.edges) {
                if (e.from == p.from && e.to == p.actor) {
                    e.weight = value;
                    return;
                }
            }
            params.edges.push_back({p.from, p.actor, value});
            return;
        }
        case ParamKind::confidence:
            params.confidence = value;
            return;
        case ParamKind::tolerance:
            params.tolerance = value;
            return;
        case ParamKind::rounds:
            params.rounds = static_cast<int>(value);
            return;
        case ParamKind::threshold:
            params.threshold = value;
            return;
        case ParamKind::step:
            params.step = value;
            return;
        case ParamKind::temperature:
            params.temperature = value;
            return;
        case ParamKind::margin:
            params.margin = value;
            return;
        case ParamKind::status_quo:
            params.status_quo[static_cast<std::size_t>(p.issue)] =
                s.issues[static_cast<std::size_t>(p.issue)].normalise(value);
            return;
    }
}

}  // namespace accord
