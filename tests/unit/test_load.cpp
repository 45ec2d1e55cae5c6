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
