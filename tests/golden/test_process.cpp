// The negotiation process (docs/models.md section 16): the closed forms of its sections 2, 6 and 7, decisions at
// meetings, ratification, blockers and the zone of possible agreement, on cases computed by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "accord/decision.hpp"
#include "accord/outcome.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

DecisionOutcome decide_at_start(const Scenario& s, std::uint64_t seed = 1, int round = 0, bool zopa = true) {
    return decide(s, s.base, initial_positions(s.base, s.issue_count()), seed, round, zopa);
}

const ActorVerdict& verdict_of(const DecisionOutcome& d, const Scenario& s, const std::string& id) {
    for (const ActorVerdict& v : d.needed)
        if (v.actor == s.find_actor(id)) return v;
    FAIL("actor " << id << " is not needed");
    return d.needed.front();
}

// B listens only to A, who stays at 0 (stubbornness 1), so B is pulled from 100 to 0; reservations of 1
// keep them from agreeing. `model` and `tail` complete the file.
Scenario pulled_to_zero(const std::string& model, const std::string& tail = "") {
    return test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, stubbornness: 1, reservation: 1}
  - {id: B, capability: 1, positions: {x: 100}, self_weight: 0, reservation: 1}
influence: [{from: A, to: B, weight: 1}]
model: )" + model + "\n" + tail);
}

}  // namespace

TEST_CASE("Decision draws are splitmix64 of the seed, the round and the actor", "[golden][process]") {
    // splitmix64(0) is the first output of the reference SplitMix64 generator seeded with 0
    // (Steele, Lea & Flood 2014; Vigna's splitmix64.c): 0xE220A8397B1DCDAF. With seed 0, round 0 and
    // index 0 the draw is splitmix64(0 ^ splitmix64(0)) >> 11, scaled by 2^-53.
    const std::uint64_t first = 0xE220A8397B1DCDAFULL;
    std::uint64_t z = first + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z = z ^ (z >> 31);
    CHECK(decision_draw(0, 0, 0) == static_cast<double>(z >> 11) * 0x1.0p-53);
    // Different actors, rounds and seeds draw differently; the same ones draw the same.
    CHECK(decision_draw(7, 3, 1) == decision_draw(7, 3, 1));
    CHECK(decision_draw(7, 3, 1) != decision_draw(7, 3, 2));
    CHECK(decision_draw(7, 3, 1) != decision_draw(7, 4, 1));
    CHECK(decision_draw(7, 3, 1) != decision_draw(8, 3, 1));
    // Uniform on [0, 1): the mean of 100000 draws is 1/2 within 4 standard errors (sd 1/sqrt(12)).
    double sum = 0;
    for (int r = 0; r < 100000; ++r) sum += decision_draw(2002, r, 1);
    CHECK(std::abs(sum / 100000 - 0.5) < 4 * std::sqrt(1.0 / 12 / 100000));
}

TEST_CASE("The speed of persuasion: x(t) = x(0) (1 - step)^t on two actors", "[golden][process]") {
    // B listens only to A, who stays at 0 (stubbornness 1): T(x_B) = 0, so x_B(t+1) = (1 - step) x_B(t).
    for (double step : {1.0, 0.5, 0.1}) {
        const Scenario s =
            pulled_to_zero("{rounds: 12, step: " + std::to_string(step) + ", tolerance: 1e-12}", "outcome: {stop: end}\n");
        const RunResult r = simulate_run(s, s.base, 1, true);
        // Step 1 reaches 0 at round 1 and has converged at round 2; the others run all 12 rounds.
        REQUIRE(r.trajectory.size() == (step == 1 ? 3u : 13u));
        for (const RoundRecord& rec : r.trajectory)
            CHECK(rec.positions(1, 0) == Approx(std::pow(1 - step, rec.round)).margin(1e-15));
    }
}

TEST_CASE("Convergence is judged on the update, not the step", "[golden][process]") {
    // With step 0.5, B (from 1, pulled to 0) moves 0.5^t at round t, while its update T(x) - x was
    // 0.5^(t-1). Tolerance 1e-3 on the update means a move of at most step * 1e-3 = 5e-4:
    // 0.5^t <= 5e-4 first at t = 11 (0.5^10 = 9.8e-4, 0.5^11 = 4.9e-4). Reservations of 1 keep the
    // parties from agreeing first.
    const Scenario s = pulled_to_zero("{rounds: 100, step: 0.5, tolerance: 1e-3}");
    const RunResult r = simulate_run(s, s.base, 1, false);
    CHECK(r.converged);
    CHECK(r.rounds == 11);
}

TEST_CASE("Setter against one veto player: the closed form of docs/models.md section 16.6", "[golden][process][setter]") {
    // Status quo 100; the setter at 0, the veto actor at 60 accepts |t - 60| <= 40, i.e. [20, 100].
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 100}]
actors:
  - {id: SETTER, capability: 1, positions: {x: 0}, reservation: status-quo}
  - {id: VETO, capability: 1, positions: {x: 60}, veto: true, reservation: status-quo}
outcome: {rule: setter, proposer: SETTER, decision: veto-players}
)");
    const DecisionOutcome d = decide_at_start(s);
    CHECK(d.terms[0] == Approx(0.20).margin(1e-9));
    CHECK(d.agreed);
    CHECK(d.proposer == 0);
    // The veto actor is exactly indifferent: utility 0.6 = its reservation u(status quo) = 0.6.
    CHECK(verdict_of(d, s, "VETO").utility == Approx(0.6).margin(1e-9));
    CHECK(verdict_of(d, s, "VETO").reservation == Approx(0.6).margin(1e-12));
    CHECK(verdict_of(d, s, "VETO").accepted);
}

TEST_CASE("Setter under a capability majority: the closed form of docs/models.md section 16.6", "[golden][process][setter]") {
    // Setter at 0 (capability 1); actors at 30, 70, 90 (capability 3 each); threshold 0.5 of 10.
    // Surpluses at the setter's ideal: 0.7 - 0.3 = 0.4, 0.3 - 0.7 = -0.4, 0.1 - 0.9 = -0.8, so C =
    // {setter, 30, 70} (capability 7 >= 5). The actor at 70 accepts [40, 100]: the setter offers 40.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 100}]
actors:
  - {id: S, capability: 1, positions: {x: 0}, reservation: status-quo}
  - {id: A30, capability: 3, positions: {x: 30}, reservation: status-quo}
  - {id: A70, capability: 3, positions: {x: 70}, reservation: status-quo}
  - {id: A90, capability: 3, positions: {x: 90}, reservation: status-quo}
outcome: {rule: setter, proposer: S, decision: majority, threshold: 0.5}
)");
    const DecisionOutcome d = decide_at_start(s);
    CHECK(d.terms[0] == Approx(0.40).margin(1e-9));
    CHECK(d.agreed);
    CHECK(d.accepting_share == Approx(0.7));  // S, A30 and A70; A90 (0.5 < 0.9) refuses
    CHECK_FALSE(verdict_of(d, s, "A90").accepted);
    CHECK(verdict_of(d, s, "A90").utility == Approx(0.5).margin(1e-9));
}

TEST_CASE("Setter with no acceptable offer offers its own stance and cannot agree", "[golden][process][setter]") {
    // The veto actor's ideal is the status quo, so with a margin its reservation min(1, 1 + 0.1) = 1
    // leaves only t = 100 acceptable: the setter at 0 must offer 100.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 100}]
actors:
  - {id: SETTER, capability: 1, positions: {x: 0}, reservation: 0}
  - {id: VETO, capability: 1, positions: {x: 100}, veto: true, reservation: status-quo}
outcome: {rule: setter, proposer: SETTER, decision: veto-players, margin: 0.1}
)");
    const DecisionOutcome d = decide_at_start(s);
    CHECK(d.terms[0] == Approx(1.0).margin(1e-9));
    CHECK(d.agreed);
    // Two needed actors far apart leave no acceptable offer at all:
    const Scenario apart = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 50}]
actors:
  - {id: SETTER, capability: 1, positions: {x: 50}, reservation: 0}
  - {id: LOW, capability: 1, positions: {x: 0}, veto: true, reservation: 0.9}
  - {id: HIGH, capability: 1, positions: {x: 100}, veto: true, reservation: 0.9}
outcome: {rule: setter, proposer: SETTER, decision: veto-players}
)");
    // LOW accepts [0, 10], HIGH [90, 100]: no offer meets both; the setter offers its own 50.
    const DecisionOutcome none = decide_at_start(apart);
    CHECK(none.terms[0] == Approx(0.5));
    CHECK_FALSE(none.agreed);
    CHECK_FALSE(none.zone);
}

TEST_CASE("A random proposer is drawn in proportion to capability", "[golden][process][setter]") {
    // Capabilities 1, 3: the proposer at round t is A when draw(seed, t, 0) < 1/4.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 50}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: status-quo}
  - {id: B, capability: 3, positions: {x: 100}, reservation: status-quo}
outcome: {rule: setter, proposer: random}
)");
    int a_count = 0;
    const int decisions = 4000;
    for (int t = 0; t < decisions; ++t) {
        const DecisionOutcome d = decide(s, s.base, initial_positions(s.base, 1), 99, t, false);
        CHECK(d.proposer == (decision_draw(99, t, 0) < 0.25 ? 0 : 1));
        a_count += d.proposer == 0;
        // Unanimity, status quo 50: the other side accepts only the side of 50 away from the
        // proposer, so either proposer offers exactly 50.
        CHECK(d.terms[0] == Approx(0.5).margin(1e-9));
    }
    const double share = static_cast<double>(a_count) / decisions;
    CHECK(std::abs(share - 0.25) < 4 * std::sqrt(0.25 * 0.75 / decisions));
}

TEST_CASE("Logistic acceptance at a known margin: the share within sampling error", "[golden][process]") {
    // A's utility of the mean terms: terms (1*0 + 1*100)/2 = 50 -> u_A = 0.5, reservation 0.45:
    // margin 0.05 at temperature 0.05 -> P_A = 1 / (1 + e^-1) = 0.7310585786. B is certain (its
    // reservation 0 gives margin 0.5 -> P_B = 1 / (1 + e^-10) = 0.9999546). One meeting at round 0.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.45, stubbornness: 1}
  - {id: B, capability: 1, positions: {x: 100}, reservation: 0, stubbornness: 1}
model: {rounds: 5}
outcome: {decide: at-meetings, acceptance: logistic, temperature: 0.05}
events:
  - {at: 0, name: meeting, meeting: true}
)");
    const double expected = 1 / (1 + std::exp(-1.0)) * (1 / (1 + std::exp(-10.0)));
    const int runs = 40000;
    int agreed = 0;
    for (int r = 0; r < runs; ++r) agreed += simulate_run(s, s.base, 1000 + static_cast<std::uint64_t>(r), false).agreed;
    const double share = static_cast<double>(agreed) / runs;
    CHECK(std::abs(share - expected) < 4 * std::sqrt(expected * (1 - expected) / runs));
}

TEST_CASE("Decisions only at meetings: a deal that every round would make on day 0 waits", "[golden][process]") {
    const std::string body = R"(
accord: 1
issues: [{id: x, status_quo: 0}]
actors:
  - {id: A, capability: 1, positions: {x: 40}, reservation: 0.5}
  - {id: B, capability: 1, positions: {x: 60}, reservation: 0.5}
calendar: {start: 2002-04-01, step: 1d}
model: {rounds: 60}
)";
    const Scenario every = test::scenario_from_text(body);
    const RunResult early = simulate_run(every, every.base, 1, false);
    CHECK(early.agreed);
    CHECK(*early.agreement_round == 0);

    const Scenario meetings = test::scenario_from_text(body + R"(outcome: {decide: at-meetings}
events:
  - {at: 2002-05-14, name: Reykjavik, meeting: true}
  - {at: 2002-05-28, name: Rome, meeting: true}
)");
    const RunResult r = simulate_run(meetings, meetings.base, 1, true);
    CHECK(r.agreed);
    CHECK(*r.agreement_round == 43);  // 14 May is 43 days after 1 April
    CHECK(r.rounds == 43);            // stop: on-agreement ends the run at the deal
    // Every round moved stances; decisions were judged only at the meeting.
    REQUIRE(r.trajectory.size() == 44);
    for (const RoundRecord& rec : r.trajectory) CHECK(rec.decision == (rec.round == 43));
    CHECK(r.outcome[0] == Approx(0.5));  // the deal's terms, not the status quo
}

TEST_CASE("Without agreement the run ends at its last meeting, with the status quo as its outcome",
          "[golden][process]") {
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x, status_quo: 20}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, reservation: 0.9, stubbornness: 1}
  - {id: B, capability: 1, positions: {x: 100}, reservation: 0.9, stubbornness: 1}
model: {rounds: 100}
outcome: {decide: at-meetings}
events:
  - {at: 10, name: first, meeting: true}
  - {at: 30, name: deadline, meeting: true}
)");
    const RunResult r = simulate_run(s, s.base, 1, false);
    CHECK_FALSE(r.agreed);
    CHECK(r.rounds == 30);
    CHECK(r.outcome[0] == Approx(0.2));
    CHECK(*r.final_decision_round == 30);
    // Both refuse the mean 50 (utility 0.5 < 0.9): each blocks.
    REQUIRE(r.final_needed.size() == 2);
    CHECK_FALSE(r.final_needed[0].accepted);
    CHECK_FALSE(r.final_needed[1].accepted);
    CHECK(r.final_needed[0].reservation - r.final_needed[0].utility == Approx(0.4));
}

TEST_CASE("A ratifier blocks its negotiator", "[golden][process]") {
    // USA accepts the terms 50 (utility 0.8 >= 0.7); its ratifier DOD at 0 does not (0.5 < 0.6), so
    // USA cannot accept: no agreement under veto-players, although USA's own verdict is yes.
    const std::string body = R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: USA, capability: 1, positions: {x: 30}, veto: true, reservation: 0.7, ratifiers: [DOD]}
  - {id: RUS, capability: 1, positions: {x: 70}, veto: true, reservation: 0.7}
  - {id: DOD, capability: 0, positions: {x: 0}, reservation: 0.6}
outcome: {decision: veto-players}
)";
    const Scenario s = test::scenario_from_text(body);
    const DecisionOutcome d = decide_at_start(s);
    CHECK(d.terms[0] == Approx(0.5));
    CHECK_FALSE(d.agreed);
    REQUIRE(d.needed.size() == 3);  // the veto actors and USA's ratifier
    CHECK(verdict_of(d, s, "USA").accepted);
    CHECK_FALSE(verdict_of(d, s, "DOD").accepted);
    CHECK(verdict_of(d, s, "DOD").utility == Approx(0.5));
    // Without the ratifier the same terms are agreed.
    std::string without = body;
    without.replace(without.find(", ratifiers: [DOD]"), std::string(", ratifiers: [DOD]").size(), "");
    CHECK(decide_at_start(test::scenario_from_text(without)).agreed);
    // The run's blockers: DOD in every run without agreement.
    std::vector<RunResult> runs = {simulate_run(s, s.base, 1, false), simulate_run(s, s.base, 2, false)};
    const auto shares = blocker_shares(s, runs);
    REQUIRE(shares.size() == 3);
    CHECK(*shares[0].summary.mean == 0);  // USA accepted by its own verdict
    CHECK(*shares[2].summary.mean == 1);  // DOD
}

TEST_CASE("Zone of possible agreement on a hand-computed case", "[golden][process]") {
    // Two issues; terms = weighted means (50, 50). A at (20, 50), salience (1, 1) -> weights (0.5, 0.5):
    // with y = 50 held, u_A = 1 - 0.5|x - 0.2| >= 0.8 -> |x - 0.2| <= 0.4 -> x in [0, 0.6].
    // B at (80, 50), same: x in [0.4, 1]. Intersection [0.4, 0.6]; both accept (50, 50).
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 1, positions: {x: 20, y: 50}, reservation: 0.8}
  - {id: B, capability: 1, positions: {x: 80, y: 50}, reservation: 0.8}
)");
    const DecisionOutcome d = decide_at_start(s);
    REQUIRE(d.zopa.size() == 6);  // per issue: A, B and the intersection '*'
    CHECK(d.zopa[0].actor == 0);
    CHECK(*d.zopa[0].low == Approx(0.0).margin(1e-12));
    CHECK(*d.zopa[0].high == Approx(0.6));
    CHECK(*d.zopa[1].low == Approx(0.4));
    CHECK(*d.zopa[1].high == Approx(1.0));
    CHECK(d.zopa[2].actor == -1);
    CHECK(*d.zopa[2].low == Approx(0.4));
    CHECK(*d.zopa[2].high == Approx(0.6));
    // On y, with x held at 0.5: u_A = 1 - 0.5 * 0.3 - 0.5 |y - 0.5| >= 0.8 -> |y - 0.5| <= 0.1.
    CHECK(*d.zopa[5].low == Approx(0.4));
    CHECK(*d.zopa[5].high == Approx(0.6));
    CHECK(d.zone);
    CHECK(d.agreed);
    // Raise the reservations to 0.9: A needs |x - 0.2| + |y - 0.5| <= 0.2, B |x - 0.8| + |y - 0.5| <= 0.2:
    // no common point (x would be <= 0.4 and >= 0.6), and no slice either.
    const Scenario tight = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 1, positions: {x: 20, y: 50}, reservation: 0.9}
  - {id: B, capability: 1, positions: {x: 80, y: 50}, reservation: 0.9}
)");
    const DecisionOutcome t = decide_at_start(tight);
    CHECK_FALSE(t.zone);
    CHECK_FALSE(t.zopa[2].low);
    CHECK_FALSE(t.agreed);
}

TEST_CASE("The defaults of the process keep the original model", "[golden][process]") {
    // decide() without process keys agrees with propose_terms and judge_terms (bit for bit).
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 3, positions: {x: 10, y: 90}, salience: {x: 0.7, y: 0.2}, reservation: 0.6}
  - {id: B, capability: 2, positions: {x: 70, y: 40}, reservation: 0.55, veto: true}
  - {id: C, capability: 1, positions: {x: 95, y: 5}, reservation: 0.7}
outcome: {decision: majority, threshold: 0.4}
)");
    const Positions x = initial_positions(s.base, 2);
    const Proposal p = propose_terms(s, s.base, x);
    const Verdict v = judge_terms(s, s.base, x, p);
    const DecisionOutcome d = decide(s, s.base, x, 1, 0, false);
    CHECK(d.terms == p.terms);
    CHECK(d.accepting_share == v.accepting_share);
    CHECK(d.agreed == v.agreed);
}

TEST_CASE("An event that changes model.tolerance changes convergence from its round on", "[golden][process]") {
    // B moves 0.5^t at round t (step 0.5); with tolerance 1e-9 it would run all 40 rounds, but the
    // event at round 5 raises the tolerance to 1, so the first round after it (6) counts as converged.
    const Scenario s = pulled_to_zero("{rounds: 40, step: 0.5, tolerance: 1e-9}",
                                      "events:\n  - {at: 5, name: loosen, set: {model.tolerance: 1}}\n");
    const RunResult r = simulate_run(s, s.base, 1, false);
    CHECK(r.converged);
    CHECK(r.rounds == 6);
}
