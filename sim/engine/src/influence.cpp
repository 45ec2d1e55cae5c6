#include "accord/influence.hpp"

#include <algorithm>

namespace accord {

InfluenceNetwork::InfluenceNetwork(const Scenario& scenario, const Params& params)
    : weighting_(scenario.model.weighting), params_(&params), incoming_(params.actors.size()) {
    for (const Edge& e : params.edges)
        if (e.weight > 0) incoming_[static_cast<std::size_t>(e.to)].push_back({e.from, e.weight});
    for (auto& sources : incoming_)
        std::sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) { return a.actor < b.actor; });
}

double influence_factor(Weighting weighting, const ActorParams& a, int issue) {
    switch (weighting) {
        case Weighting::edge:
            return 1;
        case Weighting::capability:
            return a.capability;
        case Weighting::capability_salience:
            return a.capability * a.salience[static_cast<std::size_t>(issue)];
    }
    return 1;
}

double InfluenceNetwork::factor(int actor, int issue) const {
    return influence_factor(weighting_, params_->actors[static_cast<std::size_t>(actor)], issue);
}

}  // namespace accord
