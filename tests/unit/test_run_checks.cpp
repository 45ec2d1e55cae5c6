// What a run refuses (run.cpp): sums of influence weights that overflow a double (check_scale, at a
// run's start and after an event that sets a weight), and positions or terms that are not finite
// (check_finite, every round; the round's positions are tested in largest_move's pass). Each error
// names the round, the actor or the issue, on every round path and both decision paths; and a
// scenario whose sums come near the limit without passing it runs.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {

const std::vector<RoundPath> every_path = {
    RoundPath::fast,         RoundPath::reference,   RoundPath::packed,     RoundPath::renumbered,
    RoundPath::packed_scalar, RoundPath::packed_avx, RoundPath::ranges_scalar, RoundPath::ranges_avx,
    RoundPath::direct_scalar, RoundPath::direct_avx};

// No deal at round 0 or later: every actor needed, each with a reservation above any terms' utility.
const std::string no_deal = "outcome: {stop: end, decision: unanimity}\n";

// The message of run `seed` on every path, decisions quick and full, recorded or not; "" when it runs.
std::vector<std::string> messages(const Scenario& s, std::uint64_t seed) {
    std::vector<std::string> out;
    for (RoundPath path : every_path)
        for (DecisionPath decisions : {DecisionPath::quick, DecisionPath::full})
            for (bool record : {false, true}) {
                try {
                    simulate_run(s, s.base, s.uncertainty, seed, record, path, RowsReuse{}, decisions);
                    out.emplace_back();
                } catch (const RunError& e) {
                    out.emplace_back(e.what());
                }
            }
    return out;
}

std::vector<std::string> all(const std::string& message) {
    return std::vector<std::string>(every_path.size() * 4, message);
}

// Three actors: A and B (capability 1e300) both influence C with weight `weight` (A->C) and
// `weight_b` (B->C); C's own term is 1. Every product is finite; C's sum is weight * 1e300 +
// weight_b * 1e300 + 1. `events` may set a weight later.
Scenario sources_of_c(const std::string& weight, const std::string& weight_b, const std::string& events = "") {
    return test::scenario_from_text(test::small_scenario_yaml(
        {"x"},
        {"id: A, capability: 1.0e300, positions: {x: 10}, reservation: 0.99",
         "id: B, capability: 1.0e300, positions: {x: 50}, reservation: 0.99",
         "id: C, capability: 1, positions: {x: 90}, reservation: 0.99"},
        "A->C " + weight + ", B->C " + weight_b, "model: {rounds: 5}\n" + no_deal + events));
}

}  // namespace

TEST_CASE("A sum of influence weights past the largest double is refused, naming the actor", "[run][checks]") {
    // 1e8 * 1e300 twice: 2e308, past the largest double (1.797e308), though every product is finite
    // and the capabilities add up to 2e300.
    CHECK(messages(sources_of_c("1.0e8", "1.0e8"), 7) ==
          all("run with seed 7: round 0: the influence weights on actor 'C' add up to more than a double can "
              "hold; rescale capabilities or weights"));
    // An event that raises B->C at round 3 makes the sum overflow then.
    CHECK(messages(sources_of_c("1.0e8", "1", "events:\n  - {at: 3, set: {influence.B->C.weight: 1.0e8}}\n"), 7) ==
          all("run with seed 7: round 3: the influence weights on actor 'C' add up to more than a double can "
              "hold; rescale capabilities or weights"));
}

TEST_CASE("Sums of influence weights near the largest double, none past it, run", "[run][checks]") {
    // C's sum 1.5e308 (past a quarter of the largest double, where the check looks at each actor's
    // sum) is still finite: the run goes on. C moves to the mean of A (10) and B (50), 30, at round 1
    // and stays there, so the run converges at round 2; the terms are that mean too (0.3 on the
    // model's scale of 0 to 1).
    const Scenario s = sources_of_c("0.75e8", "0.75e8");
    CHECK(messages(s, 7) == all(""));
    const RunResult r = simulate_run(s, s.base, s.uncertainty, 7, false);
    CHECK(r.rounds == 2);
    CHECK(r.converged);
    CHECK(r.terms[0] == Approx(0.3).epsilon(1e-12));
}

TEST_CASE("Terms that are not finite are refused, naming the issue", "[run][checks]") {
    // At round 2 every salience on x goes to 0: no actor has weight on x, and its terms are NaN.
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"x", "y"},
        {"id: A, capability: 1, positions: {x: 10, y: 20}, reservation: 0.99",
         "id: B, capability: 1, positions: {x: 90, y: 70}, reservation: 0.99"},
        "A->B 0.5, B->A 0.5",
        "model: {rounds: 5}\n" + no_deal +
            "events:\n  - {at: 2, set: {actors.A.salience.x: 0, actors.B.salience.x: 0}}\n"));
    CHECK(messages(s, 4) == all("run with seed 4: round 2: no terms can be proposed on issue 'x': no actor has "
                                "both capability and salience above 0 there"));
}

TEST_CASE("A position that is not finite is refused, naming the actor and the issue", "[run][checks]") {
    // The coupling makes issue a's coupled position 1e308 (a + b - c - d): +inf for A (at 100 on a and
    // b), -inf for B (at 100 on c and d). C hears both on a: +inf + -inf is NaN at round 1. A and B
    // hear no one: their own +inf and -inf settle at 1 and 0.
    const Scenario s = test::scenario_from_text(test::small_scenario_yaml(
        {"a", "b", "c", "d"},
        {"id: A, capability: 1, positions: {a: 100, b: 100, c: 0, d: 0}, reservation: 0.99",
         "id: B, capability: 1, positions: {a: 0, b: 0, c: 100, d: 100}, reservation: 0.99",
         "id: C, capability: 1, positions: {a: 50, b: 50, c: 50, d: 50}, reservation: 0.99"},
        "A->C 0.5, B->C 0.5",
        "model:\n  rounds: 5\n  coupling: [[1.0e308, 1.0e308, -1.0e308, -1.0e308], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, "
        "1]]\n" +
            no_deal));
    CHECK(messages(s, 9) ==
          all("run with seed 9: round 1: the position of actor 'C' on issue 'a' is not a finite number"));
}
