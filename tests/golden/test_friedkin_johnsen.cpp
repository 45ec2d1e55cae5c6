// Friedkin-Johnsen dynamics against the published example and the closed-form fixed point.
#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include "accord/load.hpp"
#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

// The equilibrium positions (issue units) of a run that goes to convergence.
std::vector<double> equilibrium(const Scenario& s, const Params& p) {
    const RunResult r = simulate_run(s, p, 1, true);
    std::vector<double> out;
    const auto& last = r.trajectory.back().positions;
    for (long i = 0; i < last.rows(); ++i) out.push_back(s.issues[0].to_units(last(i, 0)));
    return out;
}

// W of docs/models.md section 2 with weighting: edge, as a dense matrix (one shared by all issues).
Eigen::MatrixXd influence_matrix(const Scenario& s) {
    const long n = s.actor_count();
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n, n);
    for (long i = 0; i < n; ++i) w(i, i) = s.base.actors[static_cast<std::size_t>(i)].self_weight;
    for (const Edge& e : s.base.edges) w(e.to, e.from) = e.weight;
    for (long i = 0; i < n; ++i) w.row(i) /= w.row(i).sum();
    return w;
}

}  // namespace

TEST_CASE("Friedkin-Johnsen 1999 example: equilibrium from (25, 25, 75, 85)", "[golden][fj]") {
    // Friedkin & Johnsen (1999), eq. 2 of Parsegov et al. (2017): (60.020849, 59.983966, 75, 74.986205).
    const Scenario s = load_scenario(test::source_path("tests/data/fj1999_a.yaml"));
    const auto x = equilibrium(s, s.base);
    REQUIRE(x.size() == 4);
    CHECK(x[0] == Approx(60.020849).margin(1e-6));
    CHECK(x[1] == Approx(59.983966).margin(1e-6));
    CHECK(x[2] == Approx(75).margin(1e-6));
    CHECK(x[3] == Approx(74.986205).margin(1e-6));
}

TEST_CASE("Friedkin-Johnsen 1999 example: equilibrium from (25, 15, -50, 5)", "[golden][fj]") {
    // Same source: (-19.289568, -21.482905, -50, -23.199479).
    const Scenario s = load_scenario(test::source_path("tests/data/fj1999_b.yaml"));
    const auto x = equilibrium(s, s.base);
    CHECK(x[0] == Approx(-19.289568).margin(1e-6));
    CHECK(x[1] == Approx(-21.482905).margin(1e-6));
    CHECK(x[2] == Approx(-50).margin(1e-6));
    CHECK(x[3] == Approx(-23.199479).margin(1e-6));
}

TEST_CASE("Friedkin-Johnsen iteration reaches the closed-form fixed point", "[golden][fj]") {
    // docs/models.md section 3: x* = (I - (I - A) W)^-1 A x(0) when rho((I - A) W) < 1.
    const Scenario s = load_scenario(test::source_path("tests/data/fj1999_a.yaml"));
    const long n = s.actor_count();
    const Eigen::MatrixXd w = influence_matrix(s);
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd x0(n);
    for (long i = 0; i < n; ++i) {
        a(i, i) = s.base.actors[static_cast<std::size_t>(i)].stubbornness;
        x0(i) = s.base.actors[static_cast<std::size_t>(i)].position[0];
    }
    const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
    const Eigen::VectorXd fixed = (identity - (identity - a) * w).partialPivLu().solve(a * x0);
    const auto x = equilibrium(s, s.base);
    for (long i = 0; i < n; ++i)
        CHECK(x[static_cast<std::size_t>(i)] == Approx(s.issues[0].to_units(fixed(i))).margin(1e-9));
}

TEST_CASE("Coupled issues reach (I - (I-A)W kron C)^-1 (A kron I) x(0)", "[golden][fj][coupling]") {
    // Parsegov, Proskurnikov, Tempo & Friedkin (2017): X(t+1) = (I-A) W X C^T + A X(0); stacked per
    // actor, x(t+1) = ((I-A)W kron C) x(t) + (A kron I_m) x(0).
    const Scenario s = test::scenario_from_text(R"(
accord: 1
issues: [{id: p}, {id: q}]
actors:
  - {id: A, capability: 1, positions: {p: 10, q: 90}, stubbornness: 0.5}
  - {id: B, capability: 1, positions: {p: 80, q: 20}, stubbornness: 0.2}
  - {id: C, capability: 1, positions: {p: 40, q: 60}, stubbornness: 0.0}
influence:
  - {from: B, to: A, weight: 1}
  - {from: C, to: B, weight: 2}
  - {from: A, to: C, weight: 1}
  - {from: B, to: C, weight: 1}
model: {dynamics: friedkin-johnsen, weighting: edge, coupling: [[0.7, 0.3], [0.4, 0.6]], rounds: 5000, tolerance: 1.0e-13}
outcome: {decision: unanimity, stop: end}
)");
    const long n = 3, m = 2;
    const Eigen::MatrixXd w = influence_matrix(s);
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    Eigen::VectorXd x0(n * m);
    for (long i = 0; i < n; ++i) {
        a(i, i) = s.base.actors[static_cast<std::size_t>(i)].stubbornness;
        for (long k = 0; k < m; ++k)
            x0(i * m + k) = s.base.actors[static_cast<std::size_t>(i)].position[static_cast<std::size_t>(k)];
    }
    const Eigen::MatrixXd c = *s.model.coupling;
    const Eigen::MatrixXd in = Eigen::MatrixXd::Identity(n, n);
    const Eigen::MatrixXd im = Eigen::MatrixXd::Identity(m, m);
    auto kron = [](const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
        Eigen::MatrixXd out(x.rows() * y.rows(), x.cols() * y.cols());
        for (long i = 0; i < x.rows(); ++i)
            for (long j = 0; j < x.cols(); ++j)
                for (long a = 0; a < y.rows(); ++a)
                    for (long b = 0; b < y.cols(); ++b) out(i * y.rows() + a, j * y.cols() + b) = x(i, j) * y(a, b);
        return out;
    };
    const Eigen::MatrixXd big = Eigen::MatrixXd::Identity(n * m, n * m) - kron((in - a) * w, c);
    const Eigen::VectorXd fixed = big.partialPivLu().solve(kron(a, im) * x0);
    const RunResult r = simulate_run(s, s.base, 1, true);
    REQUIRE(r.converged);
    const auto& last = r.trajectory.back().positions;
    for (long i = 0; i < n; ++i)
        for (long k = 0; k < m; ++k) CHECK(last(i, k) == Approx(fixed(i * m + k)).margin(1e-10));
}
