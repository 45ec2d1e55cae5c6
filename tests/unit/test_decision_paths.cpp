// The quick decisions of a run that records nothing and decides every round (decide_quick_into:
// the terms and whether the deal holds, the final decision's details once at the end) against the
// full ones (decide_into at every decision, DecisionPath::full): every field of every run the same,
// bit for bit, on the shipped scenarios and on variants of them with every terms rule, decision rule,
// stop rule, ratifiers and status-quo reservations; and a hand-computed decision where a veto player
// accepts and a later one rejects.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "accord/decision.hpp"
#include "accord/decision_inputs.hpp"
#include "accord/diagnostics.hpp"
#include "accord/load.hpp"
#include "accord/run.hpp"
#include "same_run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

using test::check_same_run;
using test::same_bits;

// The run with its decisions on one path, or the message of its numeric failure.
std::variant<RunResult, std::string> run_on(const Scenario& s, std::uint64_t seed, DecisionPath decisions) {
    try {
        return simulate_run(s, s.base, s.uncertainty, seed, false, RoundPath::fast, {}, decisions);
    } catch (const RunError& e) {
        return std::string(e.what());
    }
}

// `runs` runs of `s` from seed 1 on both paths; returns how many of them agreed.
int check_paths_agree(const Scenario& s, int runs) {
    int agreed = 0;
    for (int r = 0; r < runs; ++r) {
        const std::uint64_t seed = 1 + static_cast<std::uint64_t>(r);
        const auto full = run_on(s, seed, DecisionPath::full);
        const auto quick = run_on(s, seed, DecisionPath::quick);
        INFO(s.file << " seed " << seed);
        REQUIRE(quick.index() == full.index());
        if (quick.index() == 1) {
            CHECK(std::get<1>(quick) == std::get<1>(full));
            continue;
        }
        check_same_run(std::get<0>(quick), std::get<0>(full));
        CHECK(std::get<0>(quick).trajectory.empty());  // nothing recorded: the quick path was open
        agreed += std::get<0>(full).agreed ? 1 : 0;
    }
    return agreed;
}

// Whether decide_quick_into stands in for decide_into at the start of `s` (else the test below
// would compare the full path with itself).
bool quick_applies(const Scenario& s) {
    if (s.outcome.decide != DecideRule::every_round) return false;
    DecisionInputs inputs;
    decision_inputs_into(s, s.base, inputs);
    Positions x = Positions::Constant(static_cast<long>(s.actors.size()), s.issue_count(), 0.5);
    DecisionOutcome d;
    std::size_t first = 0;
    return decide_quick_into(s, s.base, inputs, x, d, first);
}

// `base` deciding every round, by threshold, the proposer drawn, under `rule`, `decision` and `stop`.
Scenario every_round(const Scenario& base, TermsRule rule, Decision decision, StopRule stop) {
    Scenario s = base;
    s.outcome.decide = DecideRule::every_round;
    s.outcome.acceptance = Acceptance::threshold;
    s.outcome.proposer = -1;
    s.outcome.rule = rule;
    s.outcome.decision = decision;
    s.outcome.stop = stop;
    return s;
}

}  // namespace

TEST_CASE("Quick decisions give the full decisions' results on every shipped scenario", "[decision]") {
    int quick = 0, agreed = 0;
    for (const Scenario& s : test::shipped_scenarios()) {
        quick += quick_applies(s) ? 1 : 0;
        agreed += check_paths_agree(s, 30);
    }
    CHECK(quick >= 5);
    CHECK(agreed > 0);
}

TEST_CASE("Quick decisions give the full decisions' results on the issue-time reference scenario", "[decision]") {
    // The scenario of issue 13's figure (veto-players, weighted-mean, stop on agreement): many seeds,
    // so that runs that agree and runs that do not are both compared.
    const Scenario s = load_scenario(test::source_path("tests/data/legacy/nato_russia_council_2002_v1.yaml"));
    REQUIRE(quick_applies(s));
    const int agreed = check_paths_agree(s, 400);
    CHECK(agreed > 0);
    CHECK(agreed < 400);
}

TEST_CASE("Quick decisions give the full decisions' results under every rule, ratifiers and status-quo reservations",
          "[decision]") {
    // Today's reference scenario (ratifiers, status-quo reservations, margins, the setter at meetings),
    // made to decide every round under each terms rule the quick path takes and each decision rule,
    // with each stop rule and acceptance by threshold.
    const Scenario base = load_scenario(test::source_path("scenarios/nato_russia_council_2002.yaml"));
    bool ratifiers = false, status_quo = false;
    for (const Actor& a : base.actors) ratifiers = ratifiers || !a.ratifiers.empty();
    for (const ActorParams& a : base.base.actors) status_quo = status_quo || a.reservation_status_quo;
    REQUIRE(ratifiers);
    REQUIRE(status_quo);
    int quick = 0, agreed = 0, variants = 0;
    for (const TermsRule rule : {TermsRule::weighted_mean, TermsRule::weighted_median, TermsRule::nash})
        for (const Decision decision : {Decision::veto_players, Decision::unanimity, Decision::majority})
            for (const StopRule stop : {StopRule::on_agreement, StopRule::end}) {
                const Scenario s = every_round(base, rule, decision, stop);
                INFO("rule " << static_cast<int>(rule) << " decision " << static_cast<int>(decision) << " stop "
                             << static_cast<int>(stop));
                quick += quick_applies(s) ? 1 : 0;
                agreed += check_paths_agree(s, rule == TermsRule::nash ? 4 : 60);  // nash's program is slow
                ++variants;
            }
    // weighted-mean and weighted-median under veto-players and unanimity, each stop rule (nash
    // with status-quo reservations and majority decide in full).
    CHECK(quick == 8);
    CHECK(variants == 18);
    CHECK(agreed > 0);
}

TEST_CASE("Quick decisions give the full decisions' results under nash with numeric reservations", "[decision]") {
    // The variants above put nash on the full path (status-quo reservations); with a number as every
    // actor's reservation nash's terms are tabled by the quick path too (review of the quick path).
    Scenario base = load_scenario(test::source_path("scenarios/nato_russia_council_2002.yaml"));
    for (ActorParams& a : base.base.actors) {
        a.reservation_status_quo = false;
        a.reservation = 0.7;
    }
    int quick = 0, agreed = 0;
    for (const Decision decision : {Decision::veto_players, Decision::unanimity})
        for (const StopRule stop : {StopRule::on_agreement, StopRule::end}) {
            const Scenario s = every_round(base, TermsRule::nash, decision, stop);
            INFO("decision " << static_cast<int>(decision) << " stop " << static_cast<int>(stop));
            quick += quick_applies(s) ? 1 : 0;
            agreed += check_paths_agree(s, 4);  // nash's program is slow
        }
    CHECK(quick == 4);
    CHECK(agreed > 0);
}

TEST_CASE("Quick decisions give the full decisions' results when events change who is needed and what they accept",
          "[decision]") {
    // Events mid-run lower a reservation (round 2), take B's veto away (round 3) and change a capability
    // (round 4); a drawn reservation makes runs differ. Each terms rule, decision rule and stop rule.
    const std::string text = R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 2, positions: {x: 10, y: 70}, salience: {x: 0.9, y: 0.4}, veto: true, reservation: 0.8, stubbornness: 0.3}
  - {id: B, capability: 1, positions: {x: 90, y: 20}, salience: {x: 0.5, y: 0.8}, veto: true, reservation: 0.75}
  - {id: C, capability: 3, positions: {x: 50, y: 50}, veto: true, reservation: 0.6}
  - {id: D, capability: 1, positions: {x: 30, y: 90}, reservation: 0.5}
influence:
  - {from: C, to: A, weight: 0.4}
  - {from: C, to: B, weight: 0.5}
  - {from: A, to: D, weight: 0.6}
model: {rounds: 12}
events:
  - {at: 2, name: lower, set: {actors.A.reservation: 0.7}}
  - {at: 3, name: unveto, set: {actors.B.veto: false}}
  - {at: 4, name: weaker, set: {actors.C.capability: 1}}
uncertainty:
  actors.B.reservation: {uniform: [0.5, 0.95]}
  actors.C.positions.x: {uniform: [20, 80]}
)";
    const Scenario base = test::scenario_from_text(text);
    int quick = 0, agreed = 0, variants = 0;
    for (const TermsRule rule : {TermsRule::weighted_mean, TermsRule::weighted_median, TermsRule::nash})
        for (const Decision decision : {Decision::veto_players, Decision::unanimity})
            for (const StopRule stop : {StopRule::on_agreement, StopRule::end}) {
                const Scenario s = every_round(base, rule, decision, stop);
                INFO("rule " << static_cast<int>(rule) << " decision " << static_cast<int>(decision) << " stop "
                             << static_cast<int>(stop));
                quick += quick_applies(s) ? 1 : 0;
                agreed += check_paths_agree(s, 40);
                ++variants;
            }
    CHECK(quick == variants);
    CHECK(agreed > 0);
    CHECK(agreed < variants * 40);
}

TEST_CASE("Quick decisions fail where the full ones fail, with the same message", "[decision]") {
    // Only A weighs issue y; an event at round 2 takes A's capability to 0, so no weighted mean of y
    // exists from round 2 on: both paths must stop the run there with the same located error.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}, {id: y}]
actors:
  - {id: A, capability: 2, positions: {x: 10, y: 70}, salience: {x: 0.5, y: 1}, veto: true, reservation: 0.99}
  - {id: B, capability: 1, positions: {x: 90, y: 20}, salience: {x: 1, y: 0}, veto: true, reservation: 0.99}
model: {rounds: 6}
events:
  - {at: 2, name: gone, set: {actors.A.capability: 0}}
)");
    REQUIRE(quick_applies(s));
    const auto quick = run_on(s, 1, DecisionPath::quick);
    const auto full = run_on(s, 1, DecisionPath::full);
    REQUIRE(quick.index() == 1);
    REQUIRE(full.index() == 1);
    CHECK(std::get<1>(quick) == std::get<1>(full));
    CHECK_THAT(std::get<1>(quick), Catch::Matchers::Contains("round 2"));
}

TEST_CASE("Quick decisions: a veto player that accepts, then one that rejects", "[decision]") {
    // One issue, one round (round 0). Terms: the capability-weighted mean (1 * 0 + 1 * 1 + 2 * 0.5) / 4
    // = 0.5; A and B (veto players) each have utility 1 - |0.5 - 0| = 1 - |0.5 - 1| = 0.5. A's
    // reservation 0.4 is met, B's 0.6 is not: no deal, and B is the first veto player to reject.
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, veto: true, reservation: 0.4, stubbornness: 1}
  - {id: B, capability: 1, positions: {x: 100}, veto: true, reservation: 0.6, stubbornness: 1}
  - {id: C, capability: 2, positions: {x: 50}, stubbornness: 1}
model: {rounds: 3}
outcome: {rule: weighted-mean, decision: veto-players, stop: on-agreement}
)");
    REQUIRE(quick_applies(s));
    for (const DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
        const RunResult r = simulate_run(s, s.base, s.uncertainty, 1, false, RoundPath::fast, {}, decisions);
        INFO("path " << static_cast<int>(decisions));
        CHECK_FALSE(r.agreed);
        CHECK(r.terms == std::vector<double>{0.5});
        REQUIRE(r.final_decision_round.has_value());
        CHECK(*r.final_decision_round == r.rounds);
        REQUIRE(r.final_needed.size() == 2);
        CHECK(r.final_needed[0].actor == 0);
        CHECK(r.final_needed[0].utility == 0.5);
        CHECK(r.final_needed[0].reservation == 0.4);
        CHECK(r.final_needed[0].accepted);
        CHECK(r.final_needed[1].actor == 1);
        CHECK(r.final_needed[1].utility == 0.5);
        CHECK(r.final_needed[1].reservation == 0.6);
        CHECK_FALSE(r.final_needed[1].accepted);
    }
    // decide_quick_into itself: the same verdict whichever actor it judges first (`first`: A, B, C
    // who is not needed, or out of range), and B, the one who rejects, left in `first`.
    DecisionInputs inputs;
    decision_inputs_into(s, s.base, inputs);
    Positions x(3, 1);
    x << 0.0, 1.0, 0.5;
    for (const std::size_t start : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{99}}) {
        DecisionOutcome d;
        std::size_t first = start;
        REQUIRE(decide_quick_into(s, s.base, inputs, x, d, first));
        INFO("first " << start);
        CHECK_FALSE(d.agreed);
        CHECK(d.terms == std::vector<double>{0.5});
        CHECK(first == 1);
    }
    // B's reservation lowered to 0.5: both accept, the deal holds at round 0 on both paths.
    Scenario agree = s;
    agree.base.actors[1].reservation = 0.5;
    for (const DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
        const RunResult r = simulate_run(agree, agree.base, agree.uncertainty, 1, false, RoundPath::fast, {}, decisions);
        CHECK(r.agreed);
        CHECK(r.agreement_round == 0);
        REQUIRE(r.final_needed.size() == 2);
        CHECK(r.final_needed[1].accepted);
    }
}

TEST_CASE("Quick and full decisions: a status-quo reservation is the status quo's utility plus the margin",
          "[decision]") {
    // As above, B's reservation now the status quo (0) plus the margin: B's utility of the status quo
    // is 1 - |0 - 1| = 0, so its reservation is the margin, against its utility 0.5 of the terms.
    // Margin 0.4: B accepts and the deal holds at round 0; 0.6: B rejects (both paths, and
    // decide_quick_into itself). A margin taken off instead of added would leave B accepting both times.
    for (const double margin : {0.4, 0.6}) {
        const Scenario s = test::scenario_from_text(std::string(R"(
accord: 1
issues: [{id: x, status_quo: 0}]
actors:
  - {id: A, capability: 1, positions: {x: 0}, veto: true, reservation: 0.4, stubbornness: 1}
  - {id: B, capability: 1, positions: {x: 100}, veto: true, reservation: status-quo, stubbornness: 1}
  - {id: C, capability: 2, positions: {x: 50}, stubbornness: 1}
model: {rounds: 3}
outcome: {rule: weighted-mean, decision: veto-players, stop: on-agreement, margin: )") +
                                                    (margin == 0.4 ? "0.4" : "0.6") + "}\n");
        INFO("margin " << margin);
        REQUIRE(quick_applies(s));
        const bool accepts = margin < 0.5;
        for (const DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
            const RunResult r = simulate_run(s, s.base, s.uncertainty, 1, false, RoundPath::fast, {}, decisions);
            INFO("path " << static_cast<int>(decisions));
            CHECK(r.agreed == accepts);
            REQUIRE(r.final_needed.size() == 2);
            CHECK(r.final_needed[1].utility == 0.5);
            CHECK(r.final_needed[1].reservation == margin);
            CHECK(r.final_needed[1].accepted == accepts);
        }
        DecisionInputs inputs;
        decision_inputs_into(s, s.base, inputs);
        Positions x(3, 1);
        x << 0.0, 1.0, 0.5;
        DecisionOutcome d;
        std::size_t first = 0;
        REQUIRE(decide_quick_into(s, s.base, inputs, x, d, first));
        CHECK(d.agreed == accepts);
    }
}

TEST_CASE("Rounds that cannot agree are skipped up to the first that can: the bound is tight", "[decision]") {
    // Under weighted-mean terms the quick path skips a round while the actor who rejected last is
    // sure to reject again: its shortfall from its reservation, less twice each round's largest move
    // (run.cpp). Twice is needed here. A (all the capability, so the terms are A's position) starts
    // at 0 and R (no capability, the one veto) at 100; both hear M (fixed at 50) as much as
    // themselves, so each halves its distance to 50 every round, in opposite directions. R's
    // utility, 1 - |x_A - x_R| / 100, goes 0, 0.5, 0.75, 0.875, 0.9375 at rounds 0 to 4 while the
    // largest move is 0.25, 0.125, 0.0625, 0.03125 (on the model's scale of 0 to 1; every number
    // here is exact in binary). With a reservation of 0.9, R accepts first at round 4; half the
    // bound (once each move) would leave R's shortfall above 0.4 for ever and miss the deal. With
    // 0.9375, R's utility at round 4 equals its reservation and the bound is exactly 0: the round
    // must be judged (a shortfall of 0 is no proof of a rejection).
    for (const std::string reservation : {"0.9", "0.9375"}) {
        const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
            {"x"},
            {"id: A, capability: 100, positions: {x: 0}",
             "id: R, capability: 0, positions: {x: 100}, reservation: " + reservation + ", veto: true",
             "id: M, capability: 0, positions: {x: 50}"},
            "M->A 1, M->R 1",
            "model: {rounds: 30, dynamics: degroot, weighting: edge}\n"
            "outcome: {rule: weighted-mean, decision: veto-players}\n"));
        for (DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
            INFO("reservation " << reservation << (decisions == DecisionPath::quick ? ", quick" : ", full"));
            const auto run = run_on(s, 1, decisions);
            REQUIRE(run.index() == 0);
            CHECK(std::get<0>(run).agreed);
            CHECK(std::get<0>(run).agreement_round == 4);
            CHECK(std::get<0>(run).terms[0] == 0.46875);  // A at round 4: 0.5 - 0.5^5
        }
    }
}

TEST_CASE("Rounds are judged when the terms' weights add up to a subnormal number", "[decision]") {
    // From a review: at round 1 an event makes A's capability 1e-300, so A's weight in the terms,
    // 1e-300 x 1e-22, is 20 steps of the smallest double (about 5e-324) and the terms, A's position,
    // move in steps of 0.05 while A drifts toward B by a percent a round. Rounding then moves the
    // terms far more than A does, and R (reservation 0.87, at 0) accepts at round 25, when the terms
    // fall from 0.15 to 0.10 on a small move. Judging rounds by the bound on utility moves there
    // (decide_quick_into's margin) reported the deal at round 33.
    const Scenario s = test::scenario_from_text(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 16}, salience: {x: 1e-22}, reservation: 0}
  - {id: B, capability: 0, positions: {x: 0}, salience: {x: 1}, reservation: 0, stubbornness: 1}
  - {id: R, capability: 0, positions: {x: 0}, salience: {x: 1}, reservation: 0.87, stubbornness: 1}
influence:
  - {from: B, to: A, weight: 0.01}
model: {rounds: 60, weighting: edge}
outcome: {rule: weighted-mean, decision: unanimity, stop: on-agreement}
events:
  - {at: 1, name: shrink, set: {actors.A.capability: 1e-300}}
)");
    for (DecisionPath decisions : {DecisionPath::quick, DecisionPath::full}) {
        INFO((decisions == DecisionPath::quick ? "quick" : "full"));
        const auto run = run_on(s, 3, decisions);
        REQUIRE(run.index() == 0);
        CHECK(std::get<0>(run).agreement_round == 25);
        CHECK(std::get<0>(run).rounds == 25);
    }
    CHECK(check_paths_agree(s, 3) == 3);
}
