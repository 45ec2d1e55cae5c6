// Uses the installed library as a downstream project would: load a scenario, run a Monte Carlo
// batch, print the human summary and the version.
#include <iostream>

#include "accord/load.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/results.hpp"
#include "accord/version.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer SCENARIO.yaml\n";
        return 2;
    }
    const accord::Scenario s = accord::load_scenario(argv[1]);
    accord::BatchOptions batch;
    batch.runs = 20;
    batch.seed = s.seed;
    batch.trajectories = 0;
    const auto results = accord::run_monte_carlo(s, s.base, batch);
    std::cout << "accord " << accord::version << ": " << results.size() << " runs\n"
              << accord::format_run_summary(s, results);
    return 0;
}
