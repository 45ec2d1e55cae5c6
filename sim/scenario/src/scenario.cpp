#include "accord/scenario.hpp"

#include <utility>

namespace accord {

void Scenario::index() {
    index(ActorIdIndex(actors));
}

void Scenario::index(ActorIdIndex actors_by_id) {
    actor_index = std::move(actors_by_id);
    edge_index = EdgeIndex(base.edges, actor_count());
}

void Scenario::index(ActorIdIndex actors_by_id, EdgeIndex edges_by_ends) {
    actor_index = std::move(actors_by_id);
    edge_index = std::move(edges_by_ends);
}

int Scenario::find_actor(const std::string& id) const {
    if (actor_index.size() == actors.size()) return actor_index.find(id);
    for (std::size_t i = 0; i < actors.size(); ++i)
        if (actors[i].id == id) return static_cast<int>(i);
    return -1;
}

long Scenario::find_edge(int from, int to) const {
    if (edge_index.built() && edge_index.size() == base.edges.size()) return edge_index.find(from, to, base.edges);
    for (std::size_t e = 0; e < base.edges.size(); ++e)
        if (base.edges[e].from == from && base.edges[e].to == to) return static_cast<long>(e);
    return -1;
}

int Scenario::find_issue(const std::string& id) const {
    for (std::size_t k = 0; k < issues.size(); ++k)
        if (issues[k].id == id) return static_cast<int>(k);
    return -1;
}

std::vector<std::string> Scenario::actor_ids() const {
    std::vector<std::string> ids;
    for (const auto& a : actors) ids.push_back(a.id);
    return ids;
}

std::vector<std::string> Scenario::issue_ids() const {
    std::vector<std::string> ids;
    for (const auto& i : issues) ids.push_back(i.id);
    return ids;
}

bool Scenario::has_status_quo() const {
    for (const Issue& issue : issues)
        if (issue.has_status_quo) return true;
    return false;
}

}  // namespace accord
