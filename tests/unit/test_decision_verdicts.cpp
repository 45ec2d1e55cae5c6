// The needed actors' verdicts of a decision (sim/engine/src/decision.cpp): at 2 to 4 issues the
// utilities are computed with the issues unrolled, elsewhere by the loop of utility(); every issue
// count gives utility()'s bits, and the verdicts skip the actors that are not needed.
#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "accord/decision.hpp"
#include "accord/utility.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// Three actors on m issues: A (veto, capability 3) at 10, 20, 30, ..., B (veto, capability 1) at
// 90, 80, 70, ..., C (not needed, capability 1, salience 0.5) at 50 everywhere.
Scenario three_actors(int m) {
    std::string issues, a, b, c, sa, sc;
    for (int k = 0; k < m; ++k) {
        const char* sep = k ? ", " : "";
        issues += fmt::format("{}{{id: i{}, status_quo: 0}}", sep, k);
        a += fmt::format("{}i{}: {}", sep, k, 10 * (k + 1));
        b += fmt::format("{}i{}: {}", sep, k, 90 - 10 * k);
        c += fmt::format("{}i{}: 50", sep, k);
        sa += fmt::format("{}i{}: 1", sep, k);
        sc += fmt::format("{}i{}: 0.5", sep, k);
    }
    return test::scenario_from_text(fmt::format(
        "accord: 1\nissues: [{}]\nactors:\n"
        "  - {{id: A, capability: 3, positions: {{{}}}, salience: {{{}}}, veto: true, reservation: 0.8}}\n"
        "  - {{id: B, capability: 1, positions: {{{}}}, salience: {{{}}}, veto: true, reservation: 0.6}}\n"
        "  - {{id: C, capability: 1, positions: {{{}}}, salience: {{{}}}, reservation: 0.5}}\n"
        "outcome: {{rule: weighted-mean, decision: veto-players}}\n",
        issues, a, sa, b, sa, c, sc));
}

}  // namespace

TEST_CASE("Decision verdicts: the needed actors' utilities are utility()'s at 1 to 5 issues", "[decision]") {
    for (int m = 1; m <= 5; ++m) {
        CAPTURE(m);
        const Scenario s = three_actors(m);
        const Positions x = initial_positions(s.base, s.issue_count());
        const DecisionOutcome d = decide(s, s.base, x, 1, 0, false);
        REQUIRE(d.needed.size() == 2);  // A and B; C is neither a veto actor nor a ratifier
        for (int j = 0; j < 2; ++j) {
            const ActorVerdict& v = d.needed[static_cast<std::size_t>(j)];
            CHECK(v.actor == j);
            CHECK(test::same_bits(v.utility, utility(s.base.actors[static_cast<std::size_t>(j)], x, j, d.terms)));
            CHECK(v.reservation == s.base.actors[static_cast<std::size_t>(j)].reservation);
        }
    }
    // Three issues by hand: the terms are (3 x_A + x_B + 0.5 x_C) / 4.5 = 1.45/4.5, 1.65/4.5, 1.85/4.5;
    // A loses 0.2222 + 0.1667 + 0.1111 = 0.5 over salience 3, utility 5/6 >= 0.8: accepts; B loses
    // 0.5778 + 0.4333 + 0.2889 = 1.3, utility 1 - 1.3/3 = 0.5667 < 0.6: rejects, so no agreement.
    const Scenario s = three_actors(3);
    const DecisionOutcome d = decide(s, s.base, initial_positions(s.base, 3), 1, 0, false);
    CHECK(d.terms[0] == Approx(1.45 / 4.5).margin(1e-12));
    CHECK(d.needed[0].utility == Approx(5.0 / 6).margin(1e-12));
    CHECK(d.needed[0].accepted);
    CHECK(d.needed[1].utility == Approx(1 - 1.3 / 3).margin(1e-12));
    CHECK_FALSE(d.needed[1].accepted);
    CHECK_FALSE(d.agreed);
}
