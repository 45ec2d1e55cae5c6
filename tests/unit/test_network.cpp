#include <catch2/catch.hpp>

#include "accord/network.hpp"
#include "support.hpp"

using namespace accord;
using Catch::Matchers::Contains;

TEST_CASE("Structural warnings: isolated actors and closed open groups", "[network]") {
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x"},
        {"id: A, capability: 1, positions: {x: 10}", "id: B, capability: 1, positions: {x: 20}",
         "id: C, capability: 1, positions: {x: 30}, stubbornness: 0.5", "id: D, capability: 1, positions: {x: 40}"},
        "A->B 1, B->A 1", ""));
    const std::string text = format_diagnostics(network_warnings(s));
    CHECK_THAT(text, Contains("actor 'C' is isolated"));
    CHECK_THAT(text, Contains("actor 'D' is isolated"));
    CHECK_THAT(text, Contains("actors A, B form a closed group"));
}

TEST_CASE("No warning when the open group listens to a stubborn actor", "[network]") {
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x"},
        {"id: A, capability: 1, positions: {x: 10}", "id: B, capability: 1, positions: {x: 20}",
         "id: C, capability: 1, positions: {x: 30}, stubbornness: 0.5"},
        "A->B 1, B->A 1, C->A 1", ""));
    CHECK(network_warnings(s).items().empty());
}

TEST_CASE("The network as Graphviz DOT", "[network]") {
    const Scenario s = test::scenario_from_text(R"(
accord: 1
name: "Two"
issues: [{id: x}]
actors:
  - {id: A, name: "Alpha", capability: 2.5, positions: {x: 10}, veto: true}
  - {id: B, capability: 1, positions: {x: 20}}
influence: [{from: A, to: B, weight: 0.4}]
)");
    const std::string dot = network_dot(s);
    CHECK_THAT(dot, Contains("digraph \"Two\" {"));
    CHECK_THAT(dot, Contains("\"A\" [label=\"Alpha\\ncapability 2.5\", peripheries=2];"));
    CHECK_THAT(dot, Contains("\"A\" -> \"B\" [label=\"0.4\", penwidth=1.5];"));
}
