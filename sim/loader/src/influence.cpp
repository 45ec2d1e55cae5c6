// The `influence:` section: directed, weighted edges between actors.
#include <map>
#include <utility>

#include <fmt/format.h>

#include "actor_index.hpp"
#include "builder.hpp"

namespace accord::detail {

void ScenarioBuilder::load_influence(const YAML::Node& node) {
    if (node.IsMap()) {
        load_influence_table(node);
        return;
    }
    if (!node.IsSequence()) {
        if (!r_.refuse_tag(node, "influence"))
            r_.error(r_.at(node), fmt::format("influence must be a list of edges or {{csv: FILE}}, found {}",
                                              YamlReader::describe(node)));
        return;
    }
    if (!r_.check_sequence(node, "influence")) return;
    if (static_cast<long>(node.size()) > limits_.max_edges) {
        r_.error(r_.at(node), fmt::format("influence: {} edges exceed the limit of {} (raise it with --limit edges=N)",
                                          node.size(), limits_.max_edges));
        return;
    }
    std::map<std::pair<int, int>, int> lines;
    const ActorIndex& index = actor_index();
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
            ends[e] = index.find(*id);
            if (ends[e] < 0) {
                if (auto message = unknown_actor_error("influence edge", *id))
                    r_.error(r_.at(item[keys[e]]), std::move(*message));
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

}  // namespace accord::detail
