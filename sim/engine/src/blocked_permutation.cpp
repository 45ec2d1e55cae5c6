#include "accord/blocked_permutation.hpp"

#include <algorithm>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace accord {

namespace {

// 4,096 destination rows a block: 128 KiB of 32-byte records.
constexpr int block_shift = 12;
// Rows a task of a pass takes at least.
constexpr std::size_t grain = 1 << 15;

// Copies rows [begin, end) of `src` to the places `place` gives (none: the same places), `W`
// doubles a row known at compile time (a call to memmove per row of three doubles costs more than
// the copy); W = 0: `width` doubles.
template <int W>
void copy_rows(const double* src, std::size_t src_stride, double* dst, std::size_t dst_stride, const int* place,
               std::size_t begin, std::size_t end, std::size_t width) {
    const std::size_t w = W > 0 ? static_cast<std::size_t>(W) : width;
    for (std::size_t r = begin; r < end; ++r) {
        const std::size_t to = place ? static_cast<std::size_t>(place[r]) : r;
        for (std::size_t k = 0; k < w; ++k) dst[to * dst_stride + k] = src[r * src_stride + k];
    }
}

}  // namespace

void copy_rows(const double* src, std::size_t src_stride, double* dst, std::size_t dst_stride, const int* place,
               std::size_t rows, int width) {
    const auto w = static_cast<std::size_t>(width);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows, grain), [&](const tbb::blocked_range<std::size_t>& r) {
        switch (width) {
            case 1:
                return copy_rows<1>(src, src_stride, dst, dst_stride, place, r.begin(), r.end(), w);
            case 2:
                return copy_rows<2>(src, src_stride, dst, dst_stride, place, r.begin(), r.end(), w);
            case 3:
                return copy_rows<3>(src, src_stride, dst, dst_stride, place, r.begin(), r.end(), w);
            case 4:
                return copy_rows<4>(src, src_stride, dst, dst_stride, place, r.begin(), r.end(), w);
            default:
                return copy_rows<0>(src, src_stride, dst, dst_stride, place, r.begin(), r.end(), w);
        }
    });
}

void BlockedPermutation::build(const std::vector<int>& to_of) {
    const std::size_t n = to_of.size();
    const std::size_t blocks = (n >> block_shift) + 1;
    std::vector<int> start(blocks + 1, 0);
    for (int to : to_of) ++start[(static_cast<std::size_t>(to) >> block_shift) + 1];
    for (std::size_t b = 0; b < blocks; ++b) start[b + 1] += start[b];
    stage_of_.resize(n);
    to_.resize(n);
    for (std::size_t f = 0; f < n; ++f) {
        const int place = start[static_cast<std::size_t>(to_of[f]) >> block_shift]++;
        stage_of_[f] = place;
        to_[static_cast<std::size_t>(place)] = to_of[f];
    }
}

void BlockedPermutation::apply(const double* src, std::size_t src_stride, double* dst, std::size_t dst_stride,
                               int width, std::vector<double>& stage) const {
    const std::size_t n = to_.size();
    const auto w = static_cast<std::size_t>(width);
    stage.resize(n * w);
    copy_rows(src, src_stride, stage.data(), w, stage_of_.data(), n, width);
    copy_rows(stage.data(), w, dst, dst_stride, to_.data(), n, width);
}

}  // namespace accord
