// Bueno de Mesquita's expected-utility model (docs/models.md section 13) on cases computed by hand, and
// the published inputs of the EC car-emissions example.
#include <catch2/catch.hpp>

#include "accord/expected_utility.hpp"
#include "accord/load.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {
Positions positions_of(const Scenario& s) {
    return initial_positions(s.base, s.issue_count());
}
}  // namespace

TEST_CASE("Expected utility: probabilities and utilities of a two-actor contest", "[golden][eu]") {
    // A at 0 (c 3, s 1), B at 100 (c 1, s 0.5); R = 100, r = 1 in round 1.
    // Votes for A over B: A gives 3*1*(1 - 0) = 3, B gives 1*0.5*(0 - 1) = -0.5, so
    // P_AB = 3 / 3.5 = 6/7 and P_BA = 0.5 / 3.5 = 1/7. With d = 1: U_s = 2, U_f = -2, U_sq = 0 (Q = 1).
    // EU^A_AB = s_B (P U_s + (1-P) U_f) + (1 - s_B) U_s = 0.5 (12/7 - 2/7) + 0.5 * 2 = 5/7 + 1 = 12/7.
    // EU^B_BA = s_A (P_BA U_s + (1 - P_BA) U_f) + 0 = 2/7 - 12/7 = -10/7.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 3, salience: {x: 1}, positions: {x: 0}}
  - {id: B, capability: 1, salience: {x: 0.5}, positions: {x: 100}}
model: {dynamics: expected-utility}
outcome: {rule: weighted-median, decision: unanimity}
)");
    const Positions x = positions_of(s);
    ExpectedUtilityModel model(s, x);
    const auto round = model.play_issue(s.base, x, 0);
    CHECK(round.median == 0);
    CHECK(round.p_win[0][1] == Approx(6.0 / 7));
    CHECK(round.p_win[1][0] == Approx(1.0 / 7));
    CHECK(round.eu_own[0][1] == Approx(12.0 / 7));
    CHECK(round.eu_own[1][0] == Approx(-10.0 / 7));
    // B sees eu_BA = -10/7 < 0 < eu_AB = 12/7 with 12/7 > 10/7: a compromise, B moves by
    // |eu_BA / eu_AB| = 10/12 of the way to A: 100 - 100 * 10/12 = 16.67 (variant bdm).
    CHECK(round.moved_to[1] == Approx(1 - 10.0 / 12));
    // A: eu_AB = 12/7 > 0 and eu_BA (as A sees it) < 0: A challenges, it does not move.
    CHECK(round.moved_to[0] == 0);
}

TEST_CASE("Expected utility on the EC car-emissions example: inputs and first forecast", "[golden][eu]") {
    // Bueno de Mesquita (1994, p. 78): the c*s weighted median of the initial positions is 7.0 and
    // the weighted mean 7.39 (docs/models.md section 13).
    const Scenario s = load_scenario(test::source_path("scenarios/ec_car_emissions_1989.yaml"));
    REQUIRE(s.model.dynamics == Dynamics::expected_utility);
    const Positions x = positions_of(s);
    ExpectedUtilityModel model(s, x);
    CHECK(s.issues[0].to_units(model.play_issue(s.base, x, 0).median) == Approx(7.0));
    double sum = 0, weight = 0;
    for (const auto& a : s.base.actors) {
        sum += a.capability * a.salience[0] * s.issues[0].to_units(a.position[0]);
        weight += a.capability * a.salience[0];
    }
    CHECK(sum / weight == Approx(7.39).margin(0.005));
    // Every move goes to another actor's position or between two: positions stay in [4, 10].
    const RunResult r = simulate_run(s, s.base, 1, true);
    for (const auto& round : r.trajectory)
        for (long i = 0; i < round.positions.rows(); ++i) {
            CHECK(s.issues[0].to_units(round.positions(i, 0)) >= 4 - 1e-9);
            CHECK(s.issues[0].to_units(round.positions(i, 0)) <= 10 + 1e-9);
        }
}
