#include "accord/blocked_permutation.hpp"

#include <algorithm>

namespace accord {

namespace {
// 4,096 destination rows a block: 128 KiB of 32-byte records.
constexpr int block_shift = 12;
}  // namespace

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
                               int width) {
    const std::size_t n = to_.size();
    const auto w = static_cast<std::size_t>(width);
    stage_.resize(n * w);
    double* stage = stage_.data();
    for (std::size_t f = 0; f < n; ++f)
        std::copy_n(src + f * src_stride, w, stage + static_cast<std::size_t>(stage_of_[f]) * w);
    for (std::size_t q = 0; q < n; ++q)
        std::copy_n(stage + q * w, w, dst + static_cast<std::size_t>(to_[q]) * dst_stride);
}

}  // namespace accord
