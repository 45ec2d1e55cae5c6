// Runs spread across threads or one at a time with every thread in its rounds (run_spread.hpp):
// the rule on a round's work, and the same bytes either way at 1 and 2 threads.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <tbb/global_control.h>

#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "accord/round.hpp"
#include "accord/run_spread.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// The runs of `plan` streamed on `threads` threads with `spread`, two runs a block.
std::vector<RunResult> streamed(const Scenario& s, const RunPlan& plan, int threads, RunSpread spread) {
    tbb::global_control control(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    std::vector<RunResult> out;
    stream_monte_carlo(s, plan, [&](long first, const std::vector<RunResult>& runs) {
        REQUIRE(first == static_cast<long>(out.size()));  // consumed in run order
        out.insert(out.end(), runs.begin(), runs.end());
    }, 2, spread);
    return out;
}

}  // namespace

TEST_CASE("A batch is computed one run at a time from a round's work of the threshold, on two threads or more",
          "[spread]") {
    // 1,000 actors, 10,000 edges, 3 issues: a round's work is (1,000 + 10,000) x 3 = 33,000.
    const Scenario s = test::scenario_from_text(
        test::sparse_ring_yaml(1000, "model: {rounds: 5}\noutcome: {stop: end}\n"));
    CHECK(run_spread(s, 2, 33000) == RunSpread::within_run);
    CHECK(run_spread(s, 4, 33000) == RunSpread::within_run);
    CHECK(run_spread(s, 2, 33001) == RunSpread::across_runs);
    CHECK(run_spread(s, 1, 33000) == RunSpread::across_runs);  // one thread: nothing to share
    // By default every batch is spread across runs: one run at a time did not pay on
    // bench/make_network.py's networks up to 100,000 actors (docs/performance.md "### One big run at
    // a time: measured, not kept"), whose round is (100,000 + 1,000,000) x 3 = 3,300,000.
    CHECK(run_spread(s, 2) == RunSpread::across_runs);
    CHECK(within_run_work > 3300000);
}

TEST_CASE("Runs one at a time give the bytes of runs side by side, at 1 and 2 threads", "[spread]") {
    const Scenario s = test::scenario_from_text(test::sparse_ring_yaml(
        1000, "model: {rounds: 20, dynamics: bounded-confidence, confidence: 0.4}\noutcome: {stop: end}\n"
              "uncertainty:\n  actors.A0.positions.a: {uniform: [0, 100]}\n  actors.A7.capability: {uniform: [1, 9]}\n"));
    // Big enough that step_round splits its targets: the threshold lowered to that of the split.
    REQUIRE(run_spread(s, 2, parallel_round_work) == RunSpread::within_run);
    PlanRequest request;
    request.runs = 7;
    request.seed = 3;
    request.trajectories = 2;
    const RunPlan plan = make_run_plan(s, request);
    const std::vector<RunResult> one = streamed(s, plan, 1, RunSpread::across_runs);
    const std::vector<RunResult> across = streamed(s, plan, 2, RunSpread::across_runs);
    const std::vector<RunResult> within = streamed(s, plan, 2, RunSpread::within_run);
    const std::vector<RunResult> within_one = streamed(s, plan, 1, RunSpread::within_run);
    REQUIRE(one.size() == 7);
    REQUIRE(within.size() == 7);
    for (std::size_t r = 0; r < one.size(); ++r) {
        INFO("run " << r);
        const std::string row = runs_row(s, s.uncertainty, static_cast<long>(r), one[r]);
        CHECK(runs_row(s, s.uncertainty, static_cast<long>(r), across[r]) == row);
        CHECK(runs_row(s, s.uncertainty, static_cast<long>(r), within[r]) == row);
        CHECK(runs_row(s, s.uncertainty, static_cast<long>(r), within_one[r]) == row);
        REQUIRE(within[r].trajectory.size() == one[r].trajectory.size());
        for (std::size_t t = 0; t < one[r].trajectory.size(); ++t) {
            const Positions& a = one[r].trajectory[t].positions;
            const Positions& b = within[r].trajectory[t].positions;
            CHECK(test::same_bits(std::vector<double>(a.data(), a.data() + a.size()),
                                  std::vector<double>(b.data(), b.data() + b.size())));
        }
    }
    CHECK(one[0].trajectory.size() == 21);  // runs 0 and 1 record their 20 rounds and the start
    // The runs differ: equal bytes of equal runs would test nothing.
    CHECK(runs_row(s, s.uncertainty, 0, one[0]).substr(2) != runs_row(s, s.uncertainty, 1, one[1]).substr(2));
}
