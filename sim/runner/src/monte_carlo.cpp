#include "accord/monte_carlo.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "lowest_failure.hpp"
#include "run_pairs.hpp"

namespace accord {

namespace {

std::vector<RunResult> run_batch(const Scenario& s, const Params& start, const std::vector<Uncertain>& draws,
                                 const BatchOptions& o) {
    std::vector<RunResult> results(static_cast<std::size_t>(o.runs));
    RowsReuse reuse = RowsReuse::for_start(s, draws);
    // A failure names the lowest failing run, whatever the number of threads.
    detail::LowestFailure failure;
    const bool pairs = runs_pair(s, reuse, RoundPath::fast);
    reuse.paired = pairs && o.runs > 1;
    const auto seed = [&](long r) { return o.seed + static_cast<std::uint64_t>(r); };
    detail::parallel_runs_in_pairs(
        o.runs, pairs,
        [&](long r) {
            failure.run(r, [&] {
                results[static_cast<std::size_t>(r)] =
                    simulate_run(s, start, draws, seed(r), r < o.trajectories, RoundPath::fast, reuse);
            });
        },
        [&](long r) {
            if (failure.skip(r)) return true;  // runs r and r + 1 cannot change which failure is reported
            auto both = simulate_run_pair(s, start, draws, {seed(r), seed(r + 1)},
                                          {r < o.trajectories, r + 1 < o.trajectories}, RoundPath::fast, reuse);
            results[static_cast<std::size_t>(r)] = std::move(both[0]);
            results[static_cast<std::size_t>(r + 1)] = std::move(both[1]);
            return true;
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

void stream_monte_carlo(const Scenario& s, const RunPlan& plan, const RunConsumer& consume, long block_runs,
                        RunSpread spread) {
    block_runs = std::max(1L, block_runs);
    struct Block {
        long first = 0;
        std::vector<RunResult> runs;
        std::exception_ptr error;  // of the block's lowest failing run; the runs after it are not computed
    };
    using BlockPtr = std::shared_ptr<Block>;
    long next = 0;
    std::atomic<bool> failed{false};
    std::exception_ptr error;  // the first failure in run order (set by the last, serial stage only)
    RowsReuse reuse = RowsReuse::for_start(s, plan.draws);
    const bool pairs = runs_pair(s, reuse, RoundPath::fast);
    // Blocks of whole pairs, fewer runs rather than more (the memory of the blocks in flight).
    if (pairs && block_runs > 1) block_runs -= block_runs % 2;
    reuse.paired = pairs && block_runs > 1 && plan.runs > 1;
    // Blocks are computed in parallel, each on one thread, and consumed in order: a few blocks per
    // thread in flight keep every thread busy while one consumes. Within a run, the blocks are
    // computed one at a time, every thread joining the split rounds of the one run (run_spread.hpp).
    const auto tokens = static_cast<std::size_t>(4 * std::max(1, tbb::this_task_arena::max_concurrency()));
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, BlockPtr>(tbb::filter_mode::serial_in_order,
                                         [&](tbb::flow_control& control) -> BlockPtr {
                                             if (next >= plan.runs || failed.load()) {
                                                 control.stop();
                                                 return nullptr;
                                             }
                                             auto block = std::make_shared<Block>();
                                             block->first = next;
                                             next += std::min(block_runs, plan.runs - next);
                                             block->runs.resize(static_cast<std::size_t>(next - block->first));
                                             return block;
                                         }) &
            tbb::make_filter<BlockPtr, BlockPtr>(
                spread == RunSpread::within_run ? tbb::filter_mode::serial_in_order : tbb::filter_mode::parallel,
                [&](BlockPtr block) {
                    if (failed.load()) return block;  // a block before it failed: not computed, not consumed
                    const auto seed = [&](long i) { return plan.seed + static_cast<std::uint64_t>(block->first + i); };
                    const auto record = [&](long i) { return block->first + i < plan.trajectories; };
                    try {
                        detail::runs_in_pairs(
                            0, static_cast<long>(block->runs.size()), pairs,
                            [&](long i) {
                                block->runs[static_cast<std::size_t>(i)] =
                                    simulate_run(s, plan.start, plan.draws, seed(i), record(i), RoundPath::fast, reuse,
                                                 DecisionPath::quick, plan.final_zone);
                            },
                            [&](long i) {
                                auto both = simulate_run_pair(s, plan.start, plan.draws, {seed(i), seed(i + 1)},
                                                              {record(i), record(i + 1)}, RoundPath::fast, reuse,
                                                              DecisionPath::quick, plan.final_zone);
                                block->runs[static_cast<std::size_t>(i)] = std::move(both[0]);
                                block->runs[static_cast<std::size_t>(i + 1)] = std::move(both[1]);
                                return true;
                            });
                    } catch (...) {
                        block->error = std::current_exception();  // the runs after it are not computed
                    }
                    return block;
                }) &
            tbb::make_filter<BlockPtr, void>(tbb::filter_mode::serial_in_order, [&](BlockPtr block) {
                // In run order: the first failing block holds the lowest failing run of the batch.
                if (error) return;
                if (block->error) {
                    error = block->error;
                    failed.store(true);
                    return;
                }
                try {
                    consume(block->first, block->runs);
                } catch (...) {
                    error = std::current_exception();
                    failed.store(true);
                }
            }));
    // Nothing is thrown through the pipeline: a cancelled oneTBB pipeline does not destroy the blocks
    // in flight (LeakSanitizer found them), so the blocks after a failure drain uncomputed instead.
    if (error) std::rethrow_exception(error);
}

}  // namespace accord
