// The block sizes and memory estimates of accord/memory_budget.hpp that depend only on counts and
// the scenario's shape (not on the machine's memory), and its checks' refusals with the memory given.
#include <cmath>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "accord/memory_budget.hpp"
#include "accord/load.hpp"
#include "accord/sweep.hpp"
#include "support.hpp"

using accord::stream_block_runs;
using accord::sweep_point_bytes;

TEST_CASE("a stream block leaves every thread runs of its own", "[memory_budget]") {
    // The frozen reference scenario: 3 issues, 14 actors; its results fit 256 runs a block.
    const accord::Scenario s =
        accord::load_scenario(accord::test::source_path("bench/reference_scenario/nato_russia_council_2002.yaml"));
    // Many runs: the 256 of before, whatever the threads.
    CHECK(stream_block_runs(s, 100000, 2) == 256);
    CHECK(stream_block_runs(s, 2049, 2) == 256);  // ceil(2049 / 8) = 257, capped at 256
    // Few runs: at most ceil(runs / (4 x threads)), so 2 threads get 4 blocks each.
    CHECK(stream_block_runs(s, 17, 2) == 3);    // ceil(17 / 8): 6 blocks (was one block of 17)
    CHECK(stream_block_runs(s, 129, 2) == 17);  // ceil(129 / 8): 8 blocks (was one of 129)
    CHECK(stream_block_runs(s, 17, 1) == 5);    // ceil(17 / 4)
    CHECK(stream_block_runs(s, 1, 4) == 1);
    // Runs computed in pairs (runs_pair, run.hpp): blocks of whole pairs, fewer runs rather than more,
    // and a pair rather than one run when two fit.
    CHECK(stream_block_runs(s, 100000, 2, true) == 256);
    CHECK(stream_block_runs(s, 17, 2, true) == 2);    // 3 less 1
    CHECK(stream_block_runs(s, 129, 2, true) == 16);  // 17 less 1
    CHECK(stream_block_runs(s, 5, 2, true) == 2);     // ceil(5 / 8) = 1: a pair
    CHECK(stream_block_runs(s, 1, 4, true) == 1);
}

TEST_CASE("a sweep's point keeps 8 bytes a replication for each term and outcome", "[memory_budget]") {
    // 3 issues, each with a status quo: 6 values, 48 bytes a replication (docs/performance.md,
    // "A sweep's memory": 3.2 MB at 66,667 replications), and for the terms_if_agreed columns one
    // issue's deals copied (8 bytes) and a bit for whether each replication agreed: 56.125 bytes.
    const accord::Scenario s =
        accord::load_scenario(accord::test::source_path("bench/reference_scenario/nato_russia_council_2002.yaml"));
    CHECK(sweep_point_bytes(s, 66667) == 56.125 * 66667);
    // 2 issues, neither with a status quo: only the terms, 16 bytes a replication.
    const accord::Scenario t = accord::test::scenario_from_text(R"(accord: 1
issues: [{id: a}, {id: b}]
actors:
  - {id: A, capability: 1, positions: {a: 10, b: 20}}
  - {id: B, capability: 1, positions: {a: 90, b: 80}}
)");
    CHECK(sweep_point_bytes(t, 1000) == 16.0 * 1000);
}

TEST_CASE("a batch, a design or a model that does not fit is refused, naming what to lower as the caller spells it",
          "[memory_budget]") {
    const double gib = 1024.0 * 1024.0 * 1024.0;
    using Catch::Matchers::Contains;
    // 1000 runs of 4 GiB in 1 GiB: 250 fit (1000 x 1 / 4).
    CHECK_NOTHROW(accord::check_runs_memory(gib, 1000, accord::command_line_names, gib));
    CHECK_THROWS_WITH(accord::check_runs_memory(4 * gib, 1000, accord::command_line_names, gib),
                      "1000 runs would hold about 4.0 GiB of results in memory, more than the 1.0 GiB available: "
                      "lower --runs (about 250 fit), or have such counts refused with --limit runs=250; a sweep "
                      "(accord sweep) writes its rows to disk as it goes");
    CHECK_THROWS_WITH(accord::check_runs_memory(4 * gib, 1000, accord::python_names, gib),
                      "1000 runs would hold about 4.0 GiB of results in memory, more than the 1.0 GiB available: "
                      "lower runs (about 250 fit); a sweep (accord.sweep) writes its rows to disk as it goes");
    CHECK_THROWS_AS(accord::check_runs_memory(4 * gib, 1000, accord::python_names, gib), accord::MemoryBudgetError);
    // A design of 10^6 samples of 3 parameters in Sobol's 5 points each, kept twice: 5 x 10^6 x 2 x
    // (24 + 48) + 8 bytes a point (design_memory_bytes), 0.69 GiB; in 0.5 GiB about 10^6 x 0.5 / 0.69 fit.
    accord::Scenario s;
    CHECK_NOTHROW(accord::check_sensitivity_design_memory(s, 3, true, accord::SensitivityMethod::sobol, 1000000,
                                                          accord::python_names, gib));
    const double need = accord::design_memory_bytes(5e6, 3, 2);
    CHECK(need == 5e6 * (2 * (24 + 48) + 8));
    CHECK_THROWS_WITH(accord::check_sensitivity_design_memory(s, 3, true, accord::SensitivityMethod::sobol, 1000000,
                                                              accord::python_names, gib / 2),
                      Contains("1000000 samples make a design of about 0.7 GiB") &&
                          Contains(fmt::format("lower samples (about {} fit)",
                                               static_cast<long>(std::floor(1e6 * gib / 2 / need)))));
    // Morris with a status quo keeps a third copy (the trajectories with a deal at every point,
    // complete_morris): 10^6 trajectories of 3 parameters, 4 points each, fit with two copies in
    // 0.7 GiB (4e6 x (2 x 72 + 8) bytes, 0.57 GiB) but not with three (4e6 x (3 x 72 + 8), 0.83 GiB).
    const accord::Scenario with_status_quo =
        accord::load_scenario(accord::test::source_path("tests/data/sensitivity_if_agreed.yaml"));
    CHECK(accord::design_memory_bytes(4e6, 3, 2) < 0.7 * gib);
    CHECK(accord::design_memory_bytes(4e6, 3, 3) > 0.7 * gib);
    CHECK_NOTHROW(accord::check_sensitivity_design_memory(s, 3, true, accord::SensitivityMethod::morris, 1000000,
                                                          accord::python_names, 0.7 * gib));
    CHECK_THROWS_WITH(accord::check_sensitivity_design_memory(with_status_quo, 3, true,
                                                              accord::SensitivityMethod::morris, 1000000,
                                                              accord::python_names, 0.7 * gib),
                      Contains("1000000 samples make a design of about 0.8 GiB"));
    // The expected-utility model: four tables of 10^4 x 10^4 actors a run, with 2 threads about 6 GiB.
    CHECK_NOTHROW(accord::check_expected_utility_memory(false, 10000, 2, accord::python_names, gib));
    CHECK_THROWS_WITH(accord::check_expected_utility_memory(true, 10000, 2, accord::python_names, gib),
                      Contains("run fewer threads (threads)") && !Contains("--limit"));
    CHECK_THROWS_WITH(accord::check_expected_utility_memory(true, 10000, 2, accord::command_line_names, gib),
                      Contains("run fewer threads (--threads)") && Contains("--limit actors="));
}
