// The influence network of a run: who listens to whom, with the raw weights of docs/models.md
// section 2 (edge weight times the source's capability and salience, by `model.weighting`).
#pragma once

#include <vector>

#include "accord/params.hpp"
#include "accord/scenario.hpp"

namespace accord {

// f_jk: the factor `model.weighting` puts on source j's opinion on issue k.
double influence_factor(Weighting weighting, const ActorParams& source, int issue);

class InfluenceNetwork {
public:
    struct Source {
        int actor;
        double weight;  // w(source -> target)
    };

    InfluenceNetwork(const Scenario& scenario, const Params& params);

    // f_jk: the factor `model.weighting` puts on source j's opinion on issue k.
    double factor(int actor, int issue) const;
    // r_iik = self_weight_i * f_ik.
    double own_weight(int actor, int issue) const {
        return params_->actors[static_cast<std::size_t>(actor)].self_weight * factor(actor, issue);
    }
    const std::vector<Source>& sources(int target) const { return incoming_[static_cast<std::size_t>(target)]; }

private:
    Weighting weighting_;
    const Params* params_;
    std::vector<std::vector<Source>> incoming_;  // per target, sources in increasing actor order
};

}  // namespace accord
