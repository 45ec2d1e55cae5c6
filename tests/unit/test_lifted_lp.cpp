// The setter's lifted linear program (sim/engine lifted_lp.hpp) built column by column gives Clp the
// very arrays that the triplets sorted into a CoinPackedMatrix gave it before: the same matrix, entry
// order, bounds and objective, so the same pivots and the same bits (docs/performance.md, "Many small
// runs"). A hand case fixes the layout; random problems compare the two builders bit for bit.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "accord/lifted_lp.hpp"
#include "support.hpp"

using namespace accord;

namespace {

constexpr double inf = std::numeric_limits<double>::max();  // COIN_DBL_MAX

using test::same_bits;

void check_same(const LiftedLp& a, const LiftedLp& b) {
    CHECK(a.rows == b.rows);
    CHECK(a.cols == b.cols);
    CHECK(a.starts == b.starts);
    CHECK(a.index == b.index);
    CHECK(same_bits(a.value, b.value));
    CHECK(same_bits(a.col_low, b.col_low));
    CHECK(same_bits(a.col_up, b.col_up));
    CHECK(same_bits(a.objective, b.objective));
    CHECK(same_bits(a.row_low, b.row_low));
    CHECK(same_bits(a.row_up, b.row_up));
}

}  // namespace

TEST_CASE("The lifted program of one actor and a proposer, entry by entry", "[setter]") {
    // Actor: weights (0.25, 0.75), ideal (0.2, 0.6), budget 0.3: rows 0-1 (issue 0), 2-3 (issue 1),
    // 4 (budget). Proposer: weight 1 on issue 0 only, ideal 0.9: rows 5-6. Columns tau_0, tau_1,
    // d_actor,0, d_actor,1, d_proposer,0 (the objective).
    const LinearUtility actor{{0.2, 0.6}, {0.25, 0.75}};
    const LinearUtility proposer{{0.9, 0.1}, {1.0, 0.0}};
    LiftedLp lp;
    build_lifted_lp(2, {{&actor, 0.3}}, &proposer, lp);
    CHECK(lp.rows == 7);
    CHECK(lp.cols == 5);
    CHECK(lp.starts == std::vector<int>{0, 4, 6, 9, 12, 14});
    CHECK(lp.index == std::vector<int>{0, 1, 5, 6, 2, 3, 0, 1, 4, 2, 3, 4, 5, 6});
    CHECK(lp.value == std::vector<double>{-1, 1, -1, 1, -1, 1, 1, 1, 0.25, 1, 1, 0.75, 1, 1});
    CHECK(lp.col_low == std::vector<double>{0, 0, 0, 0, 0});
    CHECK(lp.col_up == std::vector<double>{1, 1, inf, inf, inf});
    CHECK(lp.objective == std::vector<double>{0, 0, 0, 0, 1});
    CHECK(lp.row_low == std::vector<double>{-0.2, 0.2, -0.6, 0.6, -inf, -0.9, 0.9});
    CHECK(lp.row_up == std::vector<double>{inf, inf, inf, inf, 0.3, inf, inf});
    check_same(lp, lifted_lp_from_triplets(2, {{&actor, 0.3}}, &proposer));
}

TEST_CASE("The lifted program built by columns is the triplets' program, bit for bit", "[setter]") {
    std::mt19937_64 rng(13);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    LiftedLp lp;  // reused, as the setter reuses it
    int compared = 0;
    for (int trial = 0; trial < 2000; ++trial) {
        const std::size_t m = 1 + trial % 5;
        const std::size_t actors = trial % 7;
        // Some weights 0 (issues an actor does not weigh), some actors weighing nothing at all.
        auto random_utility = [&] {
            LinearUtility u;
            for (std::size_t k = 0; k < m; ++k) {
                u.ideal.push_back(trial % 3 == 0 ? std::round(unit(rng) * 4) / 4 : unit(rng));
                u.weight.push_back(unit(rng) < 0.3 ? 0.0 : unit(rng));
            }
            return u;
        };
        std::vector<LinearUtility> utilities;
        for (std::size_t a = 0; a < actors; ++a) utilities.push_back(random_utility());
        std::vector<LossBudget> budgets;
        for (const LinearUtility& u : utilities) budgets.push_back({&u, unit(rng)});
        const LinearUtility proposer = random_utility();
        const LinearUtility* p = trial % 4 == 3 ? nullptr : &proposer;
        INFO("trial " << trial);
        build_lifted_lp(m, budgets, p, lp);
        check_same(lp, lifted_lp_from_triplets(m, budgets, p));
        compared += lp.rows > 0;
    }
    CHECK(compared > 1500);  // most trials have rows to compare
}
