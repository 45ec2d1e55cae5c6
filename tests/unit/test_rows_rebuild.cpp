// Direct influence rows rebuilt in place (InfluenceRows::build when the edges keep their ends and
// which are kept: sim/engine influence_rows.hpp): the same arrays, bit for bit, as rows built fresh
// from the same parameters, and the hand-computed weights c_j s_jk w_ji.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "accord/influence_rows.hpp"
#include "support.hpp"

using namespace accord;

namespace {

const std::string text = test::small_scenario_yaml(
    {"x", "y", "z"},
    {"id: A, capability: 3, positions: {x: 10, y: 80, z: 5}, salience: {x: 0.9, y: 0.3, z: 1}, self_weight: 2",
     "id: B, capability: 2, positions: {x: 40, y: 20, z: 50}, salience: {x: 0.5, y: 0.8, z: 0.25}",
     "id: C, capability: 1, positions: {x: 90, y: 60, z: 70}"},
    "C->A 0.2, B->A 0.5, A->B 0.7, A->C 0.4, B->C 0.6", "model: {weighting: capability-salience}\n");

// Every array of two direct rows, bit for bit.
void check_same_rows(const InfluenceRows& a, const InfluenceRows& b) {
    REQUIRE(a.actors() == b.actors());
    REQUIRE(a.issues() == b.issues());
    REQUIRE(a.edges() == b.edges());
    CHECK_FALSE(a.packed());
    CHECK_FALSE(b.packed());
    const auto m = static_cast<std::size_t>(a.issues());
    for (int i = 0; i <= a.actors(); ++i) CHECK(a.first(i) == b.first(i));
    const auto edges = static_cast<std::size_t>(a.edges());
    CHECK(std::memcmp(a.sources(), b.sources(), edges * sizeof(int)) == 0);
    CHECK(std::memcmp(a.weights(), b.weights(), edges * m * sizeof(double)) == 0);
    CHECK(std::memcmp(a.own_weights(), b.own_weights(), static_cast<std::size_t>(a.actors()) * m * sizeof(double)) ==
          0);
}

}  // namespace

TEST_CASE("Direct rows rebuilt in place equal rows built fresh, and hold c_j s_jk w_ji", "[rows]") {
    const Scenario s = test::scenario_from_text(text);
    InfluenceRows kept(s, s.base);

    // New weights, capabilities, saliences and self weights on the same edges: rebuilt in place.
    Params changed = s.base;
    changed.edges[1].weight = 0.25;         // B -> A
    changed.actors[1].capability = 4;       // B
    changed.actors[0].self_weight = 0.5;    // A
    changed.actors[0].salience[2] = 0.125;  // A on z
    kept.build(s, changed);
    const InfluenceRows fresh(s, changed);
    check_same_rows(kept, fresh);
    // A's row: its sources B then C in actor order (the edges list C first); B -> A on x, y, z is
    // 0.25 * 4 * (0.5, 0.8, 0.25) = (0.5, 0.8, 0.25); C -> A is 0.2 * 1 * (1, 1, 1) (default salience 1).
    REQUIRE(kept.first(0) == 0);
    REQUIRE(kept.first(1) == 2);
    CHECK(kept.source(0) == 1);
    CHECK(kept.source(1) == 2);
    CHECK(kept.weight(0, 0) == 0.5);
    CHECK(kept.weight(0, 1) == 0.8);
    CHECK(kept.weight(0, 2) == 0.25);
    CHECK(kept.weight(1, 0) == 0.2);
    // A's own weight on z: self weight 0.5 * capability 3 * salience 0.125 = 0.1875.
    CHECK(kept.own_weight(0, 2) == 0.1875);

    // An edge dropped (weight 0) changes the rows' shape: built again from scratch, B -> A gone.
    Params dropped = changed;
    dropped.edges[1].weight = 0;
    kept.build(s, dropped);
    check_same_rows(kept, InfluenceRows(s, dropped));
    CHECK(kept.first(1) == 1);
    CHECK(kept.source(0) == 2);

    // And back: the edge kept again gives the first rows.
    kept.build(s, changed);
    check_same_rows(kept, fresh);

    // An actor more (another plan on the same thread, same edges): built from scratch.
    Params grown = changed;
    grown.actors.push_back(grown.actors[2]);
    kept.build(s, grown);
    check_same_rows(kept, InfluenceRows(s, grown));
    CHECK(kept.actors() == 4);
    CHECK(kept.first(4) == kept.edges());
}

TEST_CASE("One edge's weights refilled in place equal rows built fresh; a change of shape asks for a build",
          "[rows]") {
    const Scenario s = test::scenario_from_text(text);
    InfluenceRows rows(s, s.base);

    // One edge's weight (B -> A, 0.5 -> 0.25), as an event sets it: in place, the rows built fresh.
    Params changed = s.base;
    changed.edges[1].weight = 0.25;
    REQUIRE(rows.refill_edge(s, changed, 1, 0));
    check_same_rows(rows, InfluenceRows(s, changed));
    // B -> A on x, y, z: 0.25 * capability 2 * salience (0.5, 0.8, 0.25) = (0.25, 0.4, 0.125).
    CHECK(rows.weight(0, 0) == 0.25);
    CHECK(rows.weight(0, 1) == 0.4);
    CHECK(rows.weight(0, 2) == 0.125);

    // A weight set to 0 (C -> A) changes the shape: refused, and the build then gives fresh rows.
    Params dropped = changed;
    dropped.edges[0].weight = 0;
    CHECK_FALSE(rows.refill_edge(s, dropped, 2, 0));
    rows.build(s, dropped);
    check_same_rows(rows, InfluenceRows(s, dropped));
    CHECK(rows.edges() == 4);

    // From 0 back to a weight: the edge is not in the rows, refused as well.
    CHECK_FALSE(rows.refill_edge(s, changed, 2, 0));
    rows.build(s, changed);
    check_same_rows(rows, InfluenceRows(s, changed));

    // An edge the rows do not have (C -> B, added as an event adds it): refused.
    Params added = changed;
    added.edges.push_back({2, 1, 0.5});
    CHECK_FALSE(rows.refill_edge(s, added, 2, 1));

    // Packed rows keep no shape: refused.
    InfluenceRows packed(s, s.base, RowLayout::packed);
    CHECK_FALSE(packed.refill_edge(s, changed, 1, 0));
}

TEST_CASE("Rows refilled after a change of capability and self weight on the same edges equal rows built fresh",
          "[rows]") {
    const Scenario s = test::scenario_from_text(text);
    InfluenceRows rows(s, s.base);
    Params changed = s.base;
    changed.actors[1].capability = 4;     // B: every weight of B's edges changes
    changed.actors[2].self_weight = 0.5;  // C
    const std::vector<int> changed_actors = {1, 2, 1};  // an actor may be listed twice
    REQUIRE(rows.refill(s, changed, changed_actors));
    check_same_rows(rows, InfluenceRows(s, changed));
    // B -> A on x: 0.5 * 4 * 0.5 = 1; C's own weight on y: 0.5 * 1 * 1 = 0.5.
    CHECK(rows.weight(0, 0) == 1);
    CHECK(rows.own_weight(2, 1) == 0.5);
    // Packed rows and rows of another network size are refused.
    InfluenceRows packed(s, s.base, RowLayout::packed);
    CHECK_FALSE(packed.refill(s, changed, changed_actors));
    Params grown = changed;
    grown.actors.push_back(grown.actors[2]);
    CHECK_FALSE(rows.refill(s, grown, changed_actors));
}
