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

TEST_CASE("Decision inputs of the actors an event changed equal inputs made again from scratch",
          "[decision_inputs]") {
    // A run's events update only the actors they set (run.cpp apply_events); every vector must be
    // that of decision_inputs_into on the changed parameters, bit for bit.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 100}, {id: y, status_quo: 0}]
actors:
  - {id: A, capability: 3, positions: {x: 10, y: 90}, salience: {x: 0.7, y: 0.2}, reservation: 0.6}
  - {id: B, capability: 2, positions: {x: 40, y: 40}, salience: {x: 0.5, y: 1}, veto: true, reservation: status-quo}
  - {id: C, capability: 0.5, positions: {x: 70, y: 0}, salience: {x: 0.3, y: 0.1}, reservation: 0.9}
outcome: {rule: weighted-mean, decision: veto-players}
)");
    DecisionInputs updated;
    decision_inputs_into(s, s.base, updated);
    Params p = s.base;
    p.actors[2].capability = 7;            // C: its weights and the totals change
    p.actors[0].salience[1] = 0.9;         // A on y
    p.actors[1].reservation = 0.4;         // B: no longer status-quo
    p.actors[1].reservation_status_quo = false;
    p.actors[2].veto = true;               // C becomes needed
    decision_inputs_of_actors_into(s, p, {2, 0, 1, 2}, updated);
    DecisionInputs fresh;
    decision_inputs_into(s, p, fresh);
    CHECK(updated.capability == fresh.capability);
    CHECK(updated.weight == fresh.weight);
    CHECK(updated.weight_total == fresh.weight_total);
    CHECK(updated.salience == fresh.salience);
    CHECK(updated.salience_total == fresh.salience_total);
    CHECK(updated.reservation == fresh.reservation);
    CHECK(updated.status_quo == fresh.status_quo);
    CHECK(updated.veto == fresh.veto);
    CHECK(updated.needed == fresh.needed);
    CHECK(updated.any_status_quo == fresh.any_status_quo);
    // By hand: the totals on y are 3 * 0.9 + 2 * 1 + 7 * 0.1 (added in actor order); C is needed;
    // no reservation is the status quo any more.
    CHECK(updated.weight_total[1] == 3 * 0.9 + 2 * 1.0 + 7 * 0.1);
    CHECK(updated.needed == std::vector<char>{0, 1, 1});
    CHECK_FALSE(updated.any_status_quo);
    // Inputs never filled (or for other actors): made whole, not updated in part (review).
    DecisionInputs empty;
    decision_inputs_of_actors_into(s, p, {0}, empty);
    CHECK(empty.actors == 3);
    CHECK(empty.capability == fresh.capability);
    CHECK(empty.weight == fresh.weight);
    CHECK(empty.salience == fresh.salience);
    CHECK(empty.needed == fresh.needed);
}
