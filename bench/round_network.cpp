// The round of a big sparse network against the memory bandwidth (issue 13 item 2): one round of
// step_round (sim/engine round.hpp) on a synthetic network held in memory, and a STREAM-like triad
// a = b + s c over arrays holding the same number of bytes the round reads and writes, timed
// alternately in the same benchmark run on the same threads; `ratio` is round time / triad time
// (wall clock), `cpu_ratio` the same in CPU time at one thread, `min_ratio` the fastest round over
// the fastest triad.
// Also the time per run as actors grow (the scaling that finds an O(actors^2) step).
// RoundPropagate: today's round against a propagation-blocked round of the same network (a spike,
// round_propagate.hpp; docs/performance.md "### Propagation blocking"), bits compared, triad alongside.
// The network is random (`communities:0`) or made of communities (`communities:1`), its rows
// packed and renumbered when that helps (`direct:0`) or read in place (`direct:1`, the layout of
// before the packed records; docs/performance.md "## The round"), and the packed round's edges
// added one issue at a time (`avx:0`) or the issues of an edge together in AVX registers when the
// processor has AVX (`avx:1`, what a run does). `range_kb:R` cuts the packed records into source
// ranges of R KiB (`range_kb:0` one range, what a run does; docs/performance.md "### Source ranges").
//   build/bench/bench_round_network --benchmark_filter=RoundVsTriad/actors:1000000
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "accord/influence_rows.hpp"
#include "accord/round.hpp"
#include "accord/run.hpp"
#include "round_factored.hpp"
#include "round_network.hpp"
#include "round_propagate.hpp"

namespace {

using namespace accord;
using Clock = std::chrono::steady_clock;

// This thread's CPU seconds: on a shared machine, with one thread, the time the round itself ran.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// One call of f: its wall-clock seconds and this thread's CPU seconds.
struct Lap {
    double wall, cpu;
};
template <class F>
Lap lap(F&& f) {
    const double c0 = thread_cpu_seconds();
    const auto t0 = Clock::now();
    f();
    const auto t1 = Clock::now();
    return {std::chrono::duration<double>(t1 - t0).count(), thread_cpu_seconds() - c0};
}

// The round's bytes: the rows, and the positions it reads (x, anchor) and writes (next).
std::size_t round_bytes(const InfluenceRows& rows, const Positions& x) {
    return rows.bytes() + 3 * static_cast<std::size_t>(x.size()) * sizeof(double);
}

// STREAM's triad over three arrays, split across threads as the round is.
void triad(std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& c) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, a.size(), 1 << 16),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) a[i] = b[i] + 3.0 * c[i];
                      });
}

void RoundVsTriad(benchmark::State& state) {
    const int actors = static_cast<int>(state.range(0));
    // Both on the same number of threads (range 1).
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(1)));
    // range 2: the network (0 random, 1 communities of 1,000 with 90% of edges inside, shuffled);
    // range 3: the rows' layout (0 packed, renumbered when that helps; 1 direct: positions read
    // where they are).
    const Scenario s = state.range(2) == 0 ? bench::synthetic_network(actors, 10, 3, 10)
                                           : bench::synthetic_communities(actors, 10, 3, 10);
    // range 5: the source ranges in KiB of records (32 bytes a record at three issues), 0 one range.
    const int range_slots = static_cast<int>(state.range(5) * 1024 / 32);
    const auto b0 = Clock::now();
    InfluenceRows rows(s, s.base, state.range(3) == 0 ? RowLayout::communities : RowLayout::direct, range_slots);
    PackedRecords records;
    // range 4: the packed round's kernel (0 scalar, 1 automatic: AVX when the processor has it).
    const RoundKernel kernel = state.range(4) == 0 ? RoundKernel::scalar : RoundKernel::automatic;
    // Building the rows (once per run): the layout's label propagation and renumbering included.
    state.counters["build_ms"] = 1e3 * std::chrono::duration<double>(Clock::now() - b0).count();
    Positions x = initial_positions(s.base, s.issue_count());
    const Positions anchor = x;
    Positions next(x.rows(), x.cols()), coupled;
    const std::size_t bytes = round_bytes(rows, x);
    std::vector<double> a(bytes / 3 / sizeof(double), 0), b(a.size(), 1), c(a.size(), 2);
    double round_s = 0, triad_s = 0, round_cpu = 0, triad_cpu = 0;
    double round_min = 1e300, triad_min = 1e300;
    // One of each untimed first: the first round touches its buffers' pages for the first time.
    step_round(s, s.base, rows, records, x, anchor, next, coupled, kernel);
    triad(a, b, c);
    for (auto _ : state) {
        const Lap r = lap([&] { step_round(s, s.base, rows, records, x, anchor, next, coupled, kernel); });
        const Lap t = lap([&] { triad(a, b, c); });
        round_cpu += r.cpu;
        triad_cpu += t.cpu;
        benchmark::DoNotOptimize(next.data());
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
        const double round = r.wall, stream = t.wall;
        round_s += round;
        triad_s += stream;
        round_min = std::min(round_min, round);
        triad_min = std::min(triad_min, stream);
        state.SetIterationTime(round);
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["edges"] = static_cast<double>(rows.edges());
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["round_GBps"] = static_cast<double>(bytes) * n / round_s / 1e9;
    state.counters["triad_GBps"] = static_cast<double>(bytes) * n / triad_s / 1e9;
    state.counters["ratio"] = round_s / triad_s;
    state.counters["renumbered"] = rows.renumbered() ? 1 : 0;
    state.counters["ranges"] = rows.ranges();
    // The fastest iteration of each (on a shared machine, the one least disturbed), in ms.
    state.counters["round_min_ms"] = 1e3 * round_min;
    state.counters["triad_min_ms"] = 1e3 * triad_min;
    state.counters["min_ratio"] = round_min / triad_min;
    // With one thread, the same ratio in CPU time (immune to the machine's other processes taking
    // the core; with more threads this thread's CPU time is only its share).
    if (state.range(1) == 1) {
        state.counters["cpu_ratio"] = round_cpu / triad_cpu;
        // The round's CPU time, whole and per edge (cycles per edge: times the clock rate).
        state.counters["round_cpu_ms"] = 1e3 * round_cpu / n;
        state.counters["triad_cpu_ms"] = 1e3 * triad_cpu / n;
        state.counters["cpu_ns_per_edge"] = 1e9 * round_cpu / n / static_cast<double>(rows.edges());
    }
    state.counters["avx"] = rows.packed() && kernel != RoundKernel::scalar && avx_available() ? 1 : 0;
}
BENCHMARK(RoundVsTriad)
    ->ArgsProduct({{1000, 100000, 200000, 300000, 1000000}, {1, 2}, {0, 1}, {0, 1}, {0, 1}, {0, 1024, 2048, 4096, 8192, 16384}})
    ->ArgNames({"actors", "threads", "communities", "direct", "avx", "range_kb"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// Two runs' rounds in one pass (step_round_pair, docs/performance.md "### Two runs in one round"): the
// rows packed as a run packs them (no renumbering), two runs' positions (the second the first's
// mirrored, 1 - x), and in every iteration one paired round, the two runs' rounds by step_round one
// after the other, and a triad over one round's bytes (rows, and one run's positions read and
// written), each timed. `pair_ratio`: the paired round over two triads (a run's round against the
// triad of its bytes, as RoundVsTriad's `ratio`); `single_ratio`: the same for the two rounds alone;
// `identical`: 1 when the paired round gave both rounds' bits (checked before timing).
void RoundPairVsTriad(benchmark::State& state) {
    const int actors = static_cast<int>(state.range(0));
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(1)));
    const Scenario s = bench::synthetic_network(actors, 10, 3, 10);
    const InfluenceRows rows(s, s.base, RowLayout::packed);
    PackedRecords records;
    Positions x = initial_positions(s.base, s.issue_count());
    const Positions x2 = (1.0 - x.array()).matrix();
    const Positions anchor = x, anchor2 = x2;
    Positions next(x.rows(), x.cols()), next2 = next, single(x.rows(), x.cols()), single2 = single, coupled;
    step_round(s, s.base, rows, records, x, anchor, single, coupled);
    step_round(s, s.base, rows, records, x2, anchor2, single2, coupled);
    step_round_pair(s, rows, records, {s.base, x, anchor, next}, {s.base, x2, anchor2, next2});
    state.counters["identical"] = round_pairs(s, rows, RoundKernel::automatic) && next == single && next2 == single2;
    const std::size_t bytes = round_bytes(rows, x);
    std::vector<double> a(bytes / 3 / sizeof(double), 0), b(a.size(), 1), c(a.size(), 2);
    triad(a, b, c);
    double pair_s = 0, single_s = 0, triad_s = 0, pair_cpu = 0, single_cpu = 0, triad_cpu = 0;
    for (auto _ : state) {
        const Lap p = lap([&] {
            step_round_pair(s, rows, records, {s.base, x, anchor, next}, {s.base, x2, anchor2, next2});
        });
        const Lap one = lap([&] {
            step_round(s, s.base, rows, records, x, anchor, single, coupled);
            step_round(s, s.base, rows, records, x2, anchor2, single2, coupled);
        });
        const Lap t = lap([&] { triad(a, b, c); });
        benchmark::DoNotOptimize(next.data());
        benchmark::DoNotOptimize(single.data());
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
        pair_s += p.wall;
        single_s += one.wall;
        triad_s += t.wall;
        pair_cpu += p.cpu;
        single_cpu += one.cpu;
        triad_cpu += t.cpu;
        state.SetIterationTime(p.wall);
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["pair_ratio"] = pair_s / (2 * triad_s);
    state.counters["single_ratio"] = single_s / (2 * triad_s);
    if (state.range(1) == 1) {
        state.counters["pair_cpu_ratio"] = pair_cpu / (2 * triad_cpu);
        state.counters["single_cpu_ratio"] = single_cpu / (2 * triad_cpu);
        // CPU ns per edge of one run's round, paired and alone.
        state.counters["pair_ns_per_edge"] = 1e9 * pair_cpu / n / 2 / static_cast<double>(rows.edges());
        state.counters["single_ns_per_edge"] = 1e9 * single_cpu / n / 2 / static_cast<double>(rows.edges());
    }
}
BENCHMARK(RoundPairVsTriad)
    ->ArgsProduct({{100000, 1000000}, {1, 2}})
    ->ArgNames({"actors", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// Propagation blocking (round_propagate.hpp, docs/performance.md "### Propagation blocking: measured"):
// in every iteration today's round (step_round, the rows as a run lays them out), the propagation-
// blocked round of the same network and the triad of RoundVsTriad, alternated, each timed. `bin_kb`:
// a bin's sums in KiB (64 bytes a target). `identical` is 1 when the two rounds gave the same bits
// (checked on every iteration's results); `ratio`/`cpu_ratio` are today's round over the triad,
// `pb_ratio`/`pb_cpu_ratio` the propagation-blocked round's.
void RoundPropagate(benchmark::State& state) {
    const int actors = static_cast<int>(state.range(0));
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(1)));
    const Scenario s = bench::synthetic_network(actors, 10, 3, 10);
    InfluenceRows rows(s, s.base, RowLayout::packed);
    PackedRecords records;
    const int bin_targets = static_cast<int>(state.range(2) * 1024 / 64);
    const auto b0 = Clock::now();
    bench::PropagationBlocked blocked(rows, bin_targets);
    // range 3: the variant (0 plain, 1 non-temporal scatter, 2 AVX gather, 3 both).
    blocked.streaming_stores = (state.range(3) & 1) != 0;
    blocked.avx_gather = (state.range(3) & 2) != 0;
    state.counters["pb_build_ms"] = 1e3 * std::chrono::duration<double>(Clock::now() - b0).count();
    Positions x = initial_positions(s.base, s.issue_count());
    const Positions anchor = x;
    Positions next(x.rows(), x.cols()), next_pb(x.rows(), x.cols()), coupled;
    const std::size_t bytes = round_bytes(rows, x);
    std::vector<double> a(bytes / 3 / sizeof(double), 0), b(a.size(), 1), c(a.size(), 2);
    double today_s = 0, pb_s = 0, triad_s = 0, today_cpu = 0, pb_cpu = 0, triad_cpu = 0;
    double today_min = 1e300, pb_min = 1e300, triad_min = 1e300;
    bool identical = true;
    double scatter_s = 0, gather_s = 0;
    // Untimed first: pages touched once.
    step_round(s, s.base, rows, records, x, anchor, next, coupled);
    blocked.round(s, s.base, x, anchor, next_pb);
    triad(a, b, c);
    for (auto _ : state) {
        const Lap r = lap([&] { step_round(s, s.base, rows, records, x, anchor, next, coupled); });
        const Lap p = lap([&] { blocked.round(s, s.base, x, anchor, next_pb); });
        const Lap t = lap([&] { triad(a, b, c); });
        benchmark::DoNotOptimize(next.data());
        benchmark::DoNotOptimize(next_pb.data());
        benchmark::DoNotOptimize(a.data());
        benchmark::ClobberMemory();
        identical = identical && std::memcmp(next.data(), next_pb.data(), sizeof(double) * next.size()) == 0;
        const double today = r.wall, pb = p.wall, stream = t.wall;
        today_s += today, pb_s += pb, triad_s += stream;
        today_cpu += r.cpu, pb_cpu += p.cpu, triad_cpu += t.cpu;
        today_min = std::min(today_min, today), pb_min = std::min(pb_min, pb), triad_min = std::min(triad_min, stream);
        state.SetIterationTime(pb);
        scatter_s += blocked.scatter_s, gather_s += blocked.gather_s;
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["identical"] = identical ? 1 : 0;
    state.counters["bins"] = blocked.bins();
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["pb_MB"] = static_cast<double>(blocked.bytes()) / 1e6;
    state.counters["ratio"] = today_s / triad_s;
    state.counters["pb_ratio"] = pb_s / triad_s;
    state.counters["min_ratio"] = today_min / triad_min;
    state.counters["pb_min_ratio"] = pb_min / triad_min;
    state.counters["round_ms"] = 1e3 * today_s / n;
    state.counters["pb_ms"] = 1e3 * pb_s / n;
    state.counters["triad_ms"] = 1e3 * triad_s / n;
    state.counters["scatter_ms"] = 1e3 * scatter_s / n;
    state.counters["gather_ms"] = 1e3 * gather_s / n;
    if (state.range(1) == 1) {
        state.counters["cpu_ratio"] = today_cpu / triad_cpu;
        state.counters["pb_cpu_ratio"] = pb_cpu / triad_cpu;
        state.counters["round_cpu_ms"] = 1e3 * today_cpu / n;
        state.counters["pb_cpu_ms"] = 1e3 * pb_cpu / n;
        state.counters["triad_cpu_ms"] = 1e3 * triad_cpu / n;
    }
}
BENCHMARK(RoundPropagate)
    ->ArgsProduct({{100000, 1000000}, {1, 2}, {64, 256, 1024, 4096}, {0, 1, 2, 3}})
    ->ArgNames({"actors", "threads", "bin_kb", "variant"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// Factored rows (a spike, round_factored.hpp; docs/performance.md "### Factored rows: measured, not kept"): in every
// iteration today's packed round (step_round, the rows as a run lays them out at three issues, AVX),
// the factored round of the same network (w per edge, the factors in the records), and for each a
// triad over the bytes that variant reads (its rows, its records, the positions read and written),
// alternated. `identical` is 1 when both rounds gave the same bits on every iteration;
// `cpu_ns_per_edge` / `f_cpu_ns_per_edge` the CPU time per edge of each (one thread). `variant:1` and
// `variant:2` are controls reading today's rows with records of 8 doubles (the bigger records alone)
// and of 4 (the spike's code against step_round's).
void RoundFactored(benchmark::State& state) {
    const int actors = static_cast<int>(state.range(0));
    tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(1)));
    const Scenario s = bench::synthetic_network(actors, 10, 3, 10);
    InfluenceRows rows(s, s.base, RowLayout::packed);
    PackedRecords packed;
    // range 2: the variant (0 factored; controls reading today's rows: 1 records of 8 doubles, 2 of 4).
    bench::FactoredRound factored(s, s.base, rows, static_cast<bench::FactoredRound::Variant>(state.range(2)));
    Positions x = initial_positions(s.base, s.issue_count());
    const Positions anchor = x;
    Positions next(x.rows(), x.cols()), next_f(x.rows(), x.cols()), coupled;
    const std::size_t positions = 3 * static_cast<std::size_t>(x.size()) * sizeof(double);
    const std::size_t records = static_cast<std::size_t>(actors) * 4 * sizeof(double);
    const std::size_t bytes = rows.bytes() + records + positions, f_bytes = factored.bytes() + positions;
    std::vector<double> a(bytes / 3 / sizeof(double), 0), b(a.size(), 1), c(a.size(), 2);
    std::vector<double> fa(f_bytes / 3 / sizeof(double), 0), fb(fa.size(), 1), fc(fa.size(), 2);
    double today_cpu = 0, f_cpu = 0, triad_cpu = 0, f_triad_cpu = 0, today_s = 0, f_s = 0;
    bool identical = true;
    step_round(s, s.base, rows, packed, x, anchor, next, coupled);
    factored.round(s, s.base, x, anchor, next_f);
    triad(a, b, c);
    triad(fa, fb, fc);
    for (auto _ : state) {
        const Lap r = lap([&] { step_round(s, s.base, rows, packed, x, anchor, next, coupled); });
        const Lap t = lap([&] { triad(a, b, c); });
        const Lap f = lap([&] { factored.round(s, s.base, x, anchor, next_f); });
        const Lap ft = lap([&] { triad(fa, fb, fc); });
        benchmark::DoNotOptimize(next.data());
        benchmark::DoNotOptimize(next_f.data());
        benchmark::DoNotOptimize(a.data());
        benchmark::DoNotOptimize(fa.data());
        benchmark::ClobberMemory();
        identical = identical && std::memcmp(next.data(), next_f.data(), sizeof(double) * next.size()) == 0;
        today_cpu += r.cpu, triad_cpu += t.cpu, f_cpu += f.cpu, f_triad_cpu += ft.cpu;
        today_s += r.wall;
        f_s += f.wall;
        state.SetIterationTime(f.wall);
    }
    const double n = static_cast<double>(state.iterations()), e = static_cast<double>(rows.edges());
    state.counters["identical"] = identical ? 1 : 0;
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
    state.counters["f_MB"] = static_cast<double>(f_bytes) / 1e6;
    state.counters["round_ms"] = 1e3 * today_s / n;
    state.counters["f_round_ms"] = 1e3 * f_s / n;
    if (state.range(1) == 1) {
        state.counters["cpu_ns_per_edge"] = 1e9 * today_cpu / n / e;
        state.counters["f_cpu_ns_per_edge"] = 1e9 * f_cpu / n / e;
        state.counters["cpu_ratio"] = today_cpu / triad_cpu;
        state.counters["f_cpu_ratio"] = f_cpu / f_triad_cpu;
        state.counters["f_over_today"] = f_cpu / today_cpu;
    }
}
BENCHMARK(RoundFactored)
    ->ArgsProduct({{1000, 100000, 1000000}, {1, 2}, {0, 1, 2}})
    ->ArgNames({"actors", "threads", "variant"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// One whole run (10 rounds, terms and a unanimity decision every round) as actors grow, about 10
// edges per actor: time per actor should stay flat (the growth exponent near 1).
void RunPerActor(benchmark::State& state) {
    const int actors = static_cast<int>(state.range(0));
    const Scenario s = bench::synthetic_network(actors, 10, 3, 10);
    for (auto _ : state) benchmark::DoNotOptimize(simulate_run(s, s.base, 1, false).terms.data());
    state.counters["us_per_actor"] =
        benchmark::Counter(static_cast<double>(actors) * 1e-6, benchmark::Counter::kIsIterationInvariantRate |
                                                                   benchmark::Counter::kInvert);
    state.SetComplexityN(actors);
}
BENCHMARK(RunPerActor)->RangeMultiplier(10)->Range(1000, 100000)->Complexity()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
