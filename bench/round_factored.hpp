// A spike (issue 13, docs/performance.md "### Factored rows: measured, not kept"): the packed round of three issues with
// per edge only w_ji (one double) in the rows, and the source's factors f_jk in its packed record next
// to its positions (a record: 3 positions, padding, 3 factors, padding: 8 doubles, one 64-byte line,
// the line a gather fetches anyway). The edge loop computes r_jik = w_ji * f_jk, the one multiply
// InfluenceRows::build does (`weight = e.weight * from[k]`), so every bit stays: then
// `total += r; sum += r * y` as step_packed_avx. Rows stream 12 bytes an edge instead of 28.
// Measured slower than today's round (the records double; the gathers, not the stream, are what the
// round waits for), so not in the engine. For the benchmark only: random network (actor-order packed rows, one source range), no bounded
// confidence, no coupling, AVX.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include <immintrin.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "accord/blocked_permutation.hpp"
#include "accord/dynamics.hpp"
#include "accord/huge_pages.hpp"
#include "accord/influence.hpp"
#include "accord/influence_rows.hpp"
#include "accord/scenario.hpp"

namespace accord::bench {

class FactoredRound {
public:
    static constexpr int M = 3;
    static constexpr int factor_at = 4;  // where a record's factors start

    // The variant: `factored` (w per edge, factors in records of 8 doubles); two controls reading
    // today's rows (r_jik per edge and issue): `wide` with records of 8 doubles (what the bigger
    // records alone cost), `today` with today's records of 4 (this code against step_round's).
    enum class Variant { factored, wide, today };

    // From packed rows in actor order (not renumbered, one range) of `p`: each edge's w_ji found
    // among p.edges by its two ends, each actor's factors written into its record once.
    FactoredRound(const Scenario& s, const Params& p, const InfluenceRows& rows, Variant variant)
        : rows_(rows), variant_(variant), stride(variant == Variant::today ? 4 : 8) {
        if (!rows.packed() || rows.renumbered() || rows.ranges() != 1 || rows.issues() != M)
            throw std::invalid_argument("FactoredRound: packed actor-order rows of three issues");
        const int n = rows.actors();
        // The scenario's edges by target (a counting sort), to find each row edge's weight.
        std::vector<std::int64_t> first(static_cast<std::size_t>(n) + 1, 0);
        for (const Edge& e : p.edges) ++first[static_cast<std::size_t>(e.to) + 1];
        for (int i = 0; i < n; ++i) first[static_cast<std::size_t>(i) + 1] += first[static_cast<std::size_t>(i)];
        std::vector<std::int64_t> cursor(first.begin(), first.end() - 1);
        std::vector<int> by_target(p.edges.size());
        for (std::size_t e = 0; e < p.edges.size(); ++e)
            by_target[static_cast<std::size_t>(cursor[static_cast<std::size_t>(p.edges[e].to)]++)] = static_cast<int>(e);
        w_.resize(static_cast<std::size_t>(rows.edges()));
        for (int t = 0; t < n; ++t)
            for (std::int64_t e = rows.first(t); e < rows.first(t + 1); ++e) {
                const int j = rows.source(e);
                for (std::int64_t c = first[static_cast<std::size_t>(t)]; c < first[static_cast<std::size_t>(t) + 1]; ++c) {
                    const Edge& edge = p.edges[static_cast<std::size_t>(by_target[static_cast<std::size_t>(c)])];
                    if (edge.from == j && edge.weight > 0) w_[static_cast<std::size_t>(e)] = edge.weight;
                }
            }
        records_.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(stride));
        std::fill_n(records_.data(), records_.capacity(), 0.0);
        stubbornness_.resize(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) stubbornness_[static_cast<std::size_t>(i)] = p.actors[static_cast<std::size_t>(i)].stubbornness;
        for (int i = 0; i < n && variant == Variant::factored; ++i)
            for (int k = 0; k < M; ++k)
                records_.data()[static_cast<std::size_t>(i) * 8 + factor_at + static_cast<std::size_t>(k)] =
                    influence_factor(s.model.weighting, p.actors[static_cast<std::size_t>(i)], k);
    }

    // The bytes a round reads besides the positions: offsets, sources, w (r under `wide`), own
    // weights, and the records.
    std::size_t bytes() const {
        const std::size_t records = static_cast<std::size_t>(rows_.actors()) * static_cast<std::size_t>(stride) * sizeof(double);
        if (variant_ != Variant::factored) return rows_.bytes() + records;
        const auto n = static_cast<std::size_t>(rows_.actors());
        return (n + 1) * sizeof(std::int64_t) + w_.size() * (sizeof(int) + sizeof(double)) +
               n * M * sizeof(double) + records;
    }

    // step_round's packed round (Friedkin-Johnsen or DeGroot, no bounded confidence, no coupling).
    void round(const Scenario& s, const Params& p, const Positions& x, const Positions& anchor, Positions& next) {
        const int n = rows_.actors();
        copy_rows(x.data(), M, records_.data(), stride, nullptr, static_cast<std::size_t>(n), M);
        const bool anchored = s.model.dynamics != Dynamics::degroot;
        tbb::parallel_for(tbb::blocked_range<int>(0, n, 256), [&](const tbb::blocked_range<int>& r) {
            if (variant_ != Variant::factored)
                targets<true>(p, anchored, anchor, next, r.begin(), r.end());
            else
                targets<false>(p, anchored, anchor, next, r.begin(), r.end());
        });
    }

private:
    template <bool Today>
    __attribute__((target("avx"))) void targets(const Params& p, bool anchored, const Positions& anchor,
                                                Positions& next, int begin, int end) const {
        const int* source = rows_.sources();
        const double* w = w_.data();
        const double* weight = rows_.weights();
        const double* own_weight = rows_.own_weights();
        const double* records = records_.data();
        const std::int64_t edges = rows_.edges();
        const std::int64_t stride = this->stride;
        for (int t = begin; t < end; ++t) {
            const std::int64_t first = rows_.first(t), last = rows_.first(t + 1);
            const double* own = records + static_cast<std::int64_t>(t) * stride;
            __m256d total = load3(own_weight + static_cast<std::int64_t>(t) * M);
            __m256d sum = _mm256_mul_pd(total, _mm256_load_pd(own));
            for (std::int64_t e = first; e < last; ++e) {
                if (e + 16 < edges) __builtin_prefetch(records + static_cast<std::int64_t>(source[e + 16]) * stride);
                const double* record = records + static_cast<std::int64_t>(source[e]) * stride;
                const __m256d r = Today ? load3(weight + e * M)
                                       : _mm256_mul_pd(_mm256_set1_pd(w[e]), _mm256_load_pd(record + factor_at));
                total = _mm256_add_pd(total, r);
                sum = _mm256_add_pd(sum, _mm256_mul_pd(r, _mm256_load_pd(record)));
            }
            // settled_avx of round.cpp.
            const double a = anchored ? stubbornness_[static_cast<std::size_t>(t)] : 0;
            const __m256d xi = _mm256_load_pd(own);
            __m256d value = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(1 - a), _mm256_div_pd(sum, total)),
                                          _mm256_mul_pd(_mm256_set1_pd(a), load3(&anchor(t, 0))));
            if (p.step != 1) value = _mm256_add_pd(xi, _mm256_mul_pd(_mm256_set1_pd(p.step), _mm256_sub_pd(value, xi)));
            value = _mm256_min_pd(_mm256_set1_pd(1.0), _mm256_max_pd(_mm256_setzero_pd(), value));
            const __m256d keep = _mm256_cmp_pd(total, _mm256_setzero_pd(), _CMP_LE_OQ);
            value = _mm256_or_pd(_mm256_and_pd(keep, xi), _mm256_andnot_pd(keep, value));
            alignas(32) double values[4];
            _mm256_store_pd(values, value);
            for (int k = 0; k < M; ++k) next(t, k) = values[k];
        }
    }
    __attribute__((target("avx"))) static __m256d load3(const double* q) {
        return _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(q)), _mm_load_sd(q + 2), 1);
    }

    const InfluenceRows& rows_;
    Variant variant_;
    std::vector<double> w_;  // per edge: w_ji
    std::vector<double> stubbornness_;
    HugePageBuffer records_;

public:
    const int stride;  // doubles a record
};

}  // namespace accord::bench
