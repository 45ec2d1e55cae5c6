// `accord compare`: two variants of a scenario (with and without an event, say) run on common
// random numbers, run r of both with seed s + r, so that the differences are paired.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/run.hpp"
#include "accord/scenario.hpp"

namespace accord {

// One row of compare.csv: the mean of a quantity under A and under B, and the mean paired
// difference B - A with its 95% interval (mean +- 1.96 sd / sqrt(n)); empty when n < 2.
struct ComparisonRow {
    std::string quantity;  // "agreed" or "terms.<issue>"
    double a = 0;
    double b = 0;
    double difference = 0;
    std::optional<double> ci_low, ci_high;
};

// The issues of A and B must be the same ids (in any order); throws InputError naming B's file
// otherwise. Runs are matched by index: both vectors hold runs 0 .. n-1 of the same seeds.
std::vector<ComparisonRow> compare_runs(const Scenario& a, const std::vector<RunResult>& runs_a, const Scenario& b,
                                        const std::vector<RunResult>& runs_b);

// Checks that two scenarios can be compared (same issue ids); throws InputError otherwise.
void check_comparable(const Scenario& a, const Scenario& b);

std::string comparison_csv(const std::vector<ComparisonRow>& rows);

}  // namespace accord
