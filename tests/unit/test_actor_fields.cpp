// Actors written in YAML and in a CSV table are read by the same code (sim/loader/src/actor_fields.cpp):
// the same values give the same parameters, and the same wrong value the same message.
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "accord/load.hpp"
#include "temp_dir.hpp"

using namespace accord;

namespace {

const std::string issues = R"(
accord: 1
issues: [{id: x, status_quo: 50}, {id: y, scale: [-1, 1], status_quo: 0}]
)";

// Loads `actors` (YAML text after `actors:`) or, when `csv` is given, the table it names.
Scenario load(const test::TempDir& dir, const std::string& actors, const std::string& csv = "") {
    if (!csv.empty()) std::ofstream(dir / "actors.csv") << csv;
    const std::string path = (dir / "scenario.yaml").string();
    return load_scenario_text(path, issues + "actors:" + actors);
}

// The messages of the InputError a load throws, without their locations.
std::vector<std::string> messages(const test::TempDir& dir, const std::string& actors, const std::string& csv = "") {
    std::vector<std::string> out;
    try {
        load(dir, actors, csv);
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics().items()) out.push_back(d.message);
    }
    return out;
}

}  // namespace

TEST_CASE("Actors from YAML and from a CSV table get the same parameters", "[load][actors]") {
    test::TempDir dir;
    const Scenario yaml = load(dir, R"(
  - {id: A, capability: 3, stubbornness: 0.25, self_weight: 2, reservation: 0.6, veto: true,
     positions: {x: 10, y: 0.5}, salience: {y: 0.4}}
  - {id: B, capability: 1, reservation: status-quo, positions: {x: 90, y: -1}}
)");
    const Scenario csv = load(dir, " {csv: actors.csv}\n",
                              "id,capability,stubbornness,self_weight,reservation,veto,x,y,y.salience\n"
                              "A,3,0.25,2,0.6,true,10,0.5,0.4\n"
                              "B,1,,,status-quo,,90,-1,\n");
    REQUIRE(yaml.base.actors.size() == 2);
    REQUIRE(csv.base.actors.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        const ActorParams& a = yaml.base.actors[i];
        const ActorParams& b = csv.base.actors[i];
        CHECK(a.capability == b.capability);
        CHECK(a.stubbornness == b.stubbornness);
        CHECK(a.self_weight == b.self_weight);
        CHECK(a.reservation == b.reservation);
        CHECK(a.reservation_status_quo == b.reservation_status_quo);
        CHECK(a.veto == b.veto);
        CHECK(a.position == b.position);
        CHECK(a.salience == b.salience);
    }
    // Fields left out take the defaults of ActorParams.
    const ActorParams defaults;
    CHECK(csv.base.actors[1].stubbornness == defaults.stubbornness);
    CHECK(csv.base.actors[1].self_weight == defaults.self_weight);
    CHECK(csv.base.actors[1].veto == defaults.veto);
    CHECK(csv.base.actors[1].reservation_status_quo);
    CHECK(csv.base.actors[1].salience == std::vector<double>{1, 1});
}

TEST_CASE("A value out of range gets the same message from YAML and from a CSV table", "[load][actors]") {
    test::TempDir dir;
    const auto yaml = messages(dir, R"(
  - {id: A, capability: -1, stubbornness: 2, self_weight: -3, reservation: 1.5, positions: {x: 10, y: 0},
     salience: {x: 1.2}}
)");
    const auto csv = messages(dir, " {csv: actors.csv}\n",
                              "id,capability,stubbornness,self_weight,reservation,x,y,x.salience\n"
                              "A,-1,2,-3,1.5,10,0,1.2\n");
    const std::vector<std::string> expected = {
        "actor 'A': capability must be >= 0, found -1",
        "actor 'A': stubbornness must be in [0, 1], found 2",
        "actor 'A': self_weight must be >= 0, found -3",
        "actor 'A': reservation must be in [0, 1], found 1.5",
        "actor 'A': salience on issue 'x' must be in [0, 1], found 1.2",
    };
    CHECK(yaml == expected);
    CHECK(csv == expected);
}
