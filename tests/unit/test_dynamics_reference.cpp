// The fast stance update (sparse, per target) against a slow, obvious one built from the dense
// matrices of docs/models.md section 2 (W_k = row-normalised raw weights), on random scenarios of every
// linear dynamics, weighting and with or without coupling.
#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include "accord/dynamics.hpp"
#include "accord/random.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// x(t+1) computed literally: W_k from r_ijk, y = X C^T, and the update of docs/models.md section 3.
Positions reference_step(const Scenario& s, const Params& p, const Positions& x, const Positions& anchor) {
    const long n = x.rows(), m = x.cols();
    const Eigen::MatrixXd c = s.model.coupling ? *s.model.coupling : Eigen::MatrixXd::Identity(m, m);
    const Eigen::MatrixXd y = x * c.transpose();
    Positions next(n, m);
    for (long k = 0; k < m; ++k) {
        Eigen::MatrixXd raw = Eigen::MatrixXd::Zero(n, n);
        auto factor = [&](long j) {
            const ActorParams& a = p.actors[static_cast<std::size_t>(j)];
            switch (s.model.weighting) {
                case Weighting::edge:
                    return 1.0;
                case Weighting::capability:
                    return a.capability;
                case Weighting::capability_salience:
                    return a.capability * a.salience[static_cast<std::size_t>(k)];
            }
            return 1.0;
        };
        for (long i = 0; i < n; ++i) raw(i, i) = p.actors[static_cast<std::size_t>(i)].self_weight * factor(i);
        for (const Edge& e : p.edges) raw(e.to, e.from) = e.weight * factor(e.from);
        for (long i = 0; i < n; ++i) {
            if (s.model.dynamics == Dynamics::bounded_confidence)
                for (long j = 0; j < n; ++j)
                    if (j != i && std::abs(x(j, k) - x(i, k)) > p.confidence + 1e-12) raw(i, j) = 0;
            const double total = raw.row(i).sum();
            if (total <= 0) {
                next(i, k) = x(i, k);
                continue;
            }
            const double pulled = raw.row(i).dot(y.col(k)) / total;
            const double a =
                s.model.dynamics == Dynamics::degroot ? 0 : p.actors[static_cast<std::size_t>(i)].stubbornness;
            next(i, k) = std::clamp((1 - a) * pulled + a * anchor(i, k), 0.0, 1.0);
        }
    }
    return next;
}

// A random scenario: n actors, m issues, about half of all edges, random parameters.
Scenario random_scenario(Rng& rng, Dynamics dynamics, Weighting weighting, bool coupled) {
    const int n = 2 + static_cast<int>(rng.below(7)), m = 1 + static_cast<int>(rng.below(3));
    std::string yaml = "accord: 1\nissues:\n";
    for (int k = 0; k < m; ++k) yaml += "  - {id: i" + std::to_string(k) + "}\n";
    yaml += "actors:\n";
    for (int i = 0; i < n; ++i) {
        yaml += "  - {id: a" + std::to_string(i) + ", capability: " + std::to_string(rng.uniform() * 10) +
                ", stubbornness: " + std::to_string(rng.uniform()) +
                ", self_weight: " + std::to_string(rng.uniform() * 2) + ", positions: {";
        for (int k = 0; k < m; ++k)
            yaml += (k ? ", i" : "i") + std::to_string(k) + ": " + std::to_string(rng.uniform() * 100);
        yaml += "}, salience: {";
        for (int k = 0; k < m; ++k)
            yaml += (k ? ", i" : "i") + std::to_string(k) + ": " + std::to_string(rng.uniform());
        yaml += "}}\n";
    }
    yaml += "influence:\n";
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            if (i != j && rng.uniform() < 0.5)
                yaml += "  - {from: a" + std::to_string(i) + ", to: a" + std::to_string(j) +
                        ", weight: " + std::to_string(rng.uniform() * 3) + "}\n";
    if (yaml.back() == '\n' && yaml.substr(yaml.size() - 11) == "influence:\n") yaml += "  []\n";
    const char* names[] = {"degroot", "friedkin-johnsen", "bounded-confidence"};
    const char* weightings[] = {"edge", "capability", "capability-salience"};
    yaml += std::string("model: {dynamics: ") + names[static_cast<int>(dynamics)] +
            ", weighting: " + weightings[static_cast<int>(weighting)] + ", confidence: 0.3";
    if (coupled) {
        // A row-stochastic coupling matrix with a heavy diagonal.
        yaml += ", coupling: [";
        for (int k = 0; k < m; ++k) {
            yaml += k ? ", [" : "[";
            for (int l = 0; l < m; ++l) yaml += (l ? ", " : "") + std::to_string(k == l ? 1.0 - 0.1 * (m - 1) : 0.1);
            yaml += "]";
        }
        yaml += "]";
    }
    yaml += "}\n";
    return test::scenario_from_text(yaml);
}

}  // namespace

TEST_CASE("The stance update agrees with the dense reference on random scenarios", "[dynamics][reference]") {
    Rng rng(20021128);
    int cases = 0;
    for (Dynamics dynamics : {Dynamics::degroot, Dynamics::friedkin_johnsen, Dynamics::bounded_confidence})
        for (Weighting weighting : {Weighting::edge, Weighting::capability, Weighting::capability_salience})
            for (bool coupled : {false, true})
                for (int repeat = 0; repeat < 10; ++repeat) {
                    const Scenario s = random_scenario(rng, dynamics, weighting, coupled);
                    const Params& p = s.base;
                    Positions x = initial_positions(p, s.issue_count());
                    const Positions anchor = x;
                    Positions next(x.rows(), x.cols());
                    const InfluenceNetwork network(s, p);
                    for (int round = 0; round < 5; ++round) {
                        step_dynamics(s, p, network, x, anchor, next);
                        const Positions expected = reference_step(s, p, x, anchor);
                        REQUIRE((next - expected).cwiseAbs().maxCoeff() < 1e-12);
                        x = next;
                    }
                    ++cases;
                }
    CHECK(cases == 180);
}
