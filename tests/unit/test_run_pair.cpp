// Two runs of one key computed side by side (simulate_run_pair, run.hpp): while both go on, their
// rounds of packed rows are one pass over the rows (step_round_pair, round.hpp). Each run gives the
// bytes it gives alone, on every dynamics, with runs of different lengths and steps, and the runners
// pair their runs only where they may (run_pairs.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "../sim/runner/src/run_pairs.hpp"
#include "accord/load.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "accord/round.hpp"
#include "accord/run.hpp"
#include "accord/sweep.hpp"
#include "same_run.hpp"
#include "support.hpp"
#include "temp_dir.hpp"

using namespace accord;

namespace {

// `actors` actors on `issues` issues (3 or 4), each listening to 6 others at scattered offsets,
// every actor's reservation at 0.7 but A1's and A2's, which are drawn with the first positions: runs
// agree, or not, at rounds of their own; `draws` more uncertain parameters, then `rest` (model,
// outcome, events).
std::string ring_yaml(int actors, int issues, const std::string& draws, const std::string& rest) {
    const char* names[] = {"a", "b", "c", "d"};
    std::string y = "accord: 1\nissues: [";
    for (int k = 0; k < issues; ++k) y += std::string(k ? ", " : "") + "{id: " + names[k] + "}";
    y += "]\nactors:\n";
    for (int i = 0; i < actors; ++i) {
        y += "  - {id: A" + std::to_string(i) + ", capability: " + std::to_string(1 + i % 7) + ", stubbornness: 0." +
             std::to_string(i % 5) + ", reservation: 0.7, positions: {";
        for (int k = 0; k < issues; ++k)
            y += std::string(k ? ", " : "") + names[k] + ": " + std::to_string((i * (37 + 16 * k) + 11 * k) % 101);
        y += "}}\n";
    }
    y += "influence:\n";
    for (int i = 0; i < actors; ++i)
        for (int o : {1, 7, 31, 97, 211, 251})
            y += "  - {from: A" + std::to_string((i + o) % actors) + ", to: A" + std::to_string(i) + ", weight: 0." +
                 std::to_string(1 + (i + o) % 9) + "}\n";
    return y +
           "uncertainty:\n  actors.A0.positions.a: {uniform: [0, 100]}\n  actors.A5.positions.b: {uniform: [0, 100]}\n"
           "  actors.A1.reservation: {uniform: [0.6, 0.95]}\n  actors.A2.reservation: {uniform: [0.6, 0.95]}\n" +
           draws + rest;
}

// The runs agree in runs.csv's bytes and in every field, bit for bit (same_run.hpp).
void check_same(const Scenario& s, long index, const RunResult& a, const RunResult& b) {
    CHECK(runs_row(s, s.uncertainty, index, a) == runs_row(s, s.uncertainty, index, b));
    test::check_same_run(a, b);
}

}  // namespace

TEST_CASE("Two runs computed as a pair give each run's own bytes", "[rows][pair]") {
    struct Case {
        int issues;
        std::string draws, rest;
    };
    const std::vector<Case> cases = {
        {3, "  model.rounds: {uniform: [4, 14]}\n",
         "model: {rounds: 14, dynamics: friedkin-johnsen}\noutcome: {decision: unanimity}\n"},
        {3, "  model.step: {uniform: [0.2, 1]}\n",
         "model: {rounds: 14, dynamics: degroot}\noutcome: {decision: unanimity, stop: end}\n"},
        {3, "  model.confidence: {uniform: [0.1, 0.6]}\n",
         "model: {rounds: 14, dynamics: bounded-confidence, confidence: 0.3}\noutcome: {decision: unanimity}\n"},
        {4, "",
         "model: {rounds: 14, dynamics: friedkin-johnsen, step: 0.7}\noutcome: {decision: unanimity}\n"
         "events:\n  - {at: 3, set: {actors.A3.positions.d: 90, actors.A4.reservation: 0.1}}\n"},
        {4, "  model.rounds: {uniform: [2, 14]}\n",
         "model: {rounds: 14, dynamics: bounded-confidence, confidence: 0.25}\n"
         "outcome: {decision: unanimity, stop: end}\n"},
    };
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    for (std::size_t c = 0; c < cases.size(); ++c) {
        INFO("case " << c);
        const Scenario s = test::scenario_from_text(ring_yaml(300, cases[c].issues, cases[c].draws, cases[c].rest));
        RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
        REQUIRE(reuse.key != 0);
        reuse.paired = true;  // as a runner that pairs says (the fast path packs the key's rows)
        CHECK(runs_pair(s, reuse, RoundPath::packed_avx) == avx_available());
        // 300 actors, from paired_rows_actors: the fast path packs the shared rows and pairs.
        CHECK(runs_pair(s, reuse, RoundPath::fast) == avx_available());
        CHECK_FALSE(runs_pair(s, reuse, RoundPath::direct_avx));
        CHECK_FALSE(runs_pair(s, {}, RoundPath::packed_avx));
        CHECK_FALSE(runs_pair(s, {}, RoundPath::fast));
        std::vector<RunResult> last;
        // On the packed AVX path and the fast one the runs share rounds; on the others (rows read in
        // place, the scalar kernel, renumbered rows) a pair is two runs in turn.
        for (const RoundPath path : {RoundPath::packed_avx, RoundPath::fast, RoundPath::direct_avx,
                                     RoundPath::packed_scalar, RoundPath::renumbered}) {
            INFO("path " << static_cast<int>(path));
            const long paired_before = paired_rounds();
            std::vector<RunResult> pairs;
            for (std::uint64_t seed = 1; seed <= 12; seed += 2) {
                auto both = simulate_run_pair(s, s.base, s.uncertainty, {seed, seed + 1}, {seed < 4, seed + 1 < 4},
                                              path, reuse);
                pairs.push_back(std::move(both[0]));
                pairs.push_back(std::move(both[1]));
            }
            const long paired = paired_rounds() - paired_before;
            long rounds_together = 0;
            for (std::size_t r = 0; r < pairs.size(); ++r) {
                const std::uint64_t seed = r + 1;
                check_same(s, static_cast<long>(r), pairs[r],
                           simulate_run(s, s.base, s.uncertainty, seed, seed < 4, path, reuse));
                check_same(s, static_cast<long>(r), pairs[r],
                           simulate_run(s, s.base, s.uncertainty, seed, seed < 4, RoundPath::reference));
                if (r % 2 == 1) rounds_together += std::min(pairs[r - 1].rounds, pairs[r].rounds);
            }
            // Every round both runs of a pair computed was one round of the pair (none where AVX is missing).
            const bool shares = path == RoundPath::packed_avx || path == RoundPath::fast;
            CHECK(paired == (avx_available() && shares ? rounds_together : 0));
            if (path == RoundPath::packed_avx) last = std::move(pairs);
        }
        const std::vector<RunResult>& pairs = last;
        std::vector<std::string> rows;
        for (const RunResult& r : pairs) rows.push_back(runs_row(s, s.uncertainty, 0, r));
        // The pairs' runs differ, and but where every run computes every round (case 1), some pair's
        // runs stopped at different rounds: one went on alone.
        CHECK(rows[0] != rows[1]);
        bool apart = false;
        for (std::size_t r = 1; r < pairs.size(); r += 2) apart = apart || pairs[r - 1].rounds != pairs[r].rounds;
        CHECK(apart == (c != 1));
    }
}

TEST_CASE("The fast path pairs runs from paired_rows_actors", "[rows][pair]") {
    // Below paired_rows_actors a run reads its rows in place; from it runs that share their rows pack
    // them and pair, when the runner pairs them (RowsReuse::paired, run.hpp).
    for (const int n : {paired_rows_actors - 1, paired_rows_actors}) {
        for (const bool runner_pairs : {false, true}) {
            INFO(n << " actors, runner pairs " << runner_pairs);
            const Scenario s = test::scenario_from_text(ring_yaml(n, 3, "", "model: {rounds: 4}\n"));
            RowsReuse reuse = RowsReuse::for_start(s, s.uncertainty);
            REQUIRE(reuse.key != 0);
            reuse.paired = runner_pairs;
            CHECK(runs_pair(s, reuse, RoundPath::fast) == (n >= paired_rows_actors && avx_available()));
            const long before = paired_rounds();
            const auto both =
                simulate_run_pair(s, s.base, s.uncertainty, {1, 2}, {false, false}, RoundPath::fast, reuse);
            const long rounds = std::min(both[0].rounds, both[1].rounds);
            REQUIRE(rounds > 0);
            const bool shared = n >= paired_rows_actors && runner_pairs && avx_available();
            CHECK(paired_rounds() - before == (shared ? rounds : 0));
            check_same(s, 0, both[0], simulate_run(s, s.base, s.uncertainty, 1, false, RoundPath::reference));
            check_same(s, 1, both[1], simulate_run(s, s.base, s.uncertainty, 2, false, RoundPath::reference));
        }
    }
}

TEST_CASE("The runners pair runs of 300 actors where they compute two runs of a key together", "[rows][pair]") {
    // A batch of five runs pairs; a batch of one, and a sweep of one replication a point, cannot, and
    // read the rows in place (RowsReuse::paired); three replications pair. Every byte is that of the
    // runs computed one at a time (allow_run_pairs(false)).
    const Scenario s = test::scenario_from_text(
        ring_yaml(300, 3, "",
                  "model: {rounds: 6}\noutcome: {decision: unanimity}\nsweep:\n  design: grid\n"
                  "  replications: 3\n  parameters:\n    actors.A7.stubbornness: {values: [0.1, 0.5]}\n"));
    RunPlan plan;
    plan.start = s.base;
    plan.draws = s.uncertainty;
    plan.seed = 11;
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    for (const long runs : {1L, 5L}) {
        INFO(runs << " runs");
        plan.runs = runs;
        long before = paired_rounds();
        const std::vector<RunResult> paired = run_monte_carlo(s, plan);
        const long rounds = paired_rounds() - before;
        allow_run_pairs(false);
        const std::vector<RunResult> alone = run_monte_carlo(s, plan);
        allow_run_pairs(true);
        CHECK((rounds > 0) == (runs > 1 && avx_available()));
        REQUIRE(paired.size() == alone.size());
        for (std::size_t r = 0; r < paired.size(); ++r) check_same(s, static_cast<long>(r), paired[r], alone[r]);
    }
    for (const long replications : {1L, 3L}) {
        INFO(replications << " replications");
        test::TempDir dir;
        plan.runs = replications;
        const auto sweep = [&](const std::string& name, long& rounds) {
            SweepOptions o = sweep_options_for(plan, dir / name, false, false);
            o.manifest.accord_version = std::string("test");
            o.manifest.start_time = std::string("2026-01-01T00:00:00Z");
            const long before = paired_rounds();
            REQUIRE(run_sweep(s, o).complete);
            rounds = paired_rounds() - before;
            return test::read_text(dir / name / "runs.csv") + test::read_text(dir / name / "points.csv");
        };
        long paired_rounds_count = 0, alone_rounds = 0;
        const std::string paired = sweep("paired", paired_rounds_count);
        allow_run_pairs(false);
        const std::string alone = sweep("alone", alone_rounds);
        allow_run_pairs(true);
        CHECK((paired_rounds_count > 0) == (replications > 1 && avx_available()));
        CHECK(alone_rounds == 0);
        CHECK(paired == alone);
    }
}

TEST_CASE("The runners pair runs from 65,536 actors and give the bytes of runs computed alone", "[rows][pair]") {
    // Packed rows from packed_rows_actors (influence_rows.hpp): written as tables, as big networks are.
    // Three issues under Friedkin-Johnsen; four under bounded confidence with each run's own radius,
    // decided by majority.
    struct Case {
        int issues;
        std::string model;
    };
    for (const Case& c : {Case{3,
                               "model: {rounds: 6, dynamics: friedkin-johnsen}\noutcome: {decision: unanimity}\n"
                               "uncertainty:\n  actors.a0.positions.x: {uniform: [0, 100]}\n"
                               "  model.rounds: {uniform: [2, 6]}\n"},
                          Case{4,
                               "model: {rounds: 5, dynamics: bounded-confidence, confidence: 0.3}\n"
                               "outcome: {decision: majority}\n"
                               "uncertainty:\n  actors.a0.positions.w: {uniform: [0, 100]}\n"
                               "  model.confidence: {uniform: [0.05, 0.5]}\n"}}) {
        INFO(c.issues << " issues");
        test::TempDir dir;
        const int n = packed_rows_actors;
        const char* names[] = {"x", "y", "z", "w"};
        {
            std::ofstream actors(dir / "actors.csv", std::ios::binary), edges(dir / "edges.csv", std::ios::binary);
            actors << "id,capability,stubbornness,reservation";
            for (int k = 0; k < c.issues; ++k) actors << ',' << names[k];
            actors << '\n';
            for (int i = 0; i < n; ++i) {
                actors << 'a' << i << ',' << 1 + i % 7 << ",0." << i % 5 << ",0.99";
                for (int k = 0; k < c.issues; ++k) actors << ',' << (i * (37 + 16 * k) + 11 * k) % 101;
                actors << '\n';
            }
            edges << "from,to,weight\n";
            for (int i = 0; i < n; ++i)
                for (int o : {1, 977, 30011})
                    edges << 'a' << (i + o) % n << ",a" << i << ",0." << 1 + (i + o) % 9 << '\n';
        }
        std::string issues = "issues: [";
        for (int k = 0; k < c.issues; ++k) issues += std::string(k ? ", " : "") + "{id: " + names[k] + "}";
        const Scenario s = load_scenario_text(
            (dir / "network.yaml").string(),
            "accord: 1\n" + issues + "]\nactors: {csv: actors.csv}\ninfluence: {csv: edges.csv}\n" + c.model +
                "sweep:\n  design: grid\n  replications: 3\n  parameters:\n"
                "    actors.a1.stubbornness: {values: [0.1, 0.4, 0.6, 0.8]}\n");
        RunPlan plan;
        plan.start = s.base;
        plan.draws = s.uncertainty;
        plan.runs = 5;
        plan.seed = 7;
        plan.trajectories = 2;  // the first pair records its rounds, the others decide quickly
        REQUIRE(runs_pair(s, RowsReuse::for_start(s, plan.draws), RoundPath::fast) == avx_available());
        struct Bytes {
            std::vector<RunResult> streamed, batch;
            std::string sweep_runs, sweep_points;
            long paired[3] = {0, 0, 0};  // the rounds each runner paired
        };
        // What stream_monte_carlo (accord run) and run_monte_carlo give at two threads, and run_sweep at one.
        const auto run_all = [&](const std::string& name) {
            Bytes out;
            tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
            long before = paired_rounds();
            stream_monte_carlo(
                s, plan,
                [&](long, const std::vector<RunResult>& runs) {
                    out.streamed.insert(out.streamed.end(), runs.begin(), runs.end());
                },
                5, RunSpread::across_runs);
            out.paired[0] = paired_rounds() - before;
            before = paired_rounds();
            out.batch = run_monte_carlo(s, plan);
            out.paired[1] = paired_rounds() - before;
            before = paired_rounds();
            // One thread: a block's runs of several points in one range, whose runs of two points must
            // not be paired.
            tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
            RunPlan sweep_plan = plan;
            sweep_plan.runs = 3;
            SweepOptions o = sweep_options_for(sweep_plan, dir / name, false, false);
            o.manifest.accord_version = std::string("test");
            o.manifest.start_time = std::string("2026-01-01T00:00:00Z");
            REQUIRE(run_sweep(s, o).complete);
            out.paired[2] = paired_rounds() - before;
            out.sweep_runs = test::read_text(dir / name / "runs.csv");
            out.sweep_points = test::read_text(dir / name / "points.csv");
            return out;
        };
        const Bytes paired = run_all("paired");
        allow_run_pairs(false);
        const Bytes alone = run_all("alone");
        allow_run_pairs(true);
        for (int runner = 0; runner < 3; ++runner) {
            INFO("runner " << runner);
            CHECK((paired.paired[runner] > 0) == avx_available());
            CHECK(alone.paired[runner] == 0);
        }
        REQUIRE(paired.streamed.size() == 5);
        REQUIRE(paired.batch.size() == 5);
        for (long r = 0; r < 5; ++r) {
            const auto i = static_cast<std::size_t>(r);
            check_same(s, r, paired.streamed[i], alone.streamed[i]);
            check_same(s, r, paired.batch[i], alone.streamed[i]);
            check_same(s, r, alone.batch[i], alone.streamed[i]);
        }
        CHECK(paired.sweep_runs == alone.sweep_runs);
        CHECK(paired.sweep_points == alone.sweep_points);
        CHECK(std::count(paired.sweep_runs.begin(), paired.sweep_runs.end(), '\n') == 13);  // the header and 4 x 3 runs
    }
}

TEST_CASE("runs_in_pairs pairs runs in order and computes alone what a pair could not", "[pair]") {
    std::string log;
    const auto one = [&](long i) { log += "1:" + std::to_string(i) + " "; };
    const auto two = [&](long i) {
        if (i == 2) throw std::runtime_error("a run failed");  // an error in runs 2 or 3
        if (i == 5) return false;                              // runs that cannot be paired
        log += "2:" + std::to_string(i) + " ";
        return true;
    };
    detail::runs_in_pairs(0, 9, true, one, two);
    CHECK(log == "2:0 1:2 2:3 1:5 2:6 1:8 ");
    log.clear();
    detail::runs_in_pairs(0, 3, false, one, two);
    CHECK(log == "1:0 1:1 1:2 ");
    // A throw from `one` ends the loop, as the runners' errors do.
    log.clear();
    const auto failing = [&](long i) {
        if (i == 2) throw std::runtime_error("run 2 failed");
        log += "1:" + std::to_string(i) + " ";
    };
    CHECK_THROWS_WITH(detail::runs_in_pairs(0, 6, true, failing, two), "run 2 failed");
    CHECK(log == "2:0 ");
}
