#include "accord/round.hpp"

#include <algorithm>
#include <cmath>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace accord {

namespace {

struct RoundInputs {
    const Params& p;
    const InfluenceRows& rows;
    PackedRecords& records;  // what a packed round gathers from and writes (unused by direct rows)
    const Positions& x;
    const Positions& y;  // x, or X C^T under coupling
    const Positions& anchor;
    bool bounded;
    bool anchored;
    double radius;
    double step;
    bool avx;  // the packed round's AVX kernel (round.hpp)
    bool far;  // the packed round asks for records far ahead (far_prefetch, round.hpp)
};

// How far ahead a target's loop asks for the positions of a coming edge's source: a big network's
// sources are scattered, and their rows are the round's only reads that are not a stream.
constexpr std::int64_t prefetch_distance = 16;

// The same for the packed round's records below far_prefetch_bytes (round.hpp): at 100,000 actors
// (3.2 MB of records, gathered from the last-level cache) 24 edges ahead took 11% less CPU a run
// than 16 in a spike's alternation, and from 12% less to 4% more in the built binaries' (a small
// gain if any; docs/performance.md "### Gathers asked for further ahead").
constexpr std::int64_t packed_prefetch_distance = 24;

// How far ahead the packed round asks for a source's record when its records are far_prefetch_bytes
// or more (round.hpp), and into the second-level cache: a prefetch into the first level holds one of
// its few miss buffers until the line arrives, so 16 edges ahead kept about 16 gathers in flight, and
// a round of a million actors waited on them (docs/performance.md "### Gathers asked for further ahead").
// The kernels ask in their loops (locality 2 is prefetcht1, 3 prefetcht0), not through a helper: GCC 12
// deems a function that only prefetches free of side effects and deletes its calls (objdump: no
// prefetch left in the kernels).
constexpr std::int64_t far_prefetch_distance = 64;

// A target's value on issue k from its sums (step_dynamics's loop body after the sum), its position
// xi and anchor on the issue, and its stubbornness a. Inline: it runs for every target and issue of
// every round, and a call costs as much as its few operations on a small network.
inline double settled(double step, double xi, double anchor, double a, double total, double sum) {
    // A row of W that sums to 0 keeps its current position (docs/models.md section 2).
    if (total <= 0) return xi;
    double value = (1 - a) * (sum / total) + a * anchor;
    // The speed of persuasion (docs/models.md section 16.2), as in step_dynamics.
    if (step != 1) value = xi + step * (value - xi);
    return std::clamp(value, 0.0, 1.0);
}

inline double settled(const RoundInputs& in, double xi, double anchor, double a, double total, double sum) {
    return settled(in.step, xi, anchor, a, total, sum);
}

// Below this many edges the round's sources fit the caches and prefetching them only costs
// instructions (a small network's round is a few hundred of them).
constexpr std::int64_t prefetch_edges = 1 << 12;

// The raw arrays both kernels of direct rows read (the positions are row-major n x M).
static_assert(Positions::IsRowMajor);
struct DirectArrays {
    DirectArrays(const RoundInputs& in, Positions& next)
        : edges(in.rows.edges()), source(in.rows.sources()), weight(in.rows.weights()),
          own_weight(in.rows.own_weights()), x(in.x.data()), y(in.y.data()), anchor(in.anchor.data()),
          out(next.data()) {}
    std::int64_t edges;
    const int* source;
    const double* weight;
    const double* own_weight;
    const double* x;
    const double* y;
    const double* anchor;
    double* out;
};

// Targets [begin, end) of the round: step_dynamics's loop body, reading the rows instead, for M
// issues known at compile time (1 to 4). The edges are the outer loop and every issue's sums advance
// together, reading a source's positions once; each (i, k) still adds its sources in increasing
// order, so the sums are the same. Bounded (bounded confidence) and Prefetch are template
// parameters, as in step_packed: a runtime flag costs a test per edge and issue, and a small
// network's round is nothing but these loops. Raw arrays (the positions are row-major n x M).
template <int M, bool Bounded, bool Prefetch>
void step_targets_fixed(const RoundInputs& in, Positions& next, int begin, int end) {
    const auto [edges, source, weight, own_weight, x, y, anchor, out] = DirectArrays(in, next);
    const double radius = in.radius, step = in.step;
    for (int i = begin; i < end; ++i) {
        const double a = in.anchored ? in.p.actors[static_cast<std::size_t>(i)].stubbornness : 0;
        const std::int64_t first = in.rows.first(i), last = in.rows.first(i + 1);
        const std::int64_t row = static_cast<std::int64_t>(i) * M;
        double total[M], sum[M];
        for (int k = 0; k < M; ++k) {
            total[k] = own_weight[row + k];
            sum[k] = total[k] * y[row + k];
        }
        for (std::int64_t e = first; e < last; ++e) {
            if (Prefetch && e + prefetch_distance < edges)
                __builtin_prefetch(y + source[e + prefetch_distance] * M);
            const std::int64_t j = source[e];
            for (int k = 0; k < M; ++k) {
                if (Bounded && std::abs(x[j * M + k] - x[row + k]) > radius) continue;
                const double r = weight[e * M + k];
                total[k] += r;
                sum[k] += r * y[j * M + k];
            }
        }
        for (int k = 0; k < M; ++k) out[row + k] = settled(step, x[row + k], anchor[row + k], a, total[k], sum[k]);
    }
}

// Target i's value on issue k, into next.
void settle(const RoundInputs& in, Positions& next, int i, int k, double a, double total, double sum) {
    next(i, k) = settled(in, in.x(i, k), in.anchor(i, k), a, total, sum);
}

// Targets [begin, end) of the round for any number of issues, one issue at a time
// (step_targets_fixed serves one to four).
void step_targets_any(const RoundInputs& in, Positions& next, int begin, int end) {
    const int m = static_cast<int>(in.x.cols());
    for (int i = begin; i < end; ++i) {
        const double a = in.anchored ? in.p.actors[static_cast<std::size_t>(i)].stubbornness : 0;
        const std::int64_t first = in.rows.first(i), last = in.rows.first(i + 1);
        for (int k = 0; k < m; ++k) {
            double total = in.rows.own_weight(i, k);
            double sum = total * in.y(i, k);
            for (std::int64_t e = first; e < last; ++e) {
                const int j = in.rows.source(e);
                if (in.bounded && std::abs(in.x(j, k) - in.x(i, k)) > in.radius) continue;
                const double r = in.rows.weight(e, k);
                total += r;
                sum += r * in.y(j, k);
            }
            settle(in, next, i, k, a, total, sum);
        }
    }
}

// Where the packed round reads a target's anchors and writes its results: by slot t at t * M, in the
// records' slot-order arrays when renumbered (anchors(), results()), else in the actor-order matrices
// themselves (slot t is actor t; the matrices are row-major n x M); with the step and x_offset(),
// taken once per call of a kernel. Choosing the layout per target (actor(t), renumbered()) cost the
// AVX round at 100,000 actors 11% to 16% more CPU than a kernel for the one case (docs/performance.md
// "### A leaner packed round").
struct PackedSettle {
    PackedSettle(const RoundInputs& in, Positions& next)
        : anchor(in.rows.renumbered() ? in.records.anchors() : in.anchor.data()),
          out(in.rows.renumbered() ? in.records.results() : next.data()), x_offset(in.records.x_offset()),
          step(in.step), anchored(in.anchored) {}
    const double* anchor;
    double* out;
    int x_offset;
    double step;
    bool anchored;
};

// Target t's results from its sums (packed rows), into slot order when renumbered, else into next.
template <int M>
void settle_packed(const PackedSettle& at, int t, double a, const double* own, const double* total, const double* sum) {
    const std::int64_t row = static_cast<std::int64_t>(t) * M;
    for (int k = 0; k < M; ++k)
        at.out[row + k] = settled(at.step, own[at.x_offset + k], at.anchor[row + k], a, total[k], sum[k]);
}

// The targets of slots [begin, end) of packed rows (influence_rows.hpp): step_targets<M> reading
// the sources' records by slot instead of the positions by actor, the same values in the same order.
// Bounded (bounded confidence) is a template parameter: tested per edge and issue, a runtime flag
// costs a branch in the innermost loop. With source ranges, this is the pass over range `range`:
// the first starts the sums, the last settles them, and between passes they wait in the records'
// partials(); a target with no edge from a middle range is skipped. Ranged is a template parameter
// so that the round of one range compiles to the loop without the passes (they cost 8% more
// instructions there, measured by callgrind).
template <int M, bool Bounded, bool Ranged, bool Far>
void step_packed(const RoundInputs& in, Positions& next, int begin, int end, int range) {
    const int* source = in.rows.sources();
    const double* weight = in.rows.weights();
    const double* records = in.records.records();
    const std::int64_t stride = in.records.stride();
    const int xo = in.records.x_offset();
    const std::int64_t edges = in.rows.edges();
    constexpr std::int64_t ahead = Far ? far_prefetch_distance : packed_prefetch_distance;
    const PackedSettle settle(in, next);
    if constexpr (!Ranged) range = 0;
    const bool first_pass = !Ranged || range == 0, last_pass = !Ranged || range == in.rows.ranges() - 1;
    for (int t = begin; t < end; ++t) {
        const std::int64_t first = in.rows.first(range, t), last = in.rows.first(range, t + 1);
        if (!first_pass && !last_pass && first == last) continue;
        const double* own = records + t * stride;
        double* partial =
            Ranged ? in.records.partials() + static_cast<std::int64_t>(t) * PackedRecords::partial_stride : nullptr;
        double total[M], sum[M];
        for (int k = 0; k < M; ++k) {
            total[k] = first_pass ? in.rows.own_weight(t, k) : partial[k];
            sum[k] = first_pass ? total[k] * own[k] : partial[4 + k];
        }
        for (std::int64_t e = first; e < last; ++e) {
            if (e + ahead < edges) __builtin_prefetch(records + source[e + ahead] * stride, 0, Far ? 2 : 3);
            const double* record = records + source[e] * stride;
            for (int k = 0; k < M; ++k) {
                if (Bounded && std::abs(record[xo + k] - own[xo + k]) > in.radius) continue;
                const double r = weight[e * M + k];
                total[k] += r;
                sum[k] += r * record[k];
            }
        }
        if (last_pass) {
            settle_packed<M>(settle, t, settle.anchored ? in.rows.stubbornness(t) : 0, own, total, sum);
        } else {
            for (int k = 0; k < M; ++k) {
                partial[k] = total[k];
                partial[4 + k] = sum[k];
            }
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
// Three or four doubles from p, the fourth lane 0 at three (read lane by lane: measured faster here than
// AVX's masked load, and nothing is read past p[M - 1]).
template <int M>
__attribute__((target("avx"))) inline __m256d load_issues(const double* p) {
    if constexpr (M == 4) return _mm256_loadu_pd(p);
    return _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(p)), _mm_load_sd(p + 2), 1);
}

// The first M lanes of v into p[0..M-1], lane by lane as load_issues reads them: no masked
// instruction, and nothing written past p[M - 1].
template <int M>
__attribute__((target("avx"), always_inline)) inline void store_issues(double* p, __m256d v) {
    alignas(32) double values[4];
    _mm256_store_pd(values, v);
    for (int k = 0; k < M; ++k) p[k] = values[k];
}

// Lane by lane `mask ? a : b`, exact bits. Bitwise: GCC 12 turns _mm256_blendv_pd of a comparison
// into a branch per lane.
__attribute__((target("avx"))) inline __m256d select(__m256d mask, __m256d a, __m256d b) {
    return _mm256_or_pd(_mm256_and_pd(mask, a), _mm256_andnot_pd(mask, b));
}

// One edge's weights r and source positions y added to a target's sums, every issue in its lane: the
// scalar loop's `total += r; sum += r * y` (no fused multiply-add).
__attribute__((target("avx"), always_inline)) inline void add_edge(__m256d r, __m256d y, __m256d& total, __m256d& sum) {
    total = _mm256_add_pd(total, r);
    sum = _mm256_add_pd(sum, _mm256_mul_pd(r, y));
}

// The same under bounded confidence: kept where !(|x_j - x_i| > radius), as the scalar loop's `continue`.
__attribute__((target("avx"), always_inline)) inline void add_edge_bounded(__m256d r, __m256d y, __m256d xj, __m256d own_x,
                                                                         __m256d radius, __m256d sign, __m256d& total,
                                                                         __m256d& sum) {
    const __m256d keep = _mm256_cmp_pd(_mm256_andnot_pd(sign, _mm256_sub_pd(xj, own_x)), radius, _CMP_NGT_UQ);
    total = select(keep, _mm256_add_pd(total, r), total);
    sum = select(keep, _mm256_add_pd(sum, _mm256_mul_pd(r, y)), sum);
}

// settled() lane by lane: the values of a target's issues from their sums, positions xi and anchors.
// std::clamp(v, 0, 1) is v < 0 ? 0 : 1 < v ? 1 : v, which max(0, v) then min(1, .) give exactly (the
// instructions return their second operand on a NaN, and v on -0).
__attribute__((target("avx"), always_inline)) inline __m256d settled_avx(double step, double a, __m256d xi,
                                                                         __m256d anchor, __m256d total, __m256d sum) {
    __m256d value = _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(1 - a), _mm256_div_pd(sum, total)),
                                  _mm256_mul_pd(_mm256_set1_pd(a), anchor));
    if (step != 1) value = _mm256_add_pd(xi, _mm256_mul_pd(_mm256_set1_pd(step), _mm256_sub_pd(value, xi)));
    value = _mm256_min_pd(_mm256_set1_pd(1.0), _mm256_max_pd(_mm256_setzero_pd(), value));
    // A row of W that sums to 0 keeps its current position.
    return select(_mm256_cmp_pd(total, _mm256_setzero_pd(), _CMP_LE_OQ), xi, value);
}

// settle_packed<M> with the issues in the lanes of a register (settled_avx).
template <int M>
__attribute__((target("avx"), always_inline)) inline void settle_packed_avx(const PackedSettle& at, int t, double a,
                                                                            const double* own, __m256d total,
                                                                            __m256d sum) {
    const std::int64_t row = static_cast<std::int64_t>(t) * M;
    const __m256d xi = _mm256_loadu_pd(own + at.x_offset);
    store_issues<M>(at.out + row, settled_avx(at.step, a, xi, load_issues<M>(at.anchor + row), total, sum));
}

// step_packed<M, Bounded> for three or four issues with AVX: an edge's issues in the lanes of one
// 4-wide register, each lane the scalar loop's operations on its issue in the same order (an add is
// an add, a multiply a multiply: no fused multiply-add, which rounds once instead of twice). At three
// issues the anchors are read by load_issues (the fourth lane 0, nothing read past an array; AVX's
// masked load made the round twice as slow at 100,000 actors), the weights and own weights as four
// doubles (inside their InfluenceRows::row_padding, the fourth lane ignored: docs/performance.md
// "### Fewer instructions an edge"); a record's fourth double is read (inside its stride of 4 or 8,
// its padding zeroed by pack) and its lane ignored.
// Bounded confidence keeps a lane's old sums where the source is out of reach (a select, not an add
// of 0, which would turn a sum of -0 into +0). Source ranges as in step_packed: the partial sums
// stored and loaded again between passes are the same doubles, every lane.
template <int M, bool Bounded, bool Ranged, bool Far>
__attribute__((target("avx"))) void step_packed_avx(const RoundInputs& in, Positions& next, int begin, int end,
                                                    int range) {
    static_assert(M == 3 || M == 4);
    const int* source = in.rows.sources();
    const double* weight = in.rows.weights();
    const double* own_weight = in.rows.own_weights();
    const double* records = in.records.records();
    const std::int64_t stride = in.records.stride();
    const int xo = in.records.x_offset();
    const std::int64_t edges = in.rows.edges();
    constexpr std::int64_t ahead = Far ? far_prefetch_distance : packed_prefetch_distance;
    const __m256d radius = _mm256_set1_pd(in.radius);
    const __m256d sign = _mm256_set1_pd(-0.0);
    const PackedSettle settle(in, next);
    if constexpr (!Ranged) range = 0;
    const bool first_pass = !Ranged || range == 0, last_pass = !Ranged || range == in.rows.ranges() - 1;
    for (int t = begin; t < end; ++t) {
        const std::int64_t first = in.rows.first(range, t), last = in.rows.first(range, t + 1);
        if (!first_pass && !last_pass && first == last) continue;
        const double* own = records + t * stride;
        double* partial =
            Ranged ? in.records.partials() + static_cast<std::int64_t>(t) * PackedRecords::partial_stride : nullptr;
        __m256d total, sum;
        if (first_pass) {
            total = _mm256_loadu_pd(own_weight + static_cast<std::int64_t>(t) * M);
            sum = _mm256_mul_pd(total, _mm256_loadu_pd(own));
        } else {
            total = _mm256_load_pd(partial);
            sum = _mm256_load_pd(partial + 4);
        }
        const __m256d own_x = _mm256_loadu_pd(own + xo);
        for (std::int64_t e = first; e < last; ++e) {
            if (e + ahead < edges) __builtin_prefetch(records + source[e + ahead] * stride, 0, Far ? 2 : 3);
            const double* record = records + source[e] * stride;
            const __m256d r = _mm256_loadu_pd(weight + e * M);
            const __m256d y = _mm256_loadu_pd(record);
            if constexpr (Bounded)
                add_edge_bounded(r, y, _mm256_loadu_pd(record + xo), own_x, radius, sign, total, sum);
            else
                add_edge(r, y, total, sum);
        }
        if (last_pass) {
            settle_packed_avx<M>(settle, t, settle.anchored ? in.rows.stubbornness(t) : 0, own, total, sum);
        } else {
            // Streaming stores: the line goes to memory without displacing the range's records.
            _mm256_stream_pd(partial, total);
            _mm256_stream_pd(partial + 4, sum);
        }
    }
    // Streaming stores are ordered only by a fence: before another thread's pass reads them.
    if (Ranged && !last_pass) _mm_sfence();
}

// One run of a pair (step_round_pair): where its anchors are read and its results written (its
// actor-order matrices: the rows are in actor order), its step and its radius of bounded confidence.
struct PairRun {
    const double* anchor;
    double* out;
    double step;
    double radius;
};

struct PairInputs {
    const InfluenceRows& rows;
    const double* records;  // per slot, run a's positions at 0 and run b's at 4 (PackedRecords::pack_pair)
    bool bounded;
    bool anchored;
    bool far;
    PairRun run[2];
};

// step_packed_avx<M, Bounded, false, Far> for two runs at once: per edge one load of its weights and
// one gather of its source's line, which holds both runs' positions; each run's sums take the same
// operations in the same order as in step_packed_avx, so the bits are each run's own. Without
// bounded confidence both runs' totals are the same sums of the same weights, added once.
template <int M, bool Bounded, bool Far>
__attribute__((target("avx"))) void step_pair_avx(const PairInputs& in, int begin, int end) {
    static_assert(M == 3 || M == 4);
    constexpr std::int64_t stride = 8;
    const int* source = in.rows.sources();
    const double* weight = in.rows.weights();
    const double* own_weight = in.rows.own_weights();
    const double* records = in.records;
    const std::int64_t edges = in.rows.edges();
    constexpr std::int64_t ahead = Far ? far_prefetch_distance : packed_prefetch_distance;
    const __m256d radius_a = _mm256_set1_pd(in.run[0].radius), radius_b = _mm256_set1_pd(in.run[1].radius);
    const __m256d sign = _mm256_set1_pd(-0.0);
    for (int t = begin; t < end; ++t) {
        const std::int64_t first = in.rows.first(t), last = in.rows.first(t + 1);
        const double* own = records + t * stride;
        const __m256d own_a = _mm256_loadu_pd(own), own_b = _mm256_loadu_pd(own + 4);
        __m256d total_a = _mm256_loadu_pd(own_weight + static_cast<std::int64_t>(t) * M);
        __m256d total_b = total_a;
        __m256d sum_a = _mm256_mul_pd(total_a, own_a), sum_b = _mm256_mul_pd(total_b, own_b);
        for (std::int64_t e = first; e < last; ++e) {
            if (e + ahead < edges) __builtin_prefetch(records + source[e + ahead] * stride, 0, Far ? 2 : 3);
            const double* record = records + source[e] * stride;
            const __m256d r = _mm256_loadu_pd(weight + e * M);
            const __m256d y_a = _mm256_loadu_pd(record), y_b = _mm256_loadu_pd(record + 4);
            if constexpr (Bounded) {
                add_edge_bounded(r, y_a, y_a, own_a, radius_a, sign, total_a, sum_a);
                add_edge_bounded(r, y_b, y_b, own_b, radius_b, sign, total_b, sum_b);
            } else {
                add_edge(r, y_a, total_a, sum_a);
                sum_b = _mm256_add_pd(sum_b, _mm256_mul_pd(r, y_b));
            }
        }
        if constexpr (!Bounded) total_b = total_a;
        const double a = in.anchored ? in.rows.stubbornness(t) : 0;
        const std::int64_t row = static_cast<std::int64_t>(t) * M;
        // Each run settled as settle_packed_avx settles it, with its own step and anchors.
        const PairRun &run_a = in.run[0], &run_b = in.run[1];
        store_issues<M>(run_a.out + row,
                        settled_avx(run_a.step, a, own_a, load_issues<M>(run_a.anchor + row), total_a, sum_a));
        store_issues<M>(run_b.out + row,
                        settled_avx(run_b.step, a, own_b, load_issues<M>(run_b.anchor + row), total_b, sum_b));
    }
}

// A row of M issues as a register: four doubles read at once (the fourth lane whatever follows the
// row) when Wide, else load_issues.
template <int M, bool Wide>
__attribute__((target("avx"), always_inline)) inline __m256d load_row(const double* p) {
    if constexpr (Wide) return _mm256_loadu_pd(p);
    return load_issues<M>(p);
}

// An edge e from the source whose row starts at j, added to a target's sums (step_targets_avx).
template <int M, bool Bounded, bool Wide>
__attribute__((target("avx"), always_inline)) inline void add_direct_edge(const double* weight, const double* x,
                                                                          const double* y, std::int64_t e,
                                                                          std::int64_t j, __m256d own_x,
                                                                          __m256d radius, __m256d sign,
                                                                          __m256d& total, __m256d& sum) {
    const __m256d r = _mm256_loadu_pd(weight + e * M);
    if constexpr (Bounded)
        add_edge_bounded(r, load_row<M, Wide>(y + j), load_row<M, Wide>(x + j), own_x, radius, sign, total, sum);
    else
        add_edge(r, load_row<M, Wide>(y + j), total, sum);
}

// step_targets_fixed<M, Bounded, Prefetch> for three or four issues with AVX, on direct rows: a
// target's issues in the lanes of one register, each lane the scalar loop's operations on its issue
// in the same order (no fused multiply-add), as step_packed_avx on packed records, here reading the
// sources' rows of y and x in place, and settled_avx as the packed round settles. A quarter fewer
// instructions per round of a small network (2,090 to 1,510 in the 13-actor reference scenario of
// tests/data/legacy, callgrind). At three issues a row is read as four doubles, one load where
// load_issues takes three instructions (docs/performance.md "### Fewer instructions an edge"): the
// fourth lane holds the next row's first double and is never stored, so its value does not matter.
// The weights end with InfluenceRows::row_padding zeros; the positions do not, so the last actor's
// row is read by load_issues, as a target and as a source: a row's sources increase, so only its last
// edges can come from the last actor (only the last one, as the loader refuses an edge given twice).
template <int M, bool Bounded, bool Prefetch>
__attribute__((target("avx"))) void step_targets_avx(const RoundInputs& in, Positions& next, int begin, int end) {
    static_assert(M == 3 || M == 4);
    const auto [edges, source, weight, own_weight, x, y, anchor, out] = DirectArrays(in, next);
    const __m256d radius = _mm256_set1_pd(in.radius);
    const __m256d sign = _mm256_set1_pd(-0.0);
    // Loop invariants in locals: read through `in` they are read again per target (a store through
    // out may alias RoundInputs' doubles).
    const double step = in.step;
    const bool anchored = in.anchored;
    const auto* actors = in.p.actors.data();
    const int last_actor = static_cast<int>(in.x.rows()) - 1;
    for (int i = begin; i < end; ++i) {
        const double a = anchored ? actors[i].stubbornness : 0;
        const std::int64_t first = in.rows.first(i), last = in.rows.first(i + 1);
        const std::int64_t row = static_cast<std::int64_t>(i) * M;
        __m256d total = _mm256_loadu_pd(own_weight + row);
        const bool wide_row = M == 4 || i < last_actor;
        const __m256d own_y = wide_row ? load_row<M, true>(y + row) : load_row<M, false>(y + row);
        const __m256d own_x = x == y ? own_y : wide_row ? load_row<M, true>(x + row) : load_row<M, false>(x + row);
        __m256d sum = _mm256_mul_pd(total, own_y);
        // The edges read wide: all but the last ones from the last actor.
        std::int64_t wide_end = last;
        if constexpr (M == 3)
            while (wide_end > first && source[wide_end - 1] == last_actor) --wide_end;
        for (std::int64_t e = first; e < wide_end; ++e) {
            if (Prefetch && e + prefetch_distance < edges)
                __builtin_prefetch(y + static_cast<std::int64_t>(source[e + prefetch_distance]) * M);
            add_direct_edge<M, Bounded, true>(weight, x, y, e, static_cast<std::int64_t>(source[e]) * M, own_x, radius,
                                              sign, total, sum);
        }
        for (std::int64_t e = wide_end; e < last; ++e)
            add_direct_edge<M, Bounded, false>(weight, x, y, e, static_cast<std::int64_t>(last_actor) * M, own_x, radius,
                                               sign, total, sum);
        store_issues<M>(out + row, settled_avx(step, a, own_x, load_issues<M>(anchor + row), total, sum));
    }
}
#endif

// The direct rows' round of targets [begin, end) with M issues (0: any number), with the kernel
// asked for (round.hpp: AVX at three and four issues unless the scalar one is asked for).
template <int M>
void step_targets(const RoundInputs& in, Positions& next, int begin, int end) {
    if constexpr (M == 0) {
        step_targets_any(in, next, begin, end);
    } else {
        const bool prefetch = in.rows.edges() >= prefetch_edges;
#if defined(__x86_64__) || defined(__i386__)
        if constexpr (M >= 3) {
            if (in.avx) {
                if (in.bounded)
                    return prefetch ? step_targets_avx<M, true, true>(in, next, begin, end)
                                    : step_targets_avx<M, true, false>(in, next, begin, end);
                return prefetch ? step_targets_avx<M, false, true>(in, next, begin, end)
                                : step_targets_avx<M, false, false>(in, next, begin, end);
            }
        }
#endif
        if (in.bounded)
            return prefetch ? step_targets_fixed<M, true, true>(in, next, begin, end)
                            : step_targets_fixed<M, true, false>(in, next, begin, end);
        prefetch ? step_targets_fixed<M, false, true>(in, next, begin, end)
                 : step_targets_fixed<M, false, false>(in, next, begin, end);
    }
}

// Calls f.template operator()<...>() with each bool after f as a template argument, in order.
template <bool... Done, class F>
void with_flags(F&& f) {
    f.template operator()<Done...>();
}
template <bool... Done, class F, class... Rest>
void with_flags(F&& f, bool flag, Rest... rest) {
    if (flag) return with_flags<Done..., true>(f, rest...);
    with_flags<Done..., false>(f, rest...);
}

// The packed round of targets [begin, end), the pass over source range `range`, with the kernel
// asked for (round.hpp).
template <int M>
void step_packed_kernel(const RoundInputs& in, Positions& next, int begin, int end, int range) {
    const bool avx = M >= 3 && in.avx;
    with_flags(
        [&]<bool Avx, bool Bounded, bool Ranged, bool Far>() {
#if defined(__x86_64__) || defined(__i386__)
            if constexpr (Avx && M >= 3) return step_packed_avx<M, Bounded, Ranged, Far>(in, next, begin, end, range);
#endif
            step_packed<M, Bounded, Ranged, Far>(in, next, begin, end, range);
        },
        avx, in.bounded, in.rows.ranges() > 1, in.far);
}

// Calls f.template operator()<M>() with M the number of issues from one to four, else M = 0.
template <class F>
void by_issues(long issues, F&& f) {
    switch (issues) {
        case 1:
            return f.template operator()<1>();
        case 2:
            return f.template operator()<2>();
        case 3:
            return f.template operator()<3>();
        case 4:
            return f.template operator()<4>();
        default:
            return f.template operator()<0>();
    }
}

// The targets [begin, end), by the number of issues and the rows' layout (packed rows have one to
// four issues, influence_rows.cpp), in the pass over source range `range` (direct rows have one).
void step_range(const RoundInputs& in, Positions& next, int begin, int end, int range) {
    by_issues(in.x.cols(), [&]<int M>() {
        if constexpr (M > 0) {
            if (in.rows.packed()) return step_packed_kernel<M>(in, next, begin, end, range);
        }
        step_targets<M>(in, next, begin, end);
    });
}

// The pair's round of targets [begin, end) (step_round_pair; round_pairs holds).
void step_pair_range(const PairInputs& in, int begin, int end) {
#if defined(__x86_64__) || defined(__i386__)
    by_issues(in.rows.issues(), [&]<int M>() {
        if constexpr (M == 3 || M == 4) {
            with_flags([&]<bool Bounded, bool Far>() { step_pair_avx<M, Bounded, Far>(in, begin, end); },
                       in.bounded, in.far);
        }
    });
#else
    (void)in;
    (void)begin;
    (void)end;
#endif
}

// Calls f(begin, end) over the targets [0, n): at once below parallel_round_work (a round's work,
// (actors + edges) x issues), else split across threads by parallel_round_grain. Isolated: a thread
// waiting here takes no other run's task (its buffers are in use, run.cpp).
template <class F>
void for_targets(int n, long work, F&& f) {
    if (work < parallel_round_work) return f(0, n);
    tbb::this_task_arena::isolate([&] {
        tbb::parallel_for(tbb::blocked_range<int>(0, n, parallel_round_grain),
                          [&](const tbb::blocked_range<int>& targets) { f(targets.begin(), targets.end()); });
    });
}

// The reach of bounded confidence: a source within the radius counts, ties included (as step_dynamics).
double bounded_radius(const Params& p) { return p.confidence + 1e-12; }

}  // namespace

int rounds_at_once() {
    const std::size_t limit = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    const auto arena = static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
    return static_cast<int>(std::min(limit, arena));
}

bool far_prefetch(const PackedRecords& records, int at_once) {
    return records.bytes() * std::max(1, at_once) >= far_prefetch_bytes;
}

bool avx_available() {
#if defined(__x86_64__) || defined(__i386__)
    static const bool available = __builtin_cpu_supports("avx");
    return available;
#else
    return false;
#endif
}

void step_round(const Scenario& s, const Params& p, const InfluenceRows& rows, PackedRecords& records,
                const Positions& x, const Positions& anchor, Positions& next, Positions& coupled, RoundKernel kernel,
                int at_once) {
    const Positions* y = &x;
    if (s.model.coupling) {
        coupled.resize(x.rows(), x.cols());
        coupled.noalias() = x * s.model.coupling->transpose();
        y = &coupled;
    }
    // Packing splits its copies across threads: isolated as the round is (below). Before the inputs:
    // it sets the records' stride, which far_prefetch reads.
    if (rows.packed()) tbb::this_task_arena::isolate([&] { records.pack(rows, *y, x, anchor); });
    const RoundInputs in{p,
                         rows,
                         records,
                         x,
                         *y,
                         anchor,
                         s.model.dynamics == Dynamics::bounded_confidence,
                         s.model.dynamics != Dynamics::degroot,
                         bounded_radius(p),
                         p.step,
                         kernel != RoundKernel::scalar && avx_available(),
                         rows.packed() && far_prefetch(records, at_once)};
    const int n = static_cast<int>(x.rows());
    const long work = (static_cast<long>(n) + rows.edges()) * x.cols();
    // One pass per source range (one in all but big packed networks, influence_rows.hpp), all threads
    // on the same range: its records are what the pass gathers from.
    for (int range = 0; range < rows.ranges(); ++range)
        for_targets(n, work, [&](int begin, int end) { step_range(in, next, begin, end, range); });
    if (rows.packed()) tbb::this_task_arena::isolate([&] { records.unpack(rows, next); });
}

bool round_pairs(const Scenario& s, const InfluenceRows& rows, RoundKernel kernel) {
    return rows.packed() && !rows.renumbered() && rows.ranges() == 1 && (rows.issues() == 3 || rows.issues() == 4) &&
           !s.model.coupling && kernel != RoundKernel::scalar && avx_available();
}

void step_round_pair(const Scenario& s, const InfluenceRows& rows, PackedRecords& records, const PairedRound& a,
                     const PairedRound& b, int at_once) {
    tbb::this_task_arena::isolate([&] { records.pack_pair(rows, a.x, b.x); });
    const auto run = [](const PairedRound& r) {
        return PairRun{r.anchor.data(), r.next.data(), r.params.step, bounded_radius(r.params)};
    };
    const PairInputs in{rows,
                        records.records(),
                        s.model.dynamics == Dynamics::bounded_confidence,
                        s.model.dynamics != Dynamics::degroot,
                        far_prefetch(records, at_once),
                        {run(a), run(b)}};
    const int n = rows.actors();
    const long work = (static_cast<long>(n) + rows.edges()) * rows.issues();
    for_targets(n, work, [&](int begin, int end) { step_pair_range(in, begin, end); });
}

}  // namespace accord
