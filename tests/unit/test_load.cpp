// Scenario loading: defaults, every section, and the messages of the validator.
#include <catch2/catch.hpp>

#include "accord/load.hpp"
#include "accord/plan.hpp"
#include "support.hpp"

using namespace accord;
using Catch::Matchers::Contains;

namespace {
const std::string minimal = R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, positions: {x: 10}}
  - {id: B, capability: 2, positions: {x: 90}}
)";
}

TEST_CASE("A minimal scenario gets the documented defaults", "[load]") {
    const Scenario s = test::scenario_from_text(minimal);
    CHECK(s.issues[0].lo == 0);
    CHECK(s.issues[0].hi == 100);
    CHECK(s.base.actors[0].salience[0] == 1);
    CHECK(s.base.actors[0].stubbornness == 0);
    CHECK(s.base.actors[0].self_weight == 1);
    CHECK(s.base.actors[0].reservation == 0.8);
    CHECK_FALSE(s.base.actors[0].veto);
    CHECK(s.model.dynamics == Dynamics::friedkin_johnsen);
    CHECK(s.model.weighting == Weighting::capability_salience);
    CHECK(s.outcome.rule == TermsRule::weighted_mean);
    CHECK(s.outcome.decision == Decision::unanimity);  // nobody has a veto
    CHECK(s.outcome.stop == StopRule::on_agreement);
    CHECK(s.base.rounds == 100);
    CHECK(s.base.tolerance == 1e-6);
    CHECK(s.base.confidence == 0.2);
    CHECK(s.runs == 1);
    CHECK(s.seed == 1);
    CHECK(s.base.actors[1].position[0] == Approx(0.9));
}

TEST_CASE("The decision rule defaults to veto-players when some actor has a veto", "[load]") {
    const Scenario s =
        test::scenario_from_text(minimal + "  - {id: V, capability: 1, positions: {x: 50}, veto: true}\n");
    CHECK(s.outcome.decision == Decision::veto_players);
}

TEST_CASE("The reference scenario loads with its events and uncertainty", "[load]") {
    const Scenario s = load_scenario(test::source_path("scenarios/nato_russia_council_2002.yaml"));
    CHECK(s.issue_count() == 3);
    CHECK(s.find_actor("RUS") >= 0);
    CHECK(s.calendar);
    CHECK_FALSE(s.events.empty());
    CHECK(s.observed);
    CHECK(s.observed->agreed == true);
}

TEST_CASE("Every problem of a file is reported, each with its position", "[load]") {
    try {
        test::scenario_from_text(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capabilty: 1, positions: {x: 10}}
  - {id: B, capability: -2, positions: {x: 190}}
)");
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        const auto& items = e.diagnostics().items();
        REQUIRE(items.size() == 4);
        CHECK(items[0].where.line == 4);
        CHECK(items[0].where.column == 13);
        CHECK(items[0].message == "actor: unknown key 'capabilty' (did you mean 'capability'?)");
        CHECK(items[1].message == "actor 'A': missing required key 'capability'");
        CHECK(items[2].message == "actor 'B': capability must be >= 0, found -2");
        CHECK(items[2].where.line == 5);
        CHECK(items[2].where.column == 25);
        CHECK(items[3].message == "actor 'B': position 190 on issue 'x' is outside the scale [0, 100]");
        CHECK(items[3].where.column == 44);
    }
}

TEST_CASE("Duplicate keys and ids are caught", "[load]") {
    CHECK_THAT(test::load_errors(R"(accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, capability: 2, positions: {x: 10}}
)"),
               Contains("actor: duplicate key 'capability' (first given on line 4)"));
    CHECK_THAT(test::load_errors(minimal + "  - {id: A, capability: 1, positions: {x: 10}}\n"),
               Contains("duplicate actor id 'A' (first defined on line 5)"));
}

TEST_CASE("Non-finite numbers and quoted numbers are refused", "[load]") {
    CHECK_THAT(test::load_errors(R"(accord: 1
issues: [{id: x}]
actors: [{id: A, capability: .nan, positions: {x: 10}}]
)"),
               Contains("actor 'A': capability must be a finite number, found '.nan'"));
    CHECK_THAT(test::load_errors(R"(accord: 1
issues: [{id: x}]
actors: [{id: A, capability: "5", positions: {x: 10}}]
)"),
               Contains("actor 'A': capability must be a number, found the quoted text \"5\" (remove the quotes)"));
}

TEST_CASE("An override (--set) replaces a value, removes its uncertainty and is validated", "[load][set]") {
    const Scenario s = test::scenario_from_text(minimal + "uncertainty:\n  actors.A.capability: {uniform: [0, 5]}\n");
    REQUIRE(s.uncertainty.size() == 1);
    const double file_capability = s.base.actors[0].capability;
    PlanRequest request;
    request.overrides = parse_overrides(s, {"actors.A.capability=3", "actors.B.positions.x=40", "influence.A->B.weight=0.5"});
    REQUIRE(request.overrides.size() == 3);
    const RunPlan plan = make_run_plan(s, request);
    CHECK(plan.start.actors[0].capability == 3);
    CHECK(plan.start.actors[1].position[0] == Approx(0.4));
    CHECK(plan.draws.empty());
    REQUIRE(plan.start.edges.size() == 1);
    CHECK(plan.start.edges[0].weight == 0.5);
    // The overrides belong to the plan: the scenario stays as loaded.
    CHECK(s.base.actors[0].capability == file_capability);
    CHECK(s.uncertainty.size() == 1);
    CHECK(s.base.edges.empty());
    try {
        parse_overrides(s, {"actors.A.capabilty=3"});
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(format_diagnostics(e.diagnostics()),
                   Contains("--set actors.A.capabilty=3: error: unknown actor parameter 'capabilty' in "
                            "'actors.A.capabilty' (did you mean 'capability'?)"));
    }
    try {  // a per-actor value given an issue: named as such, not as an unknown parameter
        parse_overrides(s, {"actors.A.capability.x=3"});
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(format_diagnostics(e.diagnostics()),
                   Contains("--set actors.A.capability.x=3: error: parameter path 'actors.A.capability.x' goes on "
                            "past 'capability', which is one value per actor, not per issue: the path is "
                            "actors.A.capability"));
    }
    CHECK_THROWS_AS(parse_overrides(s, {"actors.A.positions.x=101"}), InputError);
    CHECK_THROWS_AS(parse_overrides(s, {"model.rounds=2.5"}), InputError);
    CHECK_THROWS_AS(parse_overrides(s, {"noequals"}), InputError);
    try {
        parse_overrides(s, {"actors.A.capability=inf"});
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(format_diagnostics(e.diagnostics()),
                   Contains("actors.A.capability must be a finite number, found 'inf'"));
    }
}

TEST_CASE("calendar.snap: nearest moves an event date between rounds to the nearer round, with a warning",
          "[load][calendar]") {
    // Weekly rounds from Monday 2002-04-01: Thursday 11 April is 3 days after round 1 (8 April) and
    // 4 before round 2 (15 April); Friday 12 April is nearer round 2; a tie (step 2d, odd day) goes
    // to the earlier round.
    const std::string events = R"(
events:
  - {at: 2002-04-11, name: Madrid, set: {actors.A.positions.x: 20}}
  - {at: 2002-04-12, set: {actors.A.positions.x: 30}}
)";
    Diagnostics warnings;
    const Scenario s = load_scenario_text("snap.yaml", minimal + "calendar: {start: 2002-04-01, step: 1w, snap: nearest}\n" + events,
                                          {}, &warnings);
    REQUIRE(s.events.size() == 2);
    CHECK(s.events[0].round == 1);
    CHECK(s.events[1].round == 2);
    const std::string text = format_diagnostics(warnings);
    CHECK_THAT(text, Contains("2002-04-11 is not the date of a round: moved to the nearest, 2002-04-08 (round 1)"));
    CHECK_THAT(text, Contains("2002-04-12 is not the date of a round: moved to the nearest, 2002-04-15 (round 2)"));
    const Scenario tie = load_scenario_text(
        "tie.yaml", minimal + "calendar: {start: 2002-04-01, step: 2d, snap: nearest}\nevents:\n  - {at: 2002-04-02, set: {actors.A.positions.x: 20}}\n");
    CHECK(tie.events[0].round == 0);
    try {
        load_scenario_text("exact.yaml", minimal + "calendar: {start: 2002-04-01, step: 1w}\n" + events);
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(format_diagnostics(e.diagnostics()),
                   Contains("the nearest round dates are 2002-04-08 (round 1) and 2002-04-15 (round 2)"));
    }
}

TEST_CASE("A --set of model.rounds may not take the calendar past 9999-12-31", "[load][set]") {
    // Start 9999-12-01, one day a round: round 30 is 9999-12-31, round 31 would be in year 10000.
    const Scenario s = test::scenario_from_text(minimal + "calendar: {start: 9999-12-01, step: 1d}\nmodel: {rounds: 10}\n");
    CHECK(parse_overrides(s, {"model.rounds=30"}).size() == 1);
    try {
        parse_overrides(s, {"model.rounds=31"});
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK_THAT(format_diagnostics(e.diagnostics()), Contains("calendar: round 31 would fall after 9999-12-31"));
    }
}

TEST_CASE("A --set of veto never changes the decision rule the file settled", "[load][set]") {
    // No actor of `minimal` has a veto, so the file's default rule is unanimity; docs/scenario-format.md
    // says a --set of veto does not turn it into veto-players.
    const Scenario s = test::scenario_from_text(minimal);
    REQUIRE(s.outcome.decision == Decision::unanimity);
    PlanRequest request;
    request.overrides = parse_overrides(s, {"actors.A.veto=true"});
    const RunPlan plan = make_run_plan(s, request);
    CHECK(plan.start.actors[0].veto);
    CHECK(s.outcome.decision == Decision::unanimity);
    // A file whose default is veto-players keeps it, and so keeps needing a veto actor.
    const Scenario v = test::scenario_from_text(R"(
accord: 1
issues: [{id: x}]
actors:
  - {id: A, capability: 1, veto: true, positions: {x: 10}}
  - {id: B, capability: 2, positions: {x: 90}}
)");
    REQUIRE(v.outcome.decision == Decision::veto_players);
    CHECK_THROWS_AS(parse_overrides(v, {"actors.A.veto=false"}), InputError);
}
