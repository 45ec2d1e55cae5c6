#include "accord/influence_rows.hpp"

#include "accord/influence.hpp"  // influence_factor

namespace accord {

// Two passes of a counting sort (by source, then stably by target) put every target's sources in
// increasing actor order in time linear in the edges (a comparison sort per target would not be).
void InfluenceRows::build(const Scenario& s, const Params& p) {
    const Weighting weighting = s.model.weighting;
    actors_ = static_cast<int>(p.actors.size());
    issues_ = s.issue_count();
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);

    // Pass 1: the positive edges, ordered by source.
    scratch_.assign(n + 1, 0);
    std::size_t kept = 0;
    for (const Edge& e : p.edges)
        if (e.weight > 0) {
            ++scratch_[static_cast<std::size_t>(e.from) + 1];
            ++kept;
        }
    for (std::size_t j = 0; j < n; ++j) scratch_[j + 1] += scratch_[j];
    by_source_.resize(kept);
    for (std::size_t e = 0; e < p.edges.size(); ++e)
        if (p.edges[e].weight > 0)
            by_source_[static_cast<std::size_t>(scratch_[static_cast<std::size_t>(p.edges[e].from)]++)] =
                static_cast<int>(e);

    // Pass 2: stably by target, which keeps each target's sources in increasing order.
    offset_.assign(n + 1, 0);
    for (int e : by_source_) ++offset_[static_cast<std::size_t>(p.edges[static_cast<std::size_t>(e)].to) + 1];
    for (std::size_t i = 0; i < n; ++i) offset_[i + 1] += offset_[i];
    scratch_.assign(offset_.begin(), offset_.end() - 1);
    source_.resize(kept);
    weight_.resize(kept * m);
    for (int index : by_source_) {
        const Edge& e = p.edges[static_cast<std::size_t>(index)];
        const auto slot = static_cast<std::size_t>(scratch_[static_cast<std::size_t>(e.to)]++);
        source_[slot] = e.from;
        const ActorParams& from = p.actors[static_cast<std::size_t>(e.from)];
        for (std::size_t k = 0; k < m; ++k)
            weight_[slot * m + k] = e.weight * influence_factor(weighting, from, static_cast<int>(k));
    }

    own_.resize(n * m);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < m; ++k)
            own_[i * m + k] = p.actors[i].self_weight * influence_factor(weighting, p.actors[i], static_cast<int>(k));
}

std::size_t InfluenceRows::bytes() const {
    return offset_.size() * sizeof(std::int64_t) + source_.size() * sizeof(int) +
           weight_.size() * sizeof(double) + own_.size() * sizeof(double);
}

}  // namespace accord
