#include "sweep_block.hpp"

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <tbb/parallel_for.h>

#include "accord/csv.hpp"
#include "accord/plan.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "accord/stats.hpp"
#include "lowest_failure.hpp"
#include "run_pairs.hpp"

namespace accord::detail {

void SweepBlockRunner::add_to_point(std::vector<double>& values, double value) const {
    // A point keeps every replication's value (points.csv's mean and sd are summarize()'s, sorted
    // and in two passes, the bytes of summary.csv): reserved exactly, not grown by doubling.
    if (values.empty()) values.reserve(static_cast<std::size_t>(reps_));
    values.push_back(value);
}

SweepBlockRunner::SweepBlockRunner(const Scenario& scenario, const Params& start, const std::vector<Uncertain>& draws,
                                   const DesignPoints& design, long shard_index, long shard_count, long replications,
                                   std::uint64_t seed)
    : s_(scenario),
      start_(start),
      draws_(draws),
      design_(design),
      shard_index_(shard_index),
      shard_count_(shard_count),
      reps_(replications),
      seed_(seed),
      point_terms_(scenario.issues.size()),
      point_outcomes_(scenario.issues.size()) {}

SweepBlockRunner::Block SweepBlockRunner::run(long next_run, long count, const std::atomic<bool>* interrupted) {
    const SweepSpec& sweep = *s_.sweep;
    const long reps = reps_;
    const std::size_t m = s_.issues.size();
    const long first_point = next_run / reps, last_point = (next_run + count - 1) / reps;
    std::vector<Params> starts;
    std::vector<RowsReuse> reuse;  // per point of the block: its replications may keep their rows
    first_point_ = first_point;
    block_points_.clear();
    for (long b = first_point; b <= last_point; ++b) {
        block_points_.push_back(design_.at(point_of(b)));
        starts.push_back(starting_at(s_, start_, sweep.parameters, block_points_.back()));
        reuse.push_back(RowsReuse::for_start(s_, draws_));
    }
    std::vector<std::string> rows(static_cast<std::size_t>(count));
    // Run i's terms and outcomes (in units) at [i * m, (i + 1) * m): one array each, not one per run.
    const bool outcomes = s_.has_status_quo();
    std::vector<double> terms(static_cast<std::size_t>(count) * m);
    std::vector<double> outcome(outcomes ? static_cast<std::size_t>(count) * m : 0);
    std::vector<long> agreed_flags(static_cast<std::size_t>(count), 0);
    std::atomic<bool> stopped{false};
    LowestFailure failure;  // a failure names the lowest failing run, whatever the number of threads
    // Run i of the block: its point's index in the block, its seed, and its row and summaries from its result.
    const auto at_point = [&](long i) { return static_cast<std::size_t>((next_run + i) / reps - first_point); };
    const auto run_seed = [&](long i) { return seed_ + static_cast<std::uint64_t>((next_run + i) % reps); };
    const auto keep = [&](long i, const RunResult& r) {
        const long index = next_run + i;
        const long b = index / reps, k = index % reps;
        const long p = point_of(b);
        CsvRow row;
        row.add_int(p).add_int(k).add_int(p * reps + k).add_uint(run_seed(i));
        const std::vector<double>& point = block_points_[at_point(i)];
        for (std::size_t j = 0; j < point.size(); ++j) add_param_value(row, s_.sweep->parameters[j].path, point[j]);
        add_outcome_fields(row, s_, draws_, r);
        rows[static_cast<std::size_t>(i)] = row.line();
        agreed_flags[static_cast<std::size_t>(i)] = r.agreed;
        const std::size_t at = static_cast<std::size_t>(i) * m;
        for (std::size_t j = 0; j < m; ++j) terms[at + j] = s_.issues[j].to_units(r.terms[j]);
        if (outcomes)
            for (std::size_t j = 0; j < m; ++j) outcome[at + j] = s_.issues[j].to_units(r.outcome[j]);
    };
    // Two runs share their rounds only from the same point (the same start and key): with more than
    // one replication.
    const bool pairs = runs_pair(s_, reuse.front(), RoundPath::fast);
    for (RowsReuse& r : reuse) r.paired = pairs && reps > 1;
    // Whether the sweep was interrupted: the runs not started are not computed.
    const auto stop_now = [&] {
        if (!interrupted || !interrupted->load()) return false;
        stopped = true;
        return true;
    };
    parallel_runs_in_pairs(
        count, pairs,
        [&](long i) {
            if (stop_now()) return;
            failure.run(i, [&] {
                keep(i, simulate_run(s_, starts[at_point(i)], draws_, run_seed(i), false, RoundPath::fast,
                                     reuse[at_point(i)]));
            });
        },
        [&](long i) {
            if (stop_now()) return true;
            if (failure.skip(i)) return true;  // runs i and i + 1 cannot change which failure is reported
            if (at_point(i) != at_point(i + 1)) return false;
            auto both = simulate_run_pair(s_, starts[at_point(i)], draws_, {run_seed(i), run_seed(i + 1)},
                                          {false, false}, RoundPath::fast, reuse[at_point(i)]);
            keep(i, both[0]);
            keep(i + 1, both[1]);
            return true;
        });
    if (!stopped && failure.failed()) {
        try {
            failure.rethrow();
        } catch (const RunError& e) {
            // A run's own message names its seed, which every point's replication shares: name the point.
            const std::size_t at = at_point(failure.lowest());
            std::vector<std::string> values;
            for (std::size_t j = 0; j < sweep.parameters.size(); ++j)
                values.push_back(fmt::format("{} = {}", sweep.parameters[j].name,
                                             param_value_text(sweep.parameters[j].path, block_points_[at][j])));
            throw RunError(fmt::format("design point {} ({}): {}", point_of(first_point + static_cast<long>(at)),
                                       fmt::join(values, ", "), e.what()));
        }
    }
    Block block;
    if (stopped) {
        block.interrupted = true;
        return block;
    }
    std::size_t runs_bytes = 0;
    for (const auto& row : rows) runs_bytes += row.size();
    block.runs.reserve(runs_bytes);  // exactly: growing by doubling would keep up to twice the block
    for (long i = 0; i < count; ++i) {
        block.runs += rows[static_cast<std::size_t>(i)];
        point_agreed_ += agreed_flags[static_cast<std::size_t>(i)];
        if (outcomes) {
            if (point_agreed_flags_.empty()) point_agreed_flags_.reserve(static_cast<std::size_t>(reps_));
            point_agreed_flags_.push_back(agreed_flags[static_cast<std::size_t>(i)] != 0);
        }
        const std::size_t at = static_cast<std::size_t>(i) * m;
        for (std::size_t j = 0; j < m; ++j) add_to_point(point_terms_[j], terms[at + j]);
        if (outcomes)
            for (std::size_t j = 0; j < m; ++j)
                if (s_.issues[j].has_status_quo) add_to_point(point_outcomes_[j], outcome[at + j]);
        const long index = next_run + i;
        if (index % reps != reps - 1) continue;
        // The point's last replication: its row of points.csv.
        block.points += point_row(index / reps);
    }
    return block;
}

std::string SweepBlockRunner::point_row(long b) {
    const Interval ci = wilson_interval(point_agreed_, reps_);
    CsvRow row;
    row.add_int(point_of(b));
    const std::vector<double>& point = block_points_[static_cast<std::size_t>(b - first_point_)];
    for (std::size_t j = 0; j < point.size(); ++j) add_param_value(row, s_.sweep->parameters[j].path, point[j]);
    row.add_int(reps_).add(static_cast<double>(point_agreed_) / static_cast<double>(reps_)).add(ci.low).add(ci.high);
    // The terms over the point's deals, one issue at a time while the terms are still in run order:
    // a copy of one issue's agreed values at once (sweep_point_bytes), summed sorted by summarize().
    std::vector<Summary> if_agreed(s_.has_status_quo() ? point_terms_.size() : 0);
    // The deals' terms: the outcome where the issue has a status quo (RunTally::rows).
    for (std::size_t j = 0; j < if_agreed.size(); ++j)
        if_agreed[j] = summarize_kept(s_.issues[j].has_status_quo ? point_outcomes_[j] : point_terms_[j],
                                      point_agreed_flags_, point_agreed_);
    point_agreed_flags_ = {};
    // Each point's values are handed to summarize() (sorted there, not copied) and freed: the next
    // point reserves its own (add_to_point).
    for (auto& terms : point_terms_) {
        const Summary t = summarize(std::move(terms));
        row.add_optional(t.mean).add_optional(t.sd);
        terms = {};
    }
    if (s_.has_status_quo()) {
        for (auto& values : point_outcomes_) {
            const Summary t = summarize(std::move(values));
            row.add_optional(t.mean).add_optional(t.sd);
            values = {};
        }
        row.add_int(point_agreed_);
        for (const Summary& t : if_agreed) row.add_optional(t.mean).add_optional(t.sd);
    }
    point_agreed_ = 0;
    return row.line();
}

}  // namespace accord::detail
