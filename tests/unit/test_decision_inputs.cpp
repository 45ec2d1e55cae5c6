// The actors' decision inputs in arrays (sim/engine/include/accord/decision_inputs.hpp): the values
// by hand, and the utility from the arrays the same bits as utility() from ActorParams.
#include <catch2/catch.hpp>

#include <string>

#include "accord/decision.hpp"
#include "accord/decision_inputs.hpp"
#include "accord/utility.hpp"
#include "support.hpp"

using namespace accord;

TEST_CASE("Decision inputs: weights issue-major, salience actor-major, needed actors", "[decision_inputs]") {
    // B is a veto actor ratified by C: under veto-players the needed actors are B and C (section 16.10).
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 100}, {id: y, status_quo: 0}]
actors:
  - {id: A, capability: 3, positions: {x: 10, y: 90}, salience: {x: 0.7, y: 0.2}, reservation: 0.6}
  - {id: B, capability: 2, positions: {x: 40, y: 40}, salience: {x: 0.5, y: 1}, veto: true, reservation: status-quo, ratifiers: [C]}
  - {id: C, capability: 0.5, positions: {x: 70, y: 0}, salience: {x: 0, y: 0}, reservation: 0.9}
outcome: {rule: weighted-mean, decision: veto-players}
)");
    DecisionInputs in;
    decision_inputs_into(s, s.base, in);
    REQUIRE(in.actors == 3);
    REQUIRE(in.issues == 2);
    CHECK(in.capability == std::vector<double>{3, 2, 0.5});
    // c_i s_ik: issue x then issue y.
    CHECK(in.weight == std::vector<double>{3 * 0.7, 2 * 0.5, 0.0, 3 * 0.2, 2 * 1.0, 0.0});
    CHECK(in.salience == std::vector<double>{0.7, 0.2, 0.5, 1, 0, 0});
    CHECK(in.salience_total == std::vector<double>{0.7 + 0.2, 1.5, 0});
    CHECK(in.reservation[0] == 0.6);
    CHECK(in.reservation[2] == 0.9);
    CHECK(in.status_quo == std::vector<char>{0, 1, 0});
    CHECK(in.any_status_quo);
    CHECK(in.veto == std::vector<char>{0, 1, 0});
    CHECK(in.needed == std::vector<char>{0, 1, 1});
    CHECK(in.any_ratifiers);
    CHECK(std::vector<double>(in.issue_weights(1).begin(), in.issue_weights(1).end()) ==
          std::vector<double>{3 * 0.2, 2.0, 0.0});

    // A's utility of terms (0.5, 0.5): 1 - (0.7 * 0.4 + 0.2 * 0.4) / 0.9 = 0.6 (hand computation),
    // the same bits as from ActorParams; C has no salience and is indifferent (utility 1).
    const Positions x = initial_positions(s.base, s.issue_count());
    const std::vector<double> terms{0.5, 0.5};
    CHECK(utility(in, x, 0, terms) == Approx(0.6).margin(1e-12));
    for (int i = 0; i < 3; ++i)
        CHECK(test::same_bits(utility(in, x, i, terms), utility(s.base.actors[static_cast<std::size_t>(i)], x, i, terms)));
    CHECK(utility(in, x, 2, terms) == 1);

    // After a change of parameters the arrays follow (a run refills them after each event).
    Params changed = s.base;
    changed.actors[0].capability = 4;
    changed.actors[1].veto = false;
    decision_inputs_into(s, changed, in);
    CHECK(in.weight[0] == 4 * 0.7);
    CHECK(in.needed == std::vector<char>{0, 0, 0});  // B is no longer a veto actor, so C is not needed either
}

TEST_CASE("Decision inputs without ratifiers: needed actors and the weights' totals", "[decision_inputs]") {
    // No actor has ratifiers: the needed actors are the veto actors under veto-players (A and C),
    // every actor under unanimity (section 16.10); the weights' totals per issue are
    // 2 * 0.5 + 1 * 1 + 4 * 0.25 = 3 on x and 2 * 1 + 1 * 0 + 4 * 0.5 = 4 on y.
    const std::string actors = R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 2, positions: {x: 10, y: 90}, salience: {x: 0.5, y: 1}, veto: true}
  - {id: B, capability: 1, positions: {x: 40, y: 40}, salience: {x: 1, y: 0}}
  - {id: C, capability: 4, positions: {x: 70, y: 0}, salience: {x: 0.25, y: 0.5}, veto: true}
)";
    DecisionInputs in;
    const Scenario veto = test::scenario_from_text(actors + "outcome: {rule: weighted-mean, decision: veto-players}\n");
    decision_inputs_into(veto, veto.base, in);
    CHECK_FALSE(in.any_ratifiers);
    CHECK(in.needed == std::vector<char>{1, 0, 1});
    CHECK(in.weight_total == std::vector<double>{3, 4});
    const Scenario all = test::scenario_from_text(actors + "outcome: {rule: weighted-mean, decision: unanimity}\n");
    decision_inputs_into(all, all.base, in);
    CHECK(in.needed == std::vector<char>{1, 1, 1});
    Params changed = veto.base;
    changed.actors[2].veto = false;
    decision_inputs_into(veto, changed, in);
    CHECK(in.needed == std::vector<char>{1, 0, 0});
}
