// The agenda setter's proposal (docs/models.md section 16.6), the zone of possible agreement and the
// acceptable intervals (docs/models.md section 16.10): the closed forms of the spec, hand cases, and the
// solver against a grid search and a slow, obvious vertex enumeration on random small problems.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "accord/random.hpp"
#include "accord/setter.hpp"

using namespace accord;

namespace {

double utility_of(const LinearUtility& u, const std::vector<double>& tau) {
    double loss = 0;
    for (std::size_t k = 0; k < tau.size(); ++k) loss += u.weight[k] * std::abs(tau[k] - u.ideal[k]);
    return 1 - loss;
}

// The problem of docs/models.md section 16.6 with every floor at u_i(status quo) (`reservation: status-quo`,
// margin 0, `threshold`): the proposer is needed too.
SetterProblem from_status_quo(const LinearUtility& proposer, const std::vector<LinearUtility>& others,
                              const std::vector<double>& status_quo, const std::vector<double>& tie_target) {
    SetterProblem p{proposer, {proposer}, {}, tie_target};
    p.needed.insert(p.needed.end(), others.begin(), others.end());
    for (const LinearUtility& u : p.needed) p.floor.push_back(utility_of(u, status_quo));
    return p;
}

bool meets(const SetterProblem& p, const std::vector<double>& tau, double tolerance) {
    for (double t : tau)
        if (t < 0 || t > 1) return false;
    for (std::size_t i = 0; i < p.needed.size(); ++i)
        if (utility_of(p.needed[i], tau) < p.floor[i] - tolerance) return false;
    return true;
}

}  // namespace

TEST_CASE("Setter: the closed form with one veto actor (docs/models.md section 16.6)", "[setter]") {
    // One issue on [0, 100], status quo 100: the veto actor at 60 accepts [20, 100], the setter at 0
    // proposes 20.
    const LinearUtility setter{{0.0}, {1.0}}, veto{{0.6}, {1.0}};
    const SetterProblem p = from_status_quo(setter, {veto}, {1.0}, {0.3});
    const SetterOffer offer = solve_setter(p);
    REQUIRE(offer.feasible);
    CHECK(offer.terms[0] == Approx(0.2).margin(1e-9));
    CHECK(offer.proposer_utility == Approx(0.8).margin(1e-9));
    const auto interval = acceptable_interval(veto, p.floor[1], offer.terms, 0);
    REQUIRE(interval);
    CHECK(interval->first == Approx(0.2).margin(1e-12));
    CHECK(interval->second == 1.0);
    CHECK(zone_exists(p.needed, p.floor));
}

TEST_CASE("Setter: the closed form under majority (docs/models.md section 16.6)", "[setter]") {
    // Setter at 0 (capability 1), actors at 30, 70, 90 (capability 3 each), threshold 0.5:
    // C = {setter, 30, 70}; the actor at 70 accepts [40, 100], the setter proposes 40.
    const LinearUtility setter{{0.0}, {1.0}}, a30{{0.3}, {1.0}}, a70{{0.7}, {1.0}}, a90{{0.9}, {1.0}};
    // The weighted mean of the four positions (salience 1): (0 + 3 (0.3 + 0.7 + 0.9)) / 10.
    const SetterProblem p = from_status_quo(setter, {a30, a70}, {1.0}, {0.57});
    const SetterOffer offer = solve_setter(p);
    REQUIRE(offer.feasible);
    CHECK(offer.terms[0] == Approx(0.4).margin(1e-9));
    const auto interval = acceptable_interval(a70, p.floor[2], offer.terms, 0);
    REQUIRE(interval);
    CHECK(interval->first == Approx(0.4).margin(1e-12));
    CHECK(interval->second == 1.0);
    // The actor at 90, outside C, would reject: u = 0.5 < 0.9.
    CHECK(utility_of(a90, offer.terms) < utility_of(a90, {1.0}));
}

TEST_CASE("Setter: among several maximisers the tie target decides", "[setter]") {
    // Both weigh the two issues equally; the proposer (ideal (0, 0)) maximises 1 - (t0 + t1) / 2
    // subject to the needed actor's (1 - t0) + (1 - t1) <= 0.8: every point of the segment
    // t0 + t1 = 1.2 in the square, from (0.2, 1) to (1, 0.2), is a maximiser with u_p = 0.4.
    const LinearUtility proposer{{0.0, 0.0}, {0.5, 0.5}}, other{{1.0, 1.0}, {0.5, 0.5}};
    SetterProblem p{proposer, {other}, {0.6}, {0.9, 0.5}};
    SetterOffer offer = solve_setter(p);
    REQUIRE(offer.feasible);
    CHECK(offer.proposer_utility == Approx(0.4).margin(1e-9));
    // The projection of (0.9, 0.5) onto the line: (0.8, 0.4).
    CHECK(offer.terms[0] == Approx(0.8).margin(1e-9));
    CHECK(offer.terms[1] == Approx(0.4).margin(1e-9));
    // Projected onto the line at (0.1, 1.1), outside the square: the segment's end (0.2, 1).
    p.tie_target = {0.0, 1.0};
    offer = solve_setter(p);
    CHECK(offer.terms[0] == Approx(0.2).margin(1e-9));
    CHECK(offer.terms[1] == Approx(1.0).margin(1e-9));
    // A proposer weighing only issue 0 and no one needed: t0 = its ideal, t1 from the tie target.
    const SetterOffer alone = solve_setter({{{0.3, 0.7}, {1.0, 0.0}}, {}, {}, {0.9, 0.5}});
    REQUIRE(alone.feasible);
    CHECK(alone.terms[0] == Approx(0.3).margin(1e-9));
    CHECK(alone.terms[1] == Approx(0.5).margin(1e-9));
    CHECK(alone.proposer_utility == Approx(1.0).margin(1e-12));
    // An issue no one weighs has no weighted mean: the proposer's stance stands in for it.
    const SetterOffer no_mean = solve_setter({{{0.3, 0.7}, {1.0, 0.0}}, {}, {}, {0.9, std::nan("")}});
    CHECK(no_mean.terms[1] == Approx(0.7).margin(1e-12));
}

TEST_CASE("Setter: a proposer without salience offers the feasible point nearest the tie target", "[setter]") {
    const LinearUtility indifferent{{0.0}, {0.0}}, veto{{0.6}, {1.0}};
    SetterProblem p{indifferent, {veto}, {0.6}, {0.1}};  // the veto actor accepts [0.2, 1]
    CHECK(solve_setter(p).terms[0] == Approx(0.2).margin(1e-9));
    p.tie_target = {0.5};
    const SetterOffer inside = solve_setter(p);
    REQUIRE(inside.feasible);
    CHECK(inside.terms[0] == Approx(0.5).margin(1e-12));
    CHECK(inside.proposer_utility == 1.0);
}

TEST_CASE("Setter: no terms meet every floor", "[setter]") {
    // One accepts [0, 0.2], the other [0.8, 1].
    const LinearUtility proposer{{0.5, 0.1}, {0.5, 0.5}}, left{{0.0, 0.0}, {1.0, 0.0}}, right{{1.0, 0.0}, {1.0, 0.0}};
    const SetterProblem p{proposer, {left, right}, {0.8, 0.8}, {0.5, 0.5}};
    const SetterOffer offer = solve_setter(p);
    CHECK_FALSE(offer.feasible);
    CHECK(offer.terms == proposer.ideal);
    CHECK_FALSE(zone_exists(p.needed, p.floor));
    // A floor above 1 is met by no terms, even for an actor without salience.
    CHECK_FALSE(solve_setter({proposer, {{{0.0, 0.0}, {0.0, 0.0}}}, {1.01}, {0.5, 0.5}}).feasible);
}

TEST_CASE("Setter: the zone of possible agreement", "[setter]") {
    const LinearUtility a{{0.2, 0.8}, {0.5, 0.5}}, b{{0.8, 0.2}, {0.5, 0.5}}, c{{0.5, 0.9}, {0.1, 0.9}};
    // a and b are 1.2 apart in the sum of distances: floors summing to 2 - 0.6 meet at the midpoint.
    CHECK(zone_exists({a, b}, {0.7, 0.7}));
    CHECK(zone_exists({a, b}, {0.7, 0.7 - 1e-12}));
    CHECK_FALSE(zone_exists({a, b}, {0.71, 0.7}));
    // c wants issue 1 near 0.9, where b, 0.7 below on it, cannot follow.
    CHECK(zone_exists({a, b, c}, {0.6, 0.6, 0.6}));
    CHECK(zone_exists({a, b}, {0.65, 0.65}));
    CHECK_FALSE(zone_exists({a, b, c}, {0.65, 0.65, 0.99}));
    CHECK(zone_exists({}, {}));
    CHECK(zone_exists({a}, {1.0}));  // only at its ideal
}

TEST_CASE("Setter: the interval of an issue an actor accepts", "[setter]") {
    const LinearUtility u{{0.5, 0.2}, {0.5, 0.5}};
    // Issue 1 at 0.4 costs 0.1 of the 0.3 allowed: |t0 - 0.5| <= 0.2 / 0.5.
    auto i0 = acceptable_interval(u, 0.7, {0.0, 0.4}, 0);
    REQUIRE(i0);
    CHECK(i0->first == Approx(0.1).margin(1e-12));
    CHECK(i0->second == Approx(0.9).margin(1e-12));
    // Clipped to the scale: |t1 - 0.2| <= 0.6.
    auto i1 = acceptable_interval(u, 0.7, {0.5, 0.0}, 1);
    REQUIRE(i1);
    CHECK(i1->first == 0.0);
    CHECK(i1->second == Approx(0.8).margin(1e-12));
    // Issue 0 at 1 already costs 0.25 of the 0.1 allowed.
    CHECK_FALSE(acceptable_interval(u, 0.9, {0.0, 1.0}, 1));
    // On the boundary the interval is one point.
    auto edge = acceptable_interval(u, 0.7, {0.0, 0.8}, 0);
    REQUIRE(edge);
    CHECK(edge->first == Approx(0.5).margin(1e-9));
    CHECK(edge->second == Approx(0.5).margin(1e-9));
    // An issue it does not weigh: all of it, or nothing.
    const LinearUtility v{{0.5, 0.2}, {1.0, 0.0}};
    auto all = acceptable_interval(v, 0.7, {0.6, 0.0}, 1);
    REQUIRE(all);
    CHECK(all->first == 0.0);
    CHECK(all->second == 1.0);
    CHECK_FALSE(acceptable_interval(v, 0.7, {0.9, 0.0}, 1));
}

namespace {

// A slow, obvious reference for m <= 2 on the half-spaces of the problem: every budget
// sum_k w_k |t_k - c_k| <= b is the 2^m half-spaces sum_k w_k s_k (t_k - c_k) <= b.
struct Plane {
    std::vector<double> a;
    double b;  // a.t <= b
};

std::vector<Plane> half_spaces(const LinearUtility& u, double budget) {
    const std::size_t m = u.ideal.size();
    std::vector<Plane> planes;
    for (int signs = 0; signs < (1 << m); ++signs) {
        Plane p{std::vector<double>(m), budget};
        for (std::size_t k = 0; k < m; ++k) {
            const double s = (signs >> k) & 1 ? 1.0 : -1.0;
            p.a[k] = u.weight[k] * s;
            p.b += u.weight[k] * s * u.ideal[k];
        }
        planes.push_back(p);
    }
    return planes;
}

std::vector<Plane> box(std::size_t m) {
    std::vector<Plane> planes;
    for (std::size_t k = 0; k < m; ++k) {
        Plane low{std::vector<double>(m, 0.0), 0.0}, high{std::vector<double>(m, 0.0), 1.0};
        low.a[k] = -1;
        high.a[k] = 1;
        planes.push_back(low);
        planes.push_back(high);
    }
    return planes;
}

// The points where planes of `planes` meet (m of them, independent), and the projections of
// `target` onto every intersection of fewer than m of them (the target itself included).
std::vector<std::vector<double>> candidates(const std::vector<Plane>& planes, const std::vector<double>& target,
                                            bool vertices_only) {
    const std::size_t m = target.size();
    std::vector<std::vector<double>> points;
    if (!vertices_only) points.push_back(target);
    for (std::size_t i = 0; i < planes.size(); ++i) {
        const Plane& p = planes[i];
        const double norm2 = m == 1 ? p.a[0] * p.a[0] : p.a[0] * p.a[0] + p.a[1] * p.a[1];
        if (norm2 < 1e-24) continue;
        if (m == 1) {
            points.push_back({p.b / p.a[0]});
            continue;
        }
        if (!vertices_only) {
            const double excess = (p.a[0] * target[0] + p.a[1] * target[1] - p.b) / norm2;
            points.push_back({target[0] - excess * p.a[0], target[1] - excess * p.a[1]});
        }
        for (std::size_t j = i + 1; j < planes.size(); ++j) {
            const Plane& q = planes[j];
            const double det = p.a[0] * q.a[1] - p.a[1] * q.a[0];
            if (std::abs(det) < 1e-12) continue;
            points.push_back({(p.b * q.a[1] - p.a[1] * q.b) / det, (p.a[0] * q.b - p.b * q.a[0]) / det});
        }
    }
    return points;
}

bool inside(const std::vector<Plane>& planes, const std::vector<double>& t, double tolerance) {
    for (const Plane& p : planes) {
        double lhs = 0;
        for (std::size_t k = 0; k < t.size(); ++k) lhs += p.a[k] * t[k];
        if (lhs > p.b + tolerance) return false;
    }
    return true;
}

struct Reference {
    bool feasible = false;
    double best = -std::numeric_limits<double>::infinity();
    std::vector<double> terms;
};

// u* is attained at a vertex of the feasible polytope cut by the proposer's kinks t_k = x_pk;
// the tie point is the projection of the target onto a face of {feasible, u_p >= u*}, i.e. onto
// the intersection of some of its planes.
Reference reference_solve(const SetterProblem& p) {
    const std::size_t m = p.tie_target.size();
    std::vector<Plane> feasible = box(m);
    for (std::size_t i = 0; i < p.needed.size(); ++i)
        for (const Plane& h : half_spaces(p.needed[i], 1 - p.floor[i])) feasible.push_back(h);
    std::vector<Plane> cut = feasible;
    for (std::size_t k = 0; k < m; ++k) {
        Plane kink{std::vector<double>(m, 0.0), p.proposer.ideal[k]};
        kink.a[k] = 1;
        cut.push_back(kink);
    }
    Reference r;
    for (const auto& v : candidates(cut, p.tie_target, true))
        if (inside(feasible, v, 1e-12)) {
            r.feasible = true;
            r.best = std::max(r.best, utility_of(p.proposer, v));
        }
    if (!r.feasible) return r;
    std::vector<Plane> maximisers = feasible;
    for (const Plane& h : half_spaces(p.proposer, 1 - r.best)) maximisers.push_back(h);
    double nearest = std::numeric_limits<double>::infinity();
    for (const auto& c : candidates(maximisers, p.tie_target, false)) {
        if (!inside(maximisers, c, 1e-11)) continue;
        double d2 = 0;
        for (std::size_t k = 0; k < m; ++k) d2 += (c[k] - p.tie_target[k]) * (c[k] - p.tie_target[k]);
        if (d2 < nearest) {
            nearest = d2;
            r.terms = c;
        }
    }
    return r;
}

LinearUtility random_utility(Rng& rng, std::size_t m, bool coarse) {
    LinearUtility u{std::vector<double>(m), std::vector<double>(m)};
    double total = 0;
    for (std::size_t k = 0; k < m; ++k) {
        u.ideal[k] = coarse ? static_cast<double>(rng.below(21)) / 20 : rng.uniform();
        u.weight[k] = coarse ? static_cast<double>(rng.below(4)) : rng.uniform();
        if (m > 1 && rng.uniform() < 0.15) u.weight[k] = 0;
        total += u.weight[k];
    }
    for (double& w : u.weight) w = total > 0 ? w / total : 0.0;
    return u;
}

}  // namespace

TEST_CASE("Setter: the solver against a grid search and a vertex enumeration", "[setter]") {
    Rng rng(20240611);
    int feasible_cases = 0, infeasible_cases = 0, ties_decided = 0;
    double worst_terms = 0;
    for (int c = 0; c < 400; ++c) {
        const std::size_t m = 1 + rng.below(2);
        const bool coarse = rng.uniform() < 0.35;  // positions on a grid of 1/20: kinks and faces coincide
        SetterProblem p;
        p.proposer = random_utility(rng, m, coarse);
        if (rng.uniform() < 0.1) p.proposer.weight.assign(m, 0.0);
        const std::size_t n = 1 + rng.below(4);
        std::vector<double> status_quo(m);
        for (double& q : status_quo) q = coarse ? static_cast<double>(rng.below(21)) / 20 : rng.uniform();
        const bool from_quo = rng.uniform() < 0.6;
        for (std::size_t i = 0; i < n; ++i) {
            p.needed.push_back(i == 0 && rng.uniform() < 0.5 ? p.proposer : random_utility(rng, m, coarse));
            p.floor.push_back(from_quo ? utility_of(p.needed.back(), status_quo) : 0.3 + 0.7 * rng.uniform());
        }
        p.tie_target.resize(m);
        for (double& t : p.tie_target) t = coarse ? static_cast<double>(rng.below(21)) / 20 : rng.uniform();
        INFO("case " << c << ", m = " << m << ", " << n << " needed");

        const SetterOffer offer = solve_setter(p);
        const Reference ref = reference_solve(p);
        REQUIRE(offer.feasible == ref.feasible);
        REQUIRE(zone_exists(p.needed, p.floor) == offer.feasible);
        if (!offer.feasible) {
            ++infeasible_cases;
            CHECK(offer.terms == p.proposer.ideal);
            continue;
        }
        ++feasible_cases;
        REQUIRE(offer.terms.size() == m);
        CHECK(meets(p, offer.terms, 1e-9));
        CHECK(offer.proposer_utility == Approx(utility_of(p.proposer, offer.terms)).margin(1e-15));
        CHECK(offer.proposer_utility == Approx(ref.best).margin(1e-9));
        for (std::size_t k = 0; k < m; ++k) {
            CHECK(offer.terms[k] == Approx(ref.terms[k]).margin(1e-7));
            worst_terms = std::max(worst_terms, std::abs(offer.terms[k] - ref.terms[k]));
        }
        // Another tie target moves the offer only along the maximisers.
        SetterProblem moved = p;
        for (double& t : moved.tie_target) t = rng.uniform();
        const SetterOffer other = solve_setter(moved);
        CHECK(other.proposer_utility == Approx(offer.proposer_utility).margin(1e-9));
        for (std::size_t k = 0; k < m; ++k)
            if (std::abs(other.terms[k] - offer.terms[k]) > 1e-6) {
                ++ties_decided;
                break;
            }

        // No point of a grid of step 1/400, refined by 1/40000 around its best, that meets every floor
        // exactly does better than the solver by more than its 1e-9.
        const int steps = 400;
        double grid_best = -std::numeric_limits<double>::infinity();
        std::vector<double> grid_point;
        auto visit = [&](const std::vector<double>& t) {
            if (!meets(p, t, 0)) return;
            const double u = utility_of(p.proposer, t);
            if (u > grid_best) {
                grid_best = u;
                grid_point = t;
            }
        };
        for (int i = 0; i <= steps; ++i) {
            if (m == 1) {
                visit({static_cast<double>(i) / steps});
                continue;
            }
            for (int j = 0; j <= steps; ++j) visit({static_cast<double>(i) / steps, static_cast<double>(j) / steps});
        }
        if (!grid_point.empty()) {
            const std::vector<double> centre = grid_point;
            for (int i = -100; i <= 100; ++i) {
                const double t0 = std::clamp(centre[0] + i / (100.0 * steps), 0.0, 1.0);
                if (m == 1) {
                    visit({t0});
                    continue;
                }
                for (int j = -100; j <= 100; ++j) visit({t0, std::clamp(centre[1] + j / (100.0 * steps), 0.0, 1.0)});
            }
            CHECK(grid_best <= offer.proposer_utility + 1e-9);
        }
    }
    INFO("largest difference in terms from the reference: " << worst_terms);
    CHECK(feasible_cases >= 200);
    CHECK(infeasible_cases >= 20);
    CHECK(ties_decided >= 20);
}

TEST_CASE("Setter: the zone of a big network decided by constraint generation, as by the whole program",
          "[setter]") {
    // zone_exists solves the program over a growing subset of more than 64 needed actors (setter.cpp,
    // budgets_feasible); its answer must be the whole program's, which solve_setter gives when the
    // proposer weighs nothing and its ideal lies outside the cube (no shortcut: the program over every
    // budget with a zero objective). Floors are drawn near the edge of feasibility so that both answers
    // occur; the candidate is the mean of the ideals (as a decision's weighted-mean terms), or none.
    Rng rng(20261206);
    int feasible = 0, infeasible = 0;
    for (int trial = 0; trial < 120; ++trial) {
        const std::size_t m = 1 + rng.below(4);
        const std::size_t n = 65 + rng.below(200);
        const bool coarse = rng.uniform() < 0.3;
        const double low = 0.3 + 0.5 * rng.uniform();  // floors in [low, low + 0.15]
        std::vector<LinearUtility> needed;
        std::vector<double> floor, mean(m, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            needed.push_back(random_utility(rng, m, coarse));
            floor.push_back(low + 0.15 * rng.uniform());
            for (std::size_t k = 0; k < m; ++k) mean[k] += needed.back().ideal[k] / static_cast<double>(n);
        }
        const LinearUtility nobody{std::vector<double>(m, -1.0), std::vector<double>(m, 0.0)};
        const bool whole = solve_setter({nobody, needed, floor, std::vector<double>(m, 0.5)}).feasible;
        INFO("trial " << trial << ", " << n << " actors, " << m << " issues, floors from " << low);
        CHECK(zone_exists(needed, floor, mean) == whole);
        CHECK(zone_exists(needed, floor) == whole);
        (whole ? feasible : infeasible) += 1;
    }
    CHECK(feasible >= 20);
    CHECK(infeasible >= 20);
}
