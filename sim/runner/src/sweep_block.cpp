#include "sweep_block.hpp"

#include <tbb/parallel_for.h>

#include "accord/csv.hpp"
#include "accord/plan.hpp"
#include "accord/results.hpp"
#include "accord/run.hpp"
#include "accord/stats.hpp"
#include "lowest_failure.hpp"

namespace accord::detail {

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
    first_point_ = first_point;
    block_points_.clear();
    for (long b = first_point; b <= last_point; ++b) {
        block_points_.push_back(design_.at(point_of(b)));
        starts.push_back(starting_at(s_, start_, sweep.parameters, block_points_.back()));
    }
    std::vector<std::string> rows(static_cast<std::size_t>(count));
    std::vector<std::vector<double>> terms(static_cast<std::size_t>(count));
    std::vector<std::vector<double>> outcome(static_cast<std::size_t>(count));
    const bool outcomes = s_.has_status_quo();
    std::vector<long> agreed_flags(static_cast<std::size_t>(count), 0);
    std::atomic<bool> stopped{false};
    LowestFailure failure;  // a failure names the lowest failing run, whatever the number of threads
    tbb::parallel_for(tbb::blocked_range<long>(0, count), [&](const tbb::blocked_range<long>& range) {
        for (long i = range.begin(); i != range.end(); ++i) {
            if (interrupted && interrupted->load()) {
                stopped = true;
                return;
            }
            failure.run(i, [&] {
                const long index = next_run + i;
                const long b = index / reps, k = index % reps;
                const long p = point_of(b);
                const std::uint64_t run_seed = seed_ + static_cast<std::uint64_t>(k);
                const RunResult r =
                    simulate_run(s_, starts[static_cast<std::size_t>(b - first_point)], draws_, run_seed, false);
                CsvRow row;
                row.add_int(p).add_int(k).add_int(p * reps + k).add_uint(run_seed);
                for (double v : block_points_[static_cast<std::size_t>(b - first_point)]) row.add(v);
                add_outcome_fields(row, s_, r);
                rows[static_cast<std::size_t>(i)] = row.line();
                agreed_flags[static_cast<std::size_t>(i)] = r.agreed;
                for (std::size_t j = 0; j < m; ++j)
                    terms[static_cast<std::size_t>(i)].push_back(s_.issues[j].to_units(r.terms[j]));
                if (outcomes)
                    for (std::size_t j = 0; j < m; ++j)
                        outcome[static_cast<std::size_t>(i)].push_back(s_.issues[j].to_units(r.outcome[j]));
            });
        }
    });
    if (!stopped) failure.rethrow();
    Block block;
    if (stopped) {
        block.interrupted = true;
        return block;
    }
    for (long i = 0; i < count; ++i) {
        block.runs += rows[static_cast<std::size_t>(i)];
        point_agreed_ += agreed_flags[static_cast<std::size_t>(i)];
        for (std::size_t j = 0; j < m; ++j) point_terms_[j].push_back(terms[static_cast<std::size_t>(i)][j]);
        if (outcomes)
            for (std::size_t j = 0; j < m; ++j)
                if (s_.issues[j].has_status_quo) point_outcomes_[j].push_back(outcome[static_cast<std::size_t>(i)][j]);
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
    for (double v : block_points_[static_cast<std::size_t>(b - first_point_)]) row.add(v);
    row.add_int(reps_).add(static_cast<double>(point_agreed_) / static_cast<double>(reps_)).add(ci.low).add(ci.high);
    for (auto& terms : point_terms_) {
        const Summary t = summarize(terms);
        row.add_optional(t.mean).add_optional(t.sd);
        terms.clear();
    }
    if (s_.has_status_quo())
        for (auto& values : point_outcomes_) {
            const Summary t = summarize(values);
            row.add_optional(t.mean).add_optional(t.sd);
            values.clear();
        }
    point_agreed_ = 0;
    return row.line();
}

}  // namespace accord::detail
