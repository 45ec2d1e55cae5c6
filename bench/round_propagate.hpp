// A spike (issue 13 item 2, docs/performance.md "### Propagation blocking: measured"): the round of
// packed or direct rows (influence_rows.hpp) by propagation blocking (Beamer, Asanovic and Patterson,
// "Reducing PageRank Communication via Propagation Blocking", IPDPS 2017), for the benchmark only.
// Instead of gathering each target's sources at random, a round
//   1. (scatter) reads the sources in actor order, each source's positions once, and copies them to
//      the slots of its out-edges in bins, a bin per `bin_targets` consecutive targets; within a bin
//      the slots are in increasing source order (fixed at build: each edge's slot is precomputed);
//   2. (gather) bin by bin, starts each target's sums from its own weight as step_round does, adds
//      r * y for the bin's slots in their order into sums that fit the cache, and settles the targets.
// A target's slots in its bin are its row's edges in the row's order (increasing source), so every
// (target, issue) sum adds the same terms in the same order with the same operations as step_round:
// the same bits. Three issues, no bounded confidence and no coupling (what the benchmark's network
// has); the copies carry y, so bounded confidence (x = y without coupling) would fit the same layout.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <chrono>

#include <immintrin.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "accord/dynamics.hpp"
#include "accord/huge_pages.hpp"
#include "accord/influence_rows.hpp"
#include "accord/scenario.hpp"

namespace accord::bench {

class PropagationBlocked {
public:
    static constexpr int M = 3;

    // From rows whose slots are actors (direct or packed, not renumbered), one source range.
    PropagationBlocked(const InfluenceRows& rows, int bin_targets)
        : n_(rows.actors()), bin_targets_(bin_targets), bins_((rows.actors() + bin_targets - 1) / bin_targets) {
        if (rows.renumbered() || rows.ranges() != 1 || rows.issues() != M || bin_targets > 65536)
            throw std::invalid_argument("PropagationBlocked: actor-order rows of three issues, bins of <= 65536");
        const std::int64_t edges = rows.edges();
        // Each source's out-edges (a counting sort of the rows by source, stable: targets increasing).
        out_first_.assign(static_cast<std::size_t>(n_) + 1, 0);
        for (std::int64_t e = 0; e < edges; ++e) ++out_first_[static_cast<std::size_t>(rows.source(e)) + 1];
        for (int j = 0; j < n_; ++j) out_first_[j + 1] += out_first_[j];
        std::vector<std::int64_t> cursor(out_first_.begin(), out_first_.end() - 1);
        std::vector<int> out_target(static_cast<std::size_t>(edges));
        std::vector<std::int64_t> out_edge(static_cast<std::size_t>(edges));
        for (int t = 0; t < n_; ++t)
            for (std::int64_t e = rows.first(t); e < rows.first(t + 1); ++e) {
                const std::int64_t c = cursor[static_cast<std::size_t>(rows.source(e))]++;
                out_target[static_cast<std::size_t>(c)] = t;
                out_edge[static_cast<std::size_t>(c)] = e;
            }
        // Bin b holds the edges into targets [b * bin_targets, ...): the rows' edges of those targets.
        bin_first_.resize(static_cast<std::size_t>(bins_) + 1);
        for (int b = 0; b <= bins_; ++b) bin_first_[b] = rows.first(std::min(n_, b * bin_targets));
        // Slots in increasing source order within each bin.
        std::vector<std::int64_t> slot(bin_first_.begin(), bin_first_.end() - 1);
        dest_.resize(static_cast<std::size_t>(edges));
        local_.resize(static_cast<std::size_t>(edges));
        weight_.reserve(static_cast<std::size_t>(edges) * M);
        copy_.reserve(static_cast<std::size_t>(edges) * M);
        for (std::int64_t c = 0; c < edges; ++c) {
            const int t = out_target[static_cast<std::size_t>(c)];
            const std::int64_t s = slot[static_cast<std::size_t>(t / bin_targets)]++;
            dest_[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(s);
            local_[static_cast<std::size_t>(s)] = static_cast<std::uint16_t>(t % bin_targets);
            for (int k = 0; k < M; ++k) weight_.data()[s * M + k] = rows.weight(out_edge[static_cast<std::size_t>(c)], k);
        }
        own_.assign(rows.own_weights(), rows.own_weights() + static_cast<std::size_t>(n_) * M);
    }

    int bins() const { return bins_; }
    // Variants tried: the scatter's copies written with non-temporal 8-byte stores (movnti, no read
    // for ownership), the gather's sums in AVX registers (the lanes' operations are the scalar ones).
    bool streaming_stores = false;
    bool avx_gather = false;
    // The last round's scatter and gather, wall seconds.
    double scatter_s = 0, gather_s = 0;

    // The bytes a round reads and writes: scatter (offsets, slots, positions read, copies written),
    // gather (local targets, weights, copies, own weights, positions, anchors, results).
    std::size_t bytes() const {
        const auto e = static_cast<std::size_t>(dest_.size()), n = static_cast<std::size_t>(n_);
        return 8 * (n + 1) + 4 * e + 8 * M * n + 8 * M * e + 2 * e + 8 * M * e + 8 * M * e + 8 * M * n * 4;
    }

    // One round as step_round computes it (Friedkin-Johnsen or DeGroot, no coupling, no bounded
    // confidence), into next.
    void round(const Scenario& s, const Params& p, const Positions& x, const Positions& anchor, Positions& next) {
        const double* y = x.data();
        double* copy = copy_.data();
        const auto s0 = std::chrono::steady_clock::now();
        // Scatter: sources in order, split across threads (each edge's slot is fixed: any split).
        tbb::parallel_for(tbb::blocked_range<int>(0, n_, 4096), [&](const tbb::blocked_range<int>& r) {
            for (int j = r.begin(); j < r.end(); ++j) {
                const double y0 = y[j * M], y1 = y[j * M + 1], y2 = y[j * M + 2];
                for (std::int64_t c = out_first_[j]; c < out_first_[j + 1]; ++c) {
                    double* d = copy + static_cast<std::int64_t>(dest_[static_cast<std::size_t>(c)]) * M;
                    if (streaming_stores) {
                        stream(d, y0);
                        stream(d + 1, y1);
                        stream(d + 2, y2);
                    } else {
                        d[0] = y0;
                        d[1] = y1;
                        d[2] = y2;
                    }
                }
            }
            if (streaming_stores) _mm_sfence();
        });
        const auto s1 = std::chrono::steady_clock::now();
        const bool anchored = s.model.dynamics != Dynamics::degroot;
        // Gather: bin by bin, a bin's sums in this thread's scratch (total then sum, 8 doubles a target).
        tbb::parallel_for(tbb::blocked_range<int>(0, bins_, 1), [&](const tbb::blocked_range<int>& r) {
            std::vector<double>& sums = scratch_.local();
            sums.resize(static_cast<std::size_t>(bin_targets_) * 8);
            for (int b = r.begin(); b < r.end(); ++b) {
                const int t0 = b * bin_targets_, t1 = std::min(n_, t0 + bin_targets_);
                for (int t = t0; t < t1; ++t)
                    for (int k = 0; k < M; ++k) {
                        const double own = own_[static_cast<std::size_t>(t) * M + k];
                        sums[(t - t0) * 8 + k] = own;
                        sums[(t - t0) * 8 + 4 + k] = own * y[t * M + k];
                    }
                const double* w = weight_.data();
                if (avx_gather) {
                    gather_avx(sums.data(), w, copy, bin_first_[b], bin_first_[b + 1]);
                } else {
                    for (std::int64_t sl = bin_first_[b]; sl < bin_first_[b + 1]; ++sl) {
                        double* sum = sums.data() + local_[static_cast<std::size_t>(sl)] * 8;
                        for (int k = 0; k < M; ++k) {
                            const double rk = w[sl * M + k];
                            sum[k] += rk;
                            sum[4 + k] += rk * copy[sl * M + k];
                        }
                    }
                }
                for (int t = t0; t < t1; ++t) {
                    const double a = anchored ? p.actors[static_cast<std::size_t>(t)].stubbornness : 0;
                    for (int k = 0; k < M; ++k)
                        next(t, k) = settled(p, x(t, k), anchor(t, k), a, sums[(t - t0) * 8 + k],
                                             sums[(t - t0) * 8 + 4 + k]);
                }
            }
        });
        const auto s2 = std::chrono::steady_clock::now();
        scatter_s = std::chrono::duration<double>(s1 - s0).count();
        gather_s = std::chrono::duration<double>(s2 - s1).count();
    }

private:
    static void stream(double* d, double v) {
        long long bits;
        std::memcpy(&bits, &v, sizeof bits);
        _mm_stream_si64(reinterpret_cast<long long*>(d), bits);
    }

    // The gather's loop with a slot's issues in one register (three lanes read, the fourth 0).
    __attribute__((target("avx"))) void gather_avx(double* sums, const double* w, const double* copy,
                                                   std::int64_t begin, std::int64_t end) const {
        for (std::int64_t sl = begin; sl < end; ++sl) {
            double* p = sums + local_[static_cast<std::size_t>(sl)] * 8;
            const __m256d r = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(w + sl * M)),
                                                   _mm_load_sd(w + sl * M + 2), 1);
            const __m256d y = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(copy + sl * M)),
                                                   _mm_load_sd(copy + sl * M + 2), 1);
            _mm256_storeu_pd(p, _mm256_add_pd(_mm256_loadu_pd(p), r));
            _mm256_storeu_pd(p + 4, _mm256_add_pd(_mm256_loadu_pd(p + 4), _mm256_mul_pd(r, y)));
        }
    }

    // round.cpp's settled(): the same operations in the same order.
    static double settled(const Params& p, double xi, double anchor, double a, double total, double sum) {
        if (total <= 0) return xi;
        double value = (1 - a) * (sum / total) + a * anchor;
        if (p.step != 1) value = xi + p.step * (value - xi);
        return std::clamp(value, 0.0, 1.0);
    }

    int n_, bin_targets_, bins_;
    std::vector<std::int64_t> out_first_;  // per source + 1: its out-edges (scatter order)
    std::vector<std::int32_t> dest_;       // per out-edge: its slot in the bins
    std::vector<std::int64_t> bin_first_;  // per bin + 1: its slots
    std::vector<std::uint16_t> local_;     // per slot: its target minus the bin's first
    HugePageBuffer weight_;                // per slot and issue: r
    HugePageBuffer copy_;                  // per slot and issue: the source's y, written by the scatter
    std::vector<double> own_;              // per target and issue: own weight
    tbb::enumerable_thread_specific<std::vector<double>> scratch_;
};

}  // namespace accord::bench
