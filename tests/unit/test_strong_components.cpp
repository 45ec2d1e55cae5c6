// Tarjan's components (accord/strong_components.hpp): a graph followed by hand, and the numbering of
// boost::strong_components, which network_warnings used before, on random graphs.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>

#include "accord/strong_components.hpp"

using namespace accord;

namespace {

using Pairs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

SparseRows rows_of(const Pairs& edges, std::size_t vertices) {
    return sparse_rows(
        edges, vertices, [](const auto& e) { return e.first; }, [](const auto& e) { return e.second; },
        [](const auto&) { return true; });
}

}  // namespace

TEST_CASE("Compressed rows keep each source's targets in the order of the edges", "[network]") {
    const SparseRows rows = rows_of({{2, 0}, {0, 3}, {2, 1}, {0, 1}}, 4);
    CHECK(rows.start == std::vector<std::size_t>{0, 2, 2, 4, 4});
    CHECK(rows.targets == std::vector<std::uint32_t>{3, 1, 0, 1});
}

TEST_CASE("Strong components of a graph followed by hand", "[network]") {
    // 0 <-> 1 -> 2 <-> 3; 4 alone; 5 -> 4. The search from 0 reaches 1, then 2 and 3; {2, 3}
    // completes first (0), then {0, 1} (1); then 4 (2), then 5 (3), whose target is done.
    std::vector<int> component;
    const int count = strong_components(rows_of({{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 2}, {5, 4}}, 6), component);
    CHECK(count == 4);
    CHECK(component == std::vector<int>{1, 1, 0, 0, 2, 3});
}

TEST_CASE("Strong components are numbered as boost::strong_components numbers them", "[network]") {
    using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                     boost::no_property, std::uint32_t, std::size_t>;
    std::mt19937 rng(13);
    for (int trial = 0; trial < 300; ++trial) {
        const std::size_t n = 1 + rng() % 40;
        const std::size_t m = rng() % (3 * n);  // from a forest of singletons to one big component
        Pairs edges;
        for (std::size_t e = 0; e < m; ++e)
            edges.emplace_back(static_cast<std::uint32_t>(rng() % n), static_cast<std::uint32_t>(rng() % n));
        const Graph g(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), n);
        std::vector<int> expected(n);
        const int expected_count = boost::strong_components(
            g, boost::make_iterator_property_map(expected.begin(), boost::get(boost::vertex_index, g)));
        std::vector<int> component;
        INFO("trial " << trial << ", " << n << " vertices, " << m << " edges");
        CHECK(strong_components(rows_of(edges, n), component) == expected_count);
        CHECK(component == expected);
    }
}

TEST_CASE("A chain of 200 000 vertices is searched without recursion", "[network]") {
    // One component per vertex, the last one completing first: a recursive search this deep could
    // overflow the stack.
    const std::size_t n = 200000;
    Pairs edges;
    for (std::uint32_t v = 0; v + 1 < n; ++v) edges.emplace_back(v, v + 1);
    std::vector<int> component;
    CHECK(strong_components(rows_of(edges, n), component) == static_cast<int>(n));
    CHECK(component.front() == static_cast<int>(n) - 1);
    CHECK(component.back() == 0);
}
