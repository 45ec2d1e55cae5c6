#include "accord/compare.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/monte_carlo.hpp"
#include "accord/stats.hpp"

namespace accord {

void check_comparable(const Scenario& a, const Scenario& b) {
    std::vector<std::string> missing;
    for (const auto& issue : a.issues)
        if (b.find_issue(issue.id) < 0) missing.push_back(issue.id);
    // Located at B's first issue that A lacks, else at B's first issue (the list A's missing ones belong in).
    Location where = b.issues.empty() ? Location{b.file, 0, 0} : b.issues.front().where;
    bool located = false;
    for (const auto& issue : b.issues)
        if (a.find_issue(issue.id) < 0) {
            missing.push_back(issue.id);
            if (!located) where = issue.where;
            located = true;
        }
    if (where.file.empty()) where.file = b.file;
    if (!missing.empty())
        throw InputError(where,
                         fmt::format("cannot be compared with '{}': the issues differ ({} not in both); the variants "
                                     "of a comparison negotiate the same issues",
                                     a.file, fmt::join(missing, ", ")));
}

std::string actor_order_warning(const Scenario& a, const Scenario& b) {
    auto draws = [](const Scenario& s) {
        return s.outcome.acceptance == Acceptance::logistic ||
               (s.outcome.rule == TermsRule::setter && s.outcome.proposer < 0);
    };
    if (!draws(a) || !draws(b)) return "";  // draws in one variant only: none to share
    std::vector<std::string> moved;
    for (std::size_t i = 0; i < a.actors.size(); ++i) {
        const int j = b.find_actor(a.actors[i].id);
        if (j >= 0 && static_cast<std::size_t>(j) != i) moved.push_back(a.actors[i].id);
    }
    if (moved.empty()) return "";
    const std::size_t shown = std::min<std::size_t>(moved.size(), 5);
    return fmt::format(
        "B lists {} of A's actors at other positions ({}{}): decision draws go to actors by their "
        "position in the file, so these actors draw other numbers in B and the comparison loses its "
        "common random numbers for them; list the actors of both in the same order, those of one variant "
        "only at the end",
        moved.size(), fmt::join(moved.begin(), moved.begin() + static_cast<long>(shown), ", "),
        moved.size() > shown ? ", ..." : "");
}

namespace {

ComparisonRow paired(const std::string& quantity, double sum_a, double sum_b, long n, const Summary& difference) {
    ComparisonRow row;
    row.quantity = quantity;
    row.pairs = n;
    row.defined = n > 0;
    if (!row.defined) return row;
    row.a = sum_a / static_cast<double>(n);
    row.b = sum_b / static_cast<double>(n);
    row.difference = *difference.mean;
    row.ci_low = difference.ci_low;
    row.ci_high = difference.ci_high;
    return row;
}

}  // namespace

PairedRuns::PairedRuns(const Scenario& a, const Scenario& b, long expected_runs) : a_(&a), b_(&b) {
    check_comparable(a, b);
    for (std::size_t k = 0; k < a.issues.size(); ++k)
        quantities_.push_back(
            {"terms." + a.issues[k].id, k, static_cast<std::size_t>(b.find_issue(a.issues[k].id)), false, false, 0, 0, 0, {}});
    // The outcome (the deal, or the status quo without one: docs/models.md section 16.4), on the issues with
    // a status quo in both variants, so that a counterfactual compares outcomes, not only proposals.
    for (std::size_t k = 0; k < a.issues.size(); ++k) {
        const auto kb = static_cast<std::size_t>(b.find_issue(a.issues[k].id));
        if (a.issues[k].has_status_quo && b.issues[kb].has_status_quo)
            quantities_.push_back({"outcome." + a.issues[k].id, k, kb, true, false, 0, 0, 0, {}});
    }
    // The terms of the deals, on the runs agreed in both variants: a run without agreement reports the
    // last proposal, which is no deal, so the terms rows above mix proposals with deals (as summary.csv
    // has terms_if_agreed beside terms, present under the same condition).
    if (quantities_.size() > a.issues.size())
        for (std::size_t k = 0; k < a.issues.size(); ++k)
            quantities_.push_back({"terms_if_agreed." + a.issues[k].id, k,
                                   static_cast<std::size_t>(b.find_issue(a.issues[k].id)), false, true, 0, 0, 0, {}});
    for (Quantity& q : quantities_) q.differences.reserve(static_cast<std::size_t>(std::max(0L, expected_runs)));
}

void PairedRuns::add(const RunResult& ra, const RunResult& rb) {
    ++runs_;
    agreed_a_ += ra.agreed;
    agreed_b_ += rb.agreed;
    ++agreed_difference_[1 + static_cast<int>(rb.agreed) - static_cast<int>(ra.agreed)];
    for (Quantity& q : quantities_) {
        if (q.if_agreed && !(ra.agreed && rb.agreed)) continue;
        ++q.pairs;
        // terms_if_agreed: the deal's terms, which an agreed run's outcome holds on every issue, with a status
        // quo or without (its terms under stop: end are the last text judged: a variant's deals were compared
        // with the other's last texts where only one had a status quo on the issue).
        const bool outcome = q.outcome || q.if_agreed;
        const double x = a_->issues[q.issue_a].to_units(outcome ? ra.outcome[q.issue_a] : ra.terms[q.issue_a]);
        const double y = b_->issues[q.issue_b].to_units(outcome ? rb.outcome[q.issue_b] : rb.terms[q.issue_b]);
        q.sum_a += x;
        q.sum_b += y;
        q.differences.push_back(y - x);
    }
}

std::vector<ComparisonRow> PairedRuns::rows() {
    std::vector<ComparisonRow> rows;
    rows.push_back(paired("agreed", static_cast<double>(agreed_a_), static_cast<double>(agreed_b_), runs_,
                          summarize_counts({{-1.0, agreed_difference_[0]},
                                            {0.0, agreed_difference_[1]},
                                            {1.0, agreed_difference_[2]}})));
    if (runs_ >= 2) {  // the interval of B's probability minus A's from the pairs (docs/interface.md 4.6)
        const long a_only = agreed_difference_[0], b_only = agreed_difference_[2], both = agreed_a_ - a_only;
        const Interval ci = newcombe_paired_interval(both, b_only, a_only, runs_ - both - a_only - b_only);
        rows.front().ci_low = ci.low;
        rows.front().ci_high = ci.high;
    }
    for (Quantity& q : quantities_) {
        rows.push_back(paired(q.name, q.sum_a, q.sum_b, q.pairs, summarize(std::move(q.differences))));
        q.differences = {};
    }
    return rows;
}

double PairedRuns::bytes_per_run(const Scenario& a, const Scenario& b) {
    double quantities = static_cast<double>(a.issues.size());
    for (const Issue& issue : a.issues) {
        const int kb = b.find_issue(issue.id);
        quantities += issue.has_status_quo && kb >= 0 && b.issues[static_cast<std::size_t>(kb)].has_status_quo;
    }
    if (quantities > static_cast<double>(a.issues.size())) quantities += static_cast<double>(a.issues.size());
    return 8 * quantities;
}

std::vector<ComparisonRow> compare_runs(const Scenario& a, const std::vector<RunResult>& runs_a, const Scenario& b,
                                        const std::vector<RunResult>& runs_b) {
    PairedRuns paired_runs(a, b, static_cast<long>(runs_a.size()));
    for (std::size_t r = 0; r < runs_a.size(); ++r) paired_runs.add(runs_a[r], runs_b[r]);
    return paired_runs.rows();
}

std::vector<ComparisonRow> compare_plans(const Scenario& a, const RunPlan& plan_a, const Scenario& b,
                                         const RunPlan& plan_b, long block_runs) {
    PairedRuns paired_runs(a, b, plan_a.runs);
    const long block = std::max(1L, block_runs);
    for (long first = 0; first < plan_a.runs; first += block) {
        RunPlan part_a = plan_a, part_b = plan_b;
        part_a.seed = plan_a.seed + static_cast<std::uint64_t>(first);
        part_b.seed = plan_b.seed + static_cast<std::uint64_t>(first);
        part_a.runs = part_b.runs = std::min(block, plan_a.runs - first);
        part_a.trajectories = part_b.trajectories = 0;
        const std::vector<RunResult> runs_a = run_monte_carlo(a, part_a);
        const std::vector<RunResult> runs_b = run_monte_carlo(b, part_b);
        for (std::size_t r = 0; r < runs_a.size(); ++r) paired_runs.add(runs_a[r], runs_b[r]);
    }
    return paired_runs.rows();
}

std::string comparison_csv(const std::vector<ComparisonRow>& rows) {
    std::string out = "quantity,a,b,difference,ci_low,ci_high\n";
    for (const auto& r : rows)
        out += CsvRow()
                   .add(r.quantity)
                   .add_optional(r.defined ? std::optional<double>(r.a) : std::nullopt)
                   .add_optional(r.defined ? std::optional<double>(r.b) : std::nullopt)
                   .add_optional(r.defined ? std::optional<double>(r.difference) : std::nullopt)
                   .add_optional(r.ci_low)
                   .add_optional(r.ci_high)
                   .line();
    return out;
}

}  // namespace accord
