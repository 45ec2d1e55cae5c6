// Influence edges from a CSV table, `influence: {csv: FILE}` (sim/loader/src/influence_table.cpp):
// the same edges as the YAML list, and every error located at its line and column in the table.
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "accord/load.hpp"
#include "accord/params.hpp"
#include "temp_dir.hpp"

using namespace accord;

namespace {

const std::string head = R"(accord: 1
issues: [{id: x}]
actors:
  - {id: NORTH, capability: 3, positions: {x: 10}}
  - {id: SOUTH, capability: 2, positions: {x: 60}}
  - {id: EAST, capability: 1, positions: {x: 90}}
)";

// Loads the scenario whose influence section is `influence` (YAML after `influence:`), with the
// table `edges` written next to it as edges.csv.
Scenario load(const test::TempDir& dir, const std::string& influence, const std::string& edges = "",
              const LoadLimits& limits = {}) {
    if (!edges.empty()) std::ofstream(dir / "edges.csv", std::ios::binary) << edges;
    return load_scenario_text((dir / "scenario.yaml").string(), head + "influence:" + influence, limits);
}

// Each error as "line:column: message"; the file must be edges.csv unless `file` says otherwise.
std::vector<std::string> errors(const test::TempDir& dir, const std::string& edges, const LoadLimits& limits = {}) {
    std::vector<std::string> out;
    try {
        load(dir, " {csv: edges.csv}\n", edges, limits);
    } catch (const InputError& e) {
        for (const auto& d : e.diagnostics().items()) {
            CHECK(d.where.file == (dir / "edges.csv").string());
            out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.message);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("An influence table gives the edges of the same YAML list, in its order", "[load][influence]") {
    test::TempDir dir;
    const Scenario yaml = load(dir, R"(
  - {from: NORTH, to: SOUTH, weight: 0.4}
  - {from: EAST, to: NORTH, weight: 1e-3}
  - {from: SOUTH, to: NORTH, weight: 0}
)");
    const std::string table = "weight,from,to\r\n0.4,NORTH,SOUTH\r\n\r\n1e-3,\"EAST\",NORTH\r\n0,SOUTH,NORTH";
    const Scenario csv = load(dir, " {csv: edges.csv}\n", table);
    REQUIRE(yaml.base.edges.size() == 3);
    REQUIRE(csv.base.edges.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(csv.base.edges[i].from == yaml.base.edges[i].from);
        CHECK(csv.base.edges[i].to == yaml.base.edges[i].to);
        CHECK(csv.base.edges[i].weight == yaml.base.edges[i].weight);
    }
    CHECK(csv.base.edges[1].from == 2);  // EAST, the third actor
    CHECK(csv.base.edges[1].weight == 0.001);
    // The table's bytes are an input of the scenario (manifest.json fingerprints them).
    REQUIRE(csv.inputs.size() == 2);
    CHECK(csv.inputs[1].path == (dir / "edges.csv").string());
    CHECK(csv.inputs[1].bytes == table);
}

TEST_CASE("A path to an edge of the table reads and sets its weight", "[load][influence]") {
    test::TempDir dir;
    const Scenario s = load(dir, " {csv: edges.csv}\n", "from,to,weight\nNORTH,SOUTH,0.4\n");
    std::string why;
    const auto path = parse_param_path("influence.NORTH->SOUTH.weight", s, why);
    REQUIRE(path);
    CHECK(get_param(s.base, *path, s) == 0.4);
    const auto overrides = parse_overrides(s, {"influence.NORTH->SOUTH.weight=0.7"});
    REQUIRE(overrides.size() == 1);
    CHECK(overrides[0].value == 0.7);
}

TEST_CASE("Every error of an influence table names its line and column, in the file's order", "[load][influence]") {
    test::TempDir dir;
    CHECK(errors(dir, "from,to,weight\n"
                      "NORTH,SOTH,0.4\n"       // line 2: unknown actor, with a suggestion
                      "NORTH,SOUTH,0.5\n"      // line 3
                      "EAST,EAST,1\n"          // line 4: to itself
                      "SOUTH,NORTH,-0.3\n"     // line 5: negative
                      "SOUTH,NORTH,lots\n"     // line 6: not a number
                      "NORTH,SOUTH,0.1\n"      // line 7: the edge of line 3 again
                      "SOUTH,EAST\n"           // line 8: too few fields
                      "SOUTH,EAST,007\n"       // line 9: leading zeros
                      ",EAST,\n"              // line 10: empty from and weight
                      "SOTH,EAST,1\n") ==      // line 11: the unknown actor again, the same hint
          std::vector<std::string>{
              "2:7: influence edge: unknown actor 'SOTH' (did you mean 'SOUTH'?)",
              "4:1: influence edge from 'EAST' to itself: an actor's weight on its own position is "
              "actors.EAST.self_weight",
              "5:13: influence edge: weight must be >= 0, found -0.3",
              "6:13: influence edge: weight must be a finite number, found 'lots'",
              "7:1: influence edge NORTH -> SOUTH is given twice (first on line 3)",
              "8:1: row has 2 fields, the header has 3",
              "9:12: influence edge: weight must be written in decimal without leading zeros, found '007'",
              "10:1: influence edge: 'from' is required",
              "10:7: influence edge: weight is required",
              "11:1: influence edge: unknown actor 'SOTH' (did you mean 'SOUTH'?)",
          });
}

TEST_CASE("A wrong header of an influence table is reported and its rows are not read", "[load][influence]") {
    test::TempDir dir;
    CHECK(errors(dir, "from,too,weight,from\nNORTH,SOUTH,1,x\n") ==
          std::vector<std::string>{
              "1:6: unknown column 'too' (did you mean 'to'?)",
              "1:17: duplicate column 'from'",
              "1:1: the influence table has no 'to' column",
          });
    CHECK(errors(dir, "\n\n") ==
          std::vector<std::string>{"1:1: the influence table is empty: it needs the header row from,to,weight"});
    CHECK(errors(dir, "from,to,weight\nNORTH,\"SOUTH,1\n") ==
          std::vector<std::string>{"2:7: unterminated quoted field"});
    LoadLimits limits;
    limits.max_edges = 1;
    CHECK(errors(dir, "from,to,weight\nNORTH,SOUTH,1\nSOUTH,NORTH,1\n", limits) ==
          std::vector<std::string>{
              "1:1: the influence table's 2 edges exceed the limit of 1 (raise it with --limit edges=N)"});
}

TEST_CASE("The influence section is a list or a table, nothing else", "[load][influence]") {
    test::TempDir dir;
    auto message = [&](const std::string& influence) {
        try {
            load(dir, influence);
        } catch (const InputError& e) {
            return e.diagnostics().items().front().message;
        }
        return std::string();
    };
    CHECK(message(" 3\n") == "influence must be a list of edges or {csv: FILE}, found '3'");
    CHECK(message(" {cvs: edges.csv}\n") == "influence: unknown key 'cvs' (did you mean 'csv'?)");
    CHECK(message(" {csv: no_such.csv}\n").starts_with("influence: cannot read the table '"));
}
