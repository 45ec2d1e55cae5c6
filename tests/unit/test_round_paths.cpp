// The fast round (compressed sparse rows, buffers reused across runs, the round split across threads
// for a big network; sim/engine round.hpp) against the straightforward reference path (InfluenceNetwork
// and step_dynamics): every field of every run the same, bit for bit, on every scenario of scenarios/
// and tests/data and on variants that exercise what the shipped files do not (coupling, bounded
// confidence, each weighting, events changing capability and weights).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "accord/diagnostics.hpp"
#include "accord/influence_rows.hpp"
#include "accord/load.hpp"
#include "accord/round.hpp"
#include "accord/run.hpp"
#include "accord/terms.hpp"
#include "same_run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

using test::check_same_run;
using test::same_bits;

// The run on one path, or the message of its numeric failure (tests/data/overflow_*.yaml fail).
std::variant<RunResult, std::string> run_on(const Scenario& s, std::uint64_t seed, bool record, RoundPath path) {
    try {
        return simulate_run(s, s.base, s.uncertainty, seed, record, path);
    } catch (const RunError& e) {
        return std::string(e.what());
    }
}

// `runs` runs of `s` from seed 1, the first three recording every round, on the reference path
// and on the fast one in each of its layouts (the rows read in place, packed, and renumbered) and,
// packed, with each of the round's kernels (scalar, and AVX at three and four issues), with one
// source range and with ranges of test_range_slots slots (several on any network of 4 actors or more),
// and the rows read in place with each kernel (scalar, and AVX at three and four issues).
void check_paths_agree(const Scenario& s, int runs) {
    for (int r = 0; r < runs; ++r) {
        const std::uint64_t seed = 1 + static_cast<std::uint64_t>(r);
        const bool record = r < 3;
        const auto reference = run_on(s, seed, record, RoundPath::reference);
        for (const RoundPath path : {RoundPath::fast, RoundPath::packed, RoundPath::renumbered,
                                     RoundPath::packed_scalar, RoundPath::packed_avx, RoundPath::ranges_scalar,
                                     RoundPath::ranges_avx, RoundPath::direct_scalar, RoundPath::direct_avx}) {
            const auto fast = run_on(s, seed, record, path);
            INFO(s.file << " seed " << seed << " path " << static_cast<int>(path));
            REQUIRE(fast.index() == reference.index());
            if (fast.index() == 1)
                CHECK(std::get<1>(fast) == std::get<1>(reference));
            else
                check_same_run(std::get<0>(fast), std::get<0>(reference));
        }
    }
}

}  // namespace

TEST_CASE("The fast round gives the reference path's bytes on every shipped scenario", "[round]") {
    // Every shipped scenario that loads (test::shipped_scenarios).
    int checked = 0;
    for (const Scenario& s : test::shipped_scenarios()) {
        check_paths_agree(s, 20);
        ++checked;
    }
    CHECK(checked >= 15);
}

TEST_CASE("The fast round gives the reference path's bytes under coupling, bounded confidence and events",
          "[round]") {
    const std::string base = test::small_scenario_yaml(
        {"x", "y"},
        {"id: A, capability: 3, positions: {x: 10, y: 80}, salience: {x: 0.9, y: 0.3}, stubbornness: 0.2, veto: true",
         "id: B, capability: 2, positions: {x: 40, y: 20}, salience: {x: 0.5, y: 0.8}",
         "id: C, capability: 1, positions: {x: 90, y: 60}, self_weight: 0",
         "id: D, capability: 0, positions: {x: 55, y: 45}"},
        "B->A 0.5, C->A 0.2, A->B 0.7, D->B 0.3, A->C 0.4, B->C 0.6, A->D 1", R"(events:
  - {at: 4, set: {actors.C.capability: 5, influence.C->B.weight: 0.9, actors.A.positions.x: 30}}
  - {at: 9, set: {actors.B.salience.y: 0.1, model.step: 0.5}}
uncertainty:
  actors.B.positions.x: {normal: [40, 15]}
  influence.A->C.weight: {uniform: [0.1, 0.9]}
  actors.A.stubbornness: {triangular: [0, 0.2, 0.6]}
outcome: {stop: end, decision: majority}
)");
    for (const std::string model :
         {"model: {rounds: 30, coupling: [[1, 0], [0.3, 0.7]]}",
          "model: {rounds: 30, dynamics: bounded-confidence, confidence: 0.3, weighting: capability}",
          "model: {rounds: 30, dynamics: degroot, weighting: edge}",
          "model: {rounds: 30, dynamics: bounded-confidence, confidence: 0.25, coupling: [[0.8, 0.2], [0, 1]]}"}) {
        INFO(model);
        check_paths_agree(test::scenario_from_text(base + model + "\n"), 20);
    }
}

TEST_CASE("Events that recompute only what they change give the reference path's bytes", "[round]") {
    // The fast path recomputes after an event only what its parameters can change (run.cpp
    // apply_events): one edge's weights in place, the rows when the shape changes, the decision
    // inputs when a capability, salience, reservation or veto changes; the reference path
    // recomputes everything after every event.
    const std::string base = test::small_scenario_yaml(
        {"x", "y"},
        {"id: A, capability: 3, positions: {x: 10, y: 80}, salience: {x: 0.9, y: 0.3}, stubbornness: 0.2",
         "id: B, capability: 2, positions: {x: 40, y: 20}, salience: {x: 0.5, y: 0.8}, reservation: 0.6",
         "id: C, capability: 1, positions: {x: 90, y: 60}",
         "id: D, capability: 2, positions: {x: 55, y: 45}"},
        "B->A 0.5, C->A 0.2, A->B 0.7, D->B 0.3, A->C 0.4, B->C 0.6, A->D 1", R"(events:
  - {at: 3, set: {influence.B->A.weight: 0.9}}
  - {at: 5, set: {influence.C->A.weight: 0}}
  - {at: 7, set: {actors.A.capability: 6}}
  - {at: 8, set: {influence.C->A.weight: 0.4, influence.A->B.weight: 0.2}}
  - {at: 10, set: {actors.B.positions.x: 70}}
  - {at: 12, set: {actors.A.reservation: 0.3, actors.C.stubbornness: 0.5}}
  - {at: 14, set: {influence.D->C.weight: 0.5}}
  - {at: 15, set: {actors.D.self_weight: 2, actors.B.salience.x: 0.9}}
uncertainty:
  actors.B.positions.x: {normal: [40, 15]}
  influence.A->C.weight: {uniform: [0.1, 0.9]}
  actors.A.capability: {uniform: [1, 5]}
)");
    for (const std::string rest :
         {"outcome: {stop: end, decision: majority}\nmodel: {rounds: 30, weighting: capability-salience}",
          "outcome: {stop: end, decision: unanimity}\nmodel: {rounds: 30, weighting: capability}",
          "model: {rounds: 30, weighting: edge}"}) {
        INFO(rest);
        check_paths_agree(test::scenario_from_text(base + rest + "\n"), 20);
    }
}

TEST_CASE("The fast round gives the reference path's bytes with more issues than its unrolled loops", "[round]") {
    // Five issues: step_round's loop for any number of issues (it unrolls one to four).
    check_paths_agree(test::scenario_from_text(test::small_scenario_yaml(
                          {"a", "b", "c", "d", "e"},
                          {"id: A, capability: 3, positions: {a: 10, b: 80, c: 5, d: 50, e: 70}, stubbornness: 0.3",
                           "id: B, capability: 2, positions: {a: 40, b: 20, c: 95, d: 35, e: 60}, salience: {c: 0.2}",
                           "id: C, capability: 1, positions: {a: 90, b: 60, c: 45, d: 65, e: 10}"},
                          "B->A 0.5, C->A 0.2, A->B 0.7, A->C 0.4, B->C 0.6", R"(uncertainty:
  actors.C.positions.d: {uniform: [20, 80]}
model: {rounds: 25, dynamics: bounded-confidence, confidence: 0.5}
outcome: {stop: end}
)")),
                      10);
}

TEST_CASE("The packed round's kernels give the reference path's bytes at three and four issues", "[round]") {
    // The AVX kernel's cases: three issues (the fourth lane masked) and four, each with and without
    // coupling (records of 8 doubles, x after y) and bounded confidence (sources out of reach kept
    // out lane by lane).
    if (!avx_available()) WARN("no AVX on this processor: packed_avx runs the scalar kernel");
    for (const bool four : {true, false}) {
        const std::string coupling = four ? "[[1, 0, 0, 0], [0.3, 0.7, 0, 0], [0, 0, 0.5, 0.5], [0, 0.2, 0, 0.8]]"
                                          : "[[1, 0, 0], [0.3, 0.7, 0], [0, 0.4, 0.6]]";
        std::string text = test::small_scenario_yaml(
            four ? std::vector<std::string>{"a", "b", "c", "d"} : std::vector<std::string>{"a", "b", "c"},
            {"id: A, capability: 3, positions: {a: 10, b: 80, c: 5, d: 50}, stubbornness: 0.3",
             "id: B, capability: 2, positions: {a: 40, b: 20, c: 95, d: 35}, salience: {c: 0.2}",
             "id: C, capability: 1, positions: {a: 90, b: 60, c: 45, d: 65}",
             "id: D, capability: 4, positions: {a: 30, b: 55, c: 70, d: 15}, self_weight: 0"},
            "B->A 0.5, C->A 0.2, D->A 0.9, A->B 0.7, C->B 0.1, A->C 0.4, B->C 0.6, C->D 0.8",
            "uncertainty:\n  actors.C.positions.a: {uniform: [20, 80]}\noutcome: {stop: end}\n");
        if (!four) {
            // Without issue d: drop the d positions.
            for (std::size_t at; (at = text.find(", d: ")) != std::string::npos;)
                text.erase(at, text.find('}', at) - at);
        }
        for (const std::string& model :
             {std::string("model: {rounds: 25}"),
              std::string("model: {rounds: 25, dynamics: bounded-confidence, confidence: 0.3}"),
              "model: {rounds: 25, coupling: " + coupling + "}",
              "model: {rounds: 25, dynamics: bounded-confidence, confidence: 0.35, coupling: " + coupling + "}"}) {
            INFO((four ? "four issues, " : "three issues, ") << model);
            check_paths_agree(test::scenario_from_text(text + model + "\n"), 10);
        }
    }
}

TEST_CASE("The direct AVX kernel reads the last actor's row as three issues, and every other row as four", "[round]") {
    // At three issues step_targets_avx reads a row as four doubles, the fourth lane whatever follows
    // it, except the last actor's row, which nothing follows: as a target, and as a source, which can
    // only be a row's last edge (sources increase). Here E, the last actor, is the only source of D,
    // the last of A's three and of B's two, and a target of one edge; no edge goes into C (an empty
    // row). Every path must give the reference path's bits (and under AddressSanitizer a read past
    // the positions or the weights fails the run).
    if (!avx_available()) WARN("no AVX on this processor: direct_avx runs the scalar kernel");
    const std::string text = test::small_scenario_yaml(
        {"a", "b", "c"},
        {"id: A, capability: 3, positions: {a: 10, b: 80, c: 5}, stubbornness: 0.3",
         "id: B, capability: 2, positions: {a: 40, b: 20, c: 95}, salience: {c: 0.2}",
         "id: C, capability: 1, positions: {a: 90, b: 60, c: 45}",
         "id: D, capability: 4, positions: {a: 30, b: 55, c: 70}, self_weight: 0",
         "id: E, capability: 2, positions: {a: 65, b: 5, c: 35}, stubbornness: 0.6"},
        "B->A 0.5, C->A 0.2, E->A 0.9, A->B 0.7, E->B 0.4, E->D 0.8, B->E 0.3",
        "uncertainty:\n  actors.E.positions.a: {uniform: [20, 80]}\n  actors.E.capability: {uniform: [1, 5]}\n"
        "outcome: {stop: end}\n");
    const Scenario plain = test::scenario_from_text(text + "model: {rounds: 5}\n");
    const InfluenceRows rows(plain, plain.base, RowLayout::direct);
    REQUIRE(rows.edges() == 7);
    CHECK(rows.first(4) - rows.first(3) == 1);   // D: one edge,
    CHECK(rows.source(rows.first(3)) == 4);      // from E
    CHECK(rows.source(rows.first(1) - 1) == 4);  // A's last edge, from E
    CHECK(rows.first(2) == rows.first(3));       // C: no edge in
    const std::string coupling = "coupling: [[1, 0, 0], [0.3, 0.7, 0], [0, 0.4, 0.6]]";
    for (const std::string& model :
         {std::string("model: {rounds: 25}"), std::string("model: {rounds: 25, dynamics: degroot, step: 0.5}"),
          std::string("model: {rounds: 25, dynamics: bounded-confidence, confidence: 0.3}"),
          "model: {rounds: 25, " + coupling + "}",
          "model: {rounds: 25, dynamics: bounded-confidence, confidence: 0.35, " + coupling + "}"}) {
        INFO(model);
        check_paths_agree(test::scenario_from_text(text + model + "\n"), 10);
    }
}

TEST_CASE("A 1,000-actor sparse run gives the same bytes at 1 and 2 threads, on both paths", "[round]") {
    const Scenario s = test::scenario_from_text(
        test::sparse_ring_yaml(1000, "model: {rounds: 40, dynamics: bounded-confidence, confidence: 0.4}\n"
                          "outcome: {stop: end}\n"));
    REQUIRE(s.base.edges.size() == 10000);
    // Enough work that step_round splits the targets, into more than two tasks.
    REQUIRE((1000 + 10000) * 3 >= parallel_round_work);
    REQUIRE(1000 > 2 * parallel_round_grain);
    // Without the trajectory: recording computes the zone of agreement, a linear program over all
    // 1,000 actors every round. The weighted-mean terms depend on every actor's last position.
    RunResult one, two;
    {
        tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
        one = simulate_run(s, s.base, 5, false);
    }
    {
        tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
        two = simulate_run(s, s.base, 5, false);
    }
    CHECK(one.rounds == 40);
    check_same_run(one, two);
    check_same_run(one, simulate_run(s, s.base, s.uncertainty, 5, false, RoundPath::reference));
    // The packed and renumbered layouts of a big network's rows, at 1 and 2 threads, and both kernels
    // of the rows read in place with the sources prefetched (10,000 edges: past the prefetch's 4,096).
    for (const RoundPath path : {RoundPath::packed, RoundPath::renumbered, RoundPath::packed_scalar,
                                 RoundPath::packed_avx, RoundPath::ranges_scalar, RoundPath::ranges_avx,
                                 RoundPath::direct_scalar, RoundPath::direct_avx})
        for (const int threads : {1, 2}) {
            INFO("path " << static_cast<int>(path) << " threads " << threads);
            tbb::global_control control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
            check_same_run(one, simulate_run(s, s.base, s.uncertainty, 5, false, path));
        }
    // The renumbering moved actors: the same bytes in the same slots would test nothing.
    const InfluenceRows renumbered(s, s.base, RowLayout::renumbered);
    REQUIRE(renumbered.renumbered());
    int moved = 0;
    for (int t = 0; t < 1000; ++t) moved += renumbered.actor(t) != t;
    CHECK(moved > 500);
    // The run moved: a test of equal bytes on a network that stands still could not fail.
    const std::vector<double> start = propose_terms(s, s.base, initial_positions(s.base, s.issue_count())).terms;
    CHECK_FALSE(same_bits(one.terms, start));
}

namespace {

// `rounds` rounds from the scenario's start on rows `a` and on rows `b`, on both kernels at 1 and 2
// threads: each round the same bits from both, and positions that moved. `after_a` (when given) sees
// the records of `a`'s round after each round.
void check_rounds_agree(const Scenario& s, const InfluenceRows& a, const InfluenceRows& b, int rounds,
                        const std::function<void(const PackedRecords&)>& after_a = {}) {
    for (const RoundKernel kernel : {RoundKernel::scalar, RoundKernel::avx})
        for (const int threads : {1, 2}) {
            INFO("kernel " << static_cast<int>(kernel) << " threads " << threads);
            tbb::global_control control(tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(threads));
            Positions x = initial_positions(s.base, s.issue_count());
            const Positions anchor = x;
            Positions next_a(x.rows(), x.cols()), next_b(x.rows(), x.cols()), coupled;
            PackedRecords records_a, records_b;
            for (int round = 0; round < rounds; ++round) {
                step_round(s, s.base, a, records_a, x, anchor, next_a, coupled, kernel);
                if (after_a) after_a(records_a);
                step_round(s, s.base, b, records_b, x, anchor, next_b, coupled, kernel);
                REQUIRE(same_bits(next_a, next_b));
                CHECK_FALSE(same_bits(next_a, x));
                x = next_a;
            }
        }
}

}  // namespace

TEST_CASE("Source ranges keep each row's edges in order and give the one-range round's bits", "[round]") {
    const Scenario s = test::scenario_from_text(
        test::sparse_ring_yaml(1000, "model: {rounds: 40, dynamics: bounded-confidence, confidence: 0.4}\n"
                          "outcome: {stop: end}\n"));
    const InfluenceRows one(s, s.base, RowLayout::packed, 0);
    InfluenceRows ranged(s, s.base, RowLayout::packed, 128);
    REQUIRE(one.ranges() == 1);
    REQUIRE(ranged.ranges() == 8);  // ceil(1000 / 128): the last range holds 104 slots
    REQUIRE(ranged.edges() == 10000);
    // Row t is its range segments one after the other, each source within its range.
    int middle_empty = 0;
    for (int t = 0; t < 1000; ++t) {
        std::int64_t e = one.first(t);
        for (int r = 0; r < ranged.ranges(); ++r) {
            middle_empty += r > 0 && r < 7 && ranged.first(r, t) == ranged.first(r, t + 1);
            for (std::int64_t f = ranged.first(r, t); f < ranged.first(r, t + 1); ++f, ++e) {
                REQUIRE(ranged.source(f) == one.source(e));
                REQUIRE(ranged.source(f) / 128 == r);
                for (int k = 0; k < 3; ++k) REQUIRE(same_bits(ranged.weight(f, k), one.weight(e, k)));
            }
        }
        REQUIRE(e == one.first(t + 1));
    }
    // Ten sources over eight ranges: some targets skip a middle range, and that path is taken.
    CHECK(middle_empty > 100);
    // Five rounds on both kernels at 1 and 2 threads: the bits of one range.
    check_rounds_agree(s, one, ranged, 5);
}

TEST_CASE("A network whose records pass far_prefetch_bytes gives the bits of rows read in place", "[round]") {
    // 270,000 actors at three issues: 8.6 MB of packed records (32 bytes each), past the 8 MiB from
    // which the packed kernels ask for records 64 edges ahead into the second-level cache. Built in
    // memory (a file of this size would take the loader most of the test's time); two sources per
    // target, spread over the whole network.
    const int n = 270000;
    Scenario s;
    for (const char* id : {"a", "b", "c"}) {
        Issue issue;
        issue.id = id;
        s.issues.push_back(issue);
    }
    s.actors.resize(n);
    s.base.actors.resize(n);
    for (int i = 0; i < n; ++i) {
        // fmt: GCC 12 warns (-Wrestrict) on "A" + std::to_string.
        s.actors[static_cast<std::size_t>(i)].id = fmt::format("A{}", i);
        ActorParams& a = s.base.actors[static_cast<std::size_t>(i)];
        a.capability = 1 + i % 7;
        a.stubbornness = 0.1 * (i % 5);
        a.position = {(i * 37 % 101) / 100.0, (i * 53 % 97) / 96.0, (i * 11 % 89) / 88.0};
        a.salience = {0.5, 1.0 / (1 + i % 3), 1};
        for (const int o : {7919, 104729})
            s.base.edges.push_back(Edge{(i + o) % n, i, 0.1 * (1 + (i + o) % 9)});
    }
    // Friedkin-Johnsen on one range (what a run does), and bounded confidence on source ranges of
    // 100,000 slots (three passes): the kernels' other template cases.
    for (const bool bounded : {false, true}) {
        s.model.dynamics = bounded ? Dynamics::bounded_confidence : Dynamics::friedkin_johnsen;
        s.base.confidence = 0.3;
        InfluenceRows packed(s, s.base, RowLayout::packed, bounded ? 100000 : 0);
        InfluenceRows direct(s, s.base, RowLayout::direct);
        REQUIRE(packed.packed());
        REQUIRE(packed.ranges() == (bounded ? 3 : 1));
        REQUIRE_FALSE(direct.packed());
        INFO("bounded " << bounded);
        // The records are packed by the round: the far path is chosen once they exist.
        check_rounds_agree(s, packed, direct, 3,
                           [](const PackedRecords& records) { REQUIRE(far_prefetch(records, 1)); });
    }
    // A network of 1,000 actors stays below the threshold (24 edges ahead into every level).
    const Scenario small = test::scenario_from_text(test::sparse_ring_yaml(1000, "model: {rounds: 2}\n"));
    InfluenceRows small_rows(small, small.base, RowLayout::packed);
    Positions x = initial_positions(small.base, small.issue_count()), next(x.rows(), x.cols()), coupled;
    PackedRecords small_records;
    step_round(small, small.base, small_rows, small_records, x, x, next, coupled);
    CHECK_FALSE(far_prefetch(small_records, 1));
    // The bytes count every round computed at once: 1,000 records of 32 bytes are 8 MiB on 263
    // threads (8,416,000 bytes), not on 262 (8,384,000 against 8,388,608).
    REQUIRE(small_records.bytes() == 32000);
    CHECK_FALSE(far_prefetch(small_records, 262));
    CHECK(far_prefetch(small_records, 263));
}

TEST_CASE("rounds_at_once is the thread limit within the arena", "[round]") {
    // accord's --threads is a tbb::global_control limit; an arena of fewer threads limits as well.
    tbb::task_arena two(2);
    for (const int limit : {1, 2, 3}) {
        tbb::global_control control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(limit));
        INFO("limit " << limit);
        two.execute([&] { CHECK(rounds_at_once() == std::min(limit, 2)); });
        tbb::task_arena one(1);
        one.execute([&] { CHECK(rounds_at_once() == 1); });
    }
}
