#include "accord/packed_records.hpp"

#include <algorithm>

#include "accord/blocked_permutation.hpp"

namespace accord {

void PackedRecords::pack(const InfluenceRows& rows, const Positions& y, const Positions& x, const Positions& anchor) {
    const auto n = static_cast<std::size_t>(rows.actors());
    const int m = rows.issues();
    const bool with_x = &y != &x;
    x_offset_ = with_x ? m : 0;
    const int width = with_x ? 2 * m : m;
    // A record per actor, its width rounded up to a power of two: one cache line up to 8 doubles.
    int doubles = 1;
    while (doubles < width) doubles *= 2;
    reserve_records(n, doubles);
    const auto stride = static_cast<std::size_t>(stride_);
    if (rows.ranges() > 1) partial_.reserve(n * partial_stride);
    double* out = records_.data();
    const auto mm = static_cast<std::size_t>(m);
    if (rows.renumbered()) {
        rows.into_slots().apply(y.data(), mm, out, stride, m, stage_);
        if (with_x) rows.into_slots().apply(x.data(), mm, out + m, stride, m, stage_);
        anchor_.resize(n * mm);
        rows.into_slots().apply(anchor.data(), mm, anchor_.data(), mm, m, stage_);
        result_.resize(n * mm);
    } else {
        copy_rows(y.data(), mm, out, stride, nullptr, n, m);
        if (with_x) copy_rows(x.data(), mm, out + m, stride, nullptr, n, m);
    }
}

void PackedRecords::reserve_records(std::size_t n, int stride) {
    stride_ = stride;
    slots_ = static_cast<std::int64_t>(n);
    const std::size_t had = records_.capacity();
    records_.reserve(n * static_cast<std::size_t>(stride));
    // A new buffer's padding zeroed once (copy_rows never writes it): the AVX round reads a record
    // whole and ignores its padding's lane, whose leftover bytes could be denormals, which cost an
    // assist per operation on some processors (docs/performance.md "## The round").
    if (records_.capacity() != had) std::fill_n(records_.data(), records_.capacity(), 0.0);
}

void PackedRecords::pack_pair(const InfluenceRows& rows, const Positions& a, const Positions& b) {
    const auto n = static_cast<std::size_t>(rows.actors());
    const int m = rows.issues();
    x_offset_ = 0;
    reserve_records(n, 8);
    const auto mm = static_cast<std::size_t>(m);
    copy_rows(a.data(), mm, records_.data(), 8, nullptr, n, m);
    copy_rows(b.data(), mm, records_.data() + 4, 8, nullptr, n, m);
}

void PackedRecords::unpack(const InfluenceRows& rows, Positions& next) {
    if (rows.renumbered())
        rows.out_of_slots().apply(result_.data(), static_cast<std::size_t>(rows.issues()), next.data(),
                                  static_cast<std::size_t>(rows.issues()), rows.issues(), stage_);
}

}  // namespace accord
