// The rows laid out by source range (influence_rows.hpp, docs/performance.md "### Source ranges"):
// the cache blocking of the round's gathers. Each row's slots are in increasing order (unless
// renumbered), so the edges of one range into one target are a contiguous run of its row; the
// layout puts the runs in range-major order, each unchanged, in one pass per range over the rows.
// Segment (r, t) is the longest run of row t, from where range r - 1 stopped, whose slots lie below
// range r's end: under a renumbering (slots not increasing along a row) a source may land in a
// later range than its own, never in another order, so the sums keep their bits either way.
#include <algorithm>

#include "accord/influence_rows.hpp"

namespace accord {

void InfluenceRows::split_ranges(int range_slots) {
    const auto n = static_cast<std::size_t>(actors_);
    const auto m = static_cast<std::size_t>(issues_);
    range_slots_ = range_slots;
    ranges_ = (actors_ + range_slots - 1) / range_slots;
    const auto ranges = static_cast<std::size_t>(ranges_);
    std::vector<std::int64_t> offset(ranges * n + 1);
    std::vector<int> source(source_.size());
    std::vector<double> weight(weight_.size());
    // scratch_[t]: where target t's row continues (its first edge from a range not yet placed).
    scratch_.assign(offset_.begin(), offset_.end() - 1);
    std::size_t at = 0;
    for (std::size_t r = 0; r < ranges; ++r) {
        const int end_slot = static_cast<int>(std::min<std::size_t>((r + 1) * static_cast<std::size_t>(range_slots), n));
        for (std::size_t t = 0; t < n; ++t) {
            offset[r * n + t] = static_cast<std::int64_t>(at);
            const auto from = static_cast<std::size_t>(scratch_[t]), row_end = static_cast<std::size_t>(offset_[t + 1]);
            std::size_t to = from;
            while (to < row_end && source_[to] < end_slot) ++to;
            std::copy(source_.begin() + static_cast<long>(from), source_.begin() + static_cast<long>(to),
                      source.begin() + static_cast<long>(at));
            std::copy(weight_.begin() + static_cast<long>(from * m), weight_.begin() + static_cast<long>(to * m),
                      weight.begin() + static_cast<long>(at * m));
            at += to - from;
            scratch_[t] = static_cast<std::int64_t>(to);
        }
    }
    offset[ranges * n] = static_cast<std::int64_t>(at);
    offset_.swap(offset);
    source_.swap(source);
    weight_.swap(weight);
}

}  // namespace accord
