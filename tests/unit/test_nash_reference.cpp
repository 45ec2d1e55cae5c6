// The Nash bargaining solver (ellipsoid method and coordinate polish, docs/models.md section 6)
// against a slow, obvious reference: a brute-force grid search over [0, 1]^m, refined by zooming
// in on the best grid point, on random small cases of every decision rule. The solver must find a
// feasible point whenever the grid does, and score at least as well as the grid search.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "accord/nash.hpp"
#include "accord/random.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// The objective of section 6 computed literally: sum over D of w_i ln(u_i(tau) - rho_i), or
// -infinity when some actor of D has u_i(tau) <= rho_i.
struct Objective {
    const Params& p;
    const Positions& x;
    std::vector<int> needed;
    std::vector<double> weight;

    double operator()(const std::vector<double>& tau) const {
        double value = 0;
        for (std::size_t a = 0; a < needed.size(); ++a) {
            const ActorParams& actor = p.actors[static_cast<std::size_t>(needed[a])];
            double total = 0, loss = 0;
            for (std::size_t k = 0; k < tau.size(); ++k) {
                total += actor.salience[k];
                loss += actor.salience[k] * std::abs(tau[k] - x(needed[a], static_cast<long>(k)));
            }
            const double u = total > 0 ? 1 - loss / total : 1;
            if (!(u > actor.reservation)) return -std::numeric_limits<double>::infinity();
            value += weight[a] * std::log(u - actor.reservation);
        }
        return value;
    }
};

Objective objective_of(const Scenario& s, const Params& p, const Positions& x) {
    Objective f{p, x, {}, {}};
    double capability = 0;
    for (std::size_t i = 0; i < p.actors.size(); ++i)
        if (s.outcome.decision != Decision::veto_players || p.actors[i].veto) {
            f.needed.push_back(static_cast<int>(i));
            capability += p.actors[i].capability;
        }
    for (int i : f.needed) f.weight.push_back(capability > 0 ? p.actors[static_cast<std::size_t>(i)].capability : 1.0);
    return f;
}

// The best point of a grid of `steps` + 1 values per issue over [lo, hi] around `centre`.
std::vector<double> grid_search(const Objective& f, std::vector<double> centre, double half_width, int steps,
                                double& best_value) {
    const std::size_t m = centre.size();
    std::vector<double> best = centre, tau(m);
    best_value = f(centre);
    std::vector<int> index(m, 0);
    for (;;) {
        for (std::size_t k = 0; k < m; ++k) {
            const double lo = std::max(0.0, centre[k] - half_width), hi = std::min(1.0, centre[k] + half_width);
            tau[k] = lo + (hi - lo) * index[k] / steps;
        }
        const double value = f(tau);
        if (value > best_value) {
            best_value = value;
            best = tau;
        }
        std::size_t k = 0;
        while (k < m && ++index[k] > steps) index[k++] = 0;
        if (k == m) break;
    }
    return best;
}

// The reference maximum: a grid over the whole cube, then finer grids around the best point.
double reference_maximum(const Objective& f, std::size_t m) {
    double value = 0;
    std::vector<double> best = grid_search(f, std::vector<double>(m, 0.5), 0.5, m == 1 ? 2000 : 120, value);
    if (!std::isfinite(value)) return value;
    double width = m == 1 ? 1.0 / 2000 : 1.0 / 120;
    for (int zoom = 0; zoom < 6; ++zoom) {
        best = grid_search(f, best, 2 * width, 40, value);
        width /= 10;
    }
    return value;
}

// A random case: 2 to 4 actors on 1 or 2 issues, some saliences 0, reservations up to 0.9.
Scenario random_case(Rng& rng, const std::string& decision) {
    const int n = 2 + static_cast<int>(rng.below(3)), m = 1 + static_cast<int>(rng.below(2));
    std::string yaml = "accord: 1\nissues:\n";
    for (int k = 0; k < m; ++k) yaml += "  - {id: i" + std::to_string(k) + "}\n";
    yaml += "actors:\n";
    for (int i = 0; i < n; ++i) {
        const bool veto = i == 0 || rng.uniform() < 0.4;
        yaml += "  - {id: a" + std::to_string(i) + ", capability: " + std::to_string(0.1 + rng.uniform() * 10) +
                ", reservation: " + std::to_string(rng.uniform() * 0.9) + ", veto: " + (veto ? "true" : "false") +
                ", positions: {";
        for (int k = 0; k < m; ++k)
            yaml += (k ? ", i" : "i") + std::to_string(k) + ": " + std::to_string(rng.uniform() * 100);
        yaml += "}, salience: {";
        // Every issue keeps some actor with salience (the validator asks for it).
        for (int k = 0; k < m; ++k)
            yaml += (k ? ", i" : "i") + std::to_string(k) + ": " +
                    std::to_string(i == 0 || rng.uniform() < 0.8 ? 0.05 + 0.95 * rng.uniform() : 0.0);
        yaml += "}}\n";
    }
    yaml += "outcome: {rule: nash, decision: " + decision + ", threshold: 0.5}\n";
    return test::scenario_from_text(yaml);
}

}  // namespace

TEST_CASE("The Nash solver agrees with a brute-force grid search on random cases", "[nash][reference]") {
    Rng rng(19500401);
    int cases = 0, feasible = 0;
    for (const char* decision : {"unanimity", "veto-players", "majority"})
        for (int repeat = 0; repeat < 40; ++repeat) {
            const Scenario s = random_case(rng, decision);
            const Params& p = s.base;
            const Positions x = initial_positions(p, s.issue_count());
            const Objective f = objective_of(s, p, x);
            const Proposal proposal = nash_terms(s, p, x);
            const double reference = reference_maximum(f, static_cast<std::size_t>(s.issue_count()));
            INFO("case " << cases << " (" << decision << "): reference " << reference);
            // Where the grid finds a point every needed actor prefers, so must the solver.
            if (std::isfinite(reference)) REQUIRE(proposal.feasible);
            if (proposal.feasible) {
                const double found = f(proposal.terms);
                INFO("solver " << found);
                REQUIRE(std::isfinite(found));
                for (double t : proposal.terms) REQUIRE((t >= 0 && t <= 1));
                // At least as good as the brute force (which can only fall short of the maximum),
                // and not implausibly better (the reference is near the maximum).
                CHECK(found >= reference - 1e-9);
                if (std::isfinite(reference)) CHECK(found - reference < 1e-6);
                ++feasible;
            }
            ++cases;
        }
    CHECK(cases == 120);
    CHECK(feasible > 40);  // the cases exercise the solver, not only its fallback
}
