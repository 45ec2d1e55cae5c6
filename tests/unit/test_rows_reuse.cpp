// Runs from one starting point keep their influence rows when no draw and no event can change them
// (rows_reuse.hpp): built once then, by the first run of any thread, and read by every thread's runs;
// per run otherwise; and every result the same bytes either way, on every path of the fast round, and
// the same errors.
#include <catch2/catch.hpp>

#include <latch>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <tbb/global_control.h>

#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// Five actors on two issues with an event at round 3 and the uncertainty and events given.
Scenario five_actors(const std::string& uncertainty, const std::string& events) {
    return test::scenario_from_text(test::small_scenario_yaml(
        {"x", "y"},
        {"id: A, capability: 3, positions: {x: 10, y: 80}, salience: {x: 0.9, y: 0.3}, stubbornness: 0.2",
         "id: B, capability: 2, positions: {x: 40, y: 20}, salience: {x: 0.5, y: 0.8}",
         "id: C, capability: 1, positions: {x: 90, y: 60}, self_weight: 0",
         "id: D, capability: 4, positions: {x: 55, y: 45}, stubbornness: 0.4",
         "id: E, capability: 2, positions: {x: 70, y: 5}"},
        "B->A 0.5, C->A 0.2, A->B 0.7, D->B 0.3, E->C 0.4, B->C 0.6, A->D 1, D->E 0.8, C->E 0.1",
        "model: {rounds: 20, dynamics: bounded-confidence, confidence: 0.5, weighting: capability-salience}\n"
        "outcome: {stop: end, decision: majority}\n" +
            uncertainty + events));
}

const std::string positions_uncertain = "uncertainty:\n  actors.A.positions.x: {uniform: [0, 100]}\n";

// `runs` runs from seed 1 on `path` with `reuse`, on one thread; and how many rows they built.
std::vector<RunResult> runs_on(const Scenario& s, int runs, RoundPath path, RowsReuse reuse, long& built) {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    const long before = rows_built_on_this_thread();
    std::vector<RunResult> out;
    for (int r = 0; r < runs; ++r)
        out.push_back(simulate_run(s, s.base, s.uncertainty, 1 + static_cast<std::uint64_t>(r), r < 2, path, reuse));
    built = rows_built_on_this_thread() - before;
    return out;
}

// The runs with and without a key agree in every byte of runs.csv and in their trajectories.
void check_same(const Scenario& s, const std::vector<RunResult>& a, const std::vector<RunResult>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t r = 0; r < a.size(); ++r) {
        CHECK(runs_row(s, s.uncertainty, static_cast<long>(r), a[r]) ==
              runs_row(s, s.uncertainty, static_cast<long>(r), b[r]));
        REQUIRE(a[r].trajectory.size() == b[r].trajectory.size());
        for (std::size_t t = 0; t < a[r].trajectory.size(); ++t)
            CHECK(a[r].trajectory[t].positions == b[r].trajectory[t].positions);
    }
}

}  // namespace

TEST_CASE("Rows may be kept exactly when no draw and no event sets what they read", "[rows]") {
    const Scenario positions = five_actors(positions_uncertain, "");
    CHECK(RowsReuse::for_start(positions, positions.uncertainty).key != 0);
    const Scenario none = five_actors("", "");
    const RowsReuse first = RowsReuse::for_start(none, none.uncertainty), second = RowsReuse::for_start(none, none.uncertainty);
    CHECK(first.key != 0);
    CHECK(second.key != first.key);  // a key names one starting point of one plan
    // An event setting a position, a reservation or the step leaves the rows as they are.
    const Scenario harmless = five_actors(positions_uncertain,
                                          "events:\n  - {at: 3, set: {actors.B.positions.x: 20, actors.C.reservation: 0.4, model.step: 0.5}}\n");
    CHECK(RowsReuse::for_start(harmless, harmless.uncertainty).key != 0);
    for (const std::string path : {"actors.B.capability: {uniform: [1, 3]}", "actors.B.salience.y: {uniform: [0.1, 0.9]}",
                                   "actors.C.self_weight: {uniform: [0, 1]}", "influence.A->B.weight: {uniform: [0.1, 0.9]}",
                                   "actors.D.stubbornness: {uniform: [0, 0.5]}"}) {
        INFO(path);
        const Scenario drawn = five_actors(positions_uncertain + "  " + path + "\n", "");
        CHECK(RowsReuse::for_start(drawn, drawn.uncertainty).key == 0);
        const Scenario set = five_actors("", "events:\n  - {at: 3, set: {" + path.substr(0, path.find(':')) + ": 0.3}}\n");
        CHECK(RowsReuse::for_start(set, set.uncertainty).key == 0);
    }
    // A plan whose --set fixes the only uncertain weight draws nothing there: its rows are fixed.
    const Scenario drawn = five_actors("uncertainty:\n  influence.A->B.weight: {uniform: [0.1, 0.9]}\n", "");
    CHECK(RowsReuse::for_start(drawn, {}).key != 0);
}

TEST_CASE("Kept rows are built once and give the bytes of rows built per run", "[rows]") {
    const Scenario harmless = five_actors(positions_uncertain,
                                          "events:\n  - {at: 3, set: {actors.B.positions.x: 20, model.step: 0.5}}\n");
    for (const RoundPath path : {RoundPath::fast, RoundPath::packed, RoundPath::renumbered, RoundPath::packed_avx}) {
        INFO("path " << static_cast<int>(path));
        long per_run = 0, kept = 0, reference = 0;
        const auto built_each = runs_on(harmless, 12, path, {}, per_run);
        const auto shared = runs_on(harmless, 12, path, RowsReuse::for_start(harmless, harmless.uncertainty), kept);
        const auto straight = runs_on(harmless, 12, RoundPath::reference, {}, reference);
        CHECK(per_run == 12);  // at the start of each run (the event sets nothing the rows read)
        CHECK(kept == 1);
        CHECK(reference == 0);
        check_same(harmless, shared, built_each);
        check_same(harmless, shared, straight);
        // The draws moved the runs apart: equal bytes of equal runs would test nothing.
        CHECK(runs_row(harmless, harmless.uncertainty, 0, shared[0]) !=
              runs_row(harmless, harmless.uncertainty, 0, shared[1]));
    }
    // A drawn capability: no key, and rows built in every run (and again at the event that drops an
    // edge, which changes their shape, not at the one that sets a position).
    const Scenario drawn = five_actors(positions_uncertain + "  actors.B.capability: {uniform: [1, 3]}\n",
                                       "events:\n  - {at: 3, set: {actors.B.positions.x: 20}}\n"
                                       "  - {at: 5, set: {influence.A->B.weight: 0}}\n");
    long built = 0;
    runs_on(drawn, 12, RoundPath::fast, RowsReuse::for_start(drawn, drawn.uncertainty), built);
    CHECK(built == 24);
}

TEST_CASE("A run with a key starts from its start's parameters, whatever its thread's last run set", "[rows]") {
    // A run of a key copies back only the actors that the draws and the events set
    // (restore_set_actors in run.cpp). Every reservation starts at 0.99 and an event at round 4 sets
    // them to 0: each run agrees at round 4, where a run that kept its thread's last reservations
    // would agree at once.
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x", "y"},
        {"id: A, capability: 3, positions: {x: 10, y: 80}, reservation: 0.99, stubbornness: 0.2",
         "id: B, capability: 2, positions: {x: 40, y: 20}, reservation: 0.99",
         "id: C, capability: 1, positions: {x: 90, y: 60}, reservation: 0.99",
         "id: D, capability: 4, positions: {x: 55, y: 45}, reservation: 0.99",
         "id: E, capability: 2, positions: {x: 70, y: 5}, reservation: 0.99"},
        "B->A 0.5, C->A 0.2, A->B 0.7, D->B 0.3, E->C 0.4, B->C 0.6, A->D 1, D->E 0.8, C->E 0.1",
        "model: {rounds: 20, dynamics: friedkin-johnsen}\noutcome: {decision: majority}\n" + positions_uncertain +
            "events:\n  - {at: 4, set: {actors.A.reservation: 0, actors.B.reservation: 0, actors.C.reservation: 0, "
            "actors.D.reservation: 0, actors.E.reservation: 0, actors.B.positions.y: 90}}\n"));
    const RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
    REQUIRE(reuse.key != 0);
    for (const RoundPath path : {RoundPath::fast, RoundPath::packed_avx}) {
        INFO("path " << static_cast<int>(path));
        long kept = 0, per_run = 0;
        const auto keyed = runs_on(s, 6, path, reuse, kept);
        const auto each = runs_on(s, 6, path, {}, per_run);
        CHECK(kept == 1);  // the rows of the key on this path, built by its first run
        check_same(s, keyed, each);
        for (const RunResult& r : keyed) {
            CHECK(r.agreed);
            CHECK(r.agreement_round == std::optional<int>(4));
        }
    }
    // A key given with another start object (no caller does; its rows would be the key's) copies
    // that start whole: here one that differs from the file only in B's position and C's
    // reservation, which neither the draw (A's position) nor an event sets.
    const Scenario drawn = five_actors(positions_uncertain, "");
    const RowsReuse key = RowsReuse::for_start(drawn, drawn.uncertainty);
    Params other = drawn.base;
    other.actors[1].position[0] = 0.9;
    other.actors[2].reservation = 0.1;
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    simulate_run(drawn, drawn.base, drawn.uncertainty, 1, false, RoundPath::fast, key);
    const RunResult moved = simulate_run(drawn, other, drawn.uncertainty, 2, false, RoundPath::fast, key);
    const std::string row = runs_row(drawn, drawn.uncertainty, 0, moved);
    CHECK(row == runs_row(drawn, drawn.uncertainty, 0, simulate_run(drawn, other, drawn.uncertainty, 2, false)));
    CHECK(row != runs_row(drawn, drawn.uncertainty, 0, simulate_run(drawn, drawn.base, drawn.uncertainty, 2, false)));
}

TEST_CASE("A run keeps only the rows of its own key", "[rows]") {
    // Two starting points of one plan (a sweep's points) alternating on one thread: a run from the
    // other point rebuilds, and every run gives the bytes of its own point.
    const Scenario s = five_actors(positions_uncertain, "");
    Params other = s.base;
    other.actors[1].capability = 7;
    other.edges[0].weight = 0.9;
    const RowsReuse a = RowsReuse::for_start(s, s.uncertainty), b = RowsReuse::for_start(s, s.uncertainty);
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    const long before = rows_built_on_this_thread();
    std::vector<RunResult> kept;
    for (std::uint64_t seed = 1; seed <= 4; ++seed)
        kept.push_back(simulate_run(s, seed % 2 == 1 ? s.base : other, s.uncertainty, seed, false, RoundPath::fast,
                                    seed % 2 == 1 ? a : b));
    CHECK(rows_built_on_this_thread() - before == 4);
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        const RunResult fresh = simulate_run(s, seed % 2 == 1 ? s.base : other, s.uncertainty, seed, false);
        CHECK(runs_row(s, s.uncertainty, 0, kept[seed - 1]) == runs_row(s, s.uncertainty, 0, fresh));
    }
    // The two points differ: a run given the other point's rows would show.
    CHECK(runs_row(s, s.uncertainty, 0, kept[0]) !=
          runs_row(s, s.uncertainty, 0, simulate_run(s, other, s.uncertainty, 1, false)));
    // With runs of one key in a row, the rows are kept.
    const long again = rows_built_on_this_thread();
    for (std::uint64_t seed = 1; seed <= 3; ++seed) simulate_run(s, other, s.uncertainty, seed, false, RoundPath::fast, b);
    CHECK(rows_built_on_this_thread() - again == 1);
}

TEST_CASE("With a key, a run that fails the check at its start still fails, and so does the next", "[rows]") {
    // tests/data/overflow_capability.yaml: the capabilities add up to more than a double holds. The
    // check failed, so the rows were not kept: every run reports the same message as without a key.
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x"}, {"id: A, capability: 1.0e308, positions: {x: 10}", "id: B, capability: 1.0e308, positions: {x: 90}"},
        "A->B 1", ""));
    const RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
    REQUIRE(reuse.key != 0);
    for (std::uint64_t seed : {3, 4}) {
        const std::string expected = "run with seed " + std::to_string(seed) +
                                     ": round 0: the capabilities add up to more than a double can hold; rescale them";
        CHECK_THROWS_WITH(simulate_run(s, s.base, s.uncertainty, seed, false, RoundPath::fast, reuse), expected);
        CHECK_THROWS_WITH(simulate_run(s, s.base, s.uncertainty, seed, false), expected);
    }
    // Through the runner: the lowest failing run, as before.
    CHECK_THROWS_WITH(run_monte_carlo(s, s.base, BatchOptions{8, 11, 0}),
                      "run with seed 11: round 0: the capabilities add up to more than a double can hold; rescale them");
    // Influence weights whose sum on C overflows (1e8 * 1e300 twice), capabilities that do not: a run
    // with a key has no edges of its own, and the check reads its start's.
    const Scenario weights = test::scenario_from_text(test::small_scenario_yaml(
        {"x"},
        {"id: A, capability: 1.0e300, positions: {x: 10}", "id: B, capability: 1.0e300, positions: {x: 50}",
         "id: C, capability: 1, positions: {x: 90}"},
        "A->C 1.0e8, B->C 1.0e8", ""));
    const RowsReuse keyed = RowsReuse::for_start(weights, weights.uncertainty);
    REQUIRE(keyed.key != 0);
    for (const RoundPath path : {RoundPath::fast, RoundPath::packed})
        for (std::uint64_t seed : {5, 6})
            CHECK_THROWS_WITH(simulate_run(weights, weights.base, weights.uncertainty, seed, false, path, keyed),
                              "run with seed " + std::to_string(seed) +
                                  ": round 0: the influence weights on actor 'C' add up to more than a double can "
                                  "hold; rescale capabilities or weights");
}

TEST_CASE("The rows of a key are built once and shared by the runs of two threads", "[rows]") {
    // Two threads start runs of one key at once: one builds the rows, the other waits for them (or
    // joins the build), and every run gives the bytes of rows built per run.
    const Scenario s = five_actors(positions_uncertain, "");
    for (const RoundPath path : {RoundPath::fast, RoundPath::packed_avx, RoundPath::renumbered}) {
        INFO("path " << static_cast<int>(path));
        const RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
        std::vector<RunResult> shared[2];
        long built[2] = {0, 0};
        {
            // Both threads start their runs together, so that one usually waits for the other's build;
            // a thread holds its last run's rows until it ends: neither ends before both have run.
            std::latch start(2), ran(2);
            std::vector<std::thread> threads;
            for (int k = 0; k < 2; ++k)
                threads.emplace_back([&, k] {
                    start.arrive_and_wait();
                    const long before = rows_built_on_this_thread();
                    for (std::uint64_t r = 0; r < 6; ++r)
                        shared[k].push_back(simulate_run(s, s.base, s.uncertainty, 1 + 6 * k + r, r < 2, path, reuse));
                    built[k] = rows_built_on_this_thread() - before;
                    ran.arrive_and_wait();
                });
            for (std::thread& t : threads) t.join();
        }
        CHECK(built[0] + built[1] == 1);
        for (int k = 0; k < 2; ++k) {
            std::vector<RunResult> each;
            for (std::uint64_t r = 0; r < 6; ++r)
                each.push_back(simulate_run(s, s.base, s.uncertainty, 1 + 6 * k + r, r < 2, path));
            check_same(s, shared[k], each);
        }
        CHECK(runs_row(s, s.uncertainty, 0, shared[0][0]) != runs_row(s, s.uncertainty, 0, shared[1][0]));
    }
}

TEST_CASE("shared_rows keeps a key's rows while they are held, and nothing when the build fails", "[rows]") {
    const Scenario s = five_actors("", "");
    int builds = 0;
    const auto build = [&](InfluenceRows& rows) {
        ++builds;
        rows.build(s, s.base);
    };
    const RowsReuse key = RowsReuse::for_start(s, s.uncertainty), other = RowsReuse::for_start(s, s.uncertainty);
    std::shared_ptr<const InfluenceRows> a = shared_rows(key.key, 0, build);
    REQUIRE(a->edges() == 9);
    CHECK(shared_rows(key.key, 0, build) == a);  // held: the same object, not built again
    CHECK(builds == 1);
    CHECK(shared_rows(key.key, 1, build) != a);  // another path: rows of its own
    CHECK(shared_rows(other.key, 0, build) != a);  // another key
    CHECK(builds == 3);
    a.reset();
    a = shared_rows(key.key, 0, build);  // let go in between: built again
    CHECK(builds == 4);
    CHECK(a->edges() == 9);
    // A build that throws leaves the key to be built: the next call builds, and its rows are kept.
    const RowsReuse failing = RowsReuse::for_start(s, s.uncertainty);
    CHECK_THROWS_WITH(shared_rows(failing.key, 0, [](InfluenceRows&) { throw std::runtime_error("check failed"); }),
                      "check failed");
    const auto kept = shared_rows(failing.key, 0, build);
    CHECK(builds == 5);
    CHECK(shared_rows(failing.key, 0, build) == kept);
    CHECK(builds == 5);
}
