// The influence network of a run in compressed sparse rows, for the fast round (round.hpp): per
// target its sources in increasing actor order, and the raw weights r_jik = w_ji f_jk of every
// source on every issue computed once (docs/models.md section 2), so that a round reads them as one
// stream. It holds the same numbers InfluenceNetwork gives, multiplied in the same order.
#pragma once

#include <cstdint>
#include <vector>

#include "accord/params.hpp"
#include "accord/scenario.hpp"

namespace accord {

class InfluenceRows {
public:
    InfluenceRows() = default;
    InfluenceRows(const Scenario& scenario, const Params& params) { build(scenario, params); }

    // Rebuilds the rows from `params` (after a draw or an event), keeping the buffers' capacity.
    void build(const Scenario& scenario, const Params& params);

    int actors() const { return actors_; }
    int issues() const { return issues_; }
    std::int64_t edges() const { return static_cast<std::int64_t>(source_.size()); }
    // The edges into `target` are first(target) .. first(target + 1) - 1.
    std::int64_t first(int target) const { return offset_[static_cast<std::size_t>(target)]; }
    int source(std::int64_t edge) const { return source_[static_cast<std::size_t>(edge)]; }
    // r_jik of edge (j -> i) on issue k.
    double weight(std::int64_t edge, int issue) const {
        return weight_[static_cast<std::size_t>(edge) * static_cast<std::size_t>(issues_) +
                       static_cast<std::size_t>(issue)];
    }
    // r_iik = self_weight_i * f_ik.
    double own_weight(int actor, int issue) const {
        return own_[static_cast<std::size_t>(actor) * static_cast<std::size_t>(issues_) +
                    static_cast<std::size_t>(issue)];
    }
    // The same as arrays: source(e) is sources()[e], weight(e, k) is weights()[e * issues() + k].
    const int* sources() const { return source_.data(); }
    const double* weights() const { return weight_.data(); }
    // The bytes the rows hold (offsets, sources, weights, own weights): what a round reads.
    std::size_t bytes() const;

private:
    int actors_ = 0;
    int issues_ = 0;
    std::vector<std::int64_t> offset_;  // actors + 1
    std::vector<int> source_;           // per edge
    std::vector<double> weight_;        // per edge and issue
    std::vector<double> own_;           // per actor and issue
    std::vector<std::int64_t> scratch_;  // the counting sort's cursor
    std::vector<int> by_source_;         // edges ordered by source (the sort's first pass)
};

}  // namespace accord
