// What summary.csv and the human summary of `accord run` need from a batch, taken run by run as
// the runs are written, so that a batch's results need not be held: counts for the 0/1 and integer
// quantities, and 8 bytes a run for each real quantity (exact quantiles and sums in sorted order
// need every value: docs/reliability.md, "Limits").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/run.hpp"
#include "accord/scenario.hpp"
#include "accord/stats.hpp"

namespace accord {

// One row of summary.csv.
struct SummaryRow {
    std::string quantity;
    Summary summary;
};

// Over the runs without agreement: the share in which each actor was needed at the final decision
// and did not accept by its own verdict (docs/models.md section 16.10); actors never needed are left out.
struct BlockerShare {
    int actor = 0;
    Summary summary;
};

class RunTally {
public:
    // `expected_runs`: the runs to come, so that the kept values are allocated once.
    RunTally(const Scenario& scenario, long expected_runs);

    // Takes the next run (runs come in run order).
    void add(const RunResult& run);

    long runs() const { return runs_; }
    long agreed() const { return agreed_; }
    long failed() const { return runs_ - agreed_; }
    // Failed runs whose final decision had no terms that every needed actor accepts (nash, setter).
    long failed_without_text() const { return failed_without_text_; }
    // Of those, under `rule: setter`, the runs where terms acceptable to every needed actor existed all
    // the same (RunResult::final_zone 1): the setter's own program found none it would offer; and those
    // where that is not known (RunResult::final_zone nullopt).
    long failed_without_offer_in_zone() const { return failed_without_offer_in_zone_; }
    long failed_without_offer_zone_unknown() const { return failed_without_offer_zone_unknown_; }
    // Runs without agreement that reached no decision (under at-meetings, rounds that ended before the
    // first meeting): no actor was needed, so none blocked them.
    long failed_without_decision() const { return failed_without_decision_; }

    // The rows of summary.csv (docs/interface.md section 4): `agreed`, `agreement_round`, `terms.<issue>`,
    // then `outcome.<issue>` and `terms_if_agreed.<issue>` where some issue has a status quo,
    // `agreed_at.<round>` per meeting, `blocked_by.<actor>`. The first call sorts the kept values and
    // releases them; no run may be added after it.
    const std::vector<SummaryRow>& rows();

    // The agreement round below which at most `percent` % of the agreed runs fall: the smallest
    // round r with at least `percent` % of them agreed by r (an inverted empirical distribution,
    // so always a round at which some run agreed, where summary.csv interpolates). None without a deal.
    std::optional<int> agreement_round_at(int percent) const;

    // The blocked_by.<actor> rows' statistics, by actor index.
    std::vector<BlockerShare> blockers() const;

    // Bytes a run costs (the kept values, and one copy made while summarizing).
    static double bytes_per_run(const Scenario& scenario);

private:
    const Scenario* scenario_;
    long runs_ = 0;
    long agreed_ = 0;
    std::map<int, long> rounds_;                // agreement round -> agreed runs
    std::vector<std::vector<double>> terms_;    // per issue, in the units, in run order
    std::vector<std::vector<double>> outcome_;  // per issue with a status quo (else empty)
    std::vector<bool> agreed_runs_;             // kept when terms_if_agreed rows are written
    std::vector<bool> needed_;                  // per actor: needed at some run's final decision
    std::vector<long> blocked_;                 // per actor: failed runs in which it refused
    long failed_without_text_ = 0;
    long failed_without_offer_in_zone_ = 0;
    long failed_without_offer_zone_unknown_ = 0;
    long failed_without_decision_ = 0;
    std::optional<std::vector<SummaryRow>> rows_;
};

}  // namespace accord
