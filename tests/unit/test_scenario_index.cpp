// The Scenario's actor and edge indexes (accord/actor_id_index.hpp, accord/edge_index.hpp) give what a
// scan of every actor and edge gives, and a scenario grown by hand after index() is still searched right.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "accord/edge_index.hpp"
#include "accord/params.hpp"
#include "support.hpp"

using namespace accord;

namespace {

constexpr int n = 60;

// "a<i>" (std::string's append: GCC 12 warns, -Wrestrict, on "a" + std::to_string(i)).
std::string id(int i) {
    std::string text = "a";
    text.append(std::to_string(i));
    return text;
}

// 60 actors; each influences the next three (edges written by source, so not in the index's order of
// target), and actor 0 influences every other: in-degrees 1 to 4 and one source of 59 edges.
Scenario network() {
    std::string text = "accord: 1\nissues: [{id: agenda}]\nactors:\n";
    for (int i = 0; i < n; ++i) text += "  - {id: " + id(i) + ", capability: 1, positions: {agenda: 50}}\n";
    text += "influence:\n";
    for (int i = 0; i < n; ++i)
        for (int d = 1; d <= 3; ++d)
            if (i != 0 || d == 1)
                text += "  - {from: " + id(i) + ", to: " + id((i + d) % n) + ", weight: " + std::to_string(i * 10 + d) +
                        "}\n";
    for (int j = 2; j < n; ++j) text += "  - {from: a0, to: " + id(j) + ", weight: 0.5}\n";
    return test::scenario_from_text(text);
}

long scan(const std::vector<Edge>& edges, int from, int to) {
    for (std::size_t e = 0; e < edges.size(); ++e)
        if (edges[e].from == from && edges[e].to == to) return static_cast<long>(e);
    return -1;
}

}  // namespace

TEST_CASE("The loader indexes actors and edges; lookups agree with a scan", "[params][index]") {
    const Scenario s = network();
    REQUIRE(s.actor_index.built());
    REQUIRE(s.edge_index.built());
    REQUIRE(s.base.edges.size() == 3 * n - 2 + (n - 2));  // 178 + 58 = 236
    for (int i = 0; i < n; ++i) CHECK(s.find_actor(id(i)) == i);
    CHECK(s.find_actor("a60") == -1);
    CHECK(s.find_actor("") == -1);
    long found = 0;
    for (int from = 0; from < n; ++from)
        for (int to = 0; to < n; ++to) {
            const long e = s.find_edge(from, to);
            CHECK(e == scan(s.base.edges, from, to));
            found += e >= 0;
        }
    CHECK(found == 236);  // every edge, and nothing else
    CHECK(s.find_edge(-1, 0) == -1);
    CHECK(s.find_edge(0, n) == -1);
}

TEST_CASE("A scenario grown after index() is searched by a scan", "[params][index]") {
    Scenario s = network();
    s.actors.push_back(s.actors[1]);
    s.actors.back().id = "late";
    CHECK(s.find_actor("late") == n);
    CHECK(s.find_actor("a7") == 7);
    s.base.edges.push_back({5, 50, 1});
    CHECK(s.find_edge(5, 50) == 236);
    CHECK(s.find_edge(0, 1) == 0);
    s.index();
    CHECK(s.find_actor("late") == n);
    CHECK(s.find_edge(5, 50) == 236);
}

TEST_CASE("Influence paths read and write the right edge through the index", "[params][index]") {
    const Scenario s = network();
    std::string why;
    const auto existing = *parse_param_path("influence.a10->a12.weight", s, why);
    const auto absent = *parse_param_path("influence.a12->a10.weight", s, why);
    Params q = s.base;
    CHECK(get_param(q, existing, s) == 102);  // actor 10's second edge: 10 * 10 + 2
    set_param(q, existing, 7, s);
    CHECK(q.edges[static_cast<std::size_t>(scan(s.base.edges, 10, 12))].weight == 7);
    CHECK(q.edges.size() == 236);
    CHECK(get_param(q, absent, s) == 0);
    set_param(q, absent, 3, s);  // creates the edge, once
    set_param(q, absent, 4, s);
    REQUIRE(q.edges.size() == 237);
    CHECK(q.edges.back().from == 12);
    CHECK(q.edges.back().to == 10);
    CHECK(get_param(q, absent, s) == 4);
    // Edges in another order than the scenario's: the index's place is checked, and the edge found anyway.
    Params reversed = s.base;
    std::reverse(reversed.edges.begin(), reversed.edges.end());
    set_param(reversed, existing, 9, s);
    CHECK(reversed.edges[static_cast<std::size_t>(scan(reversed.edges, 10, 12))].weight == 9);
    CHECK(get_param(reversed, existing, s) == 9);
    CHECK(reversed.edges.size() == 236);
}

TEST_CASE("The edge index gives each repeated edge and the earliest of its twins", "[params][index]") {
    // 0->1 at 0, 3 and 5; 2->1 at 1 and 4; 1->0 at 2 alone.
    const std::vector<Edge> edges{{0, 1, 1}, {2, 1, 1}, {1, 0, 1}, {0, 1, 2}, {2, 1, 3}, {0, 1, 4}};
    const EdgeIndex index(edges, 3);
    using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
    CHECK(index.repeats(edges) == Pairs{{3, 0}, {4, 1}, {5, 0}});
    CHECK(EdgeIndex({{0, 1, 1}, {1, 0, 1}}, 2).repeats({{0, 1, 1}, {1, 0, 1}}).empty());
    // Random multigraphs: the same pairs as looking back from each edge for its first twin.
    std::mt19937 rng(5);
    for (int trial = 0; trial < 200; ++trial) {
        const int actors = 1 + static_cast<int>(rng() % 8);
        std::vector<Edge> random(rng() % 30);
        for (Edge& e : random) e = {static_cast<int>(rng() % actors), static_cast<int>(rng() % actors), 1};
        Pairs expected;
        for (std::size_t e = 0; e < random.size(); ++e)
            for (std::size_t j = 0; j < e; ++j)
                if (random[j].from == random[e].from && random[j].to == random[e].to) {
                    expected.emplace_back(e, j);
                    break;
                }
        INFO("trial " << trial);
        CHECK(EdgeIndex(random, actors).repeats(random) == expected);
    }
}
