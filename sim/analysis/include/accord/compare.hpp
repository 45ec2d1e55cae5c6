// `accord compare`: two variants of a scenario (with and without an event, say) run on common
// random numbers, run r of both with seed s + r, so that the differences are paired.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/plan.hpp"
#include "accord/run.hpp"
#include "accord/scenario.hpp"

namespace accord {

// One row of compare.csv: the mean of a quantity under A and under B, and the mean paired
// difference B - A with its 95% interval (agreement: Newcombe's paired interval, stats.hpp; terms and
// outcomes: mean +- 1.96 sd / sqrt(n)); empty when n < 2.
// `terms_if_agreed.<issue>` rows are taken over the runs agreed in both variants only (`pairs` of
// them); with none, `defined` is false and a, b and difference are written empty.
struct ComparisonRow {
    std::string quantity;  // "agreed", "terms.<issue>", "outcome.<issue>" or "terms_if_agreed.<issue>"
    double a = 0;
    double b = 0;
    double difference = 0;
    std::optional<double> ci_low, ci_high;
    long pairs = 0;  // the runs the row is taken over
    bool defined = true;
};

// The rows of compare.csv taken run by run (run r of A with run r of B), so that neither batch is
// held: the sums of A and B, and the paired differences (8 bytes a run for each real quantity, as
// exact sums in sorted order and the interval need them; counts for `agreed`).
class PairedRuns {
public:
    // Throws InputError as check_comparable does.
    PairedRuns(const Scenario& a, const Scenario& b, long expected_runs);
    void add(const RunResult& run_a, const RunResult& run_b);
    // The rows (agreed, terms.<issue>, outcome.<issue> on the issues with a status quo in both, then,
    // when there are outcome rows, terms_if_agreed.<issue> over the runs agreed in both); the kept
    // differences are released, so no run may be added after.
    std::vector<ComparisonRow> rows();
    // Bytes a pair of runs costs.
    static double bytes_per_run(const Scenario& a, const Scenario& b);

private:
    struct Quantity {
        std::string name;
        std::size_t issue_a = 0, issue_b = 0;
        bool outcome = false;
        bool if_agreed = false;  // only the runs agreed in both variants
        long pairs = 0;
        double sum_a = 0, sum_b = 0;
        std::vector<double> differences;
    };
    const Scenario* a_;
    const Scenario* b_;
    long runs_ = 0;
    long agreed_a_ = 0, agreed_b_ = 0;
    long agreed_difference_[3] = {0, 0, 0};  // runs where B - A is -1, 0, 1
    std::vector<Quantity> quantities_;
};

// The issues of A and B must be the same ids (in any order); throws InputError naming B's file
// otherwise. Runs are matched by index: both vectors hold runs 0 .. n-1 of the same seeds.
std::vector<ComparisonRow> compare_runs(const Scenario& a, const std::vector<RunResult>& runs_a, const Scenario& b,
                                        const std::vector<RunResult>& runs_b);

// Runs plan_a on A and plan_b on B (the same seed and runs: common random numbers) a block of
// consecutive runs at a time, each block's runs in parallel, and compares them: memory holds one
// block of runs, not the batches (docs/reliability.md, "Limits"). The rows are those of compare_runs.
// `block_runs`: runs a block (at least 1).
std::vector<ComparisonRow> compare_plans(const Scenario& a, const RunPlan& plan_a, const Scenario& b,
                                         const RunPlan& plan_b, long block_runs = 4096);

// Checks that two scenarios can be compared (same issue ids); throws InputError otherwise.
void check_comparable(const Scenario& a, const Scenario& b);

// A warning when the variants would not share their decision draws: a draw goes to an actor by its
// position in the file (docs/models.md 16.7), so an actor of both at another position in B draws
// other numbers (logistic acceptance, a random proposer). "" when nothing differs or no draw is used.
std::string actor_order_warning(const Scenario& a, const Scenario& b);

std::string comparison_csv(const std::vector<ComparisonRow>& rows);

}  // namespace accord
