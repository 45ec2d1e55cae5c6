// The `actors:` section written as a YAML list (docs/interface.md section 2). The table form
// `actors: {csv: FILE}` is in actor_table.cpp; both read an actor's fields through ActorFields.
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "actor_fields.hpp"
#include "builder.hpp"

namespace accord::detail {

namespace {

// An actor's fields in its YAML mapping; problems are located at the values.
class YamlActorFields final : public ActorFields {
public:
    YamlActorFields(YamlReader& r, const Scenario& s, const YAML::Node& item, std::string what)
        : r_(r), s_(s), item_(item), what_(std::move(what)) {}

    const std::string& file() const override { return r_.file(); }

    std::optional<Number> number(const char* field, const std::string& what, bool required) override {
        const YAML::Node node = item_[field];
        if (!node) {
            if (required) r_.error(r_.at(item_), fmt::format("{}: missing required key '{}'", what_, field));
            return std::nullopt;
        }
        const auto v = r_.number(node, what);
        if (!v) return std::nullopt;
        const Location where = r_.at(node);
        return Number{*v, where.line, where.column};
    }

    std::optional<bool> boolean(const char* field, const std::string& what) override {
        const YAML::Node node = item_[field];
        if (!node) return std::nullopt;
        return r_.boolean(node, what);
    }

    Word status_quo(const char* field, const std::string& what, Location& where) override {
        const YAML::Node node = item_[field];
        if (!node || !node.IsScalar()) return Word::none;
        if (node.Scalar() == "status-quo" && node.Tag() != "!") {
            where = r_.at(node);
            return Word::status_quo;
        }
        double value = 0;
        if (!YAML::convert<double>::decode(node, value) &&
            closest_match(node.Scalar(), {"status-quo"}) == "status-quo") {
            r_.error(r_.at(node), fmt::format("{}: {} must be a number in [0, 1] or 'status-quo', found '{}' (did you "
                                              "mean 'status-quo'?)",
                                              what, field, node.Scalar()));
            return Word::misspelt;
        }
        return Word::none;
    }

    // `positions` (required, one per issue) and then `salience`, each a mapping from issue ids.
    void issue_values(const IssueValue& position, const IssueValue& salience) override {
        std::vector<bool> has_position(s_.issues.size(), false);
        const YAML::Node positions = item_["positions"];
        if (!positions) {
            r_.error(r_.at(item_),
                     fmt::format("{}: missing required key 'positions' (a position on every issue)", what_));
        } else if (r_.check_open_map(positions, what_ + ": positions")) {
            for_each_issue(positions, "position", position, &has_position);
            for (std::size_t k = 0; k < has_position.size(); ++k)
                if (!has_position[k])
                    r_.error(r_.at(positions), fmt::format("{}: no position on issue '{}' (every actor needs a "
                                                           "position on every issue)",
                                                           what_, s_.issues[k].id));
        }
        if (const YAML::Node saliences = item_["salience"];
            saliences && r_.check_open_map(saliences, what_ + ": salience"))
            for_each_issue(saliences, "salience", salience, nullptr);
    }

    std::string outside_scale(const std::string& what, const Issue& issue, double value) const override {
        return fmt::format("{}: position {} on issue '{}' is outside the scale [{}, {}]", what, format_number(value),
                           issue.id, format_number(issue.lo), format_number(issue.hi));
    }

private:
    // Calls `read` for each key that names an issue and holds a number; marks in `given` (when not
    // null) every issue named, even when its value is reported.
    void for_each_issue(const YAML::Node& map, const char* field, const IssueValue& read, std::vector<bool>* given) {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string issue_id = it->first.IsScalar() ? it->first.Scalar() : "";
            const int k = issue_key(r_, s_, it->first, fmt::format("{}: {}", what_, field));
            if (k < 0) continue;
            if (given) (*given)[static_cast<std::size_t>(k)] = true;
            if (auto v = r_.number(it->second, fmt::format("{}: {} on issue '{}'", what_, field, issue_id))) {
                const Location where = r_.at(it->second);
                read(static_cast<std::size_t>(k), Number{*v, where.line, where.column});
            }
        }
    }

    YamlReader& r_;
    const Scenario& s_;
    const YAML::Node item_;
    const std::string what_;
};

}  // namespace

void ScenarioBuilder::load_actors(const YAML::Node& node) {
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

void ScenarioBuilder::load_actor(const YAML::Node& item) {
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
    if (item["name"]) set_if_read(actor.name, r_.text(item["name"], what + ": name"));
    YamlActorFields fields(r_, s_, item, what);
    ActorParams p;
    actor_scalars(fields, what, p);
    if (const YAML::Node& ratifiers = item["ratifiers"]; ratifiers) {
        if (r_.check_sequence(ratifiers, what + ": ratifiers"))
            for (const auto& r : ratifiers)
                if (auto rid = r_.identifier(r, what + ": each ratifier"))
                    ratifier_refs_.push_back({static_cast<int>(s_.actors.size()), *rid, r_.at(r)});
    }
    actor_issue_values(fields, what, p);
    s_.actors.push_back(actor);
    s_.base.actors.push_back(p);
}

}  // namespace accord::detail
