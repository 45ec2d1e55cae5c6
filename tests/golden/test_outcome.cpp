// Terms rules and decision rules on cases computed by hand (docs/models.md sections 6 to 8).
#include <catch2/catch.hpp>

#include "accord/outcome.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {
Positions positions_of(const Scenario& s) {
    return initial_positions(s.base, s.issue_count());
}

std::vector<double> terms_in_units(const Scenario& s) {
    const Proposal p = propose_terms(s, s.base, positions_of(s));
    std::vector<double> out;
    for (std::size_t k = 0; k < p.terms.size(); ++k) out.push_back(s.issues[k].to_units(p.terms[k]));
    return out;
}

std::string three_actors(const std::string& rule) {
    return R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, salience: {x: 1.0}, positions: {x: 0}}
  - {id: B, capability: 2, salience: {x: 0.5}, positions: {x: 50}}
  - {id: C, capability: 3, salience: {x: 1.0}, positions: {x: 100}}
outcome: {rule: )" +
           rule + "}\n";
}
}  // namespace

TEST_CASE("Weighted mean terms", "[golden][outcome]") {
    // Weights c*s = 1, 1, 3: (0*1 + 50*1 + 100*3) / 5 = 70.
    CHECK(terms_in_units(test::scenario_from_text(three_actors("weighted-mean")))[0] == Approx(70));
}

TEST_CASE("Weighted median terms", "[golden][outcome]") {
    // Weights 1, 1, 3 (total 5, half 2.5): cumulative 1, 2, 5 -> the median is 100.
    CHECK(terms_in_units(test::scenario_from_text(three_actors("weighted-median")))[0] == Approx(100));
    // Weights 2, 1, 2 (total 5): cumulative 2, 3 -> 50. Exactly half picks the smaller position.
    CHECK(weighted_median({0, 0.5, 1}, {2, 1, 2}) == 0.5);
    CHECK(weighted_median({0, 1}, {1, 1}) == 0);
    CHECK(weighted_median({0.3, 0.3, 0.9}, {1, 1, 1.5}) == 0.3);
}

TEST_CASE("Nash terms: capabilities 2:1 at the ends of the scale", "[golden][outcome][nash]") {
    // max 2 ln(1 - t) + ln(t): 2/(1-t) = 1/t, t = 1/3, one third of the way from the stronger.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: STRONG, capability: 2, positions: {x: 0}, reservation: 0}
  - {id: WEAK, capability: 1, positions: {x: 100}, reservation: 0}
outcome: {rule: nash, decision: unanimity}
)");
    CHECK(terms_in_units(s)[0] == Approx(100.0 / 3).margin(1e-4));  // 1e-6 of the scale
}

TEST_CASE("Nash terms on two issues trade one issue against the other", "[golden][outcome][nash]") {
    // A (capability 3) at (0, 0) cares 2:1 about p; B (capability 1) at (100, 100) cares 1:2 about q.
    // On p the derivative of 3 ln(u_A) + ln(u_B) is negative at 0 (-2), so p = 0; on q with p = 0,
    // u_A = 1 - q/3 and u_B = 2q/3: -3/(3 - q) + 1/q = 0 gives q = 3/4.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: p}, {id: q}]
actors:
  - {id: A, capability: 3, positions: {p: 0, q: 0}, salience: {p: 1, q: 0.5}, reservation: 0}
  - {id: B, capability: 1, positions: {p: 100, q: 100}, salience: {p: 0.5, q: 1}, reservation: 0}
outcome: {rule: nash, decision: unanimity}
)");
    const auto t = terms_in_units(s);
    CHECK(t[0] == Approx(0).margin(1e-4));
    CHECK(t[1] == Approx(75).margin(1e-4));
}

TEST_CASE("Nash terms with no point every needed actor accepts fall back to the mean", "[golden][outcome][nash]") {
    // Both need utility > 0.9, but u_A + u_B = 1 on one issue between them: no feasible point.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.9}
  - {id: B, capability: 3, positions: {x: 100}, reservation: 0.9}
outcome: {rule: nash, decision: unanimity}
)");
    const Positions x = positions_of(s);
    const Proposal p = propose_terms(s, s.base, x);
    CHECK_FALSE(p.feasible);
    CHECK(s.issues[0].to_units(p.terms[0]) == Approx(75));
    CHECK_FALSE(judge_terms(s, s.base, x, p).agreed);
}

TEST_CASE("Nash terms consider only the veto players under veto-players", "[golden][outcome][nash]") {
    // Only V (at 80) must accept: the maximiser of ln(u_V - 0) is V's own position.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: V, capability: 1, positions: {x: 80}, veto: true, reservation: 0}
  - {id: O, capability: 5, positions: {x: 0}}
outcome: {rule: nash}
)");
    CHECK(terms_in_units(s)[0] == Approx(80).margin(1e-4));
}

TEST_CASE("Utility is one minus the salience-weighted distance", "[golden][outcome]") {
    ActorParams a;
    a.salience = {1, 3};
    Positions x(1, 2);
    x << 0.2, 0.6;
    // s^ = (1/4, 3/4): 1 - (0.25 * |0.5 - 0.2| + 0.75 * |0.2 - 0.6|) = 1 - (0.075 + 0.3) = 0.625.
    CHECK(utility(a, x, 0, {0.5, 0.2}) == Approx(0.625));
    a.salience = {0, 0};
    CHECK(utility(a, x, 0, {1, 1}) == 1);
}

TEST_CASE("Decision rules: unanimity, veto players and majority", "[golden][outcome]") {
    // Terms = weighted mean = (0*1 + 40*1 + 100*2) / 4 = 60. Utilities: A 0.4, B 0.8, C 0.6.
    // Reservations 0.5: A rejects, B and C accept; accepting capability (1 + 2) / 4 = 0.75.
    auto scenario = [](const std::string& outcome) {
        return test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.5, veto: )" +
                                        std::string(outcome.find("veto-A") != std::string::npos ? "true" : "false") +
                                        R"(}
  - {id: B, capability: 1, positions: {x: 40}, reservation: 0.5, veto: true}
  - {id: C, capability: 2, positions: {x: 100}, reservation: 0.5}
outcome: )" + outcome.substr(0, outcome.find('#')) +
                                        "\n");
    };
    auto verdict = [](const Scenario& s) {
        const Positions x = positions_of(s);
        return judge_terms(s, s.base, x, propose_terms(s, s.base, x));
    };
    const Verdict unanimity = verdict(scenario("{decision: unanimity}"));
    CHECK(unanimity.accepting_share == Approx(0.75));
    CHECK_FALSE(unanimity.agreed);
    CHECK(verdict(scenario("{decision: veto-players}")).agreed);
    CHECK_FALSE(verdict(scenario("{decision: veto-players}#veto-A")).agreed);
    CHECK(verdict(scenario("{decision: majority, threshold: 0.75}")).agreed);
    CHECK_FALSE(verdict(scenario("{decision: majority, threshold: 0.76}")).agreed);
    CHECK_FALSE(verdict(scenario("{decision: majority, threshold: 0.5}#veto-A")).agreed);
}

TEST_CASE("Nash terms when the maximisers are not unique", "[golden][outcome][nash]") {
    // Equal saliences: u_A = 1 - (p + q)/2 and u_B = (p + q)/2, so 2 ln(u_A) + ln(u_B) depends on
    // s = (p + q)/2 only and is largest at s = 1/3: any point on that line is a maximiser.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: p}, {id: q}]
actors:
  - {id: A, capability: 2, positions: {p: 0, q: 0}, reservation: 0}
  - {id: B, capability: 1, positions: {p: 100, q: 100}, reservation: 0}
outcome: {rule: nash, decision: unanimity}
)");
    const auto t = terms_in_units(s);
    CHECK((t[0] + t[1]) / 2 == Approx(100.0 / 3).margin(1e-4));
}
