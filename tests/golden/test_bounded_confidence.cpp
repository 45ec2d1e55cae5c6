// Hegselmann-Krause (bounded confidence) cases computed by hand.
#include <catch2/catch.hpp>

#include "accord/run.hpp"
#include "support.hpp"

using namespace accord;

namespace {
std::string complete_network(const std::string& positions, double confidence) {
    std::string yaml = "accord: 1\nissues: [{id: x}]\nactors:\n";
    std::vector<double> xs;
    std::size_t start = 0;
    while (start < positions.size()) {
        std::size_t end = positions.find(',', start);
        if (end == std::string::npos) end = positions.size();
        xs.push_back(std::stod(positions.substr(start, end - start)));
        start = end + 1;
    }
    for (std::size_t i = 0; i < xs.size(); ++i)
        yaml += "  - {id: A" + std::to_string(i) + ", capability: 1, positions: {x: " + std::to_string(xs[i]) + "}}\n";
    yaml += "influence:\n";
    for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t j = 0; j < xs.size(); ++j)
            if (i != j) yaml += "  - {from: A" + std::to_string(i) + ", to: A" + std::to_string(j) + ", weight: 1}\n";
    yaml += "model: {dynamics: bounded-confidence, weighting: edge, rounds: 1000, tolerance: 1.0e-13, confidence: " +
            std::to_string(confidence) + "}\noutcome: {decision: unanimity, stop: end}\n";
    return yaml;
}

std::vector<double> final_positions(const Scenario& s) {
    const RunResult r = simulate_run(s, s.base, 1, true);
    std::vector<double> out;
    for (long i = 0; i < s.actor_count(); ++i) out.push_back(s.issues[0].to_units(r.trajectory.back().positions(i, 0)));
    return out;
}
}  // namespace

TEST_CASE("Bounded confidence splits into two clusters", "[golden][hk]") {
    // 0 and 10 see each other (10 <= 20), as do 90 and 100; the groups are 80 apart: after one
    // round the clusters sit at the means 5 and 95 and stay there.
    const auto x = final_positions(test::scenario_from_text(complete_network("0,10,90,100", 0.2)));
    CHECK(x[0] == Approx(5));
    CHECK(x[1] == Approx(5));
    CHECK(x[2] == Approx(95));
    CHECK(x[3] == Approx(95));
}

TEST_CASE("Bounded confidence reaches consensus on a connected chain", "[golden][hk]") {
    // Round 1 by hand: 0 -> (0+15)/2 = 7.5, 15 -> (0+15+30)/3 = 15, 30 -> 30, 45 -> 37.5; the
    // configuration stays symmetric about 22.5, and the chain never breaks, so all meet at 22.5.
    const Scenario s = test::scenario_from_text(complete_network("0,15,30,45", 0.2));
    const RunResult r = simulate_run(s, s.base, 1, true);
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(0, 0)) == Approx(7.5));
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(1, 0)) == Approx(15));
    CHECK(s.issues[0].to_units(r.trajectory[1].positions(3, 0)) == Approx(37.5));
    for (double v : final_positions(s)) CHECK(v == Approx(22.5).margin(1e-9));
}

TEST_CASE("Bounded confidence counts sources exactly at the radius", "[golden][hk]") {
    // |20 - 0| = 0.2 of the scale = confidence: ties count, so both move to 10.
    const auto x = final_positions(test::scenario_from_text(complete_network("0,20", 0.2)));
    CHECK(x[0] == Approx(10));
    CHECK(x[1] == Approx(10));
    // Just beyond the radius nobody moves.
    const auto y = final_positions(test::scenario_from_text(complete_network("0,20.5", 0.2)));
    CHECK(y[0] == Approx(0));
    CHECK(y[1] == Approx(20.5));
}
