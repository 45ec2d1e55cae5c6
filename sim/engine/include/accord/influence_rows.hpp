// The influence network of a run in compressed sparse rows, for the fast round (round.hpp): per
// target its sources in increasing actor order, and the raw weights r_jik = w_ji f_jk of every
// source on every issue computed once (docs/models.md section 2), so that a round reads them as one
// stream. It holds the same numbers InfluenceNetwork gives, multiplied in the same order.
//
// A big network's rows are laid out for the round's scattered reads (RowLayout, docs/performance.md
// "## The round"): each round first copies the positions into one padded record per actor in a
// huge-page buffer (PackedRecords::pack, packed_records.hpp), and the rows name sources by their
// record (slot). A round only reads the rows: what it writes is in the records. Under a renumbering,
// slots follow the network's communities (label propagation, network_order.hpp) so that a target's
// sources lie near it in memory; rows and targets are then in slot order, each row keeping its
// sources in increasing actor order, so every sum adds the same terms in the same order.
//
// Source ranges (cache blocking, influence_ranges.cpp; on request only, as they did not pay): the
// slots cut into ranges of `range_slots()` and the edges laid out range-major (for range 0 every
// target's edges from it, then range 1, ...), each (range, target) segment a run of the row in its
// order. The round sums range by range into per-target partial sums (PackedRecords::partials()), so
// each sum still adds its terms in the same order, with the gathers of a pass confined to one range.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "accord/blocked_permutation.hpp"
#include "accord/dynamics.hpp"
#include "accord/params.hpp"
#include "accord/scenario.hpp"

namespace accord {

// How the rows are laid out. `automatic` (what a run uses): `direct` below `packed_rows_actors`
// actors, else `packed`. `direct` reads the positions where they are, by actor; `packed` gathers
// from the records in actor order; `communities` packs and renumbers when that puts clearly more
// sources near their targets; `renumbered` always renumbers. A run does not renumber: label
// propagation costs more than it saves in a run of fewer than about a hundred rounds
// (docs/performance.md "## The round").
enum class RowLayout { automatic, direct, packed, communities, renumbered };

// From this many actors a network's positions (24 bytes an actor at three issues) outgrow a core's
// second-level cache and the round packs them (measured in bench/round_network.cpp).
inline constexpr int packed_rows_actors = 1 << 16;

class InfluenceRows {
public:
    InfluenceRows() = default;
    InfluenceRows(const Scenario& scenario, const Params& params, RowLayout layout = RowLayout::automatic,
                  int range_slots = 0) {
        build(scenario, params, layout, range_slots);
    }

    // Rebuilds the rows from `params` (after a draw or an event), keeping the buffers' capacity.
    // `range_slots` > 0 cuts packed rows into source ranges of that many slots (fewer than the
    // actors); 0 keeps one range, what a run does: measured, the ranges made the round slower
    // (docs/performance.md "### Source ranges"). Direct rows have one range.
    void build(const Scenario& scenario, const Params& params, RowLayout layout = RowLayout::automatic,
               int range_slots = 0);

    // Direct rows after an event that set the weight of edge `from` -> `to` and of no other
    // parameter the rows read: that edge's weights recomputed from `params` as build() computes them
    // (the same product, the same bits). Returns false, changing nothing the next build() would not
    // redo, when that cannot be done in place (packed rows, no remembered shape, an edge added or
    // not found by the scenario's index, or the edge not kept before or not after): build() is
    // then needed.
    bool refill_edge(const Scenario& scenario, const Params& params, int from, int to);

    // Direct rows after a change of the capabilities, saliences or self weights of `actors` (an
    // actor may be listed twice) that keeps the shape of the last build (the same edges, the same
    // ones kept: the caller knows it, as refill_edge checks it): those actors' factors, own weights
    // and the weights of the slots they are the source of, as build() computes them (the same
    // products, the same bits; every other value depends on none of theirs). Returns false,
    // changing nothing, for packed rows or rows of no remembered shape: build() is then needed.
    bool refill(const Scenario& scenario, const Params& params, std::span<const int> actors);

    int actors() const { return actors_; }
    int issues() const { return issues_; }
    std::int64_t edges() const { return static_cast<std::int64_t>(source_.size()); }
    // Whether sources are slots of the packed records (pack before each round), and whether the
    // slots are renumbered (else slot i is actor i).
    bool packed() const { return packed_; }
    bool renumbered() const { return !actor_.empty(); }
    // The actor of slot `slot` (the identity unless renumbered). Rows are in slot order.
    int actor(int slot) const { return actor_.empty() ? slot : actor_[static_cast<std::size_t>(slot)]; }
    // The edges into the target of slot `target` are first(target) .. first(target + 1) - 1 (with
    // one source range; with more, those of range 0).
    std::int64_t first(int target) const { return offset_[static_cast<std::size_t>(target)]; }
    // Source ranges: slots [r * range_slots(), (r + 1) * range_slots()) form range r; the edges of
    // range r into target t are first(r, t) .. first(r, t + 1) - 1 (first(0, t) is first(t)).
    int ranges() const { return ranges_; }
    int range_slots() const { return range_slots_; }
    std::int64_t first(int range, int target) const {
        return offset_[static_cast<std::size_t>(range) * static_cast<std::size_t>(actors_) +
                       static_cast<std::size_t>(target)];
    }
    // The source of an edge: its slot (its actor when not packed).
    int source(std::int64_t edge) const { return source_[static_cast<std::size_t>(edge)]; }
    // r_jik of edge (j -> i) on issue k.
    double weight(std::int64_t edge, int issue) const {
        return weight_[static_cast<std::size_t>(edge) * static_cast<std::size_t>(issues_) +
                       static_cast<std::size_t>(issue)];
    }
    // r_iik = self_weight_i * f_ik of the target of slot `target`.
    double own_weight(int target, int issue) const {
        return own_[static_cast<std::size_t>(target) * static_cast<std::size_t>(issues_) +
                    static_cast<std::size_t>(issue)];
    }
    // The same as arrays: source(e) is sources()[e], weight(e, k) is weights()[e * issues() + k].
    const int* sources() const { return source_.data(); }
    const double* weights() const { return weight_.data(); }
    // own_weight(t, k) is own_weights()[t * issues() + k].
    const double* own_weights() const { return own_.data(); }
    // Both weight arrays end with this many zeros more: at three issues the round reads an edge's
    // or an actor's weights as four doubles, the fourth lane unused (round.cpp), and the last
    // edge's or actor's read stays inside its array.
    static constexpr std::size_t row_padding = 1;
    // The bytes the rows hold (offsets, sources, weights, own weights): what a round reads.
    std::size_t bytes() const;

    // Renumbered: actor order to slot order and back (PackedRecords::pack and unpack).
    const BlockedPermutation& into_slots() const { return into_slots_; }
    const BlockedPermutation& out_of_slots() const { return out_of_slots_; }
    // The stubbornness of the target of slot `target` (packed rows).
    double stubbornness(int target) const { return stubbornness_[static_cast<std::size_t>(target)]; }

private:
    void renumber(const std::vector<int>& actor_of_slot);
    // Direct rows are rebuilt in place when the edges keep their ends and which are kept (weight > 0)
    // since the last build: a run's draws and events change weights, not the network's shape, and the
    // counting sort was most of a small network's build (issue 13).
    bool same_shape(const std::vector<Edge>& edges) const;
    void remember_shape(const std::vector<Edge>& edges);
    void fill_factors(Weighting weighting, const Params& params);
    void fill_weights(const Params& params);
    // Lays the edges out by source range (influence_ranges.cpp).
    void split_ranges(int range_slots);

    int actors_ = 0;
    int issues_ = 0;
    bool packed_ = false;
    std::vector<std::int64_t> offset_;  // ranges * actors + 1
    int ranges_ = 1;
    int range_slots_ = 0;               // 0: one range
    std::vector<int> source_;           // per edge
    std::vector<double> weight_;        // per edge and issue
    std::vector<double> own_;           // per actor and issue
    std::vector<int> actor_;            // per slot under a renumbering, else empty
    std::vector<std::int64_t> scratch_;  // the counting sort's cursor
    std::vector<int> by_source_;         // edges ordered by source (the sort's first pass)
    std::vector<double> factor_;         // per actor and issue: influence_factor, read in actor order
    std::vector<unsigned char> refilled_;  // refill's actors, marked per actor (all 0 between calls)
    std::vector<double> stubbornness_;  // per slot (packed)
    struct EdgeShape {
        int from, to;
        bool kept;
    };
    std::vector<EdgeShape> shape_;   // direct rows: the edges of the last build (empty: nothing remembered, or no edges)
    std::vector<int> edge_of_slot_;  // the edge of each slot, in p.edges
    int shape_actors_ = 0, shape_issues_ = 0;
    BlockedPermutation into_slots_, out_of_slots_;  // renumbered: actor order <-> slot order
};

}  // namespace accord
