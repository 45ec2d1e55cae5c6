// The community order of the round's rows (network_order.hpp) on a network small enough to follow
// by hand: two groups of four whose members are numbered apart, each actor listening to the three
// others of its group.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "accord/network_order.hpp"

using namespace accord;

namespace {

// Group A = {0, 3, 5, 6}, group B = {1, 2, 4, 7}: the sources of each actor, in increasing order.
struct TwoGroups {
    std::vector<std::int64_t> offset{0, 3, 6, 9, 12, 15, 18, 21, 24};
    std::vector<int> source{3, 5, 6, 2, 4, 7, 1, 4, 7, 0, 5, 6, 1, 2, 7, 0, 3, 6, 0, 3, 5, 1, 2, 4};
    RowsView view() const { return RowsView{8, offset.data(), source.data()}; }
};

}  // namespace

TEST_CASE("Label propagation puts each group's actors next to each other", "[round]") {
    const TwoGroups g;
    // Sweep 1, by hand: actor 0 sees labels {3, 5, 6}, each once, and not its own: it takes 3, the
    // smallest; 3 sees {3, 5, 6} (0 now holds 3) and keeps its own, tied; 5 sees {3, 3, 6}: 3; 6
    // sees {3, 3, 3}: 3. Likewise B settles on 2. Labels 2 then 3, actors increasing within each.
    CHECK(community_order(g.view()) == std::vector<int>{1, 2, 4, 7, 0, 3, 5, 6});
}

TEST_CASE("The near share counts the edges whose source lies within the window of its target", "[round]") {
    const TwoGroups g;
    // In the actors' own order, within 4 places: in A the pairs (0,3), (3,5), (3,6), (5,6) and not
    // (0,5), (0,6); in B (1,2), (1,4), (2,4), (4,7) and not (1,7), (2,7): 16 of the 24 edges.
    CHECK(near_share(g.view(), {}, 4) == Approx(16.0 / 24.0));
    // Slots by community (B in 0-3, A in 4-7): every source within 3 places of its target.
    std::vector<int> slot_of(8);
    const std::vector<int> order{1, 2, 4, 7, 0, 3, 5, 6};
    for (int t = 0; t < 8; ++t) slot_of[static_cast<std::size_t>(order[static_cast<std::size_t>(t)])] = t;
    CHECK(near_share(g.view(), slot_of, 4) == 1.0);
    CHECK(near_share(g.view(), {}, 1) == 0.0);
}
