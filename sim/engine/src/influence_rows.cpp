#include "accord/influence_rows.hpp"

#include <algorithm>

#include "accord/influence.hpp"  // influence_factor
#include "accord/network_order.hpp"

namespace accord {

namespace {

// The weights of one slot (or an actor's own weights): w times the source's factor on each of the m
// issues. build, fill_products and refill_edge all write them here, so a slot refilled has the
// bits build gave it.
inline void scaled_into(double w, const double* factor, double* weight, std::size_t m) {
    for (std::size_t k = 0; k < m; ++k) weight[k] = w * factor[k];
}

// Actor i's factor on each of the m issues, into factor[i * m ...]: what fill_factors writes for
// every actor and refill for the actors an event set.
inline void factors_into(Weighting weighting, const Params& p, std::size_t i, double* factor, std::size_t m) {
    for (std::size_t k = 0; k < m; ++k)
        factor[i * m + k] = influence_factor(weighting, p.actors[i], static_cast<int>(k));
}

}  // namespace

// Two passes of a counting sort (by source, then stably by target) put every target's sources in
// increasing actor order in time linear in the edges (a comparison sort per target would not be).
void InfluenceRows::build(const Scenario& s, const Params& p, RowLayout layout, int range_slots) {
    const Weighting weighting = s.model.weighting;
    ranges_ = 1;
    range_slots_ = 0;
    actors_ = static_cast<int>(p.actors.size());
    issues_ = s.issue_count();
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);

    if (layout == RowLayout::automatic) layout = actors_ < packed_rows_actors ? RowLayout::direct : RowLayout::packed;
    if (issues_ > 4) layout = RowLayout::direct;  // the packed round unrolls one to four issues (round.cpp)

    fill_factors(weighting, p);

    // Direct rows of the same edges as the last build (a run's rows after a draw or an event that
    // changed only weights, capabilities, saliences or self weights): the same slots, new values.
    if (layout != RowLayout::direct || !same_shape(p.edges)) shape_.clear();
    if (!shape_.empty()) {
        fill_weights(p);
        return;
    }

    // Pass 1: the positive edges, ordered by source. Edges already listed by target and then source
    // (as a table is usually written) keep their order: the second pass, stable, gives the same rows.
    const bool target_major =
        std::is_sorted(p.edges.begin(), p.edges.end(),
                       [](const Edge& a, const Edge& b) { return a.to < b.to || (a.to == b.to && a.from < b.from); });
    scratch_.assign(n + 1, 0);
    std::size_t kept = 0;
    for (const Edge& e : p.edges)
        if (e.weight > 0) {
            ++scratch_[static_cast<std::size_t>(e.from) + 1];
            ++kept;
        }
    by_source_.resize(kept);
    if (target_major) {
        std::size_t at = 0;
        for (std::size_t e = 0; e < p.edges.size(); ++e)
            if (p.edges[e].weight > 0) by_source_[at++] = static_cast<int>(e);
    } else {
        for (std::size_t j = 0; j < n; ++j) scratch_[j + 1] += scratch_[j];
        for (std::size_t e = 0; e < p.edges.size(); ++e)
            if (p.edges[e].weight > 0)
                by_source_[static_cast<std::size_t>(scratch_[static_cast<std::size_t>(p.edges[e].from)]++)] =
                    static_cast<int>(e);
    }

    // Pass 2: stably by target, which keeps each target's sources in increasing order.
    offset_.assign(n + 1, 0);
    for (int e : by_source_) ++offset_[static_cast<std::size_t>(p.edges[static_cast<std::size_t>(e)].to) + 1];
    for (std::size_t i = 0; i < n; ++i) offset_[i + 1] += offset_[i];
    scratch_.assign(offset_.begin(), offset_.end() - 1);
    source_.resize(kept);
    weight_.resize(kept * m + row_padding);
    std::fill_n(weight_.begin() + static_cast<long>(kept * m), row_padding, 0.0);
    edge_of_slot_.resize(kept);
    for (int index : by_source_) {
        const Edge& e = p.edges[static_cast<std::size_t>(index)];
        const auto slot = static_cast<std::size_t>(scratch_[static_cast<std::size_t>(e.to)]++);
        source_[slot] = e.from;
        edge_of_slot_[slot] = index;
        scaled_into(e.weight, factor_.data() + static_cast<std::size_t>(e.from) * m, weight_.data() + slot * m, m);
    }

    own_.resize(n * m + row_padding);
    std::fill_n(own_.begin() + static_cast<long>(n * m), row_padding, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        scaled_into(p.actors[i].self_weight, factor_.data() + i * m, own_.data() + i * m, m);

    actor_.clear();
    packed_ = layout != RowLayout::direct;
    if (!packed_) {
        remember_shape(p.edges);
        return;
    }
    const RowsView view{actors_, offset_.data(), source_.data()};
    if (layout == RowLayout::renumbered) {
        renumber(community_order(view));
    } else if (layout == RowLayout::communities) {
        // Renumbered only when clearly more sources then lie within a second-level cache of their
        // target (2^14 records of 32 bytes: half of this machine's 1 MiB).
        constexpr int window = 1 << 14;
        const std::vector<int> order = community_order(view);
        std::vector<int> slot_of(n);
        for (std::size_t t = 0; t < n; ++t) slot_of[static_cast<std::size_t>(order[t])] = static_cast<int>(t);
        if (near_share(view, slot_of, window) >= near_share(view, {}, window) + 0.25) renumber(order);
    }
    stubbornness_.resize(n);
    for (std::size_t t = 0; t < n; ++t) stubbornness_[t] = p.actors[static_cast<std::size_t>(actor(static_cast<int>(t)))].stubbornness;
    if (range_slots > 0 && range_slots < actors_) split_ranges(range_slots);
}

bool InfluenceRows::same_shape(const std::vector<Edge>& edges) const {
    if (shape_.size() != edges.size() || shape_actors_ != actors_ || shape_issues_ != issues_) return false;
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (shape_[e].from != edges[e].from || shape_[e].to != edges[e].to || shape_[e].kept != (edges[e].weight > 0))
            return false;
    return true;
}

void InfluenceRows::remember_shape(const std::vector<Edge>& edges) {
    shape_actors_ = actors_;
    shape_issues_ = issues_;
    shape_.resize(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e) shape_[e] = {edges[e].from, edges[e].to, edges[e].weight > 0};
}

namespace {

// fill_weights's products with M issues known at compile time (M = 0: any number, m): a loop of
// three iterations compiled for any count costs more in its set-up than in its products.
template <int M>
void fill_products(const Params& p, std::size_t n, std::size_t m, const int* edge_of_slot, std::size_t slots,
                   const double* factor, double* weight, double* own) {
    if constexpr (M > 0) m = M;
    const Edge* edges = p.edges.data();
    for (std::size_t slot = 0; slot < slots; ++slot) {
        const Edge& e = edges[edge_of_slot[slot]];
        scaled_into(e.weight, factor + static_cast<std::size_t>(e.from) * m, weight + slot * m, m);
    }
    for (std::size_t i = 0; i < n; ++i) scaled_into(p.actors[i].self_weight, factor + i * m, own + i * m, m);
}

}  // namespace

// build()'s values for the slots it found last time: the same products, slot by slot.
void InfluenceRows::fill_weights(const Params& p) {
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);
    const auto fill = [&]<int M>() {
        fill_products<M>(p, n, m, edge_of_slot_.data(), edge_of_slot_.size(), factor_.data(), weight_.data(),
                         own_.data());
    };
    switch (m) {
        case 1: return fill.operator()<1>();
        case 2: return fill.operator()<2>();
        case 3: return fill.operator()<3>();
        case 4: return fill.operator()<4>();
        default: return fill.operator()<0>();
    }
}

// Each actor's factors once, in one array: the edges then read 8*m contiguous bytes per source,
// not an ActorParams and its salience vector (two cache misses per edge on a big network).
void InfluenceRows::fill_factors(Weighting weighting, const Params& p) {
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);
    factor_.resize(n * m);
    for (std::size_t i = 0; i < n; ++i) factors_into(weighting, p, i, factor_.data(), m);
}

bool InfluenceRows::refill(const Scenario& s, const Params& p, std::span<const int> actors) {
    if (packed_ || shape_.empty() || shape_.size() != p.edges.size() ||
        p.actors.size() != static_cast<std::size_t>(actors_))
        return false;
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);
    refilled_.resize(n);
    for (int actor : actors) {
        const auto i = static_cast<std::size_t>(actor);
        factors_into(s.model.weighting, p, i, factor_.data(), m);
        scaled_into(p.actors[i].self_weight, factor_.data() + i * m, own_.data() + i * m, m);
        refilled_[i] = 1;
    }
    for (std::size_t slot = 0; slot < source_.size(); ++slot) {
        const auto j = static_cast<std::size_t>(source_[slot]);
        if (!refilled_[j]) continue;
        scaled_into(p.edges[static_cast<std::size_t>(edge_of_slot_[slot])].weight, factor_.data() + j * m,
                    weight_.data() + slot * m, m);
    }
    for (int actor : actors) refilled_[static_cast<std::size_t>(actor)] = 0;
    return true;
}

bool InfluenceRows::refill_edge(const Scenario& s, const Params& p, int from, int to) {
    if (packed_ || shape_.empty() || shape_.size() != p.edges.size() || to < 0 || to >= actors_) return false;
    // The edge set_param wrote: the scenario's index finds it (params.cpp edge_of), or it was
    // searched for or added, and the rows are built again. Kept before and after, it has its slot.
    const long index = s.find_edge(from, to);
    if (index < 0 || static_cast<std::size_t>(index) >= p.edges.size()) return false;
    const Edge& e = p.edges[static_cast<std::size_t>(index)];
    if (e.from != from || e.to != to || !shape_[static_cast<std::size_t>(index)].kept || !(e.weight > 0)) return false;
    const auto m = static_cast<std::size_t>(issues_);
    for (std::int64_t slot = first(to); slot < first(to + 1); ++slot) {
        if (edge_of_slot_[static_cast<std::size_t>(slot)] != index) continue;
        scaled_into(e.weight, factor_.data() + static_cast<std::size_t>(from) * m,
                    weight_.data() + static_cast<std::size_t>(slot) * m, m);
        return true;
    }
    return false;
}

// Puts the rows in the order of `actor_of_slot`, and names sources by their slots; each row keeps
// its edges in their order (increasing source actor).
void InfluenceRows::renumber(const std::vector<int>& actor_of_slot) {
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);
    actor_ = actor_of_slot;
    std::vector<int> slot_of(n);
    for (std::size_t t = 0; t < n; ++t) slot_of[static_cast<std::size_t>(actor_[t])] = static_cast<int>(t);
    std::vector<std::int64_t> offset(n + 1, 0);
    std::vector<int> source(source_.size());
    std::vector<double> weight(weight_.size()), own(own_.size());
    for (std::size_t t = 0; t < n; ++t) {
        const auto i = static_cast<std::size_t>(actor_[t]);
        const auto first = static_cast<std::size_t>(offset_[i]), last = static_cast<std::size_t>(offset_[i + 1]);
        const auto to = static_cast<std::size_t>(offset[t]);
        offset[t + 1] = offset[t] + static_cast<std::int64_t>(last - first);
        for (std::size_t e = first; e < last; ++e) source[to + e - first] = slot_of[static_cast<std::size_t>(source_[e])];
        std::copy(weight_.begin() + static_cast<long>(first * m), weight_.begin() + static_cast<long>(last * m),
                  weight.begin() + static_cast<long>(to * m));
        std::copy(own_.begin() + static_cast<long>(i * m), own_.begin() + static_cast<long>((i + 1) * m),
                  own.begin() + static_cast<long>(t * m));
    }
    offset_.swap(offset);
    source_.swap(source);
    weight_.swap(weight);
    own_.swap(own);
    into_slots_.build(slot_of);
    out_of_slots_.build(actor_);
}

std::size_t InfluenceRows::bytes() const {
    return offset_.size() * sizeof(std::int64_t) + source_.size() * sizeof(int) +
           weight_.size() * sizeof(double) + own_.size() * sizeof(double);
}

}  // namespace accord
