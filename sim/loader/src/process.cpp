// The checks of the negotiation process (docs/models.md section 16) that need several sections:
// ratifiers, the rules tying the process keys together, and the process paths drawn, swept or set.
#include <algorithm>

#include <fmt/format.h>

#include "actor_index.hpp"
#include "builder.hpp"

namespace accord::detail {

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
void ScenarioBuilder::resolve_ratifiers() {
    if (ratifier_refs_.empty()) return;
    const ActorIndex& index = actor_index();
    for (const RatifierRef& ref : ratifier_refs_) {
        if (ref.actor >= s_.actor_count()) continue;  // the actor itself was refused
        Actor& actor = s_.actors[static_cast<std::size_t>(ref.actor)];
        const int j = index.find(ref.id);
        if (j < 0) {
            const std::string best = closest_actor_id(s_, ref.id);
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
    // A cycle would make each actor's acceptance wait on its own: depth-first search for one, with an
    // explicit stack (a chain may be as deep as there are actors: a recursion would overflow the stack).
    const int n = s_.actor_count();
    std::vector<int> state(static_cast<std::size_t>(n), 0);  // 0 unseen, 1 on the path, 2 done
    std::vector<int> path;                                   // the actors on the path, root first
    std::vector<std::size_t> next;                           // for each of them, its next ratifier to visit
    auto report_cycle = [&](int i, int j) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), j); it != path.end(); ++it)
            cycle += s_.actors[static_cast<std::size_t>(*it)].id + " -> ";
        cycle += s_.actors[static_cast<std::size_t>(j)].id;
        r_.error(s_.actors[static_cast<std::size_t>(i)].where,
                 fmt::format("ratifiers form a cycle: {} (an actor cannot need its own acceptance)", cycle));
    };
    for (int root = 0; root < n; ++root) {
        if (state[static_cast<std::size_t>(root)] != 0) continue;
        state[static_cast<std::size_t>(root)] = 1;
        path.assign(1, root);
        next.assign(1, 0);
        while (!path.empty()) {
            const int i = path.back();
            const std::vector<int>& ratifiers = s_.actors[static_cast<std::size_t>(i)].ratifiers;
            if (next.back() == ratifiers.size()) {
                path.pop_back();
                next.pop_back();
                state[static_cast<std::size_t>(i)] = 2;
                continue;
            }
            const int j = ratifiers[next.back()++];
            if (state[static_cast<std::size_t>(j)] == 1) {
                report_cycle(i, j);
                return;
            }
            if (state[static_cast<std::size_t>(j)] == 0) {
                state[static_cast<std::size_t>(j)] = 1;
                path.push_back(j);
                next.push_back(0);
            }
        }
    }
}

// The rules that tie the process keys together (docs/models.md section 16.1), each with its own message.
void ScenarioBuilder::check_process(const YAML::Node& root) {
    const Location top{r_.file(), 1, 1};
    auto where = [&](const char* key) {
        auto it = outcome_keys_.find(key);
        return it != outcome_keys_.end() ? it->second : (root["outcome"] ? r_.at(root["outcome"]) : top);
    };
    const OutcomeSpec& o = s_.outcome;
    const bool setter = o.rule == TermsRule::setter;
    const bool logistic = o.acceptance == Acceptance::logistic;
    if (o.decide == DecideRule::at_meetings &&
        std::none_of(s_.events.begin(), s_.events.end(), [](const Event& e) { return e.meeting; }) && !meeting_refused_)
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
    // And those an event sets: a value that cannot apply was taken and did nothing.
    for (const Event& e : s_.events)
        for (const Assignment& a : e.set)
            if (const std::string problem = process_path_problem(s_, a.path); !problem.empty())
                r_.error(a.where, fmt::format("event{}: '{}': {}", e.name.empty() ? "" : fmt::format(" '{}'", e.name),
                                              param_path_name(a.path, s_), problem));
    for (const Event& e : s_.events)
        if (e.meeting && o.decide != DecideRule::at_meetings)
            r_.warning(e.where, fmt::format("event{} is a meeting, but outcome.decide is every-round, so the parties "
                                            "decide at every round anyway",
                                            e.name.empty() ? "" : fmt::format(" '{}'", e.name)));
}

}  // namespace accord::detail
