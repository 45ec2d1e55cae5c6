#include <catch2/catch.hpp>

#include "accord/params.hpp"
#include "support.hpp"

using namespace accord;

namespace {
Scenario two_issue() {
    return test::scenario_from_text(R"(
accord: 1
issues: [{id: role, scale: [-10, 10]}, {id: agenda}]
actors:
  - {id: RUS, capability: 1, positions: {role: 5, agenda: 10}}
  - {id: DEU, capability: 2, positions: {role: -5, agenda: 90}}
)");
}
}  // namespace

TEST_CASE("Parameter paths resolve and print back", "[params]") {
    const Scenario s = two_issue();
    std::string why;
    for (const char* text : {"actors.RUS.capability", "actors.DEU.positions.agenda", "actors.DEU.salience.role",
                             "influence.RUS->DEU.weight", "model.rounds", "outcome.threshold", "actors.RUS.veto"}) {
        auto p = parse_param_path(text, s, why);
        REQUIRE(p);
        CHECK(param_path_name(*p, s) == text);
    }
    CHECK_FALSE(parse_param_path("actors.RUSS.capability", s, why));
    CHECK(why == "unknown actor 'RUSS' (did you mean 'RUS'?)");
    CHECK_FALSE(parse_param_path("influence.RUS->RUS.weight", s, why));
    CHECK_FALSE(parse_param_path("model.round", s, why));
    CHECK(why.find("did you mean 'model.rounds'?") != std::string::npos);
}

TEST_CASE("Parameter values are read and written in their own units", "[params]") {
    const Scenario s = two_issue();
    Params p = s.base;
    std::string why;
    const auto role = *parse_param_path("actors.RUS.positions.role", s, why);
    CHECK(get_param(p, role, s) == Approx(5));
    set_param(p, role, -10, s);
    CHECK(p.actors[0].position[0] == 0);
    CHECK(get_param(p, role, s) == -10);
    CHECK(check_param_value(role, 11, s) == "11 is outside [-10, 10]");
    CHECK(clamp_param_value(role, 11, s) == 10);
    const auto rounds = *parse_param_path("model.rounds", s, why);
    CHECK(clamp_param_value(rounds, 12.6, s) == 13);
    CHECK(check_param_value(rounds, 12.5, s) == "12.5 is not an integer");
    const auto tolerance = *parse_param_path("model.tolerance", s, why);
    CHECK(check_param_value(tolerance, 0, s) == "0 must be > 0");
    CHECK(clamp_param_value(tolerance, -1, s) > 0);
}
