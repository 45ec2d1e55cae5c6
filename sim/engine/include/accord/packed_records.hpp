// What a round of packed rows (influence_rows.hpp) writes: per slot a record of the positions its
// targets gather, copied before each round (pack); under a renumbering the anchors in slot order and
// the round's results, which unpack puts back in actor order; with source ranges the per-target
// partial sums between passes. Kept apart from the rows, which a round only reads, so that one rows
// object serves the runs of every thread at once, each thread with records of its own
// (docs/performance.md "### Rows shared by threads").
#pragma once

#include <cstdint>
#include <vector>

#include "accord/dynamics.hpp"
#include "accord/huge_pages.hpp"
#include "accord/influence_rows.hpp"

namespace accord {

class PackedRecords {
public:
    // Per slot of `rows`, `y`'s row (the positions the sums weigh) and, when `x` is another matrix
    // (coupling), `x`'s row after it, `stride()` doubles apart in a huge-page buffer; renumbered, also
    // `anchor` in slot order. The rows must be packed.
    void pack(const InfluenceRows& rows, const Positions& y, const Positions& x, const Positions& anchor);
    // Per slot of `rows` (packed in actor order, one to four issues), `a`'s row and then, 4 doubles
    // further, `b`'s: the records of two runs' round (step_round_pair, round.hpp), 8 doubles apart.
    void pack_pair(const InfluenceRows& rows, const Positions& a, const Positions& b);
    // Renumbered rows: the results, in slot order, into `next` in actor order (else nothing: the round
    // wrote `next` itself).
    void unpack(const InfluenceRows& rows, Positions& next);

    const double* records() const { return records_.data(); }
    int stride() const { return stride_; }
    // Where a record's x values start (0 when y is x).
    int x_offset() const { return x_offset_; }
    // The records' bytes (slots x stride doubles), which decide how far ahead the round asks for them.
    std::int64_t bytes() const { return slots_ * stride_ * std::int64_t{sizeof(double)}; }
    // Renumbered: the anchors and the results by slot and issue.
    const double* anchors() const { return anchor_.data(); }
    double* results() { return result_.data(); }
    // Source ranges: per target, the sums between two ranges' passes, partial_stride doubles, 64-byte
    // aligned, its totals from the first, its sums from the fifth.
    static constexpr int partial_stride = 8;
    double* partials() { return partial_.data(); }

private:
    // Records of `stride` doubles for n slots, a new buffer zeroed.
    void reserve_records(std::size_t n, int stride);

    HugePageBuffer records_;
    // The partial sums between passes, one cache line per target (its totals, then its sums), which
    // the round writes with streaming stores: lines that pass through no cache, so that they do not
    // push the range's records out of the last level.
    HugePageBuffer partial_;
    std::vector<double> anchor_, result_;
    std::vector<double> stage_;  // the permutations' buckets (BlockedPermutation::apply)
    std::int64_t slots_ = 0;
    int stride_ = 0;
    int x_offset_ = 0;
};

}  // namespace accord
