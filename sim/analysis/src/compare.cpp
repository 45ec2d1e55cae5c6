#include "accord/compare.hpp"

#include <cmath>

#include <fmt/format.h>

#include "accord/csv.hpp"
#include "accord/diagnostics.hpp"
#include "accord/stats.hpp"

namespace accord {

void check_comparable(const Scenario& a, const Scenario& b) {
    std::vector<std::string> missing;
    for (const auto& issue : a.issues)
        if (b.find_issue(issue.id) < 0) missing.push_back(issue.id);
    for (const auto& issue : b.issues)
        if (a.find_issue(issue.id) < 0) missing.push_back(issue.id);
    if (!missing.empty())
        throw InputError(Location{b.file, 0, 0},
                         fmt::format("cannot be compared with '{}': the issues differ ({} not in both); the variants "
                                     "of a comparison negotiate the same issues",
                                     a.file, fmt::join(missing, ", ")));
}

namespace {
ComparisonRow paired(const std::string& quantity, const std::vector<double>& x, const std::vector<double>& y) {
    ComparisonRow row;
    row.quantity = quantity;
    std::vector<double> d(x.size());
    double sa = 0, sb = 0;
    for (std::size_t r = 0; r < x.size(); ++r) {
        sa += x[r];
        sb += y[r];
        d[r] = y[r] - x[r];
    }
    const auto n = static_cast<double>(x.size());
    row.a = sa / n;
    row.b = sb / n;
    const Summary s = summarize(d);
    row.difference = *s.mean;
    row.ci_low = s.ci_low;
    row.ci_high = s.ci_high;
    return row;
}
}  // namespace

std::vector<ComparisonRow> compare_runs(const Scenario& a, const std::vector<RunResult>& runs_a, const Scenario& b,
                                        const std::vector<RunResult>& runs_b) {
    check_comparable(a, b);
    std::vector<double> agreed_a, agreed_b;
    for (std::size_t r = 0; r < runs_a.size(); ++r) {
        agreed_a.push_back(runs_a[r].agreed ? 1 : 0);
        agreed_b.push_back(runs_b[r].agreed ? 1 : 0);
    }
    std::vector<ComparisonRow> rows = {paired("agreed", agreed_a, agreed_b)};
    for (std::size_t k = 0; k < a.issues.size(); ++k) {
        const auto kb = static_cast<std::size_t>(b.find_issue(a.issues[k].id));
        std::vector<double> x, y;
        for (std::size_t r = 0; r < runs_a.size(); ++r) {
            x.push_back(a.issues[k].to_units(runs_a[r].terms[k]));
            y.push_back(b.issues[kb].to_units(runs_b[r].terms[kb]));
        }
        rows.push_back(paired("terms." + a.issues[k].id, x, y));
    }
    // The outcome (the deal, or the status quo without one: docs/models.md section 16.4), on the issues with
    // a status quo in both variants, so that a counterfactual compares outcomes, not only proposals.
    for (std::size_t k = 0; k < a.issues.size(); ++k) {
        const auto kb = static_cast<std::size_t>(b.find_issue(a.issues[k].id));
        if (!a.issues[k].has_status_quo || !b.issues[kb].has_status_quo) continue;
        std::vector<double> x, y;
        for (std::size_t r = 0; r < runs_a.size(); ++r) {
            x.push_back(a.issues[k].to_units(runs_a[r].outcome[k]));
            y.push_back(b.issues[kb].to_units(runs_b[r].outcome[kb]));
        }
        rows.push_back(paired("outcome." + a.issues[k].id, x, y));
    }
    return rows;
}

std::string comparison_csv(const std::vector<ComparisonRow>& rows) {
    std::string out = "quantity,a,b,difference,ci_low,ci_high\n";
    for (const auto& r : rows)
        out += CsvRow()
                   .add(r.quantity)
                   .add(r.a)
                   .add(r.b)
                   .add(r.difference)
                   .add_optional(r.ci_low)
                   .add_optional(r.ci_high)
                   .line();
    return out;
}

}  // namespace accord
