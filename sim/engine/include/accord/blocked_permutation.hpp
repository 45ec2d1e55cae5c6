// Moves rows of doubles between two orders of the same actors (actor order and the slot order of a
// renumbering, influence_rows.hpp) in two passes that each stay within the caches, instead of one
// scattered read or write per row: first into buckets by destination block (a few hundred write
// streams), then from each bucket into its block (a span that fits the second-level cache). Own
// code: no Debian library permutes rows this way. Copies only: the values keep their bits.
#pragma once

#include <cstddef>
#include <vector>

namespace accord {

// Row r of `src` (`src_stride` doubles apart) to row place[r] of `dst` (row r when `place` is null),
// `width` doubles each, for `rows` rows, split across threads.
void copy_rows(const double* src, std::size_t src_stride, double* dst, std::size_t dst_stride, const int* place,
               std::size_t rows, int width);

class BlockedPermutation {
public:
    // `to_of[from]`: where row `from` of the source order goes in the destination order.
    void build(const std::vector<int>& to_of);
    // dst row to_of[f] (`dst_stride` doubles apart) = src row f (`src_stride` apart), `width` doubles
    // each, through the buckets in `stage` (resized here; the caller's, so that one permutation serves
    // several threads at once).
    void apply(const double* src, std::size_t src_stride, double* dst, std::size_t dst_stride, int width,
               std::vector<double>& stage) const;

private:
    std::vector<int> stage_of_;  // per source row: its place among the buckets
    std::vector<int> to_;        // per bucket place: its destination row
};

}  // namespace accord
