// RunTally's blocked_by counts (sim/output run_tally.hpp): each actor counted once per failed run in
// which it refused, whether the needed actors come in listed order (as a decision lists them, counted
// as they come) or in any other order with repeats (sorted and made unique first).
#include <catch2/catch.hpp>

#include <vector>

#include "accord/run_tally.hpp"
#include "support.hpp"

using namespace accord;

namespace {

RunResult failed_run(const std::vector<std::pair<int, bool>>& needed, bool agreed = false) {
    RunResult r;
    r.agreed = agreed;
    r.terms = {0.5};
    for (const auto& [actor, accepted] : needed) r.final_needed.push_back({actor, 0, 0, accepted});
    return r;
}

}  // namespace

TEST_CASE("blocked_by counts each refusing actor once per failed run, in any order", "[tally]") {
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x"},
        {"id: A, capability: 1, positions: {x: 10}", "id: B, capability: 1, positions: {x: 50}",
         "id: C, capability: 1, positions: {x: 90}",
         "id: D, capability: 1, positions: {x: 30}"},
        "A->B 1", ""));
    RunTally tally(s, 4);
    tally.add(failed_run({{0, false}, {1, true}, {2, false}}));            // listed order
    tally.add(failed_run({{2, false}, {0, false}, {2, false}, {1, true}}));  // another order, C twice
    tally.add(failed_run({{0, false}, {0, false}}));                      // A twice in a row
    tally.add(failed_run({{0, false}, {1, false}}, true));                // agreed: no one blocked
    REQUIRE(tally.failed() == 3);
    const std::vector<BlockerShare> shares = tally.blockers();
    REQUIRE(shares.size() == 3);  // D never needed
    // Shares of the 3 failed runs: A refused in all three, B in none, C in two.
    CHECK(shares[0].actor == 0);
    CHECK(shares[0].summary.mean == Approx(1.0));
    CHECK(shares[1].actor == 1);
    CHECK(shares[1].summary.mean == Approx(0.0));
    CHECK(shares[2].actor == 2);
    CHECK(shares[2].summary.mean == Approx(2.0 / 3));
}
