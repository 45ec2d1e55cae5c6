#include "accord/scenario.hpp"

#include <algorithm>
#include <utility>

#include "accord/params.hpp"

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

long most_rounds(const Scenario& s) {
    double most = s.base.rounds;
    if (s.sweep)
        for (const auto& p : s.sweep->parameters)
            if (p.path.kind == ParamKind::rounds) {
                for (double v : p.values) most = std::max(most, v);
                if (p.hi) most = std::max(most, *p.hi);
            }
    for (const auto& e : s.events)
        for (const auto& a : e.set)
            if (a.path.kind == ParamKind::rounds) most = std::max(most, a.value);
    for (const auto& u : s.uncertainty)
        if (u.path.kind == ParamKind::rounds) {
            if (u.distribution.kind == DistributionKind::normal)
                most = std::max(most, param_range(u.path, s).hi);
            else
                for (double v : u.distribution.args) most = std::max(most, v);
        }
    return static_cast<long>(std::clamp(most, 0.0, 1e9));  // a value out of range is reported elsewhere
}

}  // namespace accord
