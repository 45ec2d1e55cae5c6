#include "accord/monte_carlo.hpp"

#include <tbb/parallel_for.h>

#include "lowest_failure.hpp"

namespace accord {

namespace {

std::vector<RunResult> run_batch(const Scenario& s, const Params& start, const std::vector<Uncertain>& draws,
                                 const BatchOptions& o) {
    std::vector<RunResult> results(static_cast<std::size_t>(o.runs));
    // A failure names the lowest failing run, whatever the number of threads.
    detail::LowestFailure failure;
    tbb::parallel_for(tbb::blocked_range<long>(0, o.runs), [&](const tbb::blocked_range<long>& range) {
        for (long r = range.begin(); r != range.end(); ++r)
            failure.run(r, [&] {
                results[static_cast<std::size_t>(r)] =
                    simulate_run(s, start, draws, o.seed + static_cast<std::uint64_t>(r), r < o.trajectories);
            });
    });
    failure.rethrow();
    return results;
}

}  // namespace

std::vector<RunResult> run_monte_carlo(const Scenario& s, const Params& start, const BatchOptions& o) {
    return run_batch(s, start, s.uncertainty, o);
}

std::vector<RunResult> run_monte_carlo(const Scenario& s, const RunPlan& plan) {
    BatchOptions batch;
    batch.runs = plan.runs;
    batch.seed = plan.seed;
    batch.trajectories = plan.trajectories;
    return run_batch(s, plan.start, plan.draws, batch);
}

}  // namespace accord
