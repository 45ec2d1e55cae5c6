// The block sizes and memory estimates of sim/app/memory_budget.cpp that depend only on counts and
// the scenario's shape (not on the machine's memory).
#include <catch2/catch.hpp>

#include "../sim/app/memory_budget.hpp"
#include "accord/load.hpp"
#include "accord/sweep.hpp"
#include "support.hpp"

using accord::app::stream_block_runs;
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
