// The builder's frame: the top level of a scenario file, in the order its sections depend on one
// another, and the small readers several sections share.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "builder.hpp"

namespace accord::detail {

Scenario ScenarioBuilder::load(const YAML::Node& root) {
    s_.file = r_.file();
    const Location top{r_.file(), 1, 1};
    if (root.IsNull() || !root.IsDefined()) {
        r_.error(top, "the file is empty: a scenario needs at least 'accord', 'issues' and 'actors'");
        return s_;
    }
    if (!r_.check_map(root, "scenario",
                      {"accord", "name", "description", "sources", "issues", "actors", "influence", "model", "outcome",
                       "calendar", "events", "uncertainty", "monte_carlo", "sweep", "observed", "counterfactual_of"}))
        return s_;

    if (!root["accord"]) {
        r_.error(top, "missing required key 'accord' (the format version: accord: 1)");
    } else if (auto v = r_.integer(root["accord"], "accord (the format version)", 0, max_ll)) {
        if (*v != 1)
            r_.error(r_.at(root["accord"]),
                     fmt::format("unsupported format version {}: this accord reads version 1", *v));
    }
    if (root["name"]) set_if_read(s_.name, r_.text(root["name"], "name"));
    if (root["description"]) set_if_read(s_.description, r_.text(root["description"], "description"));
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
    // The actors and edges are read: the paths of every section after are resolved through the
    // Scenario's index, the builder's own moved into it (a copy was 40 MB of fresh pages at a million actors).
    actor_index();
    if (edge_index_.built() && edge_index_.size() == s_.base.edges.size())
        s_.index(std::move(actor_ids_), std::move(edge_index_));
    else
        s_.index(std::move(actor_ids_));
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
    if (root["counterfactual_of"]) load_counterfactual_of(root);
    resolve_ratifiers();
    check_process(root);
    for (auto it = root.begin(); it != root.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == "calendar") check_calendar_end(r_.at(it->first));

    if (s_.sweep && !s_.uncertainty.empty()) {
        for (const auto& p : s_.sweep->parameters)
            for (const auto& u : s_.uncertainty)
                if (p.path == u.path)
                    r_.error(p.where, fmt::format("parameter '{}' is both swept and drawn in 'uncertainty' (line {}): "
                                                  "choose one",
                                                  p.name, u.where.line));
    }
    warn_events_over_varied_values();
    warn_rounds_before_meetings();
    if (!r_.diagnostics().has_errors()) check_consistency(s_, r_.diagnostics());
    return std::move(s_);  // not a copy: the inputs may hold hundreds of megabytes of tables
}

void ScenarioBuilder::warn_events_over_varied_values() {
    // Values apply in the order file, draw or design point, event: an event that sets a drawn or swept
    // path replaces the varied value from its round on, for every run, which a study of that path does
    // not expect (the values before the event still differ).
    for (const Event& e : s_.events) {
        const std::string event = e.name.empty() ? "an event" : fmt::format("event '{}'", e.name);
        for (const Assignment& a : e.set) {
            for (const auto& u : s_.uncertainty)
                if (u.path == a.path)
                    r_.warning(a.where, fmt::format("{} sets '{}' at round {}, which 'uncertainty' draws (line {}): "
                                                    "every run holds the event's value from then on, whatever its draw",
                                                    event, u.name, e.round, u.where.line));
            if (s_.sweep)
                for (const auto& p : s_.sweep->parameters)
                    if (p.path == a.path)
                        r_.warning(a.where, fmt::format("{} sets '{}' at round {}, which the sweep varies (line {}): "
                                                        "every design point holds the event's value from then on",
                                                        event, p.name, e.round, p.where.line));
        }
    }
}

void ScenarioBuilder::warn_rounds_before_meetings() {
    // `--set model.rounds` before the last meeting is refused (check_consistency); a sweep may vary the
    // deadline on purpose, but points whose runs end before the first meeting cannot agree at all.
    if (s_.outcome.decide != DecideRule::at_meetings || !s_.sweep) return;
    const auto first = std::find_if(s_.events.begin(), s_.events.end(), [](const Event& e) { return e.meeting; });
    if (first == s_.events.end()) return;
    for (const auto& p : s_.sweep->parameters) {
        if (p.path.kind != ParamKind::rounds) continue;
        double least = p.lo.value_or(std::numeric_limits<double>::infinity());
        for (double v : p.values) least = std::min(least, v);
        if (least < first->round)
            r_.warning(p.where, fmt::format("the sweep gives model.rounds values below {}, the round of the first "
                                            "meeting ({}, line {}): the runs of those points end before any "
                                            "decision, so they cannot agree",
                                            first->round,
                                            first->name.empty() ? "an event" : fmt::format("event '{}'", first->name),
                                            first->where.line));
    }
}

int issue_key(YamlReader& r, const Scenario& s, const YAML::Node& key, const std::string& what) {
    const std::string id = key.IsScalar() ? key.Scalar() : "";
    const int k = s.find_issue(id);
    if (k < 0) {
        const std::string best = closest_match(id, s.issue_ids());
        r.error(r.at(key), fmt::format("{} on unknown issue '{}'{}", what, id,
                                       best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best)));
    }
    return k;
}

bool ScenarioBuilder::add_actor_id(const std::string& id, const Location& where) {
    if (const int earlier = actor_ids_.insert(id); earlier >= 0) {
        r_.error(where, fmt::format("duplicate actor id '{}' (first defined on line {})", id,
                                    actor_id_lines_[static_cast<std::size_t>(earlier)]));
        return false;
    }
    actor_id_lines_.push_back(where.line);
    return true;
}

const ActorIndex& ScenarioBuilder::actor_index() {
    if (s_.actor_index.built()) return s_.actor_index;  // the builder's own, moved into the Scenario by load()
    // Every id add_actor_id accepts becomes the next actor; should that ever change, index anew.
    if (actor_ids_.size() != s_.actors.size()) actor_ids_ = ActorIndex(s_.actors);
    return actor_ids_;
}

std::optional<std::string> ScenarioBuilder::unknown_actor_error(std::string_view what, const std::string& id,
                                                                std::string_view tail) {
    if (broken_row_ids_.count(id) > 0) return std::nullopt;  // the broken row's error says why it is missing
    if (actors_unread_) {
        if (unknown_actor_reported_) return std::nullopt;
        unknown_actor_reported_ = true;
        return fmt::format("{}: unknown actor '{}'{}", what, id, unread_actors_note);
    }
    // An id missing from the actor table recurs in each of its edges: one search among the actors.
    auto [hint, added] = actor_suggestions_.try_emplace(id);
    if (added) hint->second = closest_actor_id(s_, id);
    const std::string& best = hint->second;
    return fmt::format("{}: unknown actor '{}'{}{}", what, id,
                       best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best), tail);
}

std::optional<ParamPath> ScenarioBuilder::path(const YAML::Node& key, const std::string& what) {
    auto text = r_.text(key, what);
    if (!text) return std::nullopt;
    PathRefusal why;
    auto p = parse_param_path(*text, s_, why);
    if (p) return p;
    if (why.unknown_actor.empty()) {
        r_.error(r_.at(key), fmt::format("{}: {}", what, why.message));
    } else if (auto message = unknown_actor_error(what, why.unknown_actor)) {
        r_.error(r_.at(key), std::move(*message));
    }
    return p;
}

}  // namespace accord::detail
